//! What the fuzz targets check, shared with core's regression test
//! (`crates/core/tests/fuzz_regressions.rs`), which replays every input in `regressions/`.
//!
//! Each check panics only when a rule is broken: a parser or validator that
//! panics, or a result that does not survive a round trip.

#![allow(dead_code)] // Each fuzz target uses one check.

use servicekit_core::{assessment, coe, contract, ddat_import, feedback, measurement, profiles, team};
use std::collections::BTreeSet;

/// A CSV upload never panics; whatever parses exports to CSV that parses back to the same rows.
pub fn measurement_csv(data: &[u8]) {
    let known: BTreeSet<String> = ["calls-per-licence".to_owned()].into_iter().collect();
    for metrics in [None, Some(&known)] {
        if let Ok(rows) = measurement::parse_csv(data, metrics) {
            let exported = measurement::to_csv(&rows);
            let again = measurement::parse_csv(exported.as_bytes(), metrics)
                .unwrap_or_else(|problems| panic!("an export must re-upload: {problems:?}\n{exported}"));
            assert_eq!(again, rows, "an export must re-upload to the same rows");
        }
    }
}

/// Any JSON body, read as each kind of submission the API takes, validates without panicking.
pub fn submission_json(data: &[u8]) {
    if let Ok(found) = serde_json::from_slice::<contract::ServiceContract>(data) {
        let report = contract::validate(&found, "apply-for-a-fishing-licence");
        let _ = contract::need_status(&found, |_| Some(f64::NAN));
        if let Ok(coe) = serde_json::from_slice::<coe::CorrectionOfError>(data) {
            let _ = coe::validate(&coe, Some(&found));
        }
        let _ = report;
    }
    if let Ok(coe) = serde_json::from_slice::<coe::CorrectionOfError>(data) {
        let _ = coe::validate(&coe, None);
    }
    if let Ok(submission) = serde_json::from_slice::<assessment::AssessmentSubmission>(data) {
        let profile = profiles::find(&submission.role);
        if let Ok(valid) = assessment::validate(&submission, profile.as_ref()) {
            let profile = profile.expect("a valid assessment has a profile");
            let _ = team::member_ranks(&profile, &valid);
        }
        for profile in profiles::built_in() {
            let _ = assessment::check_draft(&submission, &profile);
            let _ = assessment::to_csv(&submission, &profile);
        }
    }
    if let Ok(submission) = serde_json::from_slice::<team::TeamSubmission>(data) {
        let _ = team::validate(&submission, profiles::find(&submission.role).as_ref());
    }
    if let Ok(submission) = serde_json::from_slice::<feedback::FeedbackSubmission>(data) {
        let _ = feedback::validate(&submission);
    }
    if let Ok(service) = serde_json::from_slice::<contract::ServiceSubmission>(data) {
        let _ = contract::validate_service(&service);
    }
    if let Ok(upload) = serde_json::from_slice::<measurement::MeasurementUpload>(data) {
        if let Ok(rows) = measurement::check_upload(&upload, None) {
            let exported = measurement::to_csv(&rows);
            let again = measurement::parse_csv(exported.as_bytes(), None).unwrap_or_else(|problems| {
                panic!("a JSON upload must export as CSV that re-uploads: {problems:?}")
            });
            assert_eq!(again, rows);
        }
    }
}

/// The DDaT importer takes any pair of files (split at the first NUL byte) without panicking.
pub fn ddat_import(data: &[u8]) {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (roles, skills) = data.split_at(split);
    let skills = skills.get(1..).unwrap_or_default();
    if let Ok(catalogue) = ddat_import::import("2025", roles, skills) {
        for role in &catalogue.roles {
            assert!(!role.title.trim().is_empty(), "an imported role has a title");
        }
    }
}
