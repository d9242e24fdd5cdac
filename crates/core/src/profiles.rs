//! The role profiles servicekit ships with. Skill descriptions are written in
//! servicekit's own words and link to the framework; SFIA profiles hold SFIA
//! skill names, codes, levels and links only.

use crate::role::{Applies, Framework, RoleProfile, SkillRequirement};
use crate::skill::{LevelRange, Scale};

/// Every role profile servicekit ships with.
pub fn built_in() -> Vec<RoleProfile> {
    vec![ddat_service_owner_2020(), ddat_service_owner_2025(), osom_service_manager()]
}

/// The built-in profile with this id, if there is one.
pub fn find(id: &str) -> Option<RoleProfile> {
    built_in().into_iter().find(|p| p.id == id)
}

/// A skill that applies always, at one level range, described in our words.
fn skill(id: &str, name: &str, required: LevelRange, description: &str) -> SkillRequirement {
    SkillRequirement {
        id: id.to_owned(),
        name: name.to_owned(),
        code: None,
        group: None,
        description: description.to_owned(),
        url: None,
        required,
        required_large: None,
        applies: Applies::Always,
    }
}

const AWARENESS: LevelRange = LevelRange::exactly(1);
const WORKING: LevelRange = LevelRange::exactly(2);
const PRACTITIONER: LevelRange = LevelRange::exactly(3);
const EXPERT: LevelRange = LevelRange::exactly(4);

fn ddat(version: &str) -> Framework {
    Framework { name: "DDaT".to_owned(), version: version.to_owned() }
}

/// DDaT service owner, as published by the Central Digital and Data Office on 7 January 2020.
fn ddat_service_owner_2020() -> RoleProfile {
    let _ = AWARENESS;
    RoleProfile {
        id: "ddat-service-owner-2020".to_owned(),
        title: "Service owner".to_owned(),
        framework: ddat("2020"),
        scale: Scale::Ddat,
        source_url: "https://www.gov.uk/guidance/service-owner".to_owned(),
        note: None,
        skills: vec![
            skill("agile-working", "Agile working", EXPERT,
                "Chooses how teams work, coaches them in agile and lean ways, and keeps questioning whether the approach still fits."),
            skill("financial-ownership", "Financial ownership", EXPERT,
                "Owns an agile business case through the whole life of the service, knows what each sprint costs and what value it brings."),
            skill("life-cycle-perspective", "Life-cycle perspective", PRACTITIONER,
                "Has worked across several phases of delivery and can judge when to move to the next phase and when to stop."),
            skill("operational-management", "Operational management", EXPERT,
                "Makes operations efficient, spreads good practice and is the escalation point for serious operational problems."),
            skill("problem-ownership", "Problem ownership", EXPERT,
                "Sees problems coming, places them in the wider picture and builds the team's ability to solve them."),
            skill("product-ownership", "Product ownership", WORKING,
                "Knows the tools and language of product delivery and how they change from one phase to the next."),
            skill("strategic-ownership", "Strategic ownership", EXPERT,
                "Sets a long-term vision and objectives, keeps focus on what matters most and grows other people's capability."),
            skill("user-focus", "User focus", EXPERT,
                "Meets users' needs across channels, follows how those needs change over time and steers which research methods to use."),
        ],
    }
}

/// DDaT service owner in the May 2025 capability framework.
fn ddat_service_owner_2025() -> RoleProfile {
    RoleProfile {
        id: "ddat-service-owner-2025".to_owned(),
        title: "Service owner".to_owned(),
        framework: ddat("2025"),
        scale: Scale::Ddat,
        source_url: "https://ddat-capability-framework.service.gov.uk/".to_owned(),
        note: None,
        skills: vec![
            skill("adapting-to-delivery-methodologies", "Adapting to delivery methodologies", EXPERT,
                "Decides which delivery approach each part of the service needs and changes it when the situation changes."),
            skill("applying-user-centred-insights", "Applying user-centred insights", EXPERT,
                "Turns evidence about users into decisions about the service and makes sure the organisation acts on it."),
            skill("financial-ownership", "Financial ownership", EXPERT,
                "Owns the service's budget and business case, and spends where it brings the most value."),
            skill("governance-and-assurance", "Governance and assurance", EXPERT,
                "Sets up proportionate governance, takes the service through assessments and acts as the point of escalation."),
            skill("leading-performance-and-benefits", "Leading performance and benefits", EXPERT,
                "Defines what success means, measures it, publishes it and uses it to steer the service."),
            skill("life-cycle-management", "Life cycle management", PRACTITIONER,
                "Takes a service through discovery, alpha, beta and live, and knows when to retire it."),
            skill("operational-management", "Operational management", EXPERT,
                "Runs the service day to day with the operational teams and keeps improving how it runs."),
            skill("stakeholder-relationship-management", "Stakeholder relationship management", EXPERT,
                "Builds trust with everyone who has a stake in the service and keeps them informed and involved."),
            skill("strategic-ownership", "Strategic ownership", EXPERT,
                "Sets the service's vision, ties it to the organisation's strategy and keeps the team focused on outcomes."),
        ],
    }
}

/// An SFIA 8 skill, with its code, group and link; described in our words.
fn sfia(
    code: &str,
    slug: &str,
    name: &str,
    group: &str,
    required: LevelRange,
    description: &str,
) -> SkillRequirement {
    SkillRequirement {
        code: Some(code.to_owned()),
        group: Some(group.to_owned()),
        url: Some(format!("https://sfia-online.org/en/sfia-8/skills/{slug}")),
        ..skill(slug, name, required, description)
    }
}

/// OSOM service manager, with the SFIA 8 skills a service team should cover.
fn osom_service_manager() -> RoleProfile {
    let only = |applies: Applies, requirement: SkillRequirement| SkillRequirement { applies, ..requirement };
    let large = |levels: LevelRange, requirement: SkillRequirement| SkillRequirement {
        required_large: Some(levels),
        ..requirement
    };
    RoleProfile {
        id: "osom-service-manager".to_owned(),
        title: "Service manager".to_owned(),
        framework: Framework { name: "OSOM".to_owned(), version: "SFIA 8".to_owned() },
        scale: Scale::Sfia,
        source_url: "https://osom.guide/".to_owned(),
        note: Some(
            "A service manager may not hold every skill; the service team as a whole should.".to_owned(),
        ),
        skills: vec![
            sfia(
                "PRMG",
                "project-management",
                "Project management",
                "Methods",
                LevelRange::at_least(4),
                "Delivers agreed outcomes from projects, whichever delivery approach suits them.",
            ),
            only(
                Applies::LargeServices,
                sfia(
                    "PGMG",
                    "programme-management",
                    "Programme management",
                    "Methods",
                    LevelRange::exactly(6),
                    "Plans and coordinates related projects towards the same strategic objectives.",
                ),
            ),
            sfia(
                "METL",
                "methods-and-tools",
                "Methods and tools",
                "Methods",
                LevelRange::at_least(4),
                "Makes sure the team adopts and uses the right methods and tools well.",
            ),
            sfia(
                "FMIT",
                "financial-management",
                "Financial management",
                "Finance",
                LevelRange::exactly(4),
                "Uses and controls the service's money effectively.",
            ),
            sfia(
                "INVA",
                "investment-appraisal",
                "Investment appraisal",
                "Finance",
                LevelRange::exactly(4),
                "Judges whether a proposed investment or project is worth making.",
            ),
            sfia(
                "SLMO",
                "service-level-management",
                "Service level management",
                "Operations",
                LevelRange::exactly(7),
                "Agrees service levels with users and the organisation, and makes sure they are met.",
            ),
            sfia(
                "DEMM",
                "demand-management",
                "Demand management",
                "Operations",
                LevelRange::at_least(5),
                "Anticipates and shapes demand for new services and for changes to existing ones.",
            ),
            sfia(
                "MEAS",
                "measurement",
                "Measurement",
                "Operations",
                LevelRange::between(3, 4),
                "Builds and runs the measures the organisation needs to know how the service is doing.",
            ),
            sfia(
                "PBMG",
                "problem-management",
                "Problem management",
                "Operations",
                LevelRange::exactly(5),
                "Finds, analyses and removes the causes of problems in the service.",
            ),
            sfia(
                "SCTY",
                "information-security",
                "Information security",
                "Operations",
                LevelRange::exactly(3),
                "Applies the security controls and practices that protect the service's information.",
            ),
            sfia(
                "QUMG",
                "quality-management",
                "Quality management",
                "Operations",
                LevelRange::at_least(3),
                "Runs the processes and practices that keep the service's quality where it should be.",
            ),
            only(
                Applies::Outsourcing,
                sfia(
                    "ITCM",
                    "contract-management",
                    "Contract management",
                    "Operations",
                    LevelRange::exactly(6),
                    "Manages contracts with suppliers so that they deliver what was agreed.",
                ),
            ),
            only(
                Applies::WithProducts,
                sfia(
                    "PROD",
                    "product-management",
                    "Product management",
                    "Product",
                    LevelRange::at_least(4),
                    "Develops products through their whole life, from first idea to retirement.",
                ),
            ),
            large(
                LevelRange::between(6, 7),
                sfia(
                    "ORDI",
                    "organisation-design-and-implementation",
                    "Organisation design and implementation",
                    "Management",
                    LevelRange::exactly(4),
                    "Shapes how the team is organised and how it works together.",
                ),
            ),
            large(
                LevelRange::between(5, 6),
                sfia(
                    "PEMT",
                    "performance-management",
                    "Performance management",
                    "Management",
                    LevelRange::exactly(4),
                    "Helps people and teams improve their performance against agreed objectives.",
                ),
            ),
            sfia(
                "LEDA",
                "competency-assessment",
                "Competency assessment",
                "Management",
                LevelRange::at_least(3),
                "Assesses people's skills and behaviours against a framework such as SFIA.",
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::ServiceContext;

    fn levels(profile: &RoleProfile, context: ServiceContext) -> Vec<(String, LevelRange)> {
        profile.requirements(&context).map(|(s, l)| (s.id.clone(), l)).collect()
    }

    #[test]
    fn service_owner_2020_has_the_eight_skills_and_levels_of_the_source() {
        let profile = find("ddat-service-owner-2020").unwrap();
        let got = levels(&profile, ServiceContext::default());
        let expect: Vec<(String, LevelRange)> = [
            ("agile-working", EXPERT),
            ("financial-ownership", EXPERT),
            ("life-cycle-perspective", PRACTITIONER),
            ("operational-management", EXPERT),
            ("problem-ownership", EXPERT),
            ("product-ownership", WORKING),
            ("strategic-ownership", EXPERT),
            ("user-focus", EXPERT),
        ]
        .into_iter()
        .map(|(id, l)| (id.to_owned(), l))
        .collect();
        assert_eq!(got, expect);
        assert!(profile.source_url.starts_with("https://www.gov.uk/"));
    }

    #[test]
    fn service_owner_2025_has_nine_skills_all_expert_but_life_cycle() {
        let profile = find("ddat-service-owner-2025").unwrap();
        assert_eq!(profile.skills.len(), 9);
        for skill in &profile.skills {
            let expect = if skill.id == "life-cycle-management" { PRACTITIONER } else { EXPERT };
            assert_eq!(skill.required, expect, "{}", skill.id);
        }
    }

    #[test]
    fn osom_requirements_follow_the_service_context() {
        let profile = find("osom-service-manager").unwrap();
        let small = levels(&profile, ServiceContext::default());
        assert_eq!(small.len(), 13, "small, no suppliers, no products");
        assert!(!small.iter().any(|(id, _)| id == "programme-management" || id == "contract-management"));
        let large = ServiceContext { large: true, outsources: true, has_products: true };
        let large = levels(&profile, large);
        assert_eq!(large.len(), 16);
        let level = |all: &[(String, LevelRange)], id: &str| all.iter().find(|(s, _)| s == id).unwrap().1;
        assert_eq!(level(&small, "organisation-design-and-implementation"), LevelRange::exactly(4));
        assert_eq!(level(&large, "organisation-design-and-implementation"), LevelRange::between(6, 7));
        assert_eq!(level(&small, "performance-management"), LevelRange::exactly(4));
        assert_eq!(level(&large, "performance-management"), LevelRange::between(5, 6));
        assert_eq!(level(&large, "demand-management"), LevelRange::at_least(5));
        assert_eq!(level(&large, "measurement"), LevelRange::between(3, 4));
        let questions = profile.context_questions();
        assert!(questions.large && questions.outsources && questions.has_products);
        assert_eq!(find("ddat-service-owner-2020").unwrap().context_questions(), Default::default());
    }

    #[test]
    fn sfia_skills_carry_code_group_and_link_only() {
        let profile = find("osom-service-manager").unwrap();
        for skill in &profile.skills {
            let code = skill.code.as_deref().unwrap();
            assert_eq!(code.len(), 4, "{}", skill.id);
            assert!(["Methods", "Finance", "Operations", "Product", "Management"]
                .contains(&skill.group.as_deref().unwrap()));
            assert_eq!(
                skill.url.as_deref(),
                Some(format!("https://sfia-online.org/en/sfia-8/skills/{}", skill.id).as_str())
            );
            assert!(skill.description.len() < 120, "short, our own words: {}", skill.id);
        }
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
            for skill in &profile.skills {
                let top = profile.scale.top();
                assert!(skill.required.min >= 1 && skill.required.max.unwrap_or(top) <= top, "{}", skill.id);
            }
        }
        assert!(find("ddat-service-owner-1999").is_none());
    }
}
