use super::*;
use crate::contract::{NeedStatus, ServiceContract};
use crate::measurement::Period;

const CONTRACT: &str = include_str!("../../../../tests/support/contracts/apply-for-a-fishing-licence.json");

fn snapshot(ratings: [u64; 5], with_contract: bool) -> PerformanceSnapshot {
    let contract: ServiceContract = serde_json::from_str(CONTRACT).unwrap();
    let mut feedback = FeedbackTally::new();
    feedback.insert(Period::parse("2026-03").unwrap(), ratings);
    PerformanceSnapshot {
        built_at_ms: 1_000_000,
        service: ServiceSubmission {
            slug: "apply-for-a-fishing-licence".into(),
            name: "Fishing licences".into(),
            manager: "Sam".into(),
        },
        created_at: "2026-01-01T00:00:00.000Z".into(),
        stage: Some(contract.stage),
        contract: with_contract.then(|| ContractVersion {
            version: "v1".into(),
            saved_at: "2026-01-02T00:00:00.000Z".into(),
            contract,
        }),
        totals: Vec::new(),
        feedback,
        coes: Vec::new(),
        feedback_reviewed: None,
    }
}

#[test]
fn a_snapshot_answers_reads_for_one_minute_then_is_rebuilt() {
    let s = snapshot([0; 5], false);
    assert!(s.is_fresh(1_000_000));
    assert!(s.is_fresh(1_000_000 + FRESH_FOR_MS - 1));
    assert!(!s.is_fresh(1_000_000 + FRESH_FOR_MS));
    assert!(!s.is_fresh(999_999), "a clock that went back must not keep a snapshot for ever");
}

#[test]
fn a_snapshot_survives_being_stored_as_json() {
    let s = snapshot([1, 2, 3, 4, 5], true);
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<PerformanceSnapshot>(&json).unwrap(), s);
}

#[test]
fn the_contract_view_takes_need_status_from_the_feedback_in_the_snapshot() {
    let happy = snapshot([0, 0, 0, 0, 10], true);
    let view = happy.contract_view(&happy.report()).unwrap();
    assert_eq!(view.metric_values["satisfaction"], 100.0);
    let prove = view.needs.iter().find(|n| n.need == "prove-licence").unwrap();
    assert_eq!(prove.status, NeedStatus::Met);

    let unhappy = snapshot([10, 0, 0, 0, 0], true);
    let view = unhappy.contract_view(&unhappy.report()).unwrap();
    let prove = view.needs.iter().find(|n| n.need == "prove-licence").unwrap();
    assert_eq!(prove.status, NeedStatus::NotMet);
}

#[test]
fn without_a_contract_there_is_no_view_and_the_service_name_shows() {
    let s = snapshot([0; 5], false);
    assert_eq!(s.contract_view(&s.report()), None);
    assert_eq!(s.name(), "Fishing licences");
    assert_eq!(snapshot([0; 5], true).name(), "Apply for a fishing licence");
    assert_eq!(s.report().service, "apply-for-a-fishing-licence");
}

#[test]
fn the_recent_coes_are_the_latest_five_newest_first() {
    let mut s = snapshot([0; 5], false);
    s.coes = (1..=7)
        .map(|n| CoeSummary {
            id: format!("c{n}"),
            title: format!("Problem {n}"),
            date: format!("2026-01-0{n}"),
            open_actions: 0,
        })
        .collect();
    let ids: Vec<&str> = s.recent_coes().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["c7", "c6", "c5", "c4", "c3"]);
    s.coes.truncate(2);
    assert_eq!(s.recent_coes().count(), 2);
}
