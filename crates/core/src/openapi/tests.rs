use super::*;
use std::collections::BTreeSet;

const COMMITTED: &str = include_str!("../../../../worker/openapi.json");
const ROUTER: &str = include_str!("../../../../worker/src/lib.rs");

#[test]
fn committed_description_matches_the_types() {
    assert!(
        COMMITTED == document_text(),
        "worker/openapi.json is out of date with the API types: run `cargo xtask openapi` and commit it"
    );
}

/// The `/v1/` paths the Worker's router matches, with every variable segment written `{}`.
fn routed_paths() -> BTreeSet<String> {
    ROUTER
        .lines()
        .filter_map(|line| line.trim().strip_prefix("[\"v1\""))
        .filter_map(|rest| rest.split_once(']').map(|(segments, _)| segments))
        .map(|segments| {
            let mut path = "/v1".to_owned();
            for segment in segments.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                path.push('/');
                path.push_str(segment.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or("{}"));
            }
            path
        })
        .collect()
}

fn described_paths(doc: &Value) -> BTreeSet<String> {
    doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(|path| {
            path.split('/').map(|s| if s.starts_with('{') { "{}" } else { s }).collect::<Vec<_>>().join("/")
        })
        .collect()
}

#[test]
fn every_routed_path_is_described_and_nothing_else() {
    let routed = routed_paths();
    assert!(routed.len() > 20, "the router was read: {routed:?}");
    assert_eq!(described_paths(&document()), routed);
}

#[test]
fn every_reference_resolves() {
    let doc = document();
    let text = doc.to_string();
    let mut missing = Vec::new();
    for reference in text.split("\"$ref\":\"").skip(1) {
        let target = reference.split('"').next().unwrap();
        let pointer = target.strip_prefix('#').expect("local references only");
        if doc.pointer(pointer).is_none() {
            missing.push(target.to_owned());
        }
    }
    assert!(missing.is_empty(), "unresolved: {missing:?}");
}

#[test]
fn every_operation_has_an_id_a_success_and_problem_responses() {
    let doc = document();
    let mut ids = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            assert!(
                ids.insert(op["operationId"].as_str().unwrap().to_owned()),
                "{method} {path}: duplicate id"
            );
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.keys().any(|s| s.starts_with('2')), "{method} {path}: no success");
            assert!(responses.contains_key("503"), "{method} {path}: no storage failure");
            if op.get("requestBody").is_some() {
                for status in ["400", "413", "415", "422"] {
                    assert!(responses.contains_key(status), "{method} {path}: no {status}");
                }
            }
        }
    }
}

#[test]
fn refused_unknown_fields_are_stated_in_the_schemas() {
    let doc = document();
    let schema = &doc["components"]["schemas"]["FeedbackSubmission"];
    assert_eq!(schema["additionalProperties"], json!(false), "{schema}");
}
