//! Messages with plural forms, chosen by CLDR plural rules for the project's
//! languages (English and Welsh). The widgets and the Worker both count with these.

use serde::Deserialize;

/// A message with plural forms, as written in a translation file (`{n}` is the number).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Plural {
    /// Form for the "zero" category (Welsh).
    #[serde(default)]
    pub zero: Option<String>,
    /// Form for "one".
    #[serde(default)]
    pub one: Option<String>,
    /// Form for "two" (Welsh).
    #[serde(default)]
    pub two: Option<String>,
    /// Form for "few" (Welsh).
    #[serde(default)]
    pub few: Option<String>,
    /// Form for "many" (Welsh).
    #[serde(default)]
    pub many: Option<String>,
    /// Form for every other number; always present.
    pub other: String,
}

/// A CLDR plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Welsh 0.
    Zero,
    /// 1 in both languages.
    One,
    /// Welsh 2.
    Two,
    /// Welsh 3.
    Few,
    /// Welsh 6.
    Many,
    /// Every other number.
    Other,
}

/// The plural category of the whole number `n` in `lang` (`cy` Welsh, anything else English).
pub fn category(lang: &str, n: u64) -> Category {
    match (lang, n) {
        ("cy", 0) => Category::Zero,
        (_, 1) => Category::One,
        ("cy", 2) => Category::Two,
        ("cy", 3) => Category::Few,
        ("cy", 6) => Category::Many,
        _ => Category::Other,
    }
}

impl Plural {
    /// The form for `n` in `lang`, with `{n}` filled in; `other` when the file lacks the form.
    pub fn count(&self, lang: &str, n: u64) -> String {
        let form = match category(lang, n) {
            Category::Zero => self.zero.as_ref(),
            Category::One => self.one.as_ref(),
            Category::Two => self.two.as_ref(),
            Category::Few => self.few.as_ref(),
            Category::Many => self.many.as_ref(),
            Category::Other => None,
        };
        form.unwrap_or(&self.other).replace("{n}", &n.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn welsh_points() -> Plural {
        Plural {
            zero: Some("{n} pwynt canran (zero)".into()),
            one: Some("{n} pwynt canran".into()),
            two: Some("{n} bwynt canran".into()),
            few: Some("{n} phwynt canran".into()),
            many: Some("{n} phwynt canran (many)".into()),
            other: "{n} pwynt canran (other)".into(),
        }
    }

    #[test]
    fn english_has_one_and_other() {
        let p = Plural { one: Some("{n} point".into()), other: "{n} points".into(), ..Plural::default() };
        assert_eq!(p.count("en", 1), "1 point");
        assert_eq!(p.count("en", 0), "0 points");
        assert_eq!(p.count("en", 2), "2 points");
        assert_eq!(p.count("en", 6), "6 points");
    }

    #[test]
    fn welsh_uses_all_six_categories() {
        let p = welsh_points();
        assert_eq!(p.count("cy", 0), "0 pwynt canran (zero)");
        assert_eq!(p.count("cy", 1), "1 pwynt canran");
        assert_eq!(p.count("cy", 2), "2 bwynt canran");
        assert_eq!(p.count("cy", 3), "3 phwynt canran");
        assert_eq!(p.count("cy", 6), "6 phwynt canran (many)");
        assert_eq!(p.count("cy", 4), "4 pwynt canran (other)");
        assert_eq!(p.count("cy", 11), "11 pwynt canran (other)");
    }

    #[test]
    fn a_missing_form_falls_back_to_other() {
        let p = Plural { other: "{n} pwynt".into(), ..Plural::default() };
        assert_eq!(p.count("cy", 2), "2 pwynt");
    }

    #[test]
    fn reads_a_translation_file_entry() {
        let p: Plural = serde_json::from_str(r#"{"one": "{n} point", "other": "{n} points"}"#).unwrap();
        assert_eq!(p.count("en", 3), "3 points");
    }
}
