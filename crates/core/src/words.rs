//! How translated text is put together: `{name}` placeholders, and the
//! wording of skill levels and required ranges. The widgets and the Worker's
//! first paints write the same sentences from the same translation files
//! with these, so a first paint and the widget that takes its place agree.

use crate::skill::{LevelRange, Scale};
use std::fmt::Display;

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &dyn Display)]) -> String {
    values.iter().fold(template.to_owned(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), &value.to_string())
    })
}

/// The translation files' words for skill levels, in one language.
#[derive(Debug, Clone, Copy)]
pub struct LevelWords<'a> {
    /// The four DDaT level names, lowest first ("Awareness" … "Expert").
    pub ddat: &'a [String],
    /// An SFIA level, with `{n}` ("Level {n}").
    pub sfia: &'a str,
    /// An SFIA range, with `{min}` and `{max}` ("Levels {min} to {max}").
    pub between_sfia: &'a str,
    /// A DDaT range, with `{min}` and `{max}` ("{min} to {max}").
    pub between_ddat: &'a str,
    /// An open range, with `{level}` ("{level} or above").
    pub at_least: &'a str,
}

impl LevelWords<'_> {
    /// How a level is shown on its radio button: the DDaT name, else the SFIA level.
    pub fn level(&self, scale: Scale, rank: u8) -> String {
        match scale {
            Scale::Ddat if (1..=4).contains(&rank) => {
                self.ddat.get(usize::from(rank) - 1).cloned().unwrap_or_default()
            }
            _ => fill(self.sfia, &[("n", &rank)]),
        }
    }

    /// How a required range is written ("Expert", "Level 4", "Level 5 or above",
    /// "Practitioner to expert"); `lower` lower-cases a level name for the language.
    pub fn range(&self, scale: Scale, range: LevelRange, lower: impl Fn(&str) -> String) -> String {
        match (scale, range.max) {
            (_, Some(max)) if max == range.min => self.level(scale, max),
            (Scale::Sfia, Some(max)) => fill(self.between_sfia, &[("min", &range.min), ("max", &max)]),
            (Scale::Ddat, Some(max)) => fill(
                self.between_ddat,
                &[("min", &self.level(scale, range.min)), ("max", &lower(&self.level(scale, max)))],
            ),
            (_, None) => fill(self.at_least, &[("level", &self.level(scale, range.min))]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english(ddat: &[String]) -> LevelWords<'_> {
        LevelWords {
            ddat,
            sfia: "Level {n}",
            between_sfia: "Levels {min} to {max}",
            between_ddat: "{min} to {max}",
            at_least: "{level} or above",
        }
    }

    #[test]
    fn fill_replaces_every_placeholder_and_leaves_others() {
        assert_eq!(fill("{a} and {b}, {a} again, {c}", &[("a", &1), ("b", &"2")]), "1 and 2, 1 again, {c}");
    }

    #[test]
    fn ranges_are_written_as_one_level_a_span_or_open_ended() {
        let ddat = ["Awareness", "Working", "Practitioner", "Expert"].map(str::to_owned);
        let words = english(&ddat);
        let lower = |s: &str| s.to_lowercase();
        assert_eq!(words.level(Scale::Ddat, 3), "Practitioner");
        assert_eq!(words.level(Scale::Sfia, 5), "Level 5");
        assert_eq!(words.range(Scale::Ddat, LevelRange::exactly(4), lower), "Expert");
        assert_eq!(words.range(Scale::Ddat, LevelRange::between(3, 4), lower), "Practitioner to expert");
        assert_eq!(words.range(Scale::Sfia, LevelRange::between(3, 4), lower), "Levels 3 to 4");
        assert_eq!(words.range(Scale::Sfia, LevelRange::exactly(4), lower), "Level 4");
        assert_eq!(words.range(Scale::Sfia, LevelRange::at_least(5), lower), "Level 5 or above");
        assert_eq!(words.range(Scale::Ddat, LevelRange::at_least(2), lower), "Working or above");
    }
}
