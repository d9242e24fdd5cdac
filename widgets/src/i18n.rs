//! User-facing text, loaded from the translation files `widgets/i18n/{en,cy}/*.json`,
//! one file per widget (English complete; Welsh may be partial and falls back to English key by key).
//! A widget's language comes from its `lang` attribute.

use js_sys::{Array, Object, Reflect, JSON};
use leptos::prelude::*;
#[cfg(feature = "self-assessment")]
use servicekit_core::assessment::{AnswerProblem, MAX_EVIDENCE_CHARS};
use servicekit_core::plural::Plural;
#[cfg(feature = "team-coverage")]
use servicekit_core::team::{CoverageRequestProblem, TeamProblem, MAX_NAME_CHARS};
#[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
use servicekit_core::words::LevelWords;
#[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
use servicekit_core::{GapStatus, GapSummary, LevelRange, Scale};
use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// A language's translation files for the widgets in this bundle: each bundle
/// carries the text of its own widgets only (`skills` is shared by the
/// self-assessment and team coverage).
macro_rules! translation_files {
    ($lang:literal) => {
        &[
            include_str!(concat!("../i18n/", $lang, "/common.json")),
            #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
            include_str!(concat!("../i18n/", $lang, "/skills.json")),
            #[cfg(feature = "self-assessment")]
            include_str!(concat!("../i18n/", $lang, "/self-assessment.json")),
            #[cfg(feature = "team-coverage")]
            include_str!(concat!("../i18n/", $lang, "/team-coverage.json")),
            #[cfg(feature = "contract")]
            include_str!(concat!("../i18n/", $lang, "/contract.json")),
            #[cfg(feature = "take-up")]
            include_str!(concat!("../i18n/", $lang, "/take-up.json")),
            #[cfg(feature = "feedback")]
            include_str!(concat!("../i18n/", $lang, "/feedback.json")),
            #[cfg(feature = "manage")]
            include_str!(concat!("../i18n/", $lang, "/manage.json")),
        ]
    };
}

const EN: &[&str] = translation_files!("en");
const CY: &[&str] = translation_files!("cy");

/// Every string the widgets show, in one language: `field: Type` read from the
/// translation file's key of the same name (see [`Text`]).
macro_rules! strings {
    ($( #[doc = $doc:literal] $(#[cfg($cfg:meta)])? $field:ident : $ty:ty, )*) => {
        /// Every string the widgets of this bundle show, in one language.
        #[derive(Debug)]
        pub struct Strings {
            /// BCP 47 language tag, `en` or `cy`.
            pub lang: &'static str,
            $( #[doc = $doc] $(#[cfg($cfg)])? pub $field: $ty, )*
        }

        impl Strings {
            /// Reads every field from the translation files' object, parsed by the browser.
            ///
            /// A key missing from this bundle's files (a string filed under
            /// another widget's file) reads as empty and is reported on the console.
            fn from_json(lang: &'static str, file: &JsValue) -> Strings {
                let keys: &[&str] = &[$( $(#[cfg($cfg)])? stringify!($field), )*];
                let missing: Vec<&str> =
                    keys.iter().copied().filter(|key| field(file, key).is_undefined()).collect();
                if !missing.is_empty() {
                    leptos::logging::error!(
                        "servicekit: this bundle's {lang} translation files lack {}",
                        missing.join(", ")
                    );
                }
                Strings { lang, $( $(#[cfg($cfg)])? $field: text_at(file, stringify!($field)), )* }
            }
        }
    };
}

strings! {
    /// `title` in the translation files.
    #[cfg(feature = "self-assessment")]
    title: String,
    /// `loading` in the translation files.
    #[cfg(feature = "self-assessment")]
    loading: String,
    /// `load_failed` in the translation files.
    #[cfg(feature = "self-assessment")]
    load_failed: String,
    /// `evidence_label` in the translation files.
    #[cfg(feature = "self-assessment")]
    evidence_label: String,
    /// `evidence_hint` in the translation files.
    #[cfg(feature = "self-assessment")]
    evidence_hint: String,
    /// `summary_heading` in the translation files.
    #[cfg(feature = "self-assessment")]
    summary_heading: String,
    /// `submit` in the translation files.
    #[cfg(feature = "self-assessment")]
    submit: String,
    /// `submitting` in the translation files.
    #[cfg(feature = "self-assessment")]
    submitting: String,
    /// `error_summary` in the translation files.
    error_summary: String,
    /// `submit_unreachable` in the translation files.
    #[cfg(feature = "self-assessment")]
    submit_unreachable: String,
    /// `saved_heading` in the translation files.
    #[cfg(feature = "self-assessment")]
    saved_heading: String,
    /// `saved_body` in the translation files.
    #[cfg(feature = "self-assessment")]
    saved_body: String,
    /// `saved_link` in the translation files.
    #[cfg(feature = "self-assessment")]
    saved_link: String,
    /// `saved_token` in the translation files.
    #[cfg(feature = "self-assessment")]
    saved_token: String,
    /// `start_again` in the translation files.
    #[cfg(feature = "self-assessment")]
    start_again: String,
    /// `required` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    required: String,
    /// `source_link` in the translation files.
    #[cfg(feature = "self-assessment")]
    source_link: String,
    /// `context_legend` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    context_legend: String,
    /// `context_hint` in the translation files.
    #[cfg(feature = "self-assessment")]
    context_hint: String,
    /// `context_large` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    context_large: String,
    /// `context_outsources` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    context_outsources: String,
    /// `context_products` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    context_products: String,
    /// `skill_link` in the translation files.
    #[cfg(feature = "self-assessment")]
    skill_link: String,
    /// `chart_title` in the translation files.
    #[cfg(feature = "self-assessment")]
    chart_title: String,
    /// `chart_legend` in the translation files.
    #[cfg(feature = "self-assessment")]
    chart_legend: String,
    /// `chart_levels_sfia` in the translation files.
    #[cfg(feature = "self-assessment")]
    chart_levels_sfia: String,
    /// `table_caption` in the translation files.
    #[cfg(feature = "self-assessment")]
    table_caption: String,
    /// `table_skill` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    table_skill: String,
    /// `table_yours` in the translation files.
    #[cfg(feature = "self-assessment")]
    table_yours: String,
    /// `table_gap` in the translation files.
    #[cfg(feature = "self-assessment")]
    table_gap: String,
    /// `team_title` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_title: String,
    /// `team_intro` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_intro: String,
    /// `team_unreachable` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_unreachable: String,
    /// `team_create` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_create: String,
    /// `team_name` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_name: String,
    /// `team_role` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_role: String,
    /// `team_role_choose` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    team_role_choose: String,
    /// `team_context_hint` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_context_hint: String,
    /// `team_create_button` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_create_button: String,
    /// `team_created` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_created: String,
    /// `team_created_body` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_created_body: String,
    /// `team_id` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_id: String,
    /// `team_key` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_key: String,
    /// `team_snippet` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_snippet: String,
    /// `team_view` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_view: String,
    /// `team_view_button` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_view_button: String,
    /// `team_table_caption` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_table_caption: String,
    /// `team_reaching` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_reaching: String,
    /// `team_best` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_best: String,
    /// `team_covered_heading` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_covered_heading: String,
    /// `team_covered` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_covered: String,
    /// `team_not_covered` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_not_covered: String,
    /// `team_name_missing` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_name_missing: String,
    /// `team_name_too_long` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_name_too_long: String,
    /// `team_role_missing` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_role_missing: String,
    /// `team_role_unknown` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_role_unknown: String,
    /// `team_id_missing` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_id_missing: String,
    /// `team_key_missing` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_key_missing: String,
    /// `team_not_found` in the translation files.
    #[cfg(feature = "team-coverage")]
    team_not_found: String,
    /// `answers_heading` in the translation files.
    #[cfg(feature = "self-assessment")]
    answers_heading: String,
    /// `download_json` in the translation files.
    #[cfg(feature = "self-assessment")]
    download_json: String,
    /// `download_csv` in the translation files.
    #[cfg(feature = "self-assessment")]
    download_csv: String,
    /// `import_label` in the translation files.
    #[cfg(feature = "self-assessment")]
    import_label: String,
    /// `import_hint` in the translation files.
    #[cfg(feature = "self-assessment")]
    import_hint: String,
    /// `import_done` in the translation files.
    #[cfg(feature = "self-assessment")]
    import_done: String,
    /// `import_not_assessment` in the translation files.
    #[cfg(feature = "self-assessment")]
    import_not_assessment: String,
    /// `import_refused` in the translation files.
    #[cfg(feature = "self-assessment")]
    import_refused: String,
    /// `problem_no_role` in the translation files.
    #[cfg(feature = "self-assessment")]
    problem_no_role: String,
    /// `problem_unknown_role` in the translation files.
    #[cfg(feature = "self-assessment")]
    problem_unknown_role: String,
    /// `problem_other_role` in the translation files.
    #[cfg(feature = "self-assessment")]
    problem_other_role: String,
    /// `problem_unknown_skill` in the translation files.
    #[cfg(feature = "self-assessment")]
    problem_unknown_skill: String,
    /// `problem_no_level` in the translation files.
    #[cfg(feature = "self-assessment")]
    problem_no_level: String,
    /// `problem_not_a_level_ddat` in the translation files.
    #[cfg(feature = "self-assessment")]
    problem_not_a_level_ddat: String,
    /// `problem_not_a_level_sfia` in the translation files.
    #[cfg(feature = "self-assessment")]
    problem_not_a_level_sfia: String,
    /// `problem_evidence_too_long` in the translation files.
    #[cfg(feature = "self-assessment")]
    problem_evidence_too_long: String,
    /// `problem_not_a_team` in the translation files.
    #[cfg(feature = "self-assessment")]
    problem_not_a_team: String,
    /// `print` in the translation files.
    #[cfg(feature = "self-assessment")]
    print: String,
    /// `pack_title` in the translation files.
    #[cfg(feature = "self-assessment")]
    pack_title: String,
    /// `pack_date` in the translation files.
    #[cfg(feature = "self-assessment")]
    pack_date: String,
    /// `pack_source` in the translation files.
    #[cfg(feature = "self-assessment")]
    pack_source: String,
    /// `table_change` in the translation files.
    #[cfg(feature = "self-assessment")]
    table_change: String,
    /// `level_ddat` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    level_ddat: [String; 4],
    /// `level_sfia` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    level_sfia: String,
    /// `range_between_sfia` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    range_between_sfia: String,
    /// `range_between_ddat` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    range_between_ddat: String,
    /// `range_at_least` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    range_at_least: String,
    /// `gap_met` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    gap_met: String,
    /// `gap_not_rated` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    gap_not_rated: String,
    /// `gap_below` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    gap_below: Plural,
    /// `gap_above` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    gap_above: Plural,
    /// `summary` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    summary: String,
    /// `team_taken_part` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    team_taken_part: Plural,
    /// `team_appears` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    team_appears: String,
    /// `team_summary` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    team_summary: String,
    /// `change_none` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    change_none: String,
    /// `change_same` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    change_same: String,
    /// `change_up` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    change_up: Plural,
    /// `change_down` in the translation files.
    #[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
    change_down: Plural,
    /// `error_prefix` in the translation files.
    #[cfg(feature = "self-assessment")]
    error_prefix: String,
    /// `choose_role` in the translation files.
    #[cfg(feature = "self-assessment")]
    choose_role: String,
    /// `start` in the translation files.
    #[cfg(feature = "self-assessment")]
    start: String,
    /// `clear_answers` in the translation files.
    #[cfg(feature = "self-assessment")]
    clear_answers: String,
    /// `clear_confirm` in the translation files.
    #[cfg(feature = "self-assessment")]
    clear_confirm: String,
    /// `delete_saved` in the translation files.
    #[cfg(feature = "self-assessment")]
    delete_saved: String,
    /// `deleted` in the translation files.
    #[cfg(feature = "self-assessment")]
    deleted: String,
    /// `delete_failed` in the translation files.
    #[cfg(feature = "self-assessment")]
    delete_failed: String,
    /// `take_up_title` in the translation files.
    #[cfg(feature = "take-up")]
    take_up_title: String,
    /// `take_up_loading` in the translation files.
    #[cfg(feature = "take-up")]
    take_up_loading: String,
    /// `take_up_unreachable` in the translation files.
    #[cfg(feature = "take-up")]
    take_up_unreachable: String,
    /// `take_up_keys` in the translation files.
    #[cfg(feature = "take-up")]
    take_up_keys: String,
    /// `take_up_show_table` in the translation files.
    #[cfg(feature = "take-up")]
    take_up_show_table: String,
    /// `take_up_hide_table` in the translation files.
    #[cfg(feature = "take-up")]
    take_up_hide_table: String,
    /// `take_up_show_mix` in the translation files.
    #[cfg(feature = "take-up")]
    take_up_show_mix: String,
    /// `take_up_hide_mix` in the translation files.
    #[cfg(feature = "take-up")]
    take_up_hide_mix: String,
    /// `take_up_mix_caption` in the translation files.
    #[cfg(feature = "take-up")]
    take_up_mix_caption: String,
    /// `take_up_csv` in the translation files.
    #[cfg(feature = "take-up")]
    take_up_csv: String,
    /// `column_completed` in the translation files.
    #[cfg(feature = "take-up")]
    column_completed: String,
    /// `column_channel` in the translation files.
    #[cfg(feature = "take-up")]
    column_channel: String,
    /// `column_share` in the translation files.
    #[cfg(feature = "take-up")]
    column_share: String,
    /// `feedback_legend` in the translation files.
    #[cfg(feature = "feedback")]
    feedback_legend: String,
    /// `feedback_ratings` in the translation files.
    #[cfg(feature = "feedback")]
    feedback_ratings: Vec<String>,
    /// `feedback_comment_label` in the translation files.
    #[cfg(feature = "feedback")]
    feedback_comment_label: String,
    /// `feedback_comment_hint` in the translation files.
    #[cfg(feature = "feedback")]
    feedback_comment_hint: String,
    /// `feedback_remaining` in the translation files.
    #[cfg(feature = "feedback")]
    feedback_remaining: Plural,
    /// `feedback_too_long` in the translation files.
    #[cfg(feature = "feedback")]
    feedback_too_long: Plural,
    /// `feedback_choose` in the translation files.
    #[cfg(feature = "feedback")]
    feedback_choose: String,
    /// `feedback_submit` in the translation files.
    #[cfg(feature = "feedback")]
    feedback_submit: String,
    /// `feedback_sending` in the translation files.
    #[cfg(feature = "feedback")]
    feedback_sending: String,
    /// `feedback_thanks_title` in the translation files.
    #[cfg(feature = "feedback")]
    feedback_thanks_title: String,
    /// `feedback_thanks_body` in the translation files.
    #[cfg(feature = "feedback")]
    feedback_thanks_body: String,
    /// `feedback_unreachable` in the translation files.
    #[cfg(feature = "feedback")]
    feedback_unreachable: String,
    /// The manage page's text, by key (`manage` in the translation files).
    #[cfg(feature = "manage")]
    manage: std::collections::BTreeMap<String, String>,
    /// `csv_problem_count` in the translation files.
    #[cfg(feature = "manage")]
    csv_problem_count: Plural,
    /// `csv_row_count` in the translation files.
    #[cfg(feature = "manage")]
    csv_row_count: Plural,
    /// `rows_stored` in the translation files.
    #[cfg(feature = "manage")]
    rows_stored: Plural,
    /// `origin_refused` in the translation files.
    origin_refused: String,
    /// `too_many_requests` in the translation files.
    too_many_requests: String,
    /// `loading_contract` in the translation files.
    #[cfg(feature = "contract")]
    loading_contract: String,
    /// `contract_unreachable` in the translation files.
    #[cfg(feature = "contract")]
    contract_unreachable: String,
}

/// `object[key]`; `undefined` when it is missing or `object` is not an object.
fn field(object: &JsValue, key: &str) -> JsValue {
    if object.is_object() {
        Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// The value at `key` of a translation file's object (one copy per type, not
/// one per field: about 4 KB less wasm, before compression, for all five widgets).
#[inline(never)]
fn text_at<T: Text>(file: &JsValue, key: &str) -> T {
    T::read(&field(file, key))
}

/// A value read from a translation file (done by hand, not by serde: one small
/// function per type instead of a generated visitor for every field).
trait Text: Sized {
    /// The value at a key; empty when the key is missing or of another shape.
    fn read(value: &JsValue) -> Self;
}

impl Text for String {
    fn read(value: &JsValue) -> Self {
        value.as_string().unwrap_or_default()
    }
}

impl Text for Vec<String> {
    fn read(value: &JsValue) -> Self {
        if Array::is_array(value) {
            Array::from(value).iter().map(|v| String::read(&v)).collect()
        } else {
            Vec::new()
        }
    }
}

impl Text for [String; 4] {
    fn read(value: &JsValue) -> Self {
        let mut items = Vec::<String>::read(value).into_iter();
        std::array::from_fn(|_| items.next().unwrap_or_default())
    }
}

impl Text for std::collections::BTreeMap<String, String> {
    fn read(value: &JsValue) -> Self {
        if !value.is_object() || Array::is_array(value) {
            return Self::new();
        }
        Object::entries(&Object::from(value.clone()))
            .iter()
            .map(|entry| {
                let pair = Array::from(&entry);
                (String::read(&pair.get(0)), String::read(&pair.get(1)))
            })
            .collect()
    }
}

impl Text for Plural {
    fn read(value: &JsValue) -> Self {
        let form = |name: &str| field(value, name).as_string();
        Plural {
            zero: form("zero"),
            one: form("one"),
            two: form("two"),
            few: form("few"),
            many: form("many"),
            other: form("other").unwrap_or_default(),
        }
    }
}

#[cfg(any(feature = "self-assessment", feature = "team-coverage", feature = "take-up"))]
pub use servicekit_core::words::fill;

thread_local! {
    static LOADED: RefCell<Vec<&'static Strings>> = const { RefCell::new(Vec::new()) };
}

/// The strings for `lang` (`cy…` is Welsh; anything else English), loaded once.
pub fn strings(lang: &str) -> &'static Strings {
    let lang: &'static str = if lang.trim().to_ascii_lowercase().starts_with("cy") { "cy" } else { "en" };
    if let Some(found) = LOADED.with(|l| l.borrow().iter().copied().find(|s| s.lang == lang)) {
        return found;
    }
    // Parsed by the browser's JSON.parse: no JSON parser in the wasm for this.
    let merged = Object::new();
    // Welsh keys over English ones: a key not yet translated stays English.
    let files = EN.iter().chain(if lang == "cy" { CY } else { &[] });
    for file in files {
        let parsed = JSON::parse(file).expect("translation files are valid JSON");
        Object::assign(&merged, &Object::from(parsed));
    }
    let loaded = Strings::from_json(lang, &merged);
    let loaded: &'static Strings = Box::leak(Box::new(loaded));
    LOADED.with(|l| l.borrow_mut().push(loaded));
    loaded
}

/// The strings of the widget being rendered (English if none were provided).
pub fn use_strings() -> &'static Strings {
    use_context::<&'static Strings>().unwrap_or_else(|| strings("en"))
}

#[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
impl Strings {
    /// The translation files' words for levels, for core's wording of them.
    fn level_words(&self) -> LevelWords<'_> {
        LevelWords {
            ddat: &self.level_ddat,
            sfia: &self.level_sfia,
            between_sfia: &self.range_between_sfia,
            between_ddat: &self.range_between_ddat,
            at_least: &self.range_at_least,
        }
    }

    /// How a level is shown on its radio button.
    pub fn level_label(&self, scale: Scale, rank: u8) -> String {
        self.level_words().level(scale, rank)
    }

    /// `text` in lower case by the browser's rules for the language (no Unicode case tables in the wasm).
    pub fn lower(&self, text: &str) -> String {
        js_sys::JsString::from(text).to_locale_lower_case(Some(self.lang)).into()
    }

    /// How a required range is written: "Expert", "Level 4", "Level 5 or above", "Levels 3 to 4".
    pub fn range_label(&self, scale: Scale, range: LevelRange) -> String {
        self.level_words().range(scale, range, |text| self.lower(text))
    }

    /// A problem with an answer, in the reader's language.
    #[cfg(feature = "self-assessment")]
    pub fn answer_problem(&self, problem: &AnswerProblem) -> String {
        match problem {
            AnswerProblem::NoRole => self.problem_no_role.clone(),
            AnswerProblem::UnknownRole { role } => fill(&self.problem_unknown_role, &[("role", role)]),
            AnswerProblem::OtherRole { file, form } => {
                fill(&self.problem_other_role, &[("file", file), ("form", form)])
            }
            AnswerProblem::UnknownSkill { role, skill } => {
                fill(&self.problem_unknown_skill, &[("role", role), ("skill", skill)])
            }
            AnswerProblem::NoLevel { skill } => fill(&self.problem_no_level, &[("skill", skill)]),
            AnswerProblem::NotALevel { given, scale: Scale::Ddat } => {
                fill(&self.problem_not_a_level_ddat, &[("given", given)])
            }
            AnswerProblem::NotALevel { given, scale: Scale::Sfia } => {
                fill(&self.problem_not_a_level_sfia, &[("given", given)])
            }
            AnswerProblem::EvidenceTooLong { skill, chars } => fill(
                &self.problem_evidence_too_long,
                &[("skill", skill), ("max", &MAX_EVIDENCE_CHARS), ("chars", chars)],
            ),
            AnswerProblem::NotATeam => self.problem_not_a_team.clone(),
        }
    }

    /// One line describing a skill's gap.
    pub fn gap_line(&self, status: GapStatus, gap: Option<i8>) -> String {
        match (status, gap) {
            (GapStatus::Met, _) => self.gap_met.clone(),
            (GapStatus::Below, Some(n)) => self.gap_below.count(self.lang, n.unsigned_abs().into()),
            (GapStatus::Above, Some(n)) => self.gap_above.count(self.lang, n.unsigned_abs().into()),
            _ => self.gap_not_rated.clone(),
        }
    }

    /// The live summary sentence.
    pub fn summary_line(&self, summary: &GapSummary) -> String {
        fill(
            &self.summary,
            &[
                ("met", &summary.met),
                ("below", &summary.below),
                ("above", &summary.above),
                ("not_rated", &summary.not_rated),
            ],
        )
    }

    /// A problem with a new team, in the reader's language.
    #[cfg(feature = "team-coverage")]
    pub fn team_problem(&self, problem: &TeamProblem) -> String {
        match problem {
            TeamProblem::NoName => self.team_name_missing.clone(),
            TeamProblem::NameTooLong => fill(&self.team_name_too_long, &[("max", &MAX_NAME_CHARS)]),
            TeamProblem::NoRole => self.team_role_missing.clone(),
            TeamProblem::UnknownRole { .. } => self.team_role_unknown.clone(),
        }
    }

    /// What is missing from a request for a team's coverage, in the reader's language.
    #[cfg(feature = "team-coverage")]
    pub fn coverage_request_problem(&self, problem: CoverageRequestProblem) -> String {
        match problem {
            CoverageRequestProblem::NoTeamId => self.team_id_missing.clone(),
            CoverageRequestProblem::NoLeadKey => self.team_key_missing.clone(),
        }
    }

    /// Why team coverage is not shown yet.
    pub fn team_too_few(&self, members: usize, needed: usize) -> String {
        let taken = self.team_taken_part.count(self.lang, members as u64);
        format!("{taken} {}", fill(&self.team_appears, &[("needed", &needed)]))
    }

    /// The team coverage summary line.
    pub fn team_summary_line(&self, team: &str, covered: usize, skills: usize, members: usize) -> String {
        fill(
            &self.team_summary,
            &[("team", &team), ("covered", &covered), ("skills", &skills), ("members", &members)],
        )
    }

    /// How a skill moved since the last saved assessment.
    pub fn change_line(&self, change: Option<i8>) -> String {
        match change {
            None => self.change_none.clone(),
            Some(0) => self.change_same.clone(),
            Some(n) if n > 0 => self.change_up.count(self.lang, n.unsigned_abs().into()),
            Some(n) => self.change_down.count(self.lang, n.unsigned_abs().into()),
        }
    }
}
