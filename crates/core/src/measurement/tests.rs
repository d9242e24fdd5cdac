use super::*;

const HEADER: &str = "period,channel,started,completed,cost,rating_1,rating_2,rating_3,rating_4,rating_5";

fn csv(rows: &[&str]) -> Vec<u8> {
    let mut text = HEADER.to_owned();
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.into_bytes()
}

fn problems(result: Result<Vec<MeasurementRow>, Vec<FieldProblem>>) -> Vec<(String, String)> {
    result.expect_err("should be refused").into_iter().map(|p| (p.pointer, p.detail)).collect()
}

#[test]
fn periods_parse_order_and_step_back() {
    assert_eq!(Period::parse("2026-03"), Ok(Period::Month { year: 2026, month: 3 }));
    assert_eq!(Period::parse("2026-Q1"), Ok(Period::Quarter { year: 2026, quarter: 1 }));
    for bad in
        ["2026-13", "2026-00", "2026-Q5", "26-03", "2026-3", "2026-03-01", "March", "", "2026-Q", "+026-03"]
    {
        assert!(Period::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(Period::parse("2026-01").unwrap().previous().to_string(), "2025-12");
    assert_eq!(Period::parse("2026-Q1").unwrap().previous().to_string(), "2025-Q4");
    assert_eq!(Period::parse("2026-Q2").unwrap().label(), "April to June 2026");
    assert_eq!(
        Period::month_of_timestamp("2026-03-31T23:59:59.000Z"),
        Some(Period::Month { year: 2026, month: 3 })
    );
    assert_eq!(Period::month_of_timestamp("soon"), None);
    let q = Period::parse("2026-Q2").unwrap();
    assert!(q.contains_month(Period::parse("2026-06").unwrap().first_month()));
    assert!(!q.contains_month(Period::parse("2026-07").unwrap().first_month()));
}

#[test]
fn pounds_take_up_to_two_decimals() {
    assert_eq!(parse_pounds("1234"), Some(123_400));
    assert_eq!(parse_pounds("1234.5"), Some(123_450));
    assert_eq!(parse_pounds("0.99"), Some(99));
    for bad in ["1.999", "-1", "1,000", "£5", "", ".5", "5.", "1e3", "NaN"] {
        assert_eq!(parse_pounds(bad), None, "{bad}");
    }
    assert_eq!(format_pounds(123_450), "1234.50");
}

#[test]
fn a_good_csv_with_bom_crlf_quotes_and_empty_cells_parses() {
    let text = format!(
        "\u{feff}{HEADER},metric.licences-sold\r\n2026-03,digital,100,90,\"1,5\",,,,,,\r\n2026-03,phone,,40,200.5,1,2,3,4,5,12\r\n"
    );
    // "1,5" is a quoted cell holding a comma: not an amount.
    let errors = problems(parse_csv(text.as_bytes(), None));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].0, "/rows/2/cost");
    let text = text.replace("\"1,5\"", "\"1500\"");
    let rows = parse_csv(text.as_bytes(), None).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].cost_pence, Some(150_000));
    assert_eq!(rows[0].ratings, None);
    assert_eq!(rows[1].started, None, "empty cell = not measured");
    assert_eq!(rows[1].ratings, Some([1, 2, 3, 4, 5]));
    assert_eq!(rows[1].metrics.get("licences-sold"), Some(&12.0));
}

#[test]
fn every_bad_cell_is_named_by_row_and_column() {
    let errors = problems(parse_csv(
        &csv(&[
            "2026-13,digital,1,1,1,,,,,",
            "2026-03,carrier-pigeon,-1,x,1.234,,,,,",
            "2026-03,phone,1,1,1,1,,,,",
            ",,,,,,,,,",
        ]),
        None,
    ));
    let pointers: Vec<&str> = errors.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/rows/2/period",
            "/rows/3/channel",
            "/rows/3/started",
            "/rows/3/completed",
            "/rows/3/cost",
            "/rows/4/rating_1",
        ]
    );
    // The empty line 5 is skipped, as spreadsheets write them; line 6 is fine.
    assert!(
        errors[1].1.starts_with("Row 3, column channel: 'carrier-pigeon' is not a channel"),
        "{}",
        errors[1].1
    );
}

#[test]
fn the_header_must_be_exact_and_extra_columns_must_be_metrics() {
    let wrong = b"period,channel,begun,completed,cost,rating_1,rating_2,rating_3,rating_4,rating_5\n";
    assert_eq!(problems(parse_csv(wrong, None))[0].0, "/rows/1/3");
    let extra = format!("{HEADER},notes\n2026-03,digital,1,1,,,,,,,hi\n");
    assert!(problems(parse_csv(extra.as_bytes(), None))[0].1.contains("'notes' is not allowed"));
    assert!(problems(parse_csv(b"", None))[0].1.contains("empty"));
    assert!(problems(parse_csv(HEADER.as_bytes(), None))[0].1.contains("no measurements"));
}

#[test]
fn non_utf8_names_the_row_and_duplicates_are_refused() {
    let mut bytes = csv(&["2026-03,digital,1,1,,,,,,"]);
    bytes.extend_from_slice(b"\n2026-04,digital,1,1,\xff\xfe,,,,,");
    let errors = problems(parse_csv(&bytes, None));
    assert_eq!(errors[0].0, "/rows/3/cost");
    assert!(errors[0].1.contains("UTF-8"));
    let errors = problems(parse_csv(&csv(&["2026-03,digital,1,1,,,,,,", "2026-03,digital,2,2,,,,,,"]), None));
    assert!(errors[0].1.contains("already given in row 2"), "{errors:?}");
}

#[test]
fn unknown_metrics_are_refused_when_the_contract_is_known() {
    let text = format!("{HEADER},metric.nope\n2026-03,digital,1,1,,,,,,,3\n");
    let known: BTreeSet<String> = ["licences-sold".to_owned()].into();
    assert!(problems(parse_csv(text.as_bytes(), Some(&known)))[0].1.contains("no metric 'nope'"));
    assert!(parse_csv(text.as_bytes(), None).is_ok());
}

#[test]
fn json_rows_are_checked_like_csv_and_csv_export_round_trips() {
    let upload: MeasurementUpload = serde_json::from_str(
        r#"{"measurements":[
            {"period":"2026-03","channel":"digital","started":100,"completed":90,"cost":123.4,
             "rating_1":0,"rating_2":0,"rating_3":1,"rating_4":2,"rating_5":3,"metrics":{"m":1.5}},
            {"period":"2026-Q1","channel":"phone","completed":"40","cost":null}
        ]}"#,
    )
    .unwrap();
    let rows = check_upload(&upload, None).unwrap();
    assert_eq!(rows[0].cost_pence, Some(12_340));
    assert_eq!(rows[1].completed, Some(40));
    let exported = to_csv(&rows);
    assert!(exported.starts_with(&format!("{HEADER},metric.m\n")), "{exported}");
    assert_eq!(parse_csv(exported.as_bytes(), None).unwrap(), rows);

    let bad: MeasurementUpload = serde_json::from_str(
        r#"{"measurements":[{"channel":"digital","started":-3,"metrics":{"m":"lots"}}]}"#,
    )
    .unwrap();
    let pointers: Vec<String> =
        check_upload(&bad, None).unwrap_err().into_iter().map(|p| p.pointer).collect();
    assert_eq!(pointers, ["/measurements/0/period", "/measurements/0/started", "/measurements/0/metrics/m"]);
}

#[test]
fn rows_group_into_one_record_per_period_in_channel_order() {
    let rows = parse_csv(
        &csv(&["2026-03,phone,,1,,,,,,", "2026-02,digital,,1,,,,,,", "2026-03,digital,,2,,,,,,"]),
        None,
    )
    .unwrap();
    let records = by_period(rows, "2026-04-01T00:00:00Z");
    assert_eq!(records.len(), 2);
    assert_eq!(records[1].period.to_string(), "2026-03");
    assert_eq!(
        records[1].rows.iter().map(|r| r.channel).collect::<Vec<_>>(),
        [Channel::Digital, Channel::Phone]
    );
}
