//! Every user-facing string of the widgets, in one place (English).

use servicekit_core::{LevelRange, Scale, SkillLevel};

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
pub const SAVED_BODY: &str = "Copy the address and key below and keep them somewhere private. Anyone with both can read your assessment through the servicekit API; without the key nobody can.";
/// Label of the link to the saved record.
pub const SAVED_LINK: &str = "Address of your assessment";
/// Label of the secret key.
pub const SAVED_TOKEN: &str = "Your private key";
/// Button to start again after saving.
pub const START_AGAIN: &str = "Start a new assessment";
/// Label before the required level of a skill.
pub const REQUIRED: &str = "Required level";

/// How a level is shown on its radio button.
pub fn level_label(scale: Scale, rank: u8) -> String {
    match (scale, SkillLevel::from_rank(rank)) {
        (Scale::Ddat, Some(level)) => ddat_level_name(level).to_owned(),
        _ => format!("Level {rank}"),
    }
}

fn ddat_level_name(level: SkillLevel) -> &'static str {
    match level {
        SkillLevel::Awareness => "Awareness",
        SkillLevel::Working => "Working",
        SkillLevel::Practitioner => "Practitioner",
        SkillLevel::Expert => "Expert",
    }
}

/// How a required range is written: "Expert", "Level 4", "Level 5 or above", "Levels 3 to 4".
pub fn range_label(scale: Scale, range: LevelRange) -> String {
    match (scale, range.max) {
        (_, Some(max)) if max == range.min => level_label(scale, max),
        (Scale::Sfia, Some(max)) => format!("Levels {} to {max}", range.min),
        (Scale::Ddat, Some(max)) => {
            format!("{} to {}", level_label(scale, range.min), level_label(scale, max).to_lowercase())
        }
        (_, None) => format!("{} or above", level_label(scale, range.min)),
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

/// Link to the framework's own page for the role.
pub const SOURCE_LINK: &str = "Read the role profile at its source (opens in new tab)";

/// Legend of the questions about the service.
pub const CONTEXT_LEGEND: &str = "About your service";
/// Hint under that legend.
pub const CONTEXT_HINT: &str =
    "The skills a service needs, and at which level, depend on the service. Tick each that is true.";
/// Checkbox: the service is large.
pub const CONTEXT_LARGE: &str = "It is a large service";
/// Checkbox: the service outsources.
pub const CONTEXT_OUTSOURCES: &str = "It outsources delivery to suppliers";
/// Checkbox: the service has products.
pub const CONTEXT_PRODUCTS: &str = "It has products";
/// Link to a skill's page at the framework.
pub const SKILL_LINK: &str = "About this skill (opens in new tab)";

/// Accessible name of the gap chart.
pub const CHART_TITLE: &str = "Chart: your level in each skill (dot) against the level the role needs (band). The table below gives the same figures.";
/// Start of the chart's legend, before the level numbers.
pub const CHART_LEGEND: &str = "Shaded band: the level the role needs. Dot: your level. Levels:";
/// Caption of the gap table.
pub const TABLE_CAPTION: &str = "Your level in each skill against the level the role needs";
/// Column: skill.
pub const TABLE_SKILL: &str = "Skill";
/// Column: your level.
pub const TABLE_YOURS: &str = "Your level";
/// Column: gap.
pub const TABLE_GAP: &str = "Gap";

/// Heading of the team coverage widget.
pub const TEAM_TITLE: &str = "Does your team cover the skills?";
/// Introduction to the team widget.
pub const TEAM_INTRO: &str = "A service manager may not hold every skill, but the team should. Create a team, share its id with your team, and see which skills the team covers between them. Nobody's own answers are shown.";
/// Shown when the API is unreachable.
pub const TEAM_UNREACHABLE: &str =
    "We could not reach the servicekit service. Check your connection and try again.";
/// Heading: create a team.
pub const TEAM_CREATE: &str = "Create a team";
/// Label: team name.
pub const TEAM_NAME: &str = "Team name";
/// Label: role.
pub const TEAM_ROLE: &str = "Role profile the team should cover";
/// First option of the role list.
pub const TEAM_ROLE_CHOOSE: &str = "Choose a role profile";
/// Hint for the team's service questions.
pub const TEAM_CONTEXT_HINT: &str =
    "These change the skills some role profiles need, such as the OSOM service manager.";
/// Button: create.
pub const TEAM_CREATE_BUTTON: &str = "Create team";
/// Heading after creating.
pub const TEAM_CREATED: &str = "Team created. Keep the lead key private: it is shown only once.";
/// Label: team id.
pub const TEAM_ID: &str = "Team id";
/// Label: lead key.
pub const TEAM_KEY: &str = "Lead key";
/// Label: snippet for members.
pub const TEAM_SNIPPET: &str = "Page snippet for your team members";
/// Heading: view coverage.
pub const TEAM_VIEW: &str = "See your team's coverage";
/// Button: view.
pub const TEAM_VIEW_BUTTON: &str = "Show coverage";
/// Caption of the coverage table.
pub const TEAM_TABLE_CAPTION: &str = "Skills the team covers between them";
/// Column: members reaching the level.
pub const TEAM_REACHING: &str = "Members at the level";
/// Column: best level.
pub const TEAM_BEST: &str = "Team's best level";
/// Column: covered.
pub const TEAM_COVERED_HEADING: &str = "Covered";
/// Cell: covered.
pub const TEAM_COVERED: &str = "Yes";
/// Cell: not covered.
pub const TEAM_NOT_COVERED: &str = "Not yet";

/// Why nothing is shown yet.
pub fn team_too_few(members: usize, needed: usize) -> String {
    let taken = if members == 1 { "1 member has".to_owned() } else { format!("{members} members have") };
    format!("{taken} taken part so far. Coverage appears once {needed} have, so that nobody's answers can be picked out.")
}

/// The coverage summary line.
pub fn team_summary(team: &str, covered: usize, skills: usize, members: usize) -> String {
    format!("{team}: {covered} of {skills} skills covered, from {members} members.")
}

/// Heading of the answers file controls.
pub const ANSWERS_HEADING: &str = "Take your answers with you";
/// Link: download JSON.
pub const DOWNLOAD_JSON: &str = "Download your answers (JSON, can be imported again)";
/// Link: download CSV.
pub const DOWNLOAD_CSV: &str = "Download a spreadsheet (CSV)";
/// Label: import.
pub const IMPORT_LABEL: &str = "Import answers from a file";
/// Hint: import.
pub const IMPORT_HINT: &str = "Choose a JSON file you downloaded from this form. Your current answers are replaced only if the file is valid.";
/// Import succeeded.
pub const IMPORT_DONE: &str = "Answers imported from the file.";
/// Import failed: not our format.
pub const IMPORT_NOT_ASSESSMENT: &str = "This file is not a servicekit assessment, so nothing was imported. Choose a JSON file downloaded from this form.";
/// Import failed: start of the reasons.
pub const IMPORT_REFUSED: &str = "Nothing was imported:";
/// Button: print.
pub const PRINT: &str = "Print a conversation pack";
/// Title of the printed pack.
pub const PACK_TITLE: &str = "Skills conversation pack";
/// Before the date on the pack.
pub const PACK_DATE: &str = "Printed on";
/// Before the source link on the pack.
pub const PACK_SOURCE: &str = "Role profile:";

/// Column: change since the last saved assessment.
pub const TABLE_CHANGE: &str = "Since last time";

/// How a skill moved since the last saved assessment.
pub fn change_line(change: Option<i8>) -> String {
    match change {
        None => "–".to_owned(),
        Some(0) => "No change".to_owned(),
        Some(1) => "Up 1 level".to_owned(),
        Some(-1) => "Down 1 level".to_owned(),
        Some(n) if n > 0 => format!("Up {n} levels"),
        Some(n) => format!("Down {} levels", -n),
    }
}
