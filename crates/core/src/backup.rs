//! A service's data as one JSON document: what an administrator exports to back
//! up or move a deployment, and checks before importing it.

use crate::assessment::FieldProblem;
use crate::coe::{self, PublishedCoe};
use crate::contract::{self, ContractVersion, LifecycleStage, ServiceSubmission};
use crate::feedback::FeedbackRecord;
use crate::measurement::{Period, PeriodRecord};
use serde::{Deserialize, Serialize};

/// The value of [`ServiceExport::format`] this release writes and reads.
pub const EXPORT_FORMAT: &str = "servicekit-service-export/1";

/// Everything stored for one service (`GET /v1/services/{slug}/export`, `POST /v1/services/import`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ServiceExport {
    /// Always [`EXPORT_FORMAT`].
    pub format: String,
    /// When the export was made (RFC 3339, UTC).
    pub exported_at: String,
    /// The service as created.
    pub service: ServiceSubmission,
    /// When the service was created (RFC 3339, UTC).
    pub created_at: String,
    /// SHA-256 of the service token: the token keeps working after a move.
    pub token_hash: String,
    /// Stage in the latest contract.
    #[serde(default)]
    pub stage: Option<LifecycleStage>,
    /// Every saved contract version, oldest first.
    pub contract_versions: Vec<ContractVersion>,
    /// Every Correction of Error document, oldest first.
    pub coes: Vec<PublishedCoe>,
    /// Every period's measurements, oldest first.
    pub periods: Vec<PeriodRecord>,
    /// Every piece of feedback, by month, oldest first.
    pub feedback: Vec<FeedbackMonth>,
    /// When the team last marked feedback as reviewed.
    #[serde(default)]
    pub feedback_reviewed: Option<String>,
}

/// One month's feedback in an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FeedbackMonth {
    /// The month (`YYYY-MM`).
    pub period: Period,
    /// Its feedback.
    pub records: Vec<FeedbackRecord>,
}

/// Checks an export before anything of it is stored; every problem at once.
///
/// `is_record_id` says whether an id is one this deployment's store can key by
/// (ids become parts of KV keys, so a hand-edited file must not smuggle in others).
pub fn check(export: &ServiceExport, is_record_id: impl Fn(&str) -> bool) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    let mut problem = |pointer: String, detail: String| problems.push(FieldProblem { pointer, detail });
    if export.format != EXPORT_FORMAT {
        problem("/format".into(), format!("This is not a servicekit service export ({EXPORT_FORMAT})."));
    }
    for p in contract::validate_service(&export.service) {
        problem(format!("/service{}", p.pointer), p.detail);
    }
    if export.token_hash.len() != 64 || !export.token_hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        problem("/token_hash".into(), "The token hash must be 64 hexadecimal digits (SHA-256).".into());
    }
    let slug = export.service.slug.as_str();
    for (i, version) in export.contract_versions.iter().enumerate() {
        if !is_record_id(&version.version) {
            problem(format!("/contract_versions/{i}/version"), "Not a servicekit version id.".into());
        }
        for p in contract::validate(&version.contract, slug).errors {
            problem(format!("/contract_versions/{i}/contract{}", p.pointer), p.detail);
        }
    }
    for (i, coe) in export.coes.iter().enumerate() {
        if !is_record_id(&coe.id) {
            problem(format!("/coes/{i}/id"), "Not a servicekit document id.".into());
        }
        // Checked against the contract in force when it was published (ids sort by time).
        let in_force =
            export.contract_versions.iter().rev().find(|v| v.version <= coe.id).map(|v| &v.contract);
        for p in coe::validate(&coe.document, in_force) {
            problem(format!("/coes/{i}{}", p.pointer), p.detail);
        }
    }
    for (i, record) in export.periods.iter().enumerate() {
        if let Some(j) = record.rows.iter().position(|row| row.period != record.period) {
            problem(
                format!("/periods/{i}/rows/{j}/period"),
                format!("Every row must be for {}.", record.period),
            );
        }
    }
    for (i, month) in export.feedback.iter().enumerate() {
        if !matches!(month.period, Period::Month { .. }) {
            problem(format!("/feedback/{i}/period"), "Feedback is kept by month (YYYY-MM).".into());
        }
        for (j, record) in month.records.iter().enumerate() {
            if !is_record_id(&record.id) {
                problem(format!("/feedback/{i}/records/{j}/id"), "Not a servicekit feedback id.".into());
            }
            for found in crate::feedback::check(record.rating, &record.comment) {
                problem(format!("/feedback/{i}/records/{j}{}", found.pointer), found.detail);
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn export() -> ServiceExport {
        ServiceExport {
            format: EXPORT_FORMAT.into(),
            exported_at: "2026-11-25T10:00:00Z".into(),
            service: ServiceSubmission {
                slug: "apply-for-a-fishing-licence".into(),
                name: "Apply for a fishing licence".into(),
                manager: "Sam Patel".into(),
            },
            created_at: "2026-01-05T09:00:00Z".into(),
            token_hash: "ab".repeat(32),
            stage: None,
            contract_versions: vec![],
            coes: vec![],
            periods: vec![],
            feedback: vec![FeedbackMonth {
                period: Period::parse("2026-09").unwrap(),
                records: vec![FeedbackRecord {
                    id: "good".into(),
                    created_at: "2026-09-02T10:00:00Z".into(),
                    rating: 4,
                    comment: String::new(),
                }],
            }],
            feedback_reviewed: None,
        }
    }

    #[test]
    fn a_sound_export_has_no_problems() {
        assert_eq!(check(&export(), |id| id == "good"), vec![]);
    }

    #[test]
    fn every_problem_is_reported_with_its_place() {
        let mut bad = export();
        bad.format = "something-else/2".into();
        bad.token_hash = "not-hex".into();
        bad.service.slug = "Bad Slug".into();
        bad.feedback[0].period = Period::parse("2026-Q3").unwrap();
        bad.feedback[0].records[0].rating = 9;
        bad.feedback[0].records[0].comment = "x".repeat(crate::feedback::MAX_COMMENT_CHARS + 1);
        bad.feedback[0].records[0].id = "../../etc".into();
        let pointers: Vec<String> = check(&bad, |id| id == "good").into_iter().map(|p| p.pointer).collect();
        for expected in [
            "/format",
            "/service/slug",
            "/token_hash",
            "/feedback/0/period",
            "/feedback/0/records/0/id",
            "/feedback/0/records/0/rating",
            "/feedback/0/records/0/comment",
        ] {
            assert!(pointers.iter().any(|p| p == expected), "{expected} missing from {pointers:?}");
        }
    }
}
