//! "Rate this service": one rating from 1 to 5 and an optional comment.

use crate::FieldProblem;
use serde::{Deserialize, Serialize};

/// Longest comment accepted, in characters.
pub const MAX_COMMENT_CHARS: usize = 1_200;

/// Body of `POST /v1/services/{slug}/feedback`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FeedbackSubmission {
    /// 1 (very dissatisfied) to 5 (very satisfied).
    pub rating: u8,
    /// What the user wants to tell the team.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_COMMENT_CHARS)))]
    pub comment: String,
}

/// Checks a submission; every problem at once.
pub fn validate(feedback: &FeedbackSubmission) -> Vec<FieldProblem> {
    check(feedback.rating, &feedback.comment)
}

/// Checks a rating and a comment, as given or as imported; pointers are `/rating` and `/comment`.
pub fn check(rating: u8, comment: &str) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    if !(1..=5).contains(&rating) {
        problems.push(FieldProblem {
            pointer: "/rating".to_owned(),
            detail: "Choose a rating from 1 (very dissatisfied) to 5 (very satisfied).".to_owned(),
        });
    }
    let length = comment.chars().count();
    if length > MAX_COMMENT_CHARS {
        problems.push(FieldProblem {
            pointer: "/comment".to_owned(),
            detail: format!("The comment must be {MAX_COMMENT_CHARS} characters or fewer; it has {length}."),
        });
    }
    problems
}

/// A stored piece of feedback, as the service team reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FeedbackRecord {
    /// Record id (sortable by time).
    pub id: String,
    /// When it was given (RFC 3339, UTC).
    pub created_at: String,
    /// The rating.
    pub rating: u8,
    /// The comment, trimmed; empty when none.
    pub comment: String,
}

/// Body of `GET /v1/services/{slug}/feedback` (service token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FeedbackList {
    /// The month listed (`YYYY-MM`).
    pub period: String,
    /// Its feedback, oldest first.
    pub feedback: Vec<FeedbackRecord>,
    /// When the team last marked feedback as reviewed, if ever.
    pub last_reviewed: Option<String>,
}

/// Whether feedback review is overdue: never reviewed, or last reviewed more than 31 days before `now`.
///
/// Both are RFC 3339 timestamps; unreadable ones count as overdue.
pub fn review_overdue(last_reviewed: Option<&str>, now: &str) -> bool {
    use time::format_description::well_known::Rfc3339;
    use time::OffsetDateTime;
    let parse = |t: &str| OffsetDateTime::parse(t, &Rfc3339).ok();
    match (last_reviewed.and_then(parse), parse(now)) {
        (Some(then), Some(now)) => now - then > time::Duration::days(31),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_outside_one_to_five_and_long_comments_are_refused_together() {
        let bad = FeedbackSubmission { rating: 0, comment: "x".repeat(MAX_COMMENT_CHARS + 1) };
        let pointers: Vec<String> = validate(&bad).into_iter().map(|p| p.pointer).collect();
        assert_eq!(pointers, ["/rating", "/comment"]);
        assert!(
            validate(&FeedbackSubmission { rating: 5, comment: "é".repeat(MAX_COMMENT_CHARS) }).is_empty()
        );
    }

    #[test]
    fn review_is_overdue_after_a_month_or_when_never_done() {
        assert!(review_overdue(None, "2026-03-01T00:00:00Z"));
        assert!(!review_overdue(Some("2026-02-01T00:00:00Z"), "2026-03-01T00:00:00Z"));
        assert!(review_overdue(Some("2026-01-01T00:00:00Z"), "2026-03-01T00:00:00Z"));
        assert!(review_overdue(Some("yesterday"), "2026-03-01T00:00:00Z"));
    }
}
