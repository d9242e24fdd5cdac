//! Correction of Error documents: what went wrong with a service, why, what
//! it cost, what was learned, and the actions that put it right.

use crate::assessment::{pointer, FieldProblem};
use crate::contract::ServiceContract;
use serde::{Deserialize, Serialize};

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest section text, in characters.
pub const MAX_SECTION_CHARS: usize = 10_000;

/// Where a corrective action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    /// Not started.
    Open,
    /// Being worked on.
    InProgress,
    /// Finished.
    Done,
}

/// One thing the team will do to stop the problem happening again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CorrectiveAction {
    /// What will be done.
    pub action: String,
    /// Who is responsible.
    pub owner: String,
    /// When it is due (`YYYY-MM-DD`).
    pub due: String,
    /// Where it stands.
    pub status: ActionStatus,
}

/// A Correction of Error document as the service manager writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CorrectionOfError {
    /// Short title of the problem.
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_TITLE_CHARS)))]
    pub title: String,
    /// When it happened (`YYYY-MM-DD`).
    pub date: String,
    /// What went wrong.
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_SECTION_CHARS)))]
    pub problem: String,
    /// Who and what it affected, and how much.
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_SECTION_CHARS)))]
    pub impact: String,
    /// Why it happened.
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_SECTION_CHARS)))]
    pub root_cause: String,
    /// Figures and evidence behind the analysis.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_SECTION_CHARS)))]
    pub supporting_data: String,
    /// The trade-offs between values the team had to make.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_SECTION_CHARS)))]
    pub value_tradeoffs: String,
    /// What the team learned.
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_SECTION_CHARS)))]
    pub lessons_learned: String,
    /// What the team will do.
    #[serde(default)]
    pub actions: Vec<CorrectiveAction>,
    /// Ids of the contract's user needs it affected.
    #[serde(default)]
    pub related_needs: Vec<String>,
    /// Ids of the contract's metrics it affected.
    #[serde(default)]
    pub related_metrics: Vec<String>,
}

/// A change to one action's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ActionUpdate {
    /// The new status.
    pub status: ActionStatus,
}

/// A stored document with its id and time of publishing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublishedCoe {
    /// Document id, sortable by time of publishing.
    pub id: String,
    /// When it was published (RFC 3339, UTC).
    pub published_at: String,
    /// The document.
    #[serde(flatten)]
    pub document: CorrectionOfError,
}

/// One entry of a service's list of documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CoeSummary {
    /// Document id.
    pub id: String,
    /// Its title (shortened if very long).
    pub title: String,
    /// When the problem happened.
    pub date: String,
    /// How many actions are not done.
    pub open_actions: usize,
}

fn is_date(text: &str) -> bool {
    time::Date::parse(text, time::macros::format_description!("[year]-[month]-[day]")).is_ok()
}

/// Checks a document, against the service's contract when it has one; every problem at once.
pub fn validate(coe: &CorrectionOfError, contract: Option<&ServiceContract>) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    let mut problem =
        |path: &[&str], detail: String| problems.push(FieldProblem { pointer: pointer(path), detail });
    let sections = [
        ("title", &coe.title, "a title", true, MAX_TITLE_CHARS),
        ("problem", &coe.problem, "what went wrong", true, MAX_SECTION_CHARS),
        ("impact", &coe.impact, "the impact", true, MAX_SECTION_CHARS),
        ("root_cause", &coe.root_cause, "the root cause", true, MAX_SECTION_CHARS),
        ("supporting_data", &coe.supporting_data, "the supporting data", false, MAX_SECTION_CHARS),
        ("value_tradeoffs", &coe.value_tradeoffs, "the value trade-offs", false, MAX_SECTION_CHARS),
        ("lessons_learned", &coe.lessons_learned, "the lessons learned", true, MAX_SECTION_CHARS),
    ];
    for (field, value, what, required, max) in sections {
        if required && value.trim().is_empty() {
            problem(&[field], format!("Enter {what}."));
        } else if value.chars().count() > max {
            problem(&[field], format!("Keep {what} to {max} characters or fewer."));
        }
    }
    if !is_date(&coe.date) {
        problem(&["date"], "Give the date it happened as YYYY-MM-DD.".to_owned());
    }
    for (i, action) in coe.actions.iter().enumerate() {
        let i = i.to_string();
        if action.action.trim().is_empty() {
            problem(&["actions", &i, "action"], "Say what will be done.".to_owned());
        }
        if action.owner.trim().is_empty() {
            problem(&["actions", &i, "owner"], "Say who owns the action.".to_owned());
        }
        if !is_date(&action.due) {
            problem(&["actions", &i, "due"], "Give the due date as YYYY-MM-DD.".to_owned());
        }
    }
    let needs: Vec<&str> =
        contract.map(|c| c.user_needs.iter().map(|n| n.id.as_str()).collect()).unwrap_or_default();
    for (i, need) in coe.related_needs.iter().enumerate() {
        if !needs.contains(&need.as_str()) {
            problem(
                &["related_needs", &i.to_string()],
                format!("The service's contract has no user need '{need}'."),
            );
        }
    }
    let metrics: Vec<&str> =
        contract.map(|c| c.metrics.iter().map(|m| m.id.as_str()).collect()).unwrap_or_default();
    for (i, metric) in coe.related_metrics.iter().enumerate() {
        if !metrics.contains(&metric.as_str()) {
            problem(
                &["related_metrics", &i.to_string()],
                format!("The service's contract has no metric '{metric}'."),
            );
        }
    }
    problems
}

impl PublishedCoe {
    /// The document's entry in the list.
    pub fn summary(&self) -> CoeSummary {
        let title: String = self.document.title.chars().take(120).collect();
        CoeSummary {
            id: self.id.clone(),
            title,
            date: self.document.date.clone(),
            open_actions: self.document.actions.iter().filter(|a| a.status != ActionStatus::Done).count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../../tests/support/contracts/coe-payment-outage.json");
    const CONTRACT: &str = include_str!("../../../tests/support/contracts/apply-for-a-fishing-licence.json");

    fn example() -> CorrectionOfError {
        serde_json::from_str(EXAMPLE).unwrap()
    }

    fn contract() -> ServiceContract {
        serde_json::from_str(CONTRACT).unwrap()
    }

    #[test]
    fn the_example_is_valid_against_its_contract() {
        assert_eq!(validate(&example(), Some(&contract())), []);
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let mut coe = example();
        coe.root_cause = " ".into();
        coe.date = "last Tuesday".into();
        coe.actions[0].owner = String::new();
        coe.actions[1].due = "soon".into();
        coe.related_needs.push("fly".into());
        let pointers: Vec<String> =
            validate(&coe, Some(&contract())).into_iter().map(|p| p.pointer).collect();
        assert_eq!(
            pointers,
            ["/root_cause", "/date", "/actions/0/owner", "/actions/1/due", "/related_needs/1"]
        );
    }

    #[test]
    fn without_a_contract_nothing_can_be_related() {
        let problems = validate(&example(), None);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[1].detail, "The service's contract has no metric 'completion-rate'.");
    }

    #[test]
    fn the_summary_counts_actions_not_done() {
        let published =
            PublishedCoe { id: "1".into(), published_at: "2026-11-24T00:00:00Z".into(), document: example() };
        assert_eq!(published.summary().open_actions, 1);
    }
}
