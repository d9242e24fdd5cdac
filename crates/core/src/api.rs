//! Types of servicekit's HTTP API, shared by the Worker and the widgets.

use crate::assessment::{Assessment, FieldProblem, Gap, GapSummary, SkillChange};
use crate::ddat_import::FrameworkCatalogue;
use crate::role::{Framework, RoleProfile};
use crate::skill::Scale;
use serde::{Deserialize, Serialize};

/// Body of `GET /v1/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Health {
    /// Always `"ok"` when the service answers.
    pub status: String,
    /// The deployed version of servicekit.
    pub version: String,
}

/// One entry of `GET /v1/roles`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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

/// Body of `201` from `POST /v1/assessments` and `POST /v1/teams`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Created {
    /// The new record's id.
    pub id: String,
    /// Secret bearer token for the record; shown once, never stored.
    pub token: String,
    /// Absolute URL of the record (read it with the token).
    pub url: String,
}

/// Body of `GET /v1/assessments/{id}`: the stored assessment with its gaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
    /// Per-skill change since the previous assessment, when it refers to one that still exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<SkillChange>>,
}

/// Reads an assessment record as it is written, the assessment's fields beside the others.
///
/// Written out rather than derived: serde reads a `#[serde(flatten)]` field by
/// first copying the whole object into a generic map, which is slower and adds
/// code to the self-assessment widget.
impl<'de> Deserialize<'de> for AssessmentRecord {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Written {
            id: String,
            created_at: String,
            role: String,
            #[serde(default)]
            context: crate::role::ServiceContext,
            #[serde(default)]
            team: Option<String>,
            #[serde(default)]
            previous: Option<String>,
            ratings: std::collections::BTreeMap<String, crate::assessment::SkillRating>,
            gaps: Vec<Gap>,
            summary: GapSummary,
            #[serde(default)]
            changes: Option<Vec<SkillChange>>,
        }
        let w = Written::deserialize(deserializer)?;
        Ok(AssessmentRecord {
            id: w.id,
            created_at: w.created_at,
            assessment: Assessment {
                role: w.role,
                context: w.context,
                team: w.team,
                previous: w.previous,
                ratings: w.ratings,
            },
            gaps: w.gaps,
            summary: w.summary,
            changes: w.changes,
        })
    }
}

/// An RFC 9457 problem details body (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
    pub errors: Vec<FieldProblem>,
}

/// Media type of problem details.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One entry of `GET /v1/frameworks`: an imported framework edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FrameworkSummary {
    /// Framework id, e.g. `"ddat-2025"`.
    pub id: String,
    /// Framework and edition.
    pub framework: Framework,
    /// Number of roles.
    pub roles: usize,
    /// Number of role-level profiles.
    pub profiles: usize,
    /// Path of the framework's index.
    pub href: String,
}

/// Body of `GET /v1/frameworks/{id}`: roles and their level profiles, without skill texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FrameworkIndex {
    /// Framework id.
    pub id: String,
    /// Framework and edition.
    pub framework: Framework,
    /// Where the framework is published.
    pub source_url: String,
    /// Every role with its levels.
    pub roles: Vec<IndexRole>,
}

/// A role in a framework index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct IndexRole {
    /// Role family.
    pub family: String,
    /// Role title.
    pub title: String,
    /// Whether it is a Senior Civil Service role.
    pub senior_civil_service: bool,
    /// A summary of each level's profile.
    pub levels: Vec<RoleSummary>,
}

impl FrameworkIndex {
    /// The index of a catalogue.
    pub fn of(catalogue: &FrameworkCatalogue) -> FrameworkIndex {
        FrameworkIndex {
            id: catalogue.id.clone(),
            framework: catalogue.framework.clone(),
            source_url: catalogue.source_url.clone(),
            roles: catalogue
                .roles
                .iter()
                .map(|r| IndexRole {
                    family: r.family.clone(),
                    title: r.title.clone(),
                    senior_civil_service: r.senior_civil_service,
                    levels: r.levels.iter().map(RoleSummary::of).collect(),
                })
                .collect(),
        }
    }

    /// The summary for the list of frameworks.
    pub fn summary(&self) -> FrameworkSummary {
        FrameworkSummary {
            id: self.id.clone(),
            framework: self.framework.clone(),
            roles: self.roles.len(),
            profiles: self.roles.iter().map(|r| r.levels.len()).sum(),
            href: format!("/v1/frameworks/{}", self.id),
        }
    }
}

/// Body of `201` from `POST /v1/services/{slug}/feedback`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FeedbackReceipt {
    /// The stored response's id.
    pub id: String,
    /// The month it counts towards (`YYYY-MM`).
    pub period: String,
}

/// Body of `POST /v1/services/{slug}/feedback/reviewed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FeedbackReviewed {
    /// When the team marked the feedback as reviewed (RFC 3339, UTC).
    pub last_reviewed: String,
}

/// One entry of `GET /v1/services/{slug}/contract/versions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct VersionLink {
    /// The version's id (sortable by time of saving).
    pub version: String,
    /// Path of the version.
    pub href: String,
}

impl VersionLink {
    /// The link to `version` of the contract of `slug`.
    pub fn of(slug: &str, version: String) -> VersionLink {
        let href = format!("/v1/services/{slug}/contract/versions/{version}");
        VersionLink { version, href }
    }
}

/// Body of `201` from `POST /v1/services/import`: what was restored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ImportReceipt {
    /// The restored service's slug.
    pub slug: String,
    /// Contract versions restored.
    pub contract_versions: usize,
    /// Correction of Error documents restored.
    pub coes: usize,
    /// Periods of measurements restored.
    pub periods: usize,
    /// Pieces of feedback restored.
    pub feedback: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{gaps, summarise, SkillRating};

    #[test]
    fn an_assessment_record_is_written_with_its_assessment_inline_and_reads_back_the_same() {
        let profile = crate::profiles::find("ddat-service-owner-2020").unwrap();
        let ratings = profile
            .skills
            .iter()
            .map(|s| {
                (s.id.clone(), SkillRating { level: "Working".into(), evidence: Some("Ran the beta".into()) })
            })
            .collect();
        let assessment = Assessment {
            role: profile.id.clone(),
            context: Default::default(),
            team: Some("t1".into()),
            previous: None,
            ratings,
        };
        let gaps = gaps(&profile, &assessment.context, |_| Some(2));
        let record = AssessmentRecord {
            id: "a1".into(),
            created_at: "2026-11-26T08:00:00Z".into(),
            summary: summarise(&gaps),
            gaps,
            assessment,
            changes: None,
        };
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(json["role"], "ddat-service-owner-2020", "the assessment's fields sit beside the gaps");
        assert!(json.get("previous").is_none() && json.get("changes").is_none(), "nothing written for none");
        assert_eq!(serde_json::from_value::<AssessmentRecord>(json).unwrap(), record);
    }
}
