//! Role profiles: the skills a role needs and at which levels, which can
//! depend on the service the person runs.

use crate::skill::{LevelRange, Scale};
use serde::{Deserialize, Serialize};

/// The capability framework a profile comes from, with its edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Framework {
    /// Short name of the framework, e.g. `"DDaT"`.
    pub name: String,
    /// The edition the profile was taken from, e.g. `"2020"`.
    pub version: String,
}

/// When a skill is part of a role at all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Applies {
    /// Always.
    #[default]
    Always,
    /// Only for large services.
    LargeServices,
    /// Only for services that outsource delivery.
    Outsourcing,
    /// Only for services that have products.
    WithProducts,
}

/// Facts about the service that change which skills a role needs, and at what level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ServiceContext {
    /// The service is large (otherwise small).
    #[serde(default)]
    pub large: bool,
    /// The service outsources delivery to suppliers.
    #[serde(default)]
    pub outsources: bool,
    /// The service has products.
    #[serde(default)]
    pub has_products: bool,
}

/// One skill a role may need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SkillRequirement {
    /// Stable identifier, unique within the profile (`"agile-working"`).
    pub id: String,
    /// Name as the framework writes it.
    pub name: String,
    /// The framework's code for the skill (SFIA `"PRMG"`), if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Group the framework puts the skill in, if any (`"Finance"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// What the skill means for this role, in servicekit's own words.
    pub description: String,
    /// Where the framework describes the skill, if it has its own page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Levels the role needs (for a small service, when size matters).
    pub required: LevelRange,
    /// Levels the role needs for a large service, when different.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_large: Option<LevelRange>,
    /// When the skill is part of the role.
    #[serde(default, skip_serializing_if = "is_always")]
    pub applies: Applies,
}

fn is_always(applies: &Applies) -> bool {
    *applies == Applies::Always
}

impl SkillRequirement {
    /// Whether the skill is part of the role for a service like `context`.
    pub fn applies_to(&self, context: &ServiceContext) -> bool {
        match self.applies {
            Applies::Always => true,
            Applies::LargeServices => context.large,
            Applies::Outsourcing => context.outsources,
            Applies::WithProducts => context.has_products,
        }
    }

    /// The levels needed for a service like `context`.
    pub fn levels_for(&self, context: &ServiceContext) -> LevelRange {
        match self.required_large {
            Some(large) if context.large => large,
            _ => self.required,
        }
    }
}

/// Which context questions change a profile's requirements.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ContextQuestions {
    /// Whether the service is large matters.
    pub large: bool,
    /// Whether the service outsources matters.
    pub outsources: bool,
    /// Whether the service has products matters.
    pub has_products: bool,
}

/// A role and the skills it needs, as published by a framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RoleProfile {
    /// Stable identifier used in URLs (`"ddat-service-owner-2020"`).
    pub id: String,
    /// Role title as the framework writes it.
    pub title: String,
    /// Which framework and edition this profile belongs to.
    pub framework: Framework,
    /// The scale its levels are on.
    pub scale: Scale,
    /// Where the framework publishes the role.
    pub source_url: String,
    /// A note on how to read the profile, in servicekit's words, if needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Every skill the role may need, in the framework's order.
    pub skills: Vec<SkillRequirement>,
}

impl RoleProfile {
    /// The skill with this id, if the role has it.
    pub fn skill(&self, skill_id: &str) -> Option<&SkillRequirement> {
        self.skills.iter().find(|s| s.id == skill_id)
    }

    /// The name to show for skill `skill_id`: its name, or the id itself when the role lacks it.
    pub fn skill_name<'a>(&'a self, skill_id: &'a str) -> &'a str {
        self.skill(skill_id).map_or(skill_id, |s| s.name.as_str())
    }

    /// The skills needed for a service like `context`, with the levels needed.
    pub fn requirements<'a>(
        &'a self,
        context: &'a ServiceContext,
    ) -> impl Iterator<Item = (&'a SkillRequirement, LevelRange)> + 'a {
        self.skills.iter().filter(|s| s.applies_to(context)).map(|s| (s, s.levels_for(context)))
    }

    /// Which facts about the service change this profile's requirements.
    pub fn context_questions(&self) -> ContextQuestions {
        let mut questions = ContextQuestions::default();
        for skill in &self.skills {
            questions.large |= skill.required_large.is_some() || skill.applies == Applies::LargeServices;
            questions.outsources |= skill.applies == Applies::Outsourcing;
            questions.has_products |= skill.applies == Applies::WithProducts;
        }
        questions
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_skill_is_named_by_its_name_or_else_its_id() {
        let profile = crate::profiles::find("ddat-service-owner-2020").expect("built in");
        let first = &profile.skills[0];
        assert_eq!(profile.skill_name(&first.id), first.name);
        assert_ne!(first.name, first.id);
        assert_eq!(profile.skill_name("no-such-skill"), "no-such-skill");
    }
}
