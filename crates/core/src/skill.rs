//! Skill levels of the DDaT capability framework.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A DDaT skill level, ordered awareness < working < practitioner < expert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SkillLevel {
    /// Knows what the skill is and why it matters.
    Awareness,
    /// Applies the skill with support.
    Working,
    /// Applies the skill independently and helps others.
    Practitioner,
    /// Leads, coaches and sets direction in the skill.
    Expert,
}

impl SkillLevel {
    /// Every level, lowest first.
    pub const ALL: [SkillLevel; 4] =
        [SkillLevel::Awareness, SkillLevel::Working, SkillLevel::Practitioner, SkillLevel::Expert];

    /// Position on the scale: awareness is 1, expert is 4.
    pub fn rank(self) -> i8 {
        match self {
            SkillLevel::Awareness => 1,
            SkillLevel::Working => 2,
            SkillLevel::Practitioner => 3,
            SkillLevel::Expert => 4,
        }
    }

    /// The identifier used in JSON and forms (`"practitioner"`).
    pub fn as_str(self) -> &'static str {
        match self {
            SkillLevel::Awareness => "awareness",
            SkillLevel::Working => "working",
            SkillLevel::Practitioner => "practitioner",
            SkillLevel::Expert => "expert",
        }
    }

    /// Parses an identifier as written in JSON (`"expert"`); `None` if unknown.
    pub fn parse(text: &str) -> Option<SkillLevel> {
        SkillLevel::ALL.into_iter().find(|level| level.as_str() == text)
    }
}

impl fmt::Display for SkillLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_ordered_from_awareness_to_expert() {
        assert!(SkillLevel::Awareness < SkillLevel::Working);
        assert!(SkillLevel::Working < SkillLevel::Practitioner);
        assert!(SkillLevel::Practitioner < SkillLevel::Expert);
        let ranks: Vec<i8> = SkillLevel::ALL.iter().map(|l| l.rank()).collect();
        assert_eq!(ranks, [1, 2, 3, 4]);
    }

    #[test]
    fn parse_round_trips_and_rejects_unknown_names() {
        for level in SkillLevel::ALL {
            assert_eq!(SkillLevel::parse(level.as_str()), Some(level));
        }
        assert_eq!(SkillLevel::parse("Expert"), None);
        assert_eq!(SkillLevel::parse("guru"), None);
        assert_eq!(SkillLevel::parse(""), None);
    }

    #[test]
    fn serialises_as_lowercase_names() {
        let json = serde_json::to_string(&SkillLevel::Practitioner).unwrap();
        assert_eq!(json, "\"practitioner\"");
        let back: SkillLevel = serde_json::from_str("\"working\"").unwrap();
        assert_eq!(back, SkillLevel::Working);
        assert!(serde_json::from_str::<SkillLevel>("\"master\"").is_err());
    }
}
