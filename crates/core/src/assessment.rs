//! Self-assessments against a role profile, their validation and their gaps.

use crate::role::{RoleProfile, ServiceContext, SkillRequirement};
use crate::skill::{LevelRange, Scale};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest evidence note accepted for one skill, in characters.
pub const MAX_EVIDENCE_CHARS: usize = 2000;

/// A person's own rating of one skill, with an optional note of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SkillRating {
    /// The level the person believes they work at, as the profile's scale writes it.
    pub level: String,
    /// What the person would point to as evidence, if they wrote anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// A complete, valid self-assessment: one rating for every skill of the role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Assessment {
    /// The role profile assessed against.
    pub role: String,
    /// The service the person runs, which decides the required skills.
    #[serde(default)]
    pub context: ServiceContext,
    /// The team the person shares their ratings with, anonymously, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Id of the earlier assessment this one follows, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// Ratings by skill id.
    pub ratings: BTreeMap<String, SkillRating>,
}

/// An assessment as a client sends it, before validation: levels are still text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AssessmentSubmission {
    /// Id of the role profile assessed against.
    pub role: String,
    /// The service the person runs; all `false` when absent.
    #[serde(default)]
    pub context: ServiceContext,
    /// Id of a team to count this assessment towards, anonymously.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// An earlier assessment by the same person, proved with its token, to compare with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<PreviousAssessment>,
    /// Ratings by skill id.
    #[serde(default)]
    pub ratings: BTreeMap<String, RatingSubmission>,
}

/// A reference to an earlier assessment, with the token that proves it is the sender's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PreviousAssessment {
    /// The earlier assessment's id.
    pub id: String,
    /// Its bearer token.
    pub token: String,
}

/// How one skill's rating moved between two assessments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SkillChange {
    /// Skill id.
    pub skill: String,
    /// Rank last time, if rated.
    pub before: Option<u8>,
    /// Rank this time, if rated.
    pub now: Option<u8>,
    /// Levels gained (negative: lost), when rated both times.
    pub change: Option<i8>,
}

/// Per skill `profile` needs for `context`, how the rank `now` gives moved since the rank `before` gives.
pub fn changes(
    profile: &RoleProfile,
    context: &ServiceContext,
    now: impl Fn(&str) -> Option<u8>,
    before: impl Fn(&str) -> Option<u8>,
) -> Vec<SkillChange> {
    profile
        .requirements(context)
        .map(|(skill, _)| {
            let (then, current) = (before(&skill.id), now(&skill.id));
            let change = then.zip(current).map(|(t, c)| c as i8 - t as i8);
            SkillChange { skill: skill.id.clone(), before: then, now: current, change }
        })
        .collect()
}

/// One skill's rating as a client sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingSubmission {
    /// Level as the profile's scale writes it, e.g. `"practitioner"` or `"5"`.
    pub level: String,
    /// Optional evidence note.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = MAX_EVIDENCE_CHARS)))]
    pub evidence: Option<String>,
}

/// One thing wrong with a submission, located by a JSON pointer (RFC 6901).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FieldProblem {
    /// Where the problem is, e.g. `/ratings/user-focus/level`.
    pub pointer: String,
    /// What is wrong and how to put it right, for the person who sent it.
    pub detail: String,
}

/// How a self-rating compares with what the role needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum GapStatus {
    /// Rated within the required range.
    Met,
    /// Rated below the required range.
    Below,
    /// Rated above the required range.
    Above,
    /// Not rated yet.
    NotRated,
}

impl GapStatus {
    /// The status of a gap as [`LevelRange::gap`] computes it; `None` is not rated.
    pub fn of(gap: Option<i8>) -> GapStatus {
        match gap {
            None => GapStatus::NotRated,
            Some(0) => GapStatus::Met,
            Some(g) if g > 0 => GapStatus::Below,
            Some(_) => GapStatus::Above,
        }
    }

    /// The identifier used in JSON and CSV (`"not-rated"`).
    pub fn as_str(self) -> &'static str {
        match self {
            GapStatus::Met => "met",
            GapStatus::Below => "below",
            GapStatus::Above => "above",
            GapStatus::NotRated => "not-rated",
        }
    }
}

/// The gap for one skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Gap {
    /// The skill's id.
    pub skill: String,
    /// The levels the role needs for this service.
    pub required: LevelRange,
    /// The rank the person gave themselves, if any.
    pub rated: Option<u8>,
    /// Levels still to grow (positive), 0 inside the required range, or levels beyond it (negative).
    pub gap: Option<i8>,
    /// The comparison in words.
    pub status: GapStatus,
}

/// Counts of skills met, below and above the required level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct GapSummary {
    /// Skills rated within the required range.
    pub met: usize,
    /// Skills rated below the required level.
    pub below: usize,
    /// Skills rated above the required level.
    pub above: usize,
    /// Skills not rated yet.
    pub not_rated: usize,
}

/// Compares each skill `profile` needs for a service like `context` with the
/// person's rating (a rank), in the profile's order.
///
/// Skills without a rating are `NotRated`, so a half-finished form can be
/// summarised too; ratings of other skills are ignored.
pub fn gaps(profile: &RoleProfile, context: &ServiceContext, rated: impl Fn(&str) -> Option<u8>) -> Vec<Gap> {
    profile
        .requirements(context)
        .map(|(skill, required)| {
            let rating = rated(&skill.id);
            let gap = rating.map(|rank| required.gap(rank));
            Gap { skill: skill.id.clone(), required, rated: rating, gap, status: GapStatus::of(gap) }
        })
        .collect()
}

/// Counts the gaps by status.
pub fn summarise(gaps: &[Gap]) -> GapSummary {
    let mut summary = GapSummary::default();
    for gap in gaps {
        match gap.status {
            GapStatus::Met => summary.met += 1,
            GapStatus::Below => summary.below += 1,
            GapStatus::Above => summary.above += 1,
            GapStatus::NotRated => summary.not_rated += 1,
        }
    }
    summary
}

impl Assessment {
    /// The gaps of this assessment against its profile.
    pub fn gaps(&self, profile: &RoleProfile) -> Vec<Gap> {
        gaps(profile, &self.context, |skill| self.rank(profile, skill))
    }

    /// The rank given for `skill`, if rated.
    pub fn rank(&self, profile: &RoleProfile, skill: &str) -> Option<u8> {
        self.ratings.get(skill).and_then(|r| profile.scale.parse(&r.level))
    }

    /// How each skill moved since `before`.
    pub fn changes_since(&self, profile: &RoleProfile, before: &Assessment) -> Vec<SkillChange> {
        changes(profile, &self.context, |s| self.rank(profile, s), |s| before.rank(profile, s))
    }
}

/// What is wrong with one answer: the rule it breaks and the names its
/// message needs. The API words it in English ([`AnswerProblem::english`]);
/// a widget words it from its own translation files, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerProblem {
    /// No role profile was chosen.
    NoRole,
    /// No role profile has the id `role`.
    UnknownRole {
        /// The id given.
        role: String,
    },
    /// An imported file is for the role `file`, not the form's `form`.
    OtherRole {
        /// The file's role id.
        file: String,
        /// The form's role id.
        form: String,
    },
    /// The role `role` has no skill with the id `skill`.
    UnknownSkill {
        /// The role's id.
        role: String,
        /// The skill id given.
        skill: String,
    },
    /// The skill named `skill` needs a level and has none.
    NoLevel {
        /// The skill's name.
        skill: String,
    },
    /// `given` is not a level of the role's `scale`.
    NotALevel {
        /// The level given.
        given: String,
        /// The role's scale.
        scale: Scale,
    },
    /// The evidence for the skill named `skill` has `chars` characters, more than [`MAX_EVIDENCE_CHARS`].
    EvidenceTooLong {
        /// The skill's name.
        skill: String,
        /// Characters in the evidence, trimmed.
        chars: usize,
    },
    /// The team id is not a servicekit id.
    NotATeam,
}

impl AnswerProblem {
    /// The problem in English, as the API reports it.
    pub fn english(&self) -> String {
        match self {
            AnswerProblem::NoRole => "Choose the role profile to assess against.".to_owned(),
            AnswerProblem::UnknownRole { role } => format!("There is no role profile called '{role}'."),
            AnswerProblem::OtherRole { file, form } => {
                format!("This file is for the role '{file}', not '{form}'.")
            }
            AnswerProblem::UnknownSkill { role, skill } => {
                format!("The role '{role}' has no skill called '{skill}'.")
            }
            AnswerProblem::NoLevel { skill } => format!("Choose your level for {skill}."),
            AnswerProblem::NotALevel { given, scale } => {
                format!("'{given}' is not a skill level. Choose {}.", scale.choices())
            }
            AnswerProblem::EvidenceTooLong { skill, chars } => format!(
                "Evidence for {skill} must be {MAX_EVIDENCE_CHARS} characters or fewer; it has {chars}."
            ),
            AnswerProblem::NotATeam => {
                "That is not a team id. Copy the id your team lead gave you.".to_owned()
            }
        }
    }
}

/// An [`AnswerProblem`] and the JSON pointer (RFC 6901) of the answer it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerFault {
    /// Where the problem is, e.g. `/ratings/user-focus/evidence`.
    pub pointer: String,
    /// What is wrong.
    pub problem: AnswerProblem,
}

impl AnswerFault {
    fn at(segments: &[&str], problem: AnswerProblem) -> AnswerFault {
        AnswerFault { pointer: pointer(segments), problem }
    }

    /// The fault as the API reports it: its pointer and English wording.
    pub fn in_english(&self) -> FieldProblem {
        FieldProblem { pointer: self.pointer.clone(), detail: self.problem.english() }
    }
}

/// Checks a submission against its role profile (`None` when no profile has
/// the submitted id) and returns every problem at once, in English, or the assessment.
pub fn validate(
    submission: &AssessmentSubmission,
    profile: Option<&RoleProfile>,
) -> Result<Assessment, Vec<FieldProblem>> {
    check(submission, profile).map_err(|faults| faults.iter().map(AnswerFault::in_english).collect())
}

/// Checks a submission against its role profile (`None` when no profile has
/// the submitted id) and returns every fault at once, or the assessment.
///
/// Ratings of skills the profile has but that do not apply to the stated
/// service context are dropped, so changing the context never loses a form.
pub fn check(
    submission: &AssessmentSubmission,
    profile: Option<&RoleProfile>,
) -> Result<Assessment, Vec<AnswerFault>> {
    let mut faults = Vec::new();
    let Some(profile) = profile else {
        let problem = match submission.role.trim().is_empty() {
            true => AnswerProblem::NoRole,
            false => AnswerProblem::UnknownRole { role: submission.role.clone() },
        };
        return Err(vec![AnswerFault::at(&["role"], problem)]);
    };

    for skill_id in submission.ratings.keys() {
        if profile.skill(skill_id).is_none() {
            let problem = AnswerProblem::UnknownSkill { role: profile.id.clone(), skill: skill_id.clone() };
            faults.push(AnswerFault::at(&["ratings", skill_id], problem));
        }
    }

    let mut ratings = BTreeMap::new();
    for (skill, _) in profile.requirements(&submission.context) {
        let input = submission.ratings.get(&skill.id).filter(|r| !r.level.trim().is_empty());
        let Some(input) = input else {
            faults.push(AnswerFault::at(
                &["ratings", &skill.id],
                AnswerProblem::NoLevel { skill: skill.name.clone() },
            ));
            continue;
        };
        let level = profile.scale.parse(input.level.trim());
        if level.is_none() {
            let problem = AnswerProblem::NotALevel { given: input.level.clone(), scale: profile.scale };
            faults.push(AnswerFault::at(&["ratings", &skill.id, "level"], problem));
        }
        let evidence = input.evidence.as_deref().map(str::trim).filter(|e| !e.is_empty());
        if let Some(fault) = evidence_fault(skill, evidence) {
            faults.push(fault);
        }
        if let Some(rank) = level {
            let level = profile.scale.id(rank);
            ratings.insert(skill.id.clone(), SkillRating { level, evidence: evidence.map(str::to_owned) });
        }
    }

    let team = submission.team.as_deref().map(str::trim).filter(|t| !t.is_empty());
    if team.is_some_and(|t| !crate::token::is_valid_id(t)) {
        faults.push(AnswerFault::at(&["team"], AnswerProblem::NotATeam));
    }
    if faults.is_empty() {
        Ok(Assessment {
            role: profile.id.clone(),
            context: submission.context,
            team: team.map(str::to_owned),
            previous: submission.previous.as_ref().map(|p| p.id.clone()),
            ratings,
        })
    } else {
        Err(faults)
    }
}

/// Evidence over [`MAX_EVIDENCE_CHARS`] for `skill`, as a fault.
fn evidence_fault(skill: &SkillRequirement, evidence: Option<&str>) -> Option<AnswerFault> {
    let chars = evidence?.trim().chars().count();
    (chars > MAX_EVIDENCE_CHARS).then(|| {
        AnswerFault::at(
            &["ratings", &skill.id, "evidence"],
            AnswerProblem::EvidenceTooLong { skill: skill.name.clone(), chars },
        )
    })
}

/// Checks a draft, such as a file someone imports, against `profile`: the
/// same role, only the role's skills, real levels, evidence within limits.
/// Unlike [`check`], unanswered skills are fine.
pub fn check_draft(draft: &AssessmentSubmission, profile: &RoleProfile) -> Vec<AnswerFault> {
    if draft.role != profile.id {
        let problem = AnswerProblem::OtherRole { file: draft.role.clone(), form: profile.id.clone() };
        return vec![AnswerFault::at(&["role"], problem)];
    }
    let mut faults = Vec::new();
    for (skill_id, rating) in &draft.ratings {
        let Some(skill) = profile.skill(skill_id) else {
            let problem = AnswerProblem::UnknownSkill { role: profile.id.clone(), skill: skill_id.clone() };
            faults.push(AnswerFault::at(&["ratings", skill_id], problem));
            continue;
        };
        let level = rating.level.trim();
        if !level.is_empty() && profile.scale.parse(level).is_none() {
            let problem = AnswerProblem::NotALevel { given: level.to_owned(), scale: profile.scale };
            faults.push(AnswerFault::at(&["ratings", skill_id, "level"], problem));
        }
        if let Some(fault) = evidence_fault(skill, rating.evidence.as_deref()) {
            faults.push(fault);
        }
    }
    faults
}

/// Columns of the CSV export, in order.
pub const CSV_COLUMNS: [&str; 8] =
    ["skill_id", "skill", "required_min", "required_max", "level", "gap", "status", "evidence"];

/// A draft as CSV (RFC 4180), one row per skill the role needs for its context.
pub fn to_csv(draft: &AssessmentSubmission, profile: &RoleProfile) -> String {
    let rank = |skill: &str| draft.ratings.get(skill).and_then(|r| profile.scale.parse(r.level.trim()));
    let gaps = gaps(profile, &draft.context, rank);
    let mut out = crate::csv_text::CsvText::new();
    out.record(CSV_COLUMNS);
    for gap in gaps {
        let skill = profile.skill_name(&gap.skill);
        let evidence = draft.ratings.get(&gap.skill).and_then(|r| r.evidence.as_deref()).unwrap_or("").trim();
        let level = gap.rated.map(|r| profile.scale.id(r)).unwrap_or_default();
        out.record([
            gap.skill.as_str(),
            skill,
            &gap.required.min.to_string(),
            &gap.required.max.map(|m| m.to_string()).unwrap_or_default(),
            &level,
            &gap.gap.map(|g| g.to_string()).unwrap_or_default(),
            gap.status.as_str(),
            evidence,
        ]);
    }
    out.into_string()
}

/// Builds a JSON pointer (RFC 6901) from path segments, escaping `~` and `/`.
pub fn pointer(segments: &[&str]) -> String {
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        out.push_str(&segment.replace('~', "~0").replace('/', "~1"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles;

    fn service_owner() -> RoleProfile {
        profiles::find("ddat-service-owner-2020").unwrap()
    }

    fn submission(levels: &[(&str, &str)]) -> AssessmentSubmission {
        AssessmentSubmission {
            role: "ddat-service-owner-2020".into(),
            context: ServiceContext::default(),
            team: None,
            previous: None,
            ratings: levels
                .iter()
                .map(|(skill, level)| {
                    (skill.to_string(), RatingSubmission { level: level.to_string(), evidence: None })
                })
                .collect(),
        }
    }

    fn all_at(level: &str) -> AssessmentSubmission {
        let profile = service_owner();
        let levels: Vec<(&str, &str)> = profile.skills.iter().map(|s| (s.id.as_str(), level)).collect();
        submission(&levels)
    }

    fn check_problems(sub: &AssessmentSubmission, expect: &[(&str, &str)]) {
        let profile = profiles::find(&sub.role);
        let problems = validate(sub, profile.as_ref()).expect_err("should be invalid");
        let got: Vec<(&str, &str)> =
            problems.iter().map(|p| (p.pointer.as_str(), p.detail.as_str())).collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn practitioner_everywhere_meets_one_exceeds_one_and_falls_short_of_six() {
        let assessment = validate(&all_at("practitioner"), Some(&service_owner())).unwrap();
        let gaps = assessment.gaps(&service_owner());
        let summary = summarise(&gaps);
        assert_eq!(summary, GapSummary { met: 1, below: 6, above: 1, not_rated: 0 });
        let product = gaps.iter().find(|g| g.skill == "product-ownership").unwrap();
        assert_eq!((product.gap, product.status), (Some(-1), GapStatus::Above));
        let agile = gaps.iter().find(|g| g.skill == "agile-working").unwrap();
        assert_eq!((agile.gap, agile.status), (Some(1), GapStatus::Below));
    }

    #[test]
    fn gap_is_required_minus_rated_in_levels() {
        let profile = service_owner();
        let context = ServiceContext::default();
        let gaps = gaps(&profile, &context, |skill| (skill == "user-focus").then_some(1));
        let user_focus = gaps.iter().find(|g| g.skill == "user-focus").unwrap();
        assert_eq!(user_focus.gap, Some(3));
        assert_eq!(user_focus.rated, Some(1));
        assert_eq!(summarise(&gaps), GapSummary { met: 0, below: 1, above: 0, not_rated: 7 });
    }

    #[test]
    fn empty_form_is_all_not_rated() {
        let profile = service_owner();
        let summary = summarise(&gaps(&profile, &ServiceContext::default(), |_| None));
        assert_eq!(summary, GapSummary { met: 0, below: 0, above: 0, not_rated: 8 });
    }

    #[test]
    fn expert_everywhere_meets_six_and_exceeds_life_cycle_and_product_ownership() {
        let assessment = validate(&all_at("expert"), Some(&service_owner())).unwrap();
        let summary = summarise(&assessment.gaps(&service_owner()));
        assert_eq!(summary, GapSummary { met: 6, below: 0, above: 2, not_rated: 0 });
    }

    fn osom(context: ServiceContext, level: &str) -> AssessmentSubmission {
        let profile = profiles::find("osom-service-manager").unwrap();
        AssessmentSubmission {
            role: profile.id.clone(),
            context,
            team: None,
            previous: None,
            ratings: profile
                .requirements(&context)
                .map(|(s, _)| (s.id.clone(), RatingSubmission { level: level.into(), evidence: None }))
                .collect(),
        }
    }

    #[test]
    fn sfia_ranges_count_open_and_closed_bounds() {
        let profile = profiles::find("osom-service-manager").unwrap();
        let assessment = validate(&osom(ServiceContext::default(), "5"), Some(&profile)).unwrap();
        let gaps = assessment.gaps(&profile);
        let by_id = |id: &str| gaps.iter().find(|g| g.skill == id).unwrap().clone();
        assert_eq!(
            (by_id("demand-management").gap, by_id("demand-management").status),
            (Some(0), GapStatus::Met),
            "5 is in 5+"
        );
        assert_eq!(
            (by_id("measurement").gap, by_id("measurement").status),
            (Some(-1), GapStatus::Above),
            "5 is over 3–4"
        );
        assert_eq!(
            (by_id("service-level-management").gap, by_id("service-level-management").status),
            (Some(2), GapStatus::Below)
        );
        assert_eq!(
            (by_id("project-management").gap, by_id("project-management").status),
            (Some(0), GapStatus::Met),
            "5 is in 4+"
        );
        assert_eq!(by_id("financial-management").status, GapStatus::Above, "5 is over exactly 4");
        assert_eq!(assessment.ratings["measurement"].level, "5");
    }

    #[test]
    fn context_changes_the_required_skills_and_levels() {
        let profile = profiles::find("osom-service-manager").unwrap();
        let large = ServiceContext { large: true, outsources: true, has_products: false };
        let small_form = osom(ServiceContext::default(), "4");
        let mut sub = small_form.clone();
        sub.context = large;
        check_problems(
            &sub,
            &[
                ("/ratings/programme-management", "Choose your level for Programme management."),
                ("/ratings/contract-management", "Choose your level for Contract management."),
            ],
        );
        let large_form = osom(large, "4");
        let assessment = validate(&large_form, Some(&profile)).unwrap();
        let gaps = assessment.gaps(&profile);
        let org = gaps.iter().find(|g| g.skill == "organisation-design-and-implementation").unwrap();
        assert_eq!((org.required, org.gap), (crate::skill::LevelRange::between(6, 7), Some(2)));
        assert!(!gaps.iter().any(|g| g.skill == "product-management"));

        let mut back_to_small = large_form;
        back_to_small.context = ServiceContext::default();
        let assessment = validate(&back_to_small, Some(&profile)).unwrap();
        assert!(
            !assessment.ratings.contains_key("programme-management"),
            "ratings of skills that no longer apply are dropped"
        );
        assert_eq!(assessment.ratings.len(), 13);
    }

    #[test]
    fn sfia_levels_must_be_numbers_from_1_to_7() {
        let mut sub = osom(ServiceContext::default(), "4");
        sub.ratings.get_mut("measurement").unwrap().level = "expert".into();
        sub.ratings.get_mut("quality-management").unwrap().level = "8".into();
        check_problems(
            &sub,
            &[
                ("/ratings/measurement/level", "'expert' is not a skill level. Choose a level from 1 to 7."),
                (
                    "/ratings/quality-management/level",
                    "'8' is not a skill level. Choose a level from 1 to 7.",
                ),
            ],
        );
    }

    #[test]
    fn a_blank_level_counts_as_not_chosen() {
        let mut sub = all_at("expert");
        sub.ratings.get_mut("user-focus").unwrap().level = "".into();
        check_problems(&sub, &[("/ratings/user-focus", "Choose your level for User focus.")]);
    }

    #[test]
    fn unknown_role_is_reported_at_role() {
        let mut sub = all_at("expert");
        sub.role = "ddat-wizard".into();
        check_problems(&sub, &[("/role", "There is no role profile called 'ddat-wizard'.")]);
        sub.role = " ".into();
        check_problems(&sub, &[("/role", "Choose the role profile to assess against.")]);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut sub = all_at("expert");
        sub.ratings.remove("user-focus");
        sub.ratings.get_mut("agile-working").unwrap().level = "guru".into();
        sub.ratings.insert("juggling".into(), RatingSubmission { level: "expert".into(), evidence: None });
        check_problems(
            &sub,
            &[
                ("/ratings/juggling", "The role 'ddat-service-owner-2020' has no skill called 'juggling'."),
                (
                    "/ratings/agile-working/level",
                    "'guru' is not a skill level. Choose awareness, working, practitioner or expert.",
                ),
                ("/ratings/user-focus", "Choose your level for User focus."),
            ],
        );
    }

    #[test]
    fn evidence_is_trimmed_dropped_when_blank_and_limited_in_length() {
        let profile = service_owner();
        let mut sub = all_at("working");
        sub.ratings.get_mut("user-focus").unwrap().evidence = Some("  Ran research with 40 users.\n".into());
        sub.ratings.get_mut("agile-working").unwrap().evidence = Some("   ".into());
        let assessment = validate(&sub, Some(&profile)).unwrap();
        assert_eq!(assessment.ratings["user-focus"].evidence.as_deref(), Some("Ran research with 40 users."));
        assert_eq!(assessment.ratings["agile-working"].evidence, None);

        sub.ratings.get_mut("user-focus").unwrap().evidence = Some("é".repeat(MAX_EVIDENCE_CHARS));
        assert!(validate(&sub, Some(&profile)).is_ok(), "limit counts characters, not bytes");
        sub.ratings.get_mut("user-focus").unwrap().evidence = Some("x".repeat(MAX_EVIDENCE_CHARS + 1));
        check_problems(
            &sub,
            &[(
                "/ratings/user-focus/evidence",
                "Evidence for User focus must be 2000 characters or fewer; it has 2001.",
            )],
        );
    }

    #[test]
    fn unknown_fields_are_rejected_when_parsing() {
        let json = r#"{"role":"ddat-service-owner-2020","ratings":{},"extra":1}"#;
        let err = serde_json::from_str::<AssessmentSubmission>(json).unwrap_err();
        assert!(err.to_string().contains("unknown field `extra`"), "{err}");
    }

    #[test]
    fn a_draft_file_may_be_partial_but_not_wrong() {
        let profile = service_owner();
        let mut draft = submission(&[("user-focus", "expert"), ("agile-working", "")]);
        assert_eq!(check_draft(&draft, &profile), []);
        draft.ratings.insert("juggling".into(), RatingSubmission { level: "expert".into(), evidence: None });
        draft.ratings.get_mut("user-focus").unwrap().level = "5".into();
        let pointers: Vec<String> = check_draft(&draft, &profile).into_iter().map(|p| p.pointer).collect();
        assert_eq!(pointers, ["/ratings/juggling", "/ratings/user-focus/level"]);
        draft.role = "osom-service-manager".into();
        let problems = check_draft(&draft, &profile);
        assert_eq!(
            problems[0].problem,
            AnswerProblem::OtherRole {
                file: "osom-service-manager".into(),
                form: "ddat-service-owner-2020".into()
            }
        );
        assert_eq!(
            problems[0].problem.english(),
            "This file is for the role 'osom-service-manager', not 'ddat-service-owner-2020'."
        );
    }

    #[test]
    fn faults_name_the_rule_and_what_its_message_needs() {
        let profile = service_owner();
        let mut sub = submission(&[("user-focus", "guru")]);
        sub.ratings.get_mut("user-focus").unwrap().evidence = Some("x".repeat(MAX_EVIDENCE_CHARS + 1));
        sub.team = Some("not a team".into());
        let faults = check(&sub, Some(&profile)).unwrap_err();
        let find = |pointer: &str| faults.iter().find(|f| f.pointer == pointer).map(|f| f.problem.clone());
        assert_eq!(
            find("/ratings/user-focus/level"),
            Some(AnswerProblem::NotALevel { given: "guru".into(), scale: Scale::Ddat })
        );
        assert_eq!(
            find("/ratings/user-focus/evidence"),
            Some(AnswerProblem::EvidenceTooLong {
                skill: "User focus".into(),
                chars: MAX_EVIDENCE_CHARS + 1
            })
        );
        assert_eq!(find("/team"), Some(AnswerProblem::NotATeam));
        let skill = profile.skills.iter().find(|s| s.id != "user-focus").unwrap();
        assert_eq!(
            find(&format!("/ratings/{}", skill.id)),
            Some(AnswerProblem::NoLevel { skill: skill.name.clone() })
        );
        // The API's English is the same faults, worded.
        let english = validate(&sub, Some(&profile)).unwrap_err();
        assert_eq!(english, faults.iter().map(AnswerFault::in_english).collect::<Vec<_>>());
        assert!(english.iter().any(|p| p.detail == format!("Choose your level for {}.", skill.name)));
    }

    #[test]
    fn csv_export_has_a_row_per_required_skill_with_quoted_evidence() {
        let profile = service_owner();
        let mut draft = submission(&[("agile-working", "practitioner"), ("user-focus", "expert")]);
        draft.ratings.get_mut("user-focus").unwrap().evidence =
            Some("Ran \"research\",\nwith 40 users".into());
        let csv = to_csv(&draft, &profile);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("skill_id,skill,required_min,required_max,level,gap,status,evidence"));
        assert_eq!(lines.next(), Some("agile-working,Agile working,4,4,practitioner,1,below,"));
        assert_eq!(lines.next(), Some("financial-ownership,Financial ownership,4,4,,,not-rated,"));
        assert!(
            csv.ends_with(
                "user-focus,User focus,4,4,expert,0,met,\"Ran \"\"research\"\",\nwith 40 users\"\n"
            ),
            "{csv}"
        );
    }

    #[test]
    fn changes_compare_each_skill_with_last_time() {
        let profile = service_owner();
        let before = validate(&all_at("working"), Some(&profile)).unwrap();
        let mut later = all_at("working");
        later.ratings.get_mut("agile-working").unwrap().level = "expert".into();
        later.ratings.get_mut("user-focus").unwrap().level = "awareness".into();
        let now = validate(&later, Some(&profile)).unwrap();
        let moved: Vec<(String, Option<i8>)> = now
            .changes_since(&profile, &before)
            .into_iter()
            .map(|c| (c.skill, c.change))
            .filter(|(_, c)| *c != Some(0))
            .collect();
        assert_eq!(moved, [("agile-working".to_owned(), Some(2)), ("user-focus".to_owned(), Some(-1))]);
    }

    #[test]
    fn pointer_escapes_tilde_and_slash() {
        assert_eq!(pointer(&["ratings", "a/b~c", "level"]), "/ratings/a~1b~0c/level");
    }
}
