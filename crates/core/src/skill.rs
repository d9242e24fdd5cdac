//! Skill levels: the DDaT four named levels and SFIA's seven numbered ones,
//! and the ranges a role can require ("Level 5+", "Level 3–4").

use serde::{Deserialize, Serialize};
use std::fmt;

/// A DDaT skill level, ordered awareness < working < practitioner < expert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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
    pub fn rank(self) -> u8 {
        match self {
            SkillLevel::Awareness => 1,
            SkillLevel::Working => 2,
            SkillLevel::Practitioner => 3,
            SkillLevel::Expert => 4,
        }
    }

    /// The level at `rank` (1 to 4).
    pub fn from_rank(rank: u8) -> Option<SkillLevel> {
        SkillLevel::ALL.into_iter().find(|l| l.rank() == rank)
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

/// A framework's scale of levels. Levels are ranks from 1 up to [`Scale::top`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Scale {
    /// DDaT: awareness, working, practitioner, expert (1–4), written as names.
    Ddat,
    /// SFIA: levels 1–7, written as numbers.
    Sfia,
}

impl Scale {
    /// The highest rank on the scale.
    pub fn top(self) -> u8 {
        match self {
            Scale::Ddat => 4,
            Scale::Sfia => 7,
        }
    }

    /// Every rank on the scale, lowest first.
    pub fn ranks(self) -> impl Iterator<Item = u8> {
        1..=self.top()
    }

    /// Parses a level as written in a submission: a DDaT name or an SFIA number.
    pub fn parse(self, text: &str) -> Option<u8> {
        match self {
            Scale::Ddat => SkillLevel::parse(text).map(SkillLevel::rank),
            Scale::Sfia => text.parse::<u8>().ok().filter(|rank| (1..=7).contains(rank)),
        }
    }

    /// How a rank is written in JSON and forms (`"expert"`, `"5"`).
    pub fn id(self, rank: u8) -> String {
        match self {
            Scale::Ddat => SkillLevel::from_rank(rank).map(|l| l.as_str().to_owned()).unwrap_or_default(),
            Scale::Sfia => rank.to_string(),
        }
    }

    /// The values a submission may use, for error messages.
    pub fn choices(self) -> &'static str {
        match self {
            Scale::Ddat => "awareness, working, practitioner or expert",
            Scale::Sfia => "a level from 1 to 7",
        }
    }
}

/// The levels a role accepts for a skill: at least `min` and, when `max` is
/// set, at most `max`. "Level 4" is 4–4, "Level 5+" is 5–, "Level 3–4" is 3–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LevelRange {
    /// Lowest accepted rank.
    pub min: u8,
    /// Highest accepted rank; `None` means no upper bound ("5+").
    pub max: Option<u8>,
}

impl LevelRange {
    /// Exactly one level.
    pub const fn exactly(rank: u8) -> LevelRange {
        LevelRange { min: rank, max: Some(rank) }
    }

    /// This level or any higher ("5+").
    pub const fn at_least(rank: u8) -> LevelRange {
        LevelRange { min: rank, max: None }
    }

    /// Any level from `min` to `max` inclusive ("3–4").
    pub const fn between(min: u8, max: u8) -> LevelRange {
        LevelRange { min, max: Some(max) }
    }

    /// Levels still to grow (positive), 0 inside the range, or levels beyond it (negative).
    pub fn gap(self, rated: u8) -> i8 {
        let (rated, min) = (rated as i8, self.min as i8);
        match self.max.map(|m| m as i8) {
            _ if rated < min => min - rated,
            Some(max) if rated > max => max - rated,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ddat_levels_are_ordered_from_awareness_to_expert() {
        let ranks: Vec<u8> = SkillLevel::ALL.iter().map(|l| l.rank()).collect();
        assert_eq!(ranks, [1, 2, 3, 4]);
        assert!(SkillLevel::Practitioner < SkillLevel::Expert);
        for level in SkillLevel::ALL {
            assert_eq!(SkillLevel::from_rank(level.rank()), Some(level));
            assert_eq!(SkillLevel::parse(level.as_str()), Some(level));
        }
        assert_eq!(SkillLevel::parse("Expert"), None);
        assert_eq!(SkillLevel::from_rank(0), None);
        assert_eq!(SkillLevel::from_rank(5), None);
    }

    #[test]
    fn scales_parse_their_own_spelling_only() {
        let cases = [
            (Scale::Ddat, "expert", Some(4)),
            (Scale::Ddat, "awareness", Some(1)),
            (Scale::Ddat, "4", None),
            (Scale::Ddat, "guru", None),
            (Scale::Sfia, "1", Some(1)),
            (Scale::Sfia, "7", Some(7)),
            (Scale::Sfia, "0", None),
            (Scale::Sfia, "8", None),
            (Scale::Sfia, "expert", None),
            (Scale::Sfia, "", None),
        ];
        for (scale, text, expect) in cases {
            assert_eq!(scale.parse(text), expect, "{scale:?} {text:?}");
        }
        assert_eq!(Scale::Ddat.id(3), "practitioner");
        assert_eq!(Scale::Sfia.id(6), "6");
        assert_eq!(Scale::Sfia.ranks().count(), 7);
    }

    fn check_gaps(range: LevelRange, expect: [i8; 7]) {
        let got: Vec<i8> = (1..=7).map(|rated| range.gap(rated)).collect();
        assert_eq!(got, expect, "{range:?}");
    }

    #[test]
    fn gap_is_distance_outside_the_required_range() {
        check_gaps(LevelRange::exactly(4), [3, 2, 1, 0, -1, -2, -3]);
        check_gaps(LevelRange::at_least(5), [4, 3, 2, 1, 0, 0, 0]);
        check_gaps(LevelRange::between(3, 4), [2, 1, 0, 0, -1, -2, -3]);
        check_gaps(LevelRange::between(6, 7), [5, 4, 3, 2, 1, 0, 0]);
        check_gaps(LevelRange::at_least(1), [0; 7]);
    }

    #[test]
    fn serialises_levels_and_ranges() {
        assert_eq!(serde_json::to_string(&SkillLevel::Practitioner).unwrap(), "\"practitioner\"");
        assert_eq!(serde_json::to_string(&LevelRange::at_least(5)).unwrap(), r#"{"min":5,"max":null}"#);
        assert_eq!(serde_json::to_string(&Scale::Sfia).unwrap(), "\"sfia\"");
    }
}
