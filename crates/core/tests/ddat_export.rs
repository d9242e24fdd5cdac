//! Imports the real DDaT capability framework export kept in `../shared/data/ddat/`.

use servicekit_core::ddat_import::import;
use servicekit_core::LevelRange;
use std::path::PathBuf;

fn export_file(name: &str) -> Vec<u8> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ddat");
    std::fs::read(dir.join(name)).unwrap_or_else(|e| {
        panic!("the DDaT export must sit beside the project in ../shared/data/ddat ({name}: {e})")
    })
}

#[test]
fn the_real_export_yields_52_roles_and_the_2025_service_owner() {
    let catalogue = import("2025", &export_file("roles.csv"), &export_file("skills.csv")).unwrap();
    assert_eq!(catalogue.roles.len(), 52);
    assert_eq!(catalogue.profiles().count(), 201, "202 distinct role levels less the shared 'NOT IN USE'");
    let scs: Vec<&str> =
        catalogue.roles.iter().filter(|r| r.senior_civil_service).map(|r| r.title.as_str()).collect();
    assert_eq!(scs.len(), 4, "{scs:?}");
    assert!(catalogue.roles.iter().filter(|r| r.senior_civil_service).all(|r| r.levels.is_empty()));

    let owner = catalogue.profiles().find(|p| p.id == "ddat-2025-service-owner").unwrap();
    let skills: Vec<(&str, LevelRange)> = owner.skills.iter().map(|s| (s.id.as_str(), s.required)).collect();
    let expert = LevelRange::exactly(4);
    assert_eq!(
        skills,
        [
            ("adapting-to-delivery-methodologies", expert),
            ("applying-user-centred-insights", expert),
            ("financial-ownership", expert),
            ("governance-and-assurance", expert),
            ("leading-performance-and-benefits", expert),
            ("life-cycle-management", LevelRange::exactly(3)),
            ("operational-management", expert),
            ("stakeholder-relationship-management", expert),
            ("strategic-ownership", expert),
        ]
    );
}

#[test]
fn the_built_in_2025_service_owner_matches_the_export() {
    let catalogue = import("2025", &export_file("roles.csv"), &export_file("skills.csv")).unwrap();
    let imported = catalogue.profiles().find(|p| p.id == "ddat-2025-service-owner").unwrap();
    let built_in = servicekit_core::profiles::find("ddat-service-owner-2025").unwrap();
    let levels = |p: &servicekit_core::RoleProfile| {
        let mut v: Vec<(String, LevelRange)> = p.skills.iter().map(|s| (s.id.clone(), s.required)).collect();
        v.sort();
        v
    };
    assert_eq!(levels(imported), levels(&built_in));
}

#[test]
fn a_damaged_copy_of_the_export_imports_nothing() {
    let roles = String::from_utf8(export_file("roles.csv")).unwrap();
    let damaged = roles.replacen(",Expert,", ",Expret,", 1);
    let err = import("2025", damaged.as_bytes(), &export_file("skills.csv")).unwrap_err();
    assert!(err.line > 1, "{err}");
    assert!(err.message.contains("'Expret' is not a skill level"), "{err}");
}
