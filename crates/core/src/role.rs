//! Role profiles: the skills a role needs and at which level.

use crate::skill::SkillLevel;
use serde::{Deserialize, Serialize};

/// The capability framework a profile comes from, with its edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Framework {
    /// Short name of the framework, e.g. `"DDaT"`.
    pub name: String,
    /// The edition the profile was taken from, e.g. `"2020"`.
    pub version: String,
}

/// One skill a role needs, at the level the role needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillRequirement {
    /// Stable identifier, unique within the profile (`"agile-working"`).
    pub id: String,
    /// Name as the framework writes it.
    pub name: String,
    /// What the skill means at the required level, in servicekit's own words.
    pub description: String,
    /// The level the role needs.
    pub required: SkillLevel,
}

/// A role and the skills it needs, as published by a framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleProfile {
    /// Stable identifier used in URLs (`"ddat-service-owner-2020"`).
    pub id: String,
    /// Role title as the framework writes it.
    pub title: String,
    /// Which framework and edition this profile belongs to.
    pub framework: Framework,
    /// Where the framework publishes the role.
    pub source_url: String,
    /// The skills, in the framework's order.
    pub skills: Vec<SkillRequirement>,
}

impl RoleProfile {
    /// The requirement for `skill_id`, if the role has that skill.
    pub fn skill(&self, skill_id: &str) -> Option<&SkillRequirement> {
        self.skills.iter().find(|s| s.id == skill_id)
    }
}

/// Every role profile servicekit ships with.
pub fn built_in() -> Vec<RoleProfile> {
    vec![ddat_service_owner_2020()]
}

/// The built-in profile with this id, if there is one.
pub fn find(id: &str) -> Option<RoleProfile> {
    built_in().into_iter().find(|p| p.id == id)
}

fn requirement(id: &str, name: &str, required: SkillLevel, description: &str) -> SkillRequirement {
    SkillRequirement {
        id: id.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
        required,
    }
}

/// DDaT service owner, as published by the Central Digital and Data Office on 7 January 2020.
fn ddat_service_owner_2020() -> RoleProfile {
    use SkillLevel::*;
    RoleProfile {
        id: "ddat-service-owner-2020".to_owned(),
        title: "Service owner".to_owned(),
        framework: Framework { name: "DDaT".to_owned(), version: "2020".to_owned() },
        source_url: "https://www.gov.uk/guidance/service-owner".to_owned(),
        skills: vec![
            requirement(
                "agile-working",
                "Agile working",
                Expert,
                "Chooses how teams work, coaches them in agile and lean ways, and keeps questioning whether the approach still fits.",
            ),
            requirement(
                "financial-ownership",
                "Financial ownership",
                Expert,
                "Owns an agile business case through the whole life of the service, knows what each sprint costs and what value it brings.",
            ),
            requirement(
                "life-cycle-perspective",
                "Life-cycle perspective",
                Practitioner,
                "Has worked across several phases of delivery and can judge when to move to the next phase and when to stop.",
            ),
            requirement(
                "operational-management",
                "Operational management",
                Expert,
                "Makes operations efficient, spreads good practice and is the escalation point for serious operational problems.",
            ),
            requirement(
                "problem-ownership",
                "Problem ownership",
                Expert,
                "Sees problems coming, places them in the wider picture and builds the team's ability to solve them.",
            ),
            requirement(
                "product-ownership",
                "Product ownership",
                Working,
                "Knows the tools and language of product delivery and how they change from one phase to the next.",
            ),
            requirement(
                "strategic-ownership",
                "Strategic ownership",
                Expert,
                "Sets a long-term vision and objectives, keeps focus on what matters most and grows other people's capability.",
            ),
            requirement(
                "user-focus",
                "User focus",
                Expert,
                "Meets users' needs across channels, follows how those needs change over time and steers which research methods to use.",
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_owner_2020_has_the_eight_skills_and_levels_of_the_source() {
        let profile = find("ddat-service-owner-2020").expect("built in");
        let levels: Vec<(&str, SkillLevel)> =
            profile.skills.iter().map(|s| (s.id.as_str(), s.required)).collect();
        use SkillLevel::*;
        assert_eq!(
            levels,
            [
                ("agile-working", Expert),
                ("financial-ownership", Expert),
                ("life-cycle-perspective", Practitioner),
                ("operational-management", Expert),
                ("problem-ownership", Expert),
                ("product-ownership", Working),
                ("strategic-ownership", Expert),
                ("user-focus", Expert),
            ]
        );
        assert_eq!(profile.framework, Framework { name: "DDaT".into(), version: "2020".into() });
        assert!(profile.source_url.starts_with("https://www.gov.uk/"));
    }

    #[test]
    fn built_in_profiles_have_unique_ids_and_skill_ids() {
        let profiles = built_in();
        let mut ids: Vec<&str> = profiles.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), profiles.len());
        for profile in &profiles {
            let mut skills: Vec<&str> = profile.skills.iter().map(|s| s.id.as_str()).collect();
            skills.sort_unstable();
            skills.dedup();
            assert_eq!(skills.len(), profile.skills.len(), "{}", profile.id);
            assert!(profile.skills.iter().all(|s| !s.description.is_empty()));
        }
    }

    #[test]
    fn unknown_role_is_not_found() {
        assert!(find("ddat-service-owner-1999").is_none());
        assert!(find("").is_none());
    }
}
