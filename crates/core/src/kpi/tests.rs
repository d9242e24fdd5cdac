use super::*;

fn period(text: &str) -> Period {
    Period::parse(text).unwrap()
}

type Row = ChannelTotals;

fn totals(p: &str, channels: &[Row], ratings: [u64; 5]) -> PeriodTotals {
    PeriodTotals {
        period: period(p),
        channels: channels.to_vec(),
        ratings,
        metrics: BTreeMap::new(),
        uploaded_at: None,
    }
}

fn one(channels: &[Row], ratings: [u64; 5]) -> PeriodKpis {
    compute(&[totals("2026-03", channels, ratings)], &FeedbackTally::new()).remove(0)
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

const D: Channel = Channel::Digital;
const AD: Channel = Channel::AssistedDigital;
const PHONE: Channel = Channel::Phone;

#[test]
fn the_four_kpis_follow_their_definitions() {
    let k = one(
        &[
            (D, Some(200), Some(150), Some(15_000)),
            (AD, Some(50), Some(50), Some(10_000)),
            (PHONE, None, Some(200), Some(75_000)),
        ],
        [10, 0, 0, 0, 30],
    );
    let f = k.figures;
    assert!(close(f.cost_per_transaction, 1_000.0 / 400.0), "total £1,000 over 400 completed");
    assert!(close(f.digital_cost_per_transaction, 250.0 / 200.0));
    assert!(close(f.satisfaction, ((10.0 + 150.0) / 40.0 - 1.0) / 4.0));
    assert_eq!(f.responses, 40);
    assert!(close(f.completion_rate, 200.0 / 250.0), "phone is not part of the digital service");
    assert!(close(f.digital_take_up, 200.0 / 400.0), "assisted digital counts as digital");
    assert!(close(f.assisted_digital_share, 50.0 / 400.0));
    assert_eq!(k.channel_mix, [(D, 150), (AD, 50), (PHONE, 200)]);
}

#[test]
fn zero_started_and_no_completed_give_no_value_not_zero_or_nan() {
    let f = one(&[(D, Some(0), Some(0), Some(100))], [0; 5]).figures;
    assert_eq!(f.completion_rate, None);
    assert_eq!(f.digital_take_up, None);
    assert_eq!(f.cost_per_transaction, None);
    assert_eq!(f.satisfaction, None, "no responses: no satisfaction");
    assert_eq!(f.responses, 0);
}

#[test]
fn missing_channels_and_missing_cells_are_left_out() {
    // Only phone reports: there is no digital service to measure completion on.
    let f = one(&[(PHONE, Some(10), Some(10), None)], [0; 5]).figures;
    assert_eq!(f.completion_rate, None);
    assert!(close(f.digital_take_up, 0.0), "phone only: 0 % take-up is a real value");
    assert_eq!(f.cost_per_transaction, None, "no cost measured");
    // Digital rows without `started` do not count towards completion.
    let f = one(&[(D, None, Some(5), None), (AD, Some(10), Some(8), None)], [0; 5]).figures;
    assert!(close(f.completion_rate, 0.8));
}

#[test]
fn more_completed_than_started_is_capped_and_flagged() {
    let f = one(&[(D, Some(10), Some(12), None)], [0; 5]).figures;
    assert!(close(f.completion_rate, 1.0));
    assert!(f.completion_inconsistent);
    assert!(!one(&[(D, Some(10), Some(10), None)], [0; 5]).figures.completion_inconsistent);
}

#[test]
fn satisfaction_runs_from_zero_to_one() {
    assert!(close(one(&[], [7, 0, 0, 0, 0]).figures.satisfaction, 0.0));
    assert!(close(one(&[], [0, 0, 0, 0, 7]).figures.satisfaction, 1.0));
    assert!(close(one(&[], [0, 0, 7, 0, 0]).figures.satisfaction, 0.5));
}

#[test]
fn rolling_twelve_months_is_a_ratio_of_sums_and_gaps_are_not_zeros() {
    // Month 1: 1 of 1 digital (100 %); month 2: 1 of 99 (≈1 %). Mean of ratios would be ~50 %.
    let data = [
        totals("2025-05", &[(D, None, Some(1), None)], [0; 5]),
        totals("2025-06", &[(D, None, Some(1), None), (PHONE, None, Some(98), None)], [0; 5]),
        totals("2025-09", &[(D, None, Some(0), None), (PHONE, None, Some(0), None)], [0; 5]),
    ];
    let k = compute(&data, &FeedbackTally::new());
    assert_eq!(k.len(), 3, "July and August are gaps, not zero periods");
    assert!(close(k[1].rolling_12_months.digital_take_up, 2.0 / 100.0));
    assert_eq!(k[1].rolling_months_with_data, 2);
    assert!(close(k[1].change.digital_take_up, 1.0 / 99.0 - 1.0));
    assert_eq!(k[2].change.digital_take_up, None, "August has no data, so no change for September");
    assert_eq!(k[2].figures.digital_take_up, None);
    // A year later, May 2025 has left the window.
    let later = [
        data[0].clone(),
        totals("2026-05", &[(D, None, Some(3), None), (PHONE, None, Some(1), None)], [0; 5]),
    ];
    let k = compute(&later, &FeedbackTally::new());
    assert!(close(k[1].rolling_12_months.digital_take_up, 0.75));
    assert_eq!(k[1].rolling_months_with_data, 1);
}

#[test]
fn partial_quarters_count_their_months_in_the_window() {
    let data = [
        totals("2025-Q2", &[(D, None, Some(10), None)], [0; 5]),
        totals("2026-Q1", &[(D, None, Some(10), None), (PHONE, None, Some(10), None)], [0; 5]),
    ];
    let k = compute(&data, &FeedbackTally::new());
    assert_eq!(k[1].rolling_months_with_data, 6, "April 2025 to March 2026 holds both quarters");
    assert!(close(k[1].rolling_12_months.digital_take_up, 20.0 / 30.0));
    assert_eq!(k[1].change.digital_take_up, None, "2025-Q4 has no data");
}

#[test]
fn feedback_adds_to_the_period_holding_its_month() {
    let data = [totals("2026-Q1", &[(D, None, Some(1), None)], [0, 0, 0, 0, 1])];
    let mut feedback = FeedbackTally::new();
    feedback.insert(period("2026-02"), [1, 0, 0, 0, 0]);
    feedback.insert(period("2026-04"), [0, 0, 1, 0, 0]);
    let k = compute(&data, &feedback);
    assert_eq!(k.len(), 2);
    assert_eq!(k[0].figures.responses, 2);
    assert!(close(k[0].figures.satisfaction, 0.5));
    assert_eq!(k[1].period, period("2026-04"));
    assert_eq!(k[1].figures.digital_take_up, None, "feedback alone has no transactions");
    assert!(k[0].measured && !k[1].measured);
    let report = KpiReport { service: "s".into(), periods: k, take_up_target: None, last_updated: None };
    assert_eq!(report.headline().map(|p| p.period), Some(period("2026-Q1")), "not the feedback-only month");
}

#[test]
fn windows_and_feedback_follow_their_definitions_over_ten_years_of_months_and_quarters() {
    // Months, then quarters, with gaps, and feedback in months with and without figures.
    let mut data = Vec::new();
    for m in 0..120 {
        let (year, month) = (2015 + m / 12, m % 12 + 1);
        let text = match (year, m % 7) {
            (2015..=2019, 3) => continue,
            (2015..=2019, _) => format!("{year}-{month:02}"),
            _ if month % 3 == 1 && m % 5 != 0 => format!("{year}-Q{}", month / 3 + 1),
            _ => continue,
        };
        let done = (m as u64) * 7 + 1;
        data.push(totals(
            &text,
            &[(D, Some(done + 3), Some(done), Some(done * 2)), (PHONE, None, Some(m as u64), None)],
            [0; 5],
        ));
    }
    let mut feedback = FeedbackTally::new();
    for m in (0..130).step_by(4) {
        feedback.insert(Period::month_of(2015 * 12 + m), [1, 0, 0, 0, m as u64 % 3]);
    }
    let k = compute(&data, &feedback);

    // The same, straight from the definitions: each month's feedback goes to the first
    // period holding it (else to the month itself), and a window is every period
    // ending in the twelve months up to a period's end.
    let mut by_period: BTreeMap<Period, PeriodTotals> = data.iter().map(|t| (t.period, t.clone())).collect();
    for (month, ratings) in &feedback {
        let holding =
            by_period.keys().copied().find(|p| p.contains_month(month.first_month())).unwrap_or(*month);
        let entry = by_period.entry(holding).or_insert_with(|| totals(&month.to_string(), &[], [0; 5]));
        entry.ratings.iter_mut().zip(ratings).for_each(|(sum, n)| *sum += n);
    }
    assert_eq!(k.iter().map(|p| p.period).collect::<Vec<_>>(), by_period.keys().copied().collect::<Vec<_>>());
    for kpis in &k {
        let end = kpis.period.last_month();
        let window: Vec<&PeriodTotals> = by_period
            .values()
            .filter(|t| t.period.last_month() <= end && t.period.first_month() > end - 12)
            .collect();
        let rolling = window.iter().fold(Parts::default(), |sum, t| sum.plus(&Parts::of(t)));
        assert_eq!(kpis.rolling_12_months, rolling.figures(), "{}", kpis.period);
        let months: i32 = window.iter().map(|t| t.period.months()).sum();
        assert_eq!(i32::from(kpis.rolling_months_with_data), months.min(12), "{}", kpis.period);
        assert_eq!(kpis.figures, Parts::of(&by_period[&kpis.period]).figures(), "{}", kpis.period);
    }
}

#[test]
fn huge_counts_do_not_overflow() {
    let big = crate::measurement::MAX_COUNT;
    let f =
        one(&[(D, Some(big), Some(big), Some(big)), (PHONE, Some(big), Some(big), None)], [big; 5]).figures;
    assert!(close(f.digital_take_up, 0.5));
    assert!(close(f.satisfaction, 0.5));
}

#[test]
fn formatting_for_people() {
    assert_eq!(percent(0.784), "78%");
    assert_eq!(points_change(0.031), "up 3 points");
    assert_eq!(points_change(-0.01), "down 1 point");
    assert_eq!(points_change(0.001), "no change");
    assert_eq!(Movement::pence(-0.084), Movement::Down(8));
    assert_eq!(Movement::pence(0.004), Movement::Same);
    assert_eq!(whole_number(1_234_567), "1,234,567");
    assert_eq!(whole_number(999), "999");
    assert_eq!(money(12_345.678), "£12,345.68");
}

#[test]
fn a_period_is_written_with_its_own_figures_inline_and_reads_back_the_same() {
    let k = one(
        &[(D, Some(200), Some(150), Some(15_000)), (PHONE, None, Some(50), Some(5_000))],
        [0, 0, 1, 2, 3],
    );
    let json = serde_json::to_value(&k).unwrap();
    assert_eq!(json["digital_take_up"], 0.75, "the period's own figures sit beside its other fields");
    assert_eq!(json["rolling_12_months"]["completed"], 200);
    assert_eq!(serde_json::from_value::<PeriodKpis>(json.clone()).unwrap(), k);
    let mut missing = json;
    missing.as_object_mut().unwrap().remove("completed");
    assert!(serde_json::from_value::<PeriodKpis>(missing).is_err(), "a figure the period must have");
}
