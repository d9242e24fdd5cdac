//! Types of servicekit's HTTP API, shared by the Worker and the widgets.

use crate::assessment::{Assessment, AssessmentProblem, Gap, GapSummary};
use crate::role::{Framework, RoleProfile};
use crate::skill::Scale;
use serde::{Deserialize, Serialize};

/// Body of `GET /v1/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// Always `"ok"` when the service answers.
    pub status: String,
    /// The deployed version of servicekit.
    pub version: String,
}

/// One entry of `GET /v1/roles`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSummary {
    /// Role profile id.
    pub id: String,
    /// Role title.
    pub title: String,
    /// Framework and edition.
    pub framework: Framework,
    /// The scale its levels are on.
    pub scale: Scale,
    /// Number of skills in the profile (for any service).
    pub skills: usize,
    /// Path of the full profile.
    pub href: String,
}

impl RoleSummary {
    /// Summarises a profile for the list of roles.
    pub fn of(profile: &RoleProfile) -> RoleSummary {
        RoleSummary {
            id: profile.id.clone(),
            title: profile.title.clone(),
            framework: profile.framework.clone(),
            scale: profile.scale,
            skills: profile.skills.len(),
            href: format!("/v1/roles/{}", profile.id),
        }
    }
}

/// Body of `201` from `POST /v1/assessments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedAssessment {
    /// The new assessment's id.
    pub id: String,
    /// Secret bearer token to read the assessment back; shown once, never stored.
    pub token: String,
    /// Absolute URL of the assessment (read it with the token).
    pub url: String,
}

/// Body of `GET /v1/assessments/{id}`: the stored assessment with its gaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentRecord {
    /// The assessment's id.
    pub id: String,
    /// When it was submitted (RFC 3339, UTC).
    pub created_at: String,
    /// The assessment as submitted and validated.
    #[serde(flatten)]
    pub assessment: Assessment,
    /// Per-skill gaps against the role profile.
    pub gaps: Vec<Gap>,
    /// Counts of skills met, below and above.
    pub summary: GapSummary,
}

/// An RFC 9457 problem details body (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Stable URI reference naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary of the kind of problem.
    pub title: String,
    /// HTTP status code.
    pub status: u16,
    /// What went wrong this time, for a person.
    pub detail: String,
    /// Each invalid field, when the problem is invalid input.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<AssessmentProblem>,
}

/// Media type of problem details.
pub const PROBLEM_JSON: &str = "application/problem+json";
