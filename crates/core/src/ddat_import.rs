//! Turns the official DDaT capability framework CSV export (`roles.csv` and
//! `skills.csv`) into a catalogue of versioned role profiles.
//!
//! The export's quirks: multi-line quoted cells, Markdown bullet lists inside
//! cells, a `Role Type` column that is empty or `Senior Civil Service`, and
//! the value `NOT IN USE` where a role level or skill level does not apply.
//! Any malformed row stops the import with its line number: all or nothing.

use crate::assessment::{pointer, FieldProblem};
use crate::role::{Applies, Framework, RoleProfile, SkillRequirement};
use crate::skill::{LevelRange, Scale, SkillLevel};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The value the export uses where a level does not apply.
const NOT_IN_USE: &str = "NOT IN USE";

/// Columns `roles.csv` must have, in order.
pub const ROLE_COLUMNS: [&str; 10] = [
    "Role Family",
    "Role",
    "Role Description",
    "Role Level",
    "Role Level Description",
    "Skill Name",
    "Skill Description",
    "Skill Level",
    "Skill Level Description",
    "Role Type",
];

/// Columns `skills.csv` must start with.
pub const SKILL_COLUMNS: [&str; 6] =
    ["Skill Name", "Skill Description", "Awareness", "Working", "Practitioner", "Expert"];

/// A framework edition's roles, each with a profile per role level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FrameworkCatalogue {
    /// Identifier used in URLs, e.g. `"ddat-2025"`.
    pub id: String,
    /// Framework and edition.
    pub framework: Framework,
    /// Where the framework is published.
    pub source_url: String,
    /// Every role, in the export's order.
    pub roles: Vec<CatalogueRole>,
}

/// One role of the framework and its levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CatalogueRole {
    /// Role family, e.g. `"Product and delivery"`.
    pub family: String,
    /// Role title, e.g. `"Service owner"`.
    pub title: String,
    /// Whether the export marks it as a Senior Civil Service role.
    pub senior_civil_service: bool,
    /// A profile per role level in use (none for roles whose levels are all `NOT IN USE`).
    pub levels: Vec<RoleProfile>,
}

/// Longest text accepted in one field of an uploaded catalogue, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;

impl FrameworkCatalogue {
    /// Every role-level profile, in order.
    pub fn profiles(&self) -> impl Iterator<Item = &RoleProfile> {
        self.roles.iter().flat_map(|r| r.levels.iter())
    }

    /// Everything wrong with an uploaded catalogue meant to be stored as `id`, all at once.
    pub fn problems(&self, id: &str) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut problem =
            |path: &[&str], detail: String| problems.push(FieldProblem { pointer: pointer(path), detail });
        if self.id != id {
            problem(&["id"], format!("The catalogue's id '{}' differs from the address's '{id}'.", self.id));
        }
        if !is_slug(&self.id) {
            problem(&["id"], "Use 1 to 64 lower-case letters, digits and hyphens for the id.".to_owned());
        }
        if self.roles.is_empty() {
            problem(&["roles"], "A framework needs at least one role.".to_owned());
        }
        let mut seen = std::collections::BTreeSet::new();
        for (r, role) in self.roles.iter().enumerate() {
            let r = r.to_string();
            if role.title.trim().is_empty() {
                problem(&["roles", &r, "title"], "Give the role a title.".to_owned());
            }
            for (l, profile) in role.levels.iter().enumerate() {
                let l = l.to_string();
                let path = ["roles", r.as_str(), "levels", l.as_str(), "id"];
                if !profile.id.starts_with(&format!("{}-", self.id)) || !is_slug(&profile.id) {
                    problem(
                        &path,
                        format!(
                            "Profile ids must be '{}-' followed by lower-case letters, digits and hyphens.",
                            self.id
                        ),
                    );
                } else if !seen.insert(profile.id.clone()) {
                    problem(&path, format!("The profile id '{}' is used twice.", profile.id));
                } else if crate::profiles::find(&profile.id).is_some() {
                    problem(&path, format!("'{}' is the id of a built-in profile.", profile.id));
                }
                if profile.skills.is_empty() {
                    problem(
                        &["roles", &r, "levels", &l, "skills"],
                        "A role level needs at least one skill.".to_owned(),
                    );
                }
                let mut skill_ids = std::collections::BTreeSet::new();
                for (k, skill) in profile.skills.iter().enumerate() {
                    let k = k.to_string();
                    let base = ["roles", r.as_str(), "levels", l.as_str(), "skills", k.as_str()];
                    let with = |field: &'static str| {
                        let mut v = base.to_vec();
                        v.push(field);
                        v
                    };
                    if !skill_ids.insert(skill.id.as_str()) {
                        problem(
                            &with("id"),
                            format!("The skill id '{}' is used twice in this profile.", skill.id),
                        );
                    }
                    for range in [Some(skill.required), skill.required_large].into_iter().flatten() {
                        let top = profile.scale.top();
                        if range.min < 1
                            || range.min > top
                            || range.max.is_some_and(|m| m < range.min || m > top)
                        {
                            problem(
                                &with("required"),
                                format!("Levels must run from 1 to {top}, lowest first."),
                            );
                        }
                    }
                    let long =
                        [&skill.name, &skill.description].iter().any(|t| t.chars().count() > MAX_TEXT_CHARS);
                    if long {
                        problem(
                            &with("description"),
                            format!("Texts must be {MAX_TEXT_CHARS} characters or fewer."),
                        );
                    }
                }
            }
        }
        problems
    }
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// Why an import failed: which file and line, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// `roles.csv` or `skills.csv`.
    pub file: &'static str,
    /// 1-based line where the offending record starts (0 when not about one line).
    pub line: u64,
    /// What is wrong, for the person importing.
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ImportError {}

/// Lower-case, hyphenated identifier from a name ("Life cycle management" → `life-cycle-management`).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn reader(data: &[u8]) -> csv::Reader<&[u8]> {
    let data = data.strip_prefix("\u{feff}".as_bytes()).unwrap_or(data);
    csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(data)
}

fn check_headers(
    file: &'static str,
    reader: &mut csv::Reader<&[u8]>,
    expected: &[&str],
) -> Result<(), ImportError> {
    let headers = reader.headers().map_err(|e| csv_error(file, e))?;
    let got: Vec<&str> = headers.iter().map(str::trim).collect();
    if got.len() < expected.len() || got[..expected.len()] != *expected {
        return Err(ImportError {
            file,
            line: 1,
            message: format!("expected the columns {expected:?}, found {got:?}"),
        });
    }
    Ok(())
}

fn csv_error(file: &'static str, err: csv::Error) -> ImportError {
    let line = err.position().map(|p| p.line()).unwrap_or(0);
    let message = match err.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("this row has {len} columns; the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "this row is not valid UTF-8 text".to_owned(),
        _ => err.to_string(),
    };
    ImportError { file, line, message }
}

/// Imports the framework edition `version` (e.g. `"2025"`) from the two CSV files' bytes (UTF-8, BOM allowed).
pub fn import(version: &str, roles_csv: &[u8], skills_csv: &[u8]) -> Result<FrameworkCatalogue, ImportError> {
    let framework = Framework { name: "DDaT".to_owned(), version: version.to_owned() };
    let id = format!("ddat-{}", slug(version));
    let skill_names = read_skills(skills_csv)?;

    let mut rdr = reader(roles_csv);
    check_headers("roles.csv", &mut rdr, &ROLE_COLUMNS)?;
    let mut roles: Vec<CatalogueRole> = Vec::new();
    let mut profile_index: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for record in rdr.records() {
        let record = record.map_err(|e| csv_error("roles.csv", e))?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let fail = |message: String| ImportError { file: "roles.csv", line, message };
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let (family, title, role_level) = (cell(0), cell(1), cell(3));
        let (skill_name, skill_level, level_description) = (cell(5), cell(7), cell(8));
        let senior = match cell(9) {
            "" => false,
            "Senior Civil Service" => true,
            other => {
                return Err(fail(format!("Role Type '{other}' is neither empty nor 'Senior Civil Service'")))
            }
        };
        if title.is_empty() || family.is_empty() {
            return Err(fail("Role Family and Role must not be empty".to_owned()));
        }
        if role_level.is_empty() || skill_name.is_empty() {
            return Err(fail("Role Level and Skill Name must not be empty".to_owned()));
        }
        if !skill_names.contains_key(skill_name) {
            return Err(fail(format!("skill '{skill_name}' is not in skills.csv")));
        }
        let role_index = match roles.iter().position(|r| r.title == title) {
            Some(i) => i,
            None => {
                roles.push(CatalogueRole {
                    family: family.to_owned(),
                    title: title.to_owned(),
                    senior_civil_service: senior,
                    levels: Vec::new(),
                });
                roles.len() - 1
            }
        };
        if role_level == NOT_IN_USE {
            if skill_level != NOT_IN_USE {
                return Err(fail(format!("role level is NOT IN USE but skill level is '{skill_level}'")));
            }
            continue;
        }
        if skill_level == NOT_IN_USE {
            continue;
        }
        let Some(level) = SkillLevel::ALL.into_iter().find(|l| format!("{l:?}") == skill_level) else {
            return Err(fail(format!(
                "'{skill_level}' is not a skill level; expected Awareness, Working, Practitioner, Expert or NOT IN USE"
            )));
        };
        let profile_id = format!("{id}-{}", slug(role_level));
        let (r, p) = match profile_index.get(&profile_id) {
            Some(&(r, p)) if r == role_index => (r, p),
            Some(_) => return Err(fail(format!("role level '{role_level}' appears under two roles"))),
            None => {
                roles[role_index].levels.push(RoleProfile {
                    id: profile_id.clone(),
                    title: role_level.to_owned(),
                    framework: framework.clone(),
                    scale: Scale::Ddat,
                    source_url: "https://ddat-capability-framework.service.gov.uk/".to_owned(),
                    note: None,
                    skills: Vec::new(),
                });
                let position = (role_index, roles[role_index].levels.len() - 1);
                profile_index.insert(profile_id, position);
                position
            }
        };
        let profile = &mut roles[r].levels[p];
        let skill_id = slug(skill_name);
        // The export repeats some rows word for word; a repeat with another level is an error.
        if let Some(existing) = profile.skill(&skill_id) {
            if existing.required == LevelRange::exactly(level.rank()) {
                continue;
            }
            return Err(fail(format!(
                "skill '{skill_name}' is listed twice for '{role_level}' with different levels"
            )));
        }
        profile.skills.push(SkillRequirement {
            id: skill_id,
            name: skill_name.to_owned(),
            code: None,
            group: None,
            description: level_description.to_owned(),
            url: None,
            required: LevelRange::exactly(level.rank()),
            required_large: None,
            applies: Applies::Always,
        });
    }
    if roles.is_empty() {
        return Err(ImportError { file: "roles.csv", line: 0, message: "there are no roles".to_owned() });
    }
    for role in &mut roles {
        for profile in &mut role.levels {
            profile.skills.sort_by(|a, b| a.name.cmp(&b.name));
        }
    }
    Ok(FrameworkCatalogue {
        id,
        framework,
        source_url: "https://ddat-capability-framework.service.gov.uk/".to_owned(),
        roles,
    })
}

/// Reads skill names from `skills.csv`, checking its shape.
fn read_skills(skills_csv: &[u8]) -> Result<BTreeMap<String, u64>, ImportError> {
    let mut rdr = reader(skills_csv);
    check_headers("skills.csv", &mut rdr, &SKILL_COLUMNS)?;
    let mut names = BTreeMap::new();
    for record in rdr.records() {
        let record = record.map_err(|e| csv_error("skills.csv", e))?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let name = record.get(0).unwrap_or("").trim();
        if name.is_empty() {
            return Err(ImportError {
                file: "skills.csv",
                line,
                message: "Skill Name must not be empty".to_owned(),
            });
        }
        if let Some(first) = names.insert(name.to_owned(), line) {
            return Err(ImportError {
                file: "skills.csv",
                line,
                message: format!("skill '{name}' is listed twice (first on line {first})"),
            });
        }
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLES_HEADER: &str = "Role Family,Role,Role Description,Role Level,Role Level Description,Skill Name,Skill Description,Skill Level,Skill Level Description,Role Type\n";
    const SKILLS: &str = "Skill Name,Skill Description,Awareness,Working,Practitioner,Expert,Roles that require Skill\nUser focus,d,a,w,p,e,x\nStrategic ownership,d,a,w,p,e,x\n";

    fn roles(rows: &str) -> String {
        format!("{ROLES_HEADER}{rows}")
    }

    fn check_error(rows: &str, skills: &str, expect: &str) {
        let err = import("2025", roles(rows).as_bytes(), skills.as_bytes()).unwrap_err();
        assert_eq!(err.to_string(), expect);
    }

    #[test]
    fn imports_levels_with_multi_line_cells_and_skips_not_in_use() {
        let rows = "Product,Service owner,\"Owns a service.\n\n- runs it\n- funds it\",Service owner,\"At this level:\n- lead\",User focus,d,Expert,\"You can:\n- lead research\",\n\
Product,Service owner,x,Service owner,y,Strategic ownership,d,NOT IN USE,z,\n\
Leadership,Chief digital officer,x,NOT IN USE,y,User focus,d,NOT IN USE,z,Senior Civil Service\n";
        let catalogue = import("2025", roles(rows).as_bytes(), SKILLS.as_bytes()).unwrap();
        assert_eq!(catalogue.id, "ddat-2025");
        assert_eq!(catalogue.roles.len(), 2);
        let owner = &catalogue.roles[0];
        assert_eq!(owner.levels.len(), 1);
        let profile = &owner.levels[0];
        assert_eq!(profile.id, "ddat-2025-service-owner");
        assert_eq!(profile.skills.len(), 1, "NOT IN USE skill levels are not requirements");
        assert_eq!(profile.skills[0].required, LevelRange::exactly(4));
        assert_eq!(profile.skills[0].description, "You can:\n- lead research");
        let chief = &catalogue.roles[1];
        assert!(chief.senior_civil_service);
        assert!(chief.levels.is_empty());
    }

    #[test]
    fn malformed_rows_are_reported_with_their_line() {
        check_error(
            "Product,Service owner,x,Service owner,y,User focus,d,Guru,z,\n",
            SKILLS,
            "roles.csv:2: 'Guru' is not a skill level; expected Awareness, Working, Practitioner, Expert or NOT IN USE",
        );
        check_error(
            "Product,Service owner,\"two\nlines\",Service owner,y,User focus,d,Expert,z,\nProduct,Service owner,x,Service owner,y,Juggling,d,Expert,z,\n",
            SKILLS,
            "roles.csv:4: skill 'Juggling' is not in skills.csv",
        );
        check_error(
            "Product,Service owner,x,Service owner,y,User focus,d,Expert\n",
            SKILLS,
            "roles.csv:2: this row has 8 columns; the header has 10",
        );
        check_error(
            "Product,Service owner,x,Service owner,y,User focus,d,Expert,z,Contractor\n",
            SKILLS,
            "roles.csv:2: Role Type 'Contractor' is neither empty nor 'Senior Civil Service'",
        );
        check_error(
            "Product,Service owner,x,Service owner,y,User focus,d,Expert,z,\nProduct,Service owner,x,Service owner,y,User focus,d,Expert,z,\nProduct,Service owner,x,Service owner,y,User focus,d,Working,z,\n",
            SKILLS,
            "roles.csv:4: skill 'User focus' is listed twice for 'Service owner' with different levels",
        );
        let err = import("2025", b"Role,Level\nx,y\n", SKILLS.as_bytes()).unwrap_err();
        assert_eq!((err.file, err.line), ("roles.csv", 1));
        let skills =
            b"Skill Name,Skill Description,Awareness,Working,Practitioner,Expert\nA,d,a,w,p,e\nA,d,a,w,p,e\n";
        let err = import("2025", roles("").as_bytes(), skills).unwrap_err();
        assert_eq!(err.to_string(), "skills.csv:3: skill 'A' is listed twice (first on line 2)");
        check_error("", SKILLS, "roles.csv:0: there are no roles");
        let mut latin1 =
            roles("Product,Service owner,x,Service owner,y,User focus,d,Expert,z,\n").into_bytes();
        latin1.extend_from_slice(b"Product,Caf\xe9 owner,x,Caf\xe9,y,User focus,d,Expert,z,\n");
        let err = import("2025", &latin1, SKILLS.as_bytes()).unwrap_err();
        assert_eq!(err.to_string(), "roles.csv:3: this row is not valid UTF-8 text");
    }

    #[test]
    fn slugs_are_lower_case_and_hyphenated() {
        assert_eq!(slug("Life cycle management"), "life-cycle-management");
        assert_eq!(slug("Associate business architect (DDaT)"), "associate-business-architect-ddat");
        assert_eq!(slug("  Head of -- delivery "), "head-of-delivery");
    }
}

#[cfg(test)]
mod catalogue_tests {
    use super::*;

    fn catalogue() -> FrameworkCatalogue {
        let roles = "Role Family,Role,Role Description,Role Level,Role Level Description,Skill Name,Skill Description,Skill Level,Skill Level Description,Role Type\n\
Product,Service owner,x,Service owner,y,User focus,d,Expert,z,\n";
        let skills =
            "Skill Name,Skill Description,Awareness,Working,Practitioner,Expert\nUser focus,d,a,w,p,e\n";
        import("2025", roles.as_bytes(), skills.as_bytes()).unwrap()
    }

    #[test]
    fn an_imported_catalogue_has_no_problems() {
        assert_eq!(catalogue().problems("ddat-2025"), []);
    }

    #[test]
    fn problems_name_their_place_in_the_catalogue() {
        let mut bad = catalogue();
        bad.roles[0].levels[0].skills[0].required = LevelRange::between(3, 9);
        bad.roles[0].levels[0].id = "other-service-owner".into();
        let pointers: Vec<String> = bad.problems("ddat-2024").into_iter().map(|p| p.pointer).collect();
        assert_eq!(pointers, ["/id", "/roles/0/levels/0/id", "/roles/0/levels/0/skills/0/required"]);

        let mut twice = catalogue();
        let copy = twice.roles[0].levels[0].clone();
        twice.roles[0].levels.push(copy);
        let problems = twice.problems("ddat-2025");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].detail, "The profile id 'ddat-2025-service-owner' is used twice.");

        let mut empty = catalogue();
        empty.roles.clear();
        empty.id = "Bad Id".into();
        let details: Vec<String> = empty.problems("Bad Id").into_iter().map(|p| p.detail).collect();
        assert_eq!(
            details,
            [
                "Use 1 to 64 lower-case letters, digits and hyphens for the id.",
                "A framework needs at least one role."
            ]
        );
    }
}
