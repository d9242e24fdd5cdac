//! The four KPIs of a public service, per period, over a rolling 12 months and
//! as change on the previous period.
//!
//! Definitions (also in README "Measurements and KPIs"):
//! - **cost per transaction** = total cost ÷ completed transactions, all channels;
//!   the digital figure uses the digital and assisted digital channels only.
//! - **user satisfaction** = mean rating (1–5) as a score, (mean − 1) ÷ 4, with the number of responses.
//! - **completion rate** = completed ÷ started on the digital service (digital and
//!   assisted digital rows giving both); shown at most 100 %, flagged as inconsistent above.
//! - **digital take-up** = digital completed (assisted digital counted as digital) ÷ completed on all channels.
//!
//! Rolling 12 months sums the parts over the periods inside the 12 months ending
//! with the period, then takes the ratio (never a mean of ratios). Periods
//! without data are gaps, never zeros.

use crate::measurement::{Channel, MeasurementRow, Period, PeriodRecord};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One channel's figures in a period: the channel, started, completed, cost in pence (`None`: not measured).
pub type ChannelTotals = (Channel, Option<u64>, Option<u64>, Option<u64>);

/// A period's figures in the compact form kept beside each stored period (KV list metadata).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PeriodTotals {
    /// The period.
    #[serde(rename = "p")]
    pub period: Period,
    /// Per channel: started, completed, cost in pence (`None`: not measured).
    #[serde(rename = "c")]
    pub channels: Vec<ChannelTotals>,
    /// Satisfaction responses rating 1 to 5, all channels.
    #[serde(rename = "r")]
    pub ratings: [u64; 5],
    /// Contract metric values given for the period.
    #[serde(rename = "m", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metrics: BTreeMap<String, f64>,
    /// When the period was uploaded (RFC 3339).
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none")]
    pub uploaded_at: Option<String>,
}

impl PeriodTotals {
    /// Sums a stored period's rows.
    pub fn of(record: &PeriodRecord) -> PeriodTotals {
        let mut totals = PeriodTotals::of_rows(record.period, &record.rows);
        totals.uploaded_at = Some(record.uploaded_at.clone());
        totals
    }

    /// Sums rows of one period.
    pub fn of_rows(period: Period, rows: &[MeasurementRow]) -> PeriodTotals {
        let mut ratings = [0; 5];
        let mut metrics = BTreeMap::new();
        for row in rows {
            for (sum, n) in ratings.iter_mut().zip(row.ratings.unwrap_or_default()) {
                *sum += n;
            }
            metrics.extend(row.metrics.iter().map(|(k, v)| (k.clone(), *v)));
        }
        PeriodTotals {
            period,
            channels: rows.iter().map(|r| (r.channel, r.started, r.completed, r.cost_pence)).collect(),
            ratings,
            metrics,
            uploaded_at: None,
        }
    }
}

/// Sums of the parts the KPIs are ratios of.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Parts {
    cost_pence: Option<u64>,
    completed: u64,
    digital_cost_pence: Option<u64>,
    digital_completed: u64,
    assisted_completed: u64,
    digital_started: u64,
    digital_completed_of_started: u64,
    ratings: [u64; 5],
}

fn add(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0).saturating_add(b.unwrap_or(0))),
    }
}

impl Parts {
    fn of(totals: &PeriodTotals) -> Parts {
        let mut parts = Parts { ratings: totals.ratings, ..Parts::default() };
        for &(channel, started, completed, cost) in &totals.channels {
            let done = completed.unwrap_or(0);
            parts.cost_pence = add(parts.cost_pence, cost);
            parts.completed += done;
            if channel.is_digital() {
                parts.digital_cost_pence = add(parts.digital_cost_pence, cost);
                parts.digital_completed += done;
                if let (Some(started), Some(completed)) = (started, completed) {
                    parts.digital_started += started;
                    parts.digital_completed_of_started += completed;
                }
            }
            if channel == Channel::AssistedDigital {
                parts.assisted_completed += done;
            }
        }
        parts
    }

    fn plus(mut self, other: &Parts) -> Parts {
        self.cost_pence = add(self.cost_pence, other.cost_pence);
        self.completed += other.completed;
        self.digital_cost_pence = add(self.digital_cost_pence, other.digital_cost_pence);
        self.digital_completed += other.digital_completed;
        self.assisted_completed += other.assisted_completed;
        self.digital_started += other.digital_started;
        self.digital_completed_of_started += other.digital_completed_of_started;
        for (a, b) in self.ratings.iter_mut().zip(other.ratings) {
            *a += b;
        }
        self
    }

    fn figures(&self) -> Figures {
        let ratio = |top: u64, bottom: u64| (bottom > 0).then(|| top as f64 / bottom as f64);
        let per = |pence: Option<u64>, n: u64| pence.and_then(|p| ratio(p, n)).map(|v| v / 100.0);
        let responses: u64 = self.ratings.iter().sum();
        let weighted: u64 = self.ratings.iter().zip(1..).map(|(n, r)| n * r).sum();
        let completion = ratio(self.digital_completed_of_started, self.digital_started);
        Figures {
            cost_per_transaction: per(self.cost_pence, self.completed),
            digital_cost_per_transaction: per(self.digital_cost_pence, self.digital_completed),
            satisfaction: ratio(weighted, responses).map(|mean| (mean - 1.0) / 4.0),
            responses,
            completion_rate: completion.map(|c| c.min(1.0)),
            completion_inconsistent: completion.is_some_and(|c| c > 1.0),
            digital_take_up: ratio(self.digital_completed, self.completed),
            assisted_digital_share: ratio(self.assisted_completed, self.completed),
            completed: self.completed,
        }
    }
}

/// The four KPIs (and what they rest on) for a stretch of time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Figures {
    /// Pounds per completed transaction, all channels.
    pub cost_per_transaction: Option<f64>,
    /// Pounds per completed transaction, digital channels only.
    pub digital_cost_per_transaction: Option<f64>,
    /// Satisfaction score from 0 (all rated 1) to 1 (all rated 5).
    pub satisfaction: Option<f64>,
    /// Number of satisfaction responses.
    pub responses: u64,
    /// Digital completed ÷ started, at most 1.
    pub completion_rate: Option<f64>,
    /// More digital transactions completed than started: the data needs checking.
    pub completion_inconsistent: bool,
    /// Share of completed transactions that were digital (assisted digital included), 0 to 1.
    pub digital_take_up: Option<f64>,
    /// Share of completed transactions that were assisted digital, 0 to 1.
    pub assisted_digital_share: Option<f64>,
    /// Transactions completed on all channels.
    pub completed: u64,
}

/// Change on the previous period, in the KPI's own unit (pounds; fractions for the rest).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Change {
    /// Pounds.
    pub cost_per_transaction: Option<f64>,
    /// Fraction (0.03 = 3 points).
    pub satisfaction: Option<f64>,
    /// Fraction.
    pub completion_rate: Option<f64>,
    /// Fraction.
    pub digital_take_up: Option<f64>,
}

/// One period's KPIs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PeriodKpis {
    /// The period.
    pub period: Period,
    /// The period in words.
    pub label: String,
    /// The KPIs of the period alone.
    #[serde(flatten)]
    pub figures: Figures,
    /// The KPIs over the 12 months ending with this period.
    pub rolling_12_months: Figures,
    /// How many of those 12 months have data.
    pub rolling_months_with_data: u8,
    /// Change on the period before; `None` where either side has no value.
    pub change: Change,
    /// Completed transactions per channel that reported any.
    pub channel_mix: Vec<(Channel, u64)>,
    /// Whether the service uploaded figures for the period (not only feedback counts).
    pub measured: bool,
}

/// Reads a period as it is written, its own figures beside the other fields.
///
/// Written out rather than derived: serde reads a `#[serde(flatten)]` field by
/// first copying the whole object into a generic map, which is slower and adds
/// code to every widget that reads a KPI report.
impl<'de> Deserialize<'de> for PeriodKpis {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Written {
            period: Period,
            label: String,
            cost_per_transaction: Option<f64>,
            digital_cost_per_transaction: Option<f64>,
            satisfaction: Option<f64>,
            responses: u64,
            completion_rate: Option<f64>,
            completion_inconsistent: bool,
            digital_take_up: Option<f64>,
            assisted_digital_share: Option<f64>,
            completed: u64,
            rolling_12_months: Figures,
            rolling_months_with_data: u8,
            change: Change,
            channel_mix: Vec<(Channel, u64)>,
            measured: bool,
        }
        let w = Written::deserialize(deserializer)?;
        Ok(PeriodKpis {
            period: w.period,
            label: w.label,
            figures: Figures {
                cost_per_transaction: w.cost_per_transaction,
                digital_cost_per_transaction: w.digital_cost_per_transaction,
                satisfaction: w.satisfaction,
                responses: w.responses,
                completion_rate: w.completion_rate,
                completion_inconsistent: w.completion_inconsistent,
                digital_take_up: w.digital_take_up,
                assisted_digital_share: w.assisted_digital_share,
                completed: w.completed,
            },
            rolling_12_months: w.rolling_12_months,
            rolling_months_with_data: w.rolling_months_with_data,
            change: w.change,
            channel_mix: w.channel_mix,
            measured: w.measured,
        })
    }
}

/// Body of `GET /v1/services/{slug}/kpis`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct KpiReport {
    /// The service's slug.
    pub service: String,
    /// Every period with data, oldest first.
    pub periods: Vec<PeriodKpis>,
    /// The digital take-up target from the contract, as a fraction, if it sets one.
    pub take_up_target: Option<f64>,
    /// When the newest data arrived (RFC 3339), if any.
    pub last_updated: Option<String>,
}

impl KpiReport {
    /// The period to headline: the newest with uploaded figures, else the newest with feedback.
    ///
    /// Feedback arrives through the month, so the current month would otherwise
    /// headline with satisfaction alone before the service uploads its figures.
    pub fn headline(&self) -> Option<&PeriodKpis> {
        self.periods.iter().rev().find(|p| p.measured).or(self.periods.last())
    }
}

impl KpiReport {
    /// Builds the report of a service from its stored totals, feedback counts and contract.
    pub fn build(
        service: &str,
        totals: &[PeriodTotals],
        feedback: &FeedbackTally,
        contract: Option<&crate::contract::ServiceContract>,
    ) -> KpiReport {
        KpiReport {
            service: service.to_owned(),
            periods: compute(totals, feedback),
            take_up_target: contract.and_then(take_up_target),
            last_updated: totals.iter().filter_map(|t| t.uploaded_at.clone()).max(),
        }
    }
}

/// Satisfaction responses from the feedback widget, by month.
pub type FeedbackTally = BTreeMap<Period, [u64; 5]>;

/// Computes every period's KPIs from stored totals and feedback counts.
///
/// Feedback for a month counts towards the stored period containing it, or its own month if none does.
pub fn compute(totals: &[PeriodTotals], feedback: &FeedbackTally) -> Vec<PeriodKpis> {
    let mut by_period: BTreeMap<Period, PeriodTotals> = BTreeMap::new();
    for t in totals {
        by_period.insert(t.period, t.clone());
    }
    // Periods by last month, to find those around a month without scanning them all
    // (a period is at most a quarter, so a month's periods end within two months of it).
    let mut by_end: Vec<Period> = by_period.keys().copied().collect();
    by_end.sort_by_key(|p| p.last_month());
    let ending = |from: i32, to: i32| {
        let start = by_end.partition_point(|p| p.last_month() < from);
        let stop = by_end.partition_point(|p| p.last_month() <= to);
        &by_end[start..stop]
    };
    for (month, ratings) in feedback {
        let index = month.first_month();
        let holding = ending(index, index + 2).iter().copied().filter(|p| p.contains_month(index)).min();
        let period = holding.unwrap_or(*month);
        let entry = by_period.entry(period).or_insert_with(|| PeriodTotals {
            period,
            channels: Vec::new(),
            ratings: [0; 5],
            metrics: BTreeMap::new(),
            uploaded_at: None,
        });
        for (sum, n) in entry.ratings.iter_mut().zip(ratings) {
            *sum += n;
        }
    }
    let parts: Vec<(Period, Parts, &PeriodTotals)> =
        by_period.iter().map(|(p, t)| (*p, Parts::of(t), t)).collect();
    let figures: BTreeMap<Period, Figures> =
        parts.iter().map(|(p, parts, _)| (*p, parts.figures())).collect();
    // Positions in `parts` by last month: a 12-month window is a run of them, found
    // by binary search, so the whole report is O(n log n) in periods, not O(n²).
    let mut by_end: Vec<usize> = (0..parts.len()).collect();
    by_end.sort_by_key(|&i| parts[i].0.last_month());
    parts
        .iter()
        .map(|(period, own, totals)| {
            let end = period.last_month();
            let start = by_end.partition_point(|&i| parts[i].0.last_month() <= end - 12);
            let stop = by_end.partition_point(|&i| parts[i].0.last_month() <= end);
            let window: Vec<&(Period, Parts, &PeriodTotals)> = by_end[start..stop]
                .iter()
                .map(|&i| &parts[i])
                .filter(|(p, _, _)| p.first_month() > end - 12)
                .collect();
            let rolling = window.iter().fold(Parts::default(), |sum, (_, p, _)| sum.plus(p));
            let months: i32 = window.iter().map(|(p, _, _)| p.months()).sum();
            let now = own.figures();
            let before = figures.get(&period.previous());
            let diff = |f: fn(&Figures) -> Option<f64>| before.and_then(|b| Some(f(&now)? - f(b)?));
            let mut channel_mix: Vec<(Channel, u64)> =
                totals.channels.iter().filter_map(|&(c, _, done, _)| done.map(|d| (c, d))).collect();
            channel_mix.sort_by_key(|(c, _)| *c);
            PeriodKpis {
                period: *period,
                label: period.label(),
                figures: now,
                rolling_12_months: rolling.figures(),
                rolling_months_with_data: months.clamp(0, 12) as u8,
                change: Change {
                    cost_per_transaction: diff(|f| f.cost_per_transaction),
                    satisfaction: diff(|f| f.satisfaction),
                    completion_rate: diff(|f| f.completion_rate),
                    digital_take_up: diff(|f| f.digital_take_up),
                },
                channel_mix,
                measured: !totals.channels.is_empty(),
            }
        })
        .collect()
}

/// The latest value of each contract metric: an uploaded `metric.<id>` value, else
/// the matching KPI for metrics of kind cost (in £), satisfaction, completion or
/// take-up (in %), from the newest period that has one.
pub fn latest_metric_values(
    contract: &crate::contract::ServiceContract,
    totals: &[PeriodTotals],
    kpis: &[PeriodKpis],
) -> BTreeMap<String, f64> {
    use crate::contract::MetricKind;
    let mut out = BTreeMap::new();
    for metric in &contract.metrics {
        let uploaded = totals.iter().filter(|t| t.metrics.contains_key(&metric.id)).max_by_key(|t| t.period);
        let value = uploaded.map(|t| (t.period, t.metrics[&metric.id]));
        let derived = kpis.iter().rev().find_map(|k| {
            let f = &k.figures;
            let v = match metric.kind {
                MetricKind::Cost => f.cost_per_transaction,
                MetricKind::Satisfaction => f.satisfaction.map(|s| s * 100.0),
                MetricKind::Completion => f.completion_rate.map(|c| c * 100.0),
                MetricKind::TakeUp => f.digital_take_up.map(|t| t * 100.0),
                MetricKind::Outcome | MetricKind::Consumption => None,
            };
            v.map(|v| (k.period, v))
        });
        let newest = match (value, derived) {
            (Some(a), Some(b)) if b.0 > a.0 => Some(b.1),
            (Some(a), _) => Some(a.1),
            (None, b) => b.map(|b| b.1),
        };
        if let Some(v) = newest {
            out.insert(metric.id.clone(), v);
        }
    }
    out
}

/// The contract's digital take-up target as a fraction (its first take-up metric with an at-least target in %).
pub fn take_up_target(contract: &crate::contract::ServiceContract) -> Option<f64> {
    contract
        .metrics
        .iter()
        .filter(|m| m.kind == crate::contract::MetricKind::TakeUp)
        .find_map(|m| m.target)
        .map(|t| t.value / 100.0)
}

/// A fraction as a whole percentage for people, e.g. `0.784` → `78%`.
pub fn percent(fraction: f64) -> String {
    format!("{}%", (fraction * 100.0).round() as i64)
}

/// Which way a figure moved, in the whole units people read it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    /// Up by this many units.
    Up(u64),
    /// Down by this many units.
    Down(u64),
    /// Less than half a unit either way.
    Same,
}

impl Movement {
    /// A change of `whole` units, already rounded.
    fn of(whole: f64) -> Movement {
        match whole as i64 {
            0 => Movement::Same,
            n if n > 0 => Movement::Up(n.unsigned_abs()),
            n => Movement::Down(n.unsigned_abs()),
        }
    }

    /// A change in a fraction (take-up, satisfaction, completion) as whole percentage points.
    pub fn points(change: f64) -> Movement {
        Movement::of((change * 100.0).round())
    }

    /// A change in pounds (cost per transaction) as whole pence.
    pub fn pence(change: f64) -> Movement {
        Movement::of((change * 100.0).round())
    }
}

/// A change in percentage points in English, e.g. `0.031` → `up 3 points`.
pub fn points_change(change: f64) -> String {
    match Movement::points(change) {
        Movement::Same => "no change".to_owned(),
        Movement::Up(1) => "up 1 point".to_owned(),
        Movement::Down(1) => "down 1 point".to_owned(),
        Movement::Up(p) => format!("up {p} points"),
        Movement::Down(p) => format!("down {p} points"),
    }
}

/// A count with thousands separators, e.g. `1234567` → `1,234,567`.
pub fn whole_number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Pounds for people, e.g. `4.5` → `£4.50`, `12345.678` → `£12,345.68`.
pub fn money(value: f64) -> String {
    let pence = (value * 100.0).round().max(0.0) as u64;
    format!("£{}.{:02}", whole_number(pence / 100), pence % 100)
}

#[cfg(test)]
mod tests;
