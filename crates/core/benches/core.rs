//! Criterion benchmarks of core's hot paths at growing sizes (`cargo xtask bench` runs them):
//! scoring assessments, team coverage, and KPIs over years of monthly data.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use servicekit_core::assessment::{self, AssessmentSubmission, RatingSubmission};
use servicekit_core::kpi::{self, FeedbackTally, PeriodTotals};
use servicekit_core::measurement::{Channel, Period};
use servicekit_core::{profiles, team, ServiceContext};
use std::hint::black_box;

const LEVELS: [&str; 4] = ["awareness", "working", "practitioner", "expert"];

/// Submission `i` for the DDaT 2020 service owner: every skill rated, levels varying with `i`.
fn submission(i: usize) -> AssessmentSubmission {
    let profile = profiles::find("ddat-service-owner-2020").expect("built in");
    let ratings = profile
        .skills
        .iter()
        .enumerate()
        .map(|(s, skill)| {
            (skill.id.clone(), RatingSubmission { level: LEVELS[(i + s) % 4].to_owned(), evidence: None })
        })
        .collect();
    AssessmentSubmission { role: profile.id, ratings, ..AssessmentSubmission::default() }
}

/// Validating, scoring and summarising assessments: linear in their number.
fn scoring(c: &mut Criterion) {
    let profile = profiles::find("ddat-service-owner-2020").expect("built in");
    let mut group = c.benchmark_group("score assessments");
    for n in [2_500, 5_000, 10_000] {
        let submissions: Vec<_> = (0..n).map(submission).collect();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &submissions, |b, submissions| {
            b.iter(|| {
                for s in submissions {
                    let valid = assessment::validate(s, Some(&profile)).expect("valid");
                    black_box(assessment::summarise(&valid.gaps(&profile)));
                }
            })
        });
    }
    group.finish();
}

/// Team coverage from members' ranks: linear in members × skills.
fn coverage(c: &mut Criterion) {
    let profile = profiles::find("ddat-service-owner-2020").expect("built in");
    let context = ServiceContext::default();
    let mut group = c.benchmark_group("team coverage");
    for n in [250, 500, 1_000] {
        let members: Vec<Vec<u8>> = (0..n)
            .map(|i| {
                let valid = assessment::validate(&submission(i), Some(&profile)).expect("valid");
                team::member_ranks(&profile, &valid)
            })
            .collect();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &members, |b, members| {
            b.iter(|| black_box(team::coverage(&profile, &context, members, 3)))
        });
    }
    group.finish();
}

/// Monthly totals for `months` months from January 2017, four channels each.
fn monthly(months: usize) -> (Vec<PeriodTotals>, FeedbackTally) {
    let mut totals = Vec::new();
    let mut feedback = FeedbackTally::new();
    for m in 0..months {
        let period = Period::Month { year: 2017 + (m / 12) as i32, month: (m % 12) as u8 + 1 };
        let n = 1_000 + m as u64;
        let channels = vec![
            (Channel::Digital, Some(n * 8), Some(n * 7), Some(n * 90)),
            (Channel::AssistedDigital, Some(n / 2), Some(n / 2), Some(n * 40)),
            (Channel::Phone, None, Some(n * 3), Some(n * 900)),
            (Channel::Paper, None, Some(n), Some(n * 1_300)),
        ];
        totals.push(PeriodTotals {
            period,
            channels,
            ratings: [1, 2, 3, 4, 5].map(|r| r * n / 10),
            metrics: Default::default(),
            uploaded_at: None,
        });
        feedback.insert(period, [1, 1, 2, 3, 5]);
    }
    (totals, feedback)
}

/// KPIs per period with rolling 12 months and change: linear in periods.
fn kpis(c: &mut Criterion) {
    let mut group = c.benchmark_group("KPIs over monthly data");
    for months in [30, 60, 120] {
        let (totals, feedback) = monthly(months);
        group.throughput(Throughput::Elements(months as u64));
        group.bench_with_input(BenchmarkId::from_parameter(months), &(totals, feedback), |b, (t, f)| {
            b.iter(|| black_box(kpi::compute(t, f)))
        });
    }
    group.finish();
}

criterion_group!(benches, scoring, coverage, kpis);
criterion_main!(benches);
