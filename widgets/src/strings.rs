//! Every user-facing string of the widgets, in one place (English).

/// Heading of the self-assessment widget.
pub const TITLE: &str = "Assess your skills";
/// Shown while the role profile loads.
pub const LOADING: &str = "Loading the role profile…";
/// Shown when the API cannot be reached while loading.
pub const LOAD_FAILED: &str =
    "We could not load the role profile because the servicekit service is not answering. Check your connection and reload the page.";
/// Label of the optional evidence box.
pub const EVIDENCE_LABEL: &str = "Evidence (optional)";
/// Hint under the evidence label.
pub const EVIDENCE_HINT: &str =
    "What would you point to? For example a project, a decision or feedback you received.";
/// Heading of the live summary.
pub const SUMMARY_HEADING: &str = "Your gaps so far";
/// Submit button text.
pub const SUBMIT: &str = "Save my assessment";
/// Submit button text while sending.
pub const SUBMITTING: &str = "Saving…";
/// Heading of the error summary.
pub const ERROR_SUMMARY: &str = "There is a problem";
/// Shown when the API is unreachable on submit.
pub const SUBMIT_UNREACHABLE: &str =
    "We could not save your assessment because the servicekit service is not answering. Your answers are kept in this browser; try again in a few minutes.";
/// Heading shown after a successful save.
pub const SAVED_HEADING: &str = "Assessment saved";
/// Explains the link and token after a save.
pub const SAVED_BODY: &str =
    "Keep this link and key somewhere private. Anyone with both can read your assessment; without the key nobody can.";
/// Label of the link to the saved record.
pub const SAVED_LINK: &str = "Your assessment";
/// Label of the secret key.
pub const SAVED_TOKEN: &str = "Your private key";
/// Button to start again after saving.
pub const START_AGAIN: &str = "Start a new assessment";
/// Label before the required level of a skill.
pub const REQUIRED: &str = "Required level";

/// Human name of a level, as shown on radio buttons.
pub fn level_name(level: servicekit_core::SkillLevel) -> &'static str {
    use servicekit_core::SkillLevel::*;
    match level {
        Awareness => "Awareness",
        Working => "Working",
        Practitioner => "Practitioner",
        Expert => "Expert",
    }
}

/// One line describing a skill's gap.
pub fn gap_line(status: servicekit_core::GapStatus, gap: Option<i8>) -> String {
    use servicekit_core::GapStatus::*;
    match (status, gap) {
        (Met, _) => "Meets the required level".to_owned(),
        (Below, Some(1)) => "1 level below the required level".to_owned(),
        (Below, Some(n)) => format!("{n} levels below the required level"),
        (Above, Some(-1)) => "1 level above the required level".to_owned(),
        (Above, Some(n)) => format!("{} levels above the required level", -n),
        _ => "Not rated yet".to_owned(),
    }
}

/// The live summary sentence.
pub fn summary_line(summary: &servicekit_core::GapSummary) -> String {
    format!(
        "{} met, {} below, {} above, {} not rated yet.",
        summary.met, summary.below, summary.above, summary.not_rated
    )
}
