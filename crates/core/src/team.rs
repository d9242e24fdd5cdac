//! Team coverage: whether a team, taken together, has the skills a role needs.
//! Only counts come out, never one member's answers, and nothing at all until
//! enough members have taken part for no answer to be traced to a person.

use crate::assessment::{Assessment, FieldProblem};
use crate::role::{RoleProfile, ServiceContext};
use crate::skill::LevelRange;
use serde::{Deserialize, Serialize};

/// Members needed before coverage is shown, unless a deployment sets `MIN_TEAM_SIZE`.
pub const DEFAULT_MIN_TEAM_SIZE: usize = 3;

/// Longest team name, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// A team as its lead creates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TeamSubmission {
    /// What the team is called, e.g. `"Apply for a licence service team"`.
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_NAME_CHARS)))]
    pub name: String,
    /// Id of the role profile the team should cover between them.
    pub role: String,
    /// The service the team runs.
    #[serde(default)]
    pub context: ServiceContext,
}

/// One thing wrong with a new team: the API words it in English
/// ([`TeamProblem::english`]), the widget from its translation files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamProblem {
    /// The name is empty (or only spaces).
    NoName,
    /// The name is longer than [`MAX_NAME_CHARS`].
    NameTooLong,
    /// No role profile was chosen.
    NoRole,
    /// The role names no profile.
    UnknownRole {
        /// The id given.
        role: String,
    },
}

impl TeamProblem {
    /// The JSON pointer (RFC 6901) of the field it is about.
    pub fn pointer(&self) -> &'static str {
        match self {
            TeamProblem::NoName | TeamProblem::NameTooLong => "/name",
            TeamProblem::NoRole | TeamProblem::UnknownRole { .. } => "/role",
        }
    }

    /// The problem in English, for the API.
    pub fn english(&self) -> String {
        match self {
            TeamProblem::NoName => "Enter a name for the team.".to_owned(),
            TeamProblem::NameTooLong => {
                format!("The team name must be {MAX_NAME_CHARS} characters or fewer.")
            }
            TeamProblem::NoRole => "Choose the role profile the team should cover.".to_owned(),
            TeamProblem::UnknownRole { role } => format!("There is no role profile called '{role}'."),
        }
    }
}

/// Everything wrong with a new team, in the form's order; `role_known` says
/// whether its `role` names a profile (the Worker looks it up, the widget has the list).
pub fn check(team: &TeamSubmission, role_known: bool) -> Vec<TeamProblem> {
    let mut problems = Vec::new();
    let name = team.name.trim();
    if name.is_empty() {
        problems.push(TeamProblem::NoName);
    } else if name.chars().count() > MAX_NAME_CHARS {
        problems.push(TeamProblem::NameTooLong);
    }
    if team.role.trim().is_empty() {
        problems.push(TeamProblem::NoRole);
    } else if !role_known {
        problems.push(TeamProblem::UnknownRole { role: team.role.clone() });
    }
    problems
}

/// Checks a new team; `profile` is the profile its `role` names, if any.
pub fn validate(team: &TeamSubmission, profile: Option<&RoleProfile>) -> Result<(), Vec<FieldProblem>> {
    let problems = check(team, profile.is_some());
    if problems.is_empty() {
        return Ok(());
    }
    Err(problems
        .iter()
        .map(|p| FieldProblem { pointer: p.pointer().to_owned(), detail: p.english() })
        .collect())
}

/// What is missing from a request to see a team's coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoverageRequestProblem {
    /// No team id was given.
    NoTeamId,
    /// No lead key was given.
    NoLeadKey,
}

/// Everything missing from a request for team `id`'s coverage with the lead's `key`, in the form's order.
pub fn check_coverage_request(id: &str, key: &str) -> Vec<CoverageRequestProblem> {
    let mut problems = Vec::new();
    if id.trim().is_empty() {
        problems.push(CoverageRequestProblem::NoTeamId);
    }
    if key.trim().is_empty() {
        problems.push(CoverageRequestProblem::NoLeadKey);
    }
    problems
}

/// A member's ranks in the profile's skill order (0 = not rated): all that is
/// kept for coverage, and small enough for KV list metadata.
pub fn member_ranks(profile: &RoleProfile, assessment: &Assessment) -> Vec<u8> {
    profile
        .skills
        .iter()
        .map(|skill| {
            assessment.ratings.get(&skill.id).and_then(|r| profile.scale.parse(&r.level)).unwrap_or(0)
        })
        .collect()
}

/// Coverage of one skill by the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SkillCoverage {
    /// Skill id.
    pub skill: String,
    /// Levels the role needs for the team's service.
    pub required: LevelRange,
    /// How many members rate themselves at or above the lowest required level.
    pub members_reaching: usize,
    /// The highest level anyone in the team gave, if anyone rated the skill.
    pub best: Option<u8>,
    /// Whether at least one member reaches the required level.
    pub covered: bool,
}

/// What a team lead sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Coverage {
    /// Too few members so far: nothing is shown.
    TooFewMembers {
        /// Members who have taken part.
        members: usize,
        /// Members needed before anything is shown.
        needed: usize,
    },
    /// Coverage skill by skill.
    Ready {
        /// Members who have taken part.
        members: usize,
        /// Skills at least one member reaches.
        covered: usize,
        /// Skills the role needs for this service.
        skills: usize,
        /// One entry per required skill, in the profile's order.
        coverage: Vec<SkillCoverage>,
    },
}

/// Body of `GET /v1/teams/{id}/coverage`: the team, its role, and the coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TeamReport {
    /// The team's name.
    pub name: String,
    /// The role profile the team covers.
    pub role: String,
    /// The service the team runs.
    pub context: ServiceContext,
    /// What can be shown.
    #[serde(flatten)]
    pub coverage: Coverage,
}

/// Reads a team report as it is written: `status` and the coverage's fields beside the team's.
///
/// Written out rather than derived: serde reads a `#[serde(flatten)]` field and
/// an internally tagged enum by first copying the whole object into a generic
/// map, which adds code to the team coverage widget.
impl<'de> Deserialize<'de> for TeamReport {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        #[serde(rename_all = "kebab-case")]
        enum Status {
            TooFewMembers,
            Ready,
        }
        #[derive(Deserialize)]
        struct Written {
            name: String,
            role: String,
            context: ServiceContext,
            status: Status,
            members: usize,
            needed: Option<usize>,
            covered: Option<usize>,
            skills: Option<usize>,
            coverage: Option<Vec<SkillCoverage>>,
        }
        let w = Written::deserialize(deserializer)?;
        let given =
            |value: Option<usize>, name: &'static str| value.ok_or_else(|| D::Error::missing_field(name));
        let coverage = match w.status {
            Status::TooFewMembers => {
                Coverage::TooFewMembers { members: w.members, needed: given(w.needed, "needed")? }
            }
            Status::Ready => Coverage::Ready {
                members: w.members,
                covered: given(w.covered, "covered")?,
                skills: given(w.skills, "skills")?,
                coverage: w.coverage.ok_or_else(|| D::Error::missing_field("coverage"))?,
            },
        };
        Ok(TeamReport { name: w.name, role: w.role, context: w.context, coverage })
    }
}

/// Adds up members' ranks (each from [`member_ranks`]) against `profile` for a service like `context`.
pub fn coverage(
    profile: &RoleProfile,
    context: &ServiceContext,
    members: &[Vec<u8>],
    min_members: usize,
) -> Coverage {
    let needed = min_members.max(1);
    if members.len() < needed {
        return Coverage::TooFewMembers { members: members.len(), needed };
    }
    let coverage: Vec<SkillCoverage> = profile
        .skills
        .iter()
        .enumerate()
        .filter(|(_, skill)| skill.applies_to(context))
        .map(|(i, skill)| {
            let required = skill.levels_for(context);
            let ranks = members.iter().filter_map(|m| m.get(i).copied()).filter(|&r| r > 0);
            let best = ranks.clone().max();
            let members_reaching = ranks.filter(|&r| r >= required.min).count();
            SkillCoverage {
                skill: skill.id.clone(),
                required,
                members_reaching,
                best,
                covered: members_reaching > 0,
            }
        })
        .collect();
    Coverage::Ready {
        members: members.len(),
        covered: coverage.iter().filter(|c| c.covered).count(),
        skills: coverage.len(),
        coverage,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles;

    fn check(members: &[Vec<u8>], min: usize) -> Coverage {
        let profile = profiles::find("ddat-service-owner-2020").unwrap();
        coverage(&profile, &ServiceContext::default(), members, min)
    }

    #[test]
    fn a_team_report_is_written_with_its_status_inline_and_reads_back_the_same() {
        let members = vec![vec![4, 2, 3, 0, 1, 2, 4, 3], vec![3, 2, 1, 0, 1, 3, 2, 3]];
        for coverage in [check(&members, 3), check(&members, 2)] {
            let report = TeamReport {
                name: "Fishing".into(),
                role: "ddat-service-owner-2020".into(),
                context: Default::default(),
                coverage,
            };
            let json = serde_json::to_value(&report).unwrap();
            assert!(
                json["status"].is_string() && json["members"] == 2,
                "the coverage sits beside the team: {json}"
            );
            assert_eq!(serde_json::from_value::<TeamReport>(json).unwrap(), report);
        }
        let mut ready = serde_json::to_value(TeamReport {
            name: "Fishing".into(),
            role: "ddat-service-owner-2020".into(),
            context: Default::default(),
            coverage: check(&members, 2),
        })
        .unwrap();
        ready.as_object_mut().unwrap().remove("skills");
        let err = serde_json::from_value::<TeamReport>(ready).unwrap_err().to_string();
        assert!(err.contains("missing field `skills`"), "{err}");
    }

    #[test]
    fn nothing_is_shown_below_the_threshold() {
        let two = vec![vec![4; 8], vec![1; 8]];
        assert_eq!(check(&two, 3), Coverage::TooFewMembers { members: 2, needed: 3 });
        assert_eq!(check(&[], 0), Coverage::TooFewMembers { members: 0, needed: 1 });
    }

    #[test]
    fn counts_members_reaching_each_level_and_the_best_level() {
        // Skills in order: agile E, financial E, life-cycle P, operational E, problem E, product W, strategic E, user E.
        let members =
            vec![vec![4, 2, 3, 0, 1, 2, 4, 3], vec![3, 2, 1, 0, 1, 3, 2, 3], vec![2, 1, 4, 0, 1, 1, 0, 3]];
        let Coverage::Ready { members: n, covered, skills, coverage } = check(&members, 3) else {
            panic!("three members meet the threshold")
        };
        assert_eq!((n, skills), (3, 8));
        let row = |id: &str| coverage.iter().find(|c| c.skill == id).unwrap().clone();
        assert_eq!((row("agile-working").members_reaching, row("agile-working").best), (1, Some(4)));
        assert_eq!(
            (row("life-cycle-perspective").members_reaching, row("life-cycle-perspective").best),
            (2, Some(4))
        );
        assert_eq!(
            (row("operational-management").best, row("operational-management").covered),
            (None, false)
        );
        assert_eq!(row("product-ownership").members_reaching, 2);
        assert!(!row("user-focus").covered, "three practitioners do not make an expert");
        assert_eq!(covered, 4);
    }

    #[test]
    fn context_decides_which_skills_count() {
        let profile = profiles::find("osom-service-manager").unwrap();
        let members = vec![vec![6; 16], vec![6; 16], vec![6; 16]];
        let small = coverage(&profile, &ServiceContext::default(), &members, 3);
        let large = coverage(&profile, &ServiceContext { large: true, ..Default::default() }, &members, 3);
        let Coverage::Ready { skills: small_skills, covered: small_covered, .. } = small else { panic!() };
        let Coverage::Ready { skills: large_skills, covered: large_covered, .. } = large else { panic!() };
        assert_eq!((small_skills, small_covered), (13, 12), "service level management needs 7");
        assert_eq!((large_skills, large_covered), (14, 13));
    }

    #[test]
    fn a_team_needs_a_name_and_a_known_role() {
        let profile = profiles::find("ddat-service-owner-2020").unwrap();
        let good = TeamSubmission {
            name: "Licensing".into(),
            role: profile.id.clone(),
            context: Default::default(),
        };
        assert_eq!(validate(&good, Some(&profile)), Ok(()));
        let bad = TeamSubmission { name: " ".into(), role: "nope".into(), context: Default::default() };
        let pointers: Vec<String> =
            validate(&bad, None).unwrap_err().into_iter().map(|p| p.pointer).collect();
        assert_eq!(pointers, ["/name", "/role"]);
    }

    #[test]
    fn a_role_not_chosen_is_told_apart_from_one_that_does_not_exist() {
        let team = |name: &str, role: &str| TeamSubmission {
            name: name.into(),
            role: role.into(),
            context: Default::default(),
        };
        assert_eq!(crate::team::check(&team("", " "), false), [TeamProblem::NoName, TeamProblem::NoRole]);
        assert_eq!(
            crate::team::check(&team("Licensing", "ddat-wizard"), false),
            [TeamProblem::UnknownRole { role: "ddat-wizard".into() }]
        );
        assert_eq!(
            crate::team::check(&team(&"x".repeat(MAX_NAME_CHARS + 1), "r"), true),
            [TeamProblem::NameTooLong]
        );
        assert_eq!(
            crate::team::check(&team(&"é".repeat(MAX_NAME_CHARS), "r"), true),
            [],
            "characters, not bytes"
        );
        let details: Vec<String> =
            validate(&team("", ""), None).unwrap_err().into_iter().map(|p| p.detail).collect();
        assert_eq!(details, ["Enter a name for the team.", "Choose the role profile the team should cover."]);
    }

    #[test]
    fn a_coverage_request_needs_the_team_id_and_the_lead_key() {
        assert_eq!(
            check_coverage_request(" ", ""),
            [CoverageRequestProblem::NoTeamId, CoverageRequestProblem::NoLeadKey]
        );
        assert_eq!(check_coverage_request("abc", " "), [CoverageRequestProblem::NoLeadKey]);
        assert_eq!(check_coverage_request("abc", "key"), []);
    }
}
