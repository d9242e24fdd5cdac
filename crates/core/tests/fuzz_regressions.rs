//! Replays every input the fuzzers once broke core with (`fuzz/regressions/<target>/`),
//! plus every example file, through the same checks the fuzz targets run.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n != ".gitkeep") {
            check(&std::fs::read(&path).unwrap());
            replayed += 1;
        }
    }
    replayed
}

#[test]
fn measurement_csv_regressions_pass() {
    replay("measurement_csv", checks::measurement_csv);
    let example = include_bytes!("../../../tests/support/measurements/apply-for-a-fishing-licence.csv");
    checks::measurement_csv(example);
}

#[test]
fn submission_json_regressions_pass() {
    replay("submission_json", checks::submission_json);
    checks::submission_json(include_bytes!(
        "../../../tests/support/contracts/apply-for-a-fishing-licence.json"
    ));
    checks::submission_json(include_bytes!("../../../tests/support/contracts/coe-payment-outage.json"));
}

#[test]
fn ddat_import_regressions_pass() {
    replay("ddat_import", checks::ddat_import);
}

mod no_panic {
    //! Property tests: random bodies, shaped like the API's JSON or not, never make core panic.
    use super::checks;
    use proptest::prelude::*;
    use serde_json::{Map, Value};

    /// Field names the API's bodies use, so random objects often reach the validators.
    const FIELDS: &[&str] = &[
        "role",
        "ratings",
        "level",
        "evidence",
        "context",
        "large",
        "outsources",
        "has_products",
        "team",
        "previous",
        "id",
        "token",
        "name",
        "slug",
        "manager",
        "contact",
        "stage",
        "evolution",
        "description",
        "user_needs",
        "as_a",
        "i_need",
        "so_that",
        "metrics",
        "kind",
        "unit",
        "target",
        "value",
        "direction",
        "needs",
        "dependencies",
        "url",
        "version",
        "last_reviewed",
        "title",
        "date",
        "problem",
        "impact",
        "root_cause",
        "lessons_learned",
        "actions",
        "action",
        "owner",
        "due",
        "status",
        "measurements",
        "period",
        "channel",
        "started",
        "completed",
        "cost",
        "rating",
        "comment",
        "rating_1",
        "rating_5",
    ];

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
            prop_oneof![
                "[a-z0-9 -]{0,12}",
                "\\PC{0,40}",
                Just("2026-09".to_owned()),
                Just("2026-Q3".to_owned()),
                Just("practitioner".to_owned()),
                Just("5".to_owned()),
                Just("digital".to_owned()),
                Just("at-least".to_owned()),
                Just("take-up".to_owned()),
                Just("ddat-service-owner-2020".to_owned()),
                Just("osom-service-manager".to_owned()),
            ]
            .prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((prop::sample::select(FIELDS), inner), 0..8).prop_map(|pairs| {
                    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect::<Map<_, _>>())
                }),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn random_json_bodies_never_panic(body in json_value()) {
            checks::submission_json(body.to_string().as_bytes());
        }

        #[test]
        fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
            checks::submission_json(&bytes);
            checks::measurement_csv(&bytes);
            checks::ddat_import(&bytes);
        }

        #[test]
        fn random_csv_uploads_never_panic(
            rows in prop::collection::vec(
                prop::collection::vec(prop_oneof!["[0-9]{0,7}", "-?[0-9]{1,4}\\.[0-9]{0,3}", "\\PC{0,6}", Just("2026-09".to_owned()), Just("digital".to_owned())], 0..12),
                0..10,
            )
        ) {
            let mut csv = "period,channel,started,completed,cost,rating_1,rating_2,rating_3,rating_4,rating_5\n".to_owned();
            for row in rows {
                csv.push_str(&row.join(","));
                csv.push('\n');
            }
            checks::measurement_csv(csv.as_bytes());
        }
    }
}
