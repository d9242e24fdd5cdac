use super::*;

const EXAMPLE: &str = include_str!("../../../../tests/support/contracts/apply-for-a-fishing-licence.json");

fn example() -> ServiceContract {
    serde_json::from_str(EXAMPLE).expect("the example contract parses")
}

fn check(edit: impl FnOnce(&mut ServiceContract), expect: &[(&str, &str)]) {
    let mut contract = example();
    edit(&mut contract);
    let report = validate(&contract, "apply-for-a-fishing-licence");
    let got: Vec<(&str, &str)> =
        report.errors.iter().map(|p| (p.pointer.as_str(), p.detail.as_str())).collect();
    assert_eq!(got, expect);
}

#[test]
fn the_example_contract_is_valid_with_one_warning() {
    let report = validate(&example(), "apply-for-a-fishing-licence");
    assert_eq!(report.errors, []);
    let warnings: Vec<&str> = report.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(warnings, ["/user_needs/2"], "the assisted route has no metric yet");
}

#[test]
fn every_problem_is_reported_with_its_path() {
    check(
        |c| {
            c.name = " ".into();
            c.metrics[2].needs.push("teleport".into());
            c.metrics[0].id = "satisfaction".into();
            c.user_needs[1].so_that = String::new();
            c.last_reviewed = "1 October 2026".into();
        },
        &[
            ("/name", "Enter the service's name."),
            ("/user_needs/1/so_that", "Enter why (\"so that …\")."),
            ("/metrics/2/id", "The metric id 'satisfaction' is used twice."),
            ("/metrics/2/needs/2", "There is no user need 'teleport' in this contract."),
            ("/last_reviewed", "Give the date of the last review as YYYY-MM-DD, for example 2026-11-24."),
        ],
    );
}

#[test]
fn a_decommissioned_service_says_why_and_only_then() {
    check(
        |c| c.stage = LifecycleStage::Decommissioned,
        &[("/decommissioned_because", "Say why the service was decommissioned.")],
    );
    check(
        |c| c.decommissioned_because = Some("Replaced".into()),
        &[("/decommissioned_because", "Give a reason only when the stage is decommissioned.")],
    );
    check(
        |c| {
            c.stage = LifecycleStage::Decommissioned;
            c.decommissioned_because = Some("Merged into the licensing service.".into());
        },
        &[],
    );
}

#[test]
fn targets_only_where_they_apply_and_dependencies_are_sound() {
    check(
        |c| c.metrics[3].target = Some(Target { value: 1000.0, direction: Direction::AtLeast }),
        &[("/metrics/3/target", "A consumption metric reports use; remove its target.")],
    );
    check(
        |c| {
            c.dependencies.push(Dependency::Service { slug: "apply-for-a-fishing-licence".into() });
            c.dependencies.push(Dependency::External {
                name: "Post Office".into(),
                url: Some("javascript:alert(1)".into()),
            });
        },
        &[
            ("/dependencies/2/slug", "A service cannot depend on itself."),
            ("/dependencies/3/url", "Give a web address starting with https://."),
        ],
    );
}

#[test]
fn unknown_fields_and_stages_are_refused_when_parsing() {
    let extra = EXAMPLE.replacen("\"evolution\"", "\"colour\": \"blue\", \"evolution\"", 1);
    assert!(serde_json::from_str::<ServiceContract>(&extra)
        .unwrap_err()
        .to_string()
        .contains("unknown field `colour`"));
    let stage = EXAMPLE.replacen("\"beta\"", "\"gamma\"", 1);
    assert!(serde_json::from_str::<ServiceContract>(&stage).is_err());
}

#[test]
fn slugs_are_lower_case_words_joined_by_single_hyphens() {
    for good in ["apply-for-a-fishing-licence", "tax2", "ab"] {
        assert!(is_valid_slug(good), "{good}");
    }
    for bad in ["a", "Apply", "-apply", "apply-", "apply--now", "apply now", "../etc", &"a".repeat(65)] {
        assert!(!is_valid_slug(bad), "{bad}");
    }
}

fn statuses(latest: &[(&str, f64)]) -> Vec<(String, NeedStatus)> {
    let contract = example();
    need_status(&contract, |id| latest.iter().find(|(m, _)| *m == id).map(|(_, v)| *v))
        .into_iter()
        .map(|r| (r.need, r.status))
        .collect()
}

#[test]
fn a_need_is_met_only_when_every_targeted_metric_meets_its_target() {
    use NeedStatus::*;
    let owned =
        |v: [(&str, NeedStatus); 3]| v.into_iter().map(|(n, s)| (n.to_owned(), s)).collect::<Vec<_>>();
    assert_eq!(
        statuses(&[]),
        owned([("buy-licence", Unknown), ("prove-licence", Unknown), ("assisted-route", Unknown)])
    );
    assert_eq!(
        statuses(&[("completion-rate", 90.0), ("cost-per-transaction", 1.2), ("satisfaction", 81.0)]),
        owned([("buy-licence", Met), ("prove-licence", Met), ("assisted-route", Unknown)])
    );
    assert_eq!(
        statuses(&[("completion-rate", 90.0), ("cost-per-transaction", 1.9), ("satisfaction", 81.0)]),
        owned([("buy-licence", NotMet), ("prove-licence", Met), ("assisted-route", Unknown)]),
        "cost per transaction above its at-most target"
    );
    assert_eq!(
        statuses(&[("completion-rate", 90.0)]),
        owned([("buy-licence", Unknown), ("prove-licence", Unknown), ("assisted-route", Unknown)]),
        "missing values leave the need unknown"
    );
    assert_eq!(statuses(&[("completion-rate", 70.0)])[0].1, NotMet, "one miss is enough");
}

#[test]
fn stage_and_evolution_names_match_their_json() {
    let contract = example();
    assert_eq!(serde_json::to_value(contract.stage).unwrap(), contract.stage.as_str());
    assert_eq!(serde_json::to_value(contract.evolution).unwrap(), contract.evolution.as_str());
    assert_eq!(LifecycleStage::Decommissioned.as_str(), "decommissioned");
}

#[test]
fn metric_values_read_in_their_unit() {
    let metric = |unit: &str| ServiceMetric {
        id: "m".into(),
        name: "M".into(),
        kind: MetricKind::Outcome,
        unit: unit.into(),
        target: None,
        needs: vec![],
    };
    assert_eq!(metric("%").format_value(78.4), "78%");
    assert_eq!(metric("£").format_value(4.5), "£4.50");
    assert_eq!(metric("licences").format_value(12_345.0), "12,345 licences");
    assert_eq!(metric("days").format_value(2.25), "2.25 days");
}

#[test]
fn a_contract_view_is_written_with_its_version_inline_and_reads_back_the_same() {
    let view = ContractView {
        latest: ContractVersion {
            version: "v1".into(),
            saved_at: "2026-11-26T08:00:00Z".into(),
            contract: example(),
        },
        needs: need_status(&example(), |_| Some(90.0)),
        metric_values: [("completion-rate".to_owned(), 90.0)].into(),
    };
    let json = serde_json::to_value(&view).unwrap();
    assert_eq!(json["version"], "v1", "the latest version's fields sit beside the needs");
    assert_eq!(serde_json::from_value::<ContractView>(json.clone()).unwrap(), view);
    let mut without_values = json;
    without_values.as_object_mut().unwrap().remove("metric_values");
    assert!(serde_json::from_value::<ContractView>(without_values).unwrap().metric_values.is_empty());
}

#[test]
fn dependencies_read_by_their_kind_and_refuse_fields_of_the_other_kind() {
    let read =
        |json: serde_json::Value| serde_json::from_value::<Dependency>(json).map_err(|e| e.to_string());
    let service = Dependency::Service { slug: "pay-a-fine".into() };
    let external = Dependency::External {
        name: "GOV.UK Pay".into(),
        url: Some("https://www.payments.service.gov.uk".into()),
    };
    for d in [&service, &external, &Dependency::External { name: "Post".into(), url: None }] {
        assert_eq!(read(serde_json::to_value(d).unwrap()).as_ref(), Ok(d));
    }
    assert_eq!(
        serde_json::to_value(&service).unwrap(),
        serde_json::json!({ "kind": "service", "slug": "pay-a-fine" })
    );
    let refused = [
        (serde_json::json!({ "kind": "service" }), "missing field `slug`"),
        (serde_json::json!({ "kind": "service", "slug": "a", "name": "b" }), "unknown field `name`"),
        (serde_json::json!({ "kind": "service", "slug": "a", "url": "b" }), "unknown field `url`"),
        (serde_json::json!({ "kind": "external", "url": "b" }), "missing field `name`"),
        (serde_json::json!({ "kind": "external", "name": "a", "slug": "b" }), "unknown field `slug`"),
        (serde_json::json!({ "kind": "external", "name": "a", "colour": "b" }), "unknown field `colour`"),
        (serde_json::json!({ "kind": "sibling", "slug": "a" }), "unknown variant `sibling`"),
        (serde_json::json!({ "slug": "a" }), "missing field `kind`"),
    ];
    for (json, reason) in refused {
        let err = read(json.clone()).expect_err(&json.to_string());
        assert!(err.contains(reason), "{json}: {err}");
    }
}
