//! A service's published performance, kept as one value so that a read is one KV operation.
//!
//! The Worker builds a [`PerformanceSnapshot`] from a service's records (the
//! service, its latest contract, period totals, feedback counts, Correction of
//! Error list), stores it under one key and answers the KPI endpoint, the
//! contract view and the public page from it. A write to those records drops
//! it; a snapshot older than [`FRESH_FOR_MS`] is built again, which bounds how
//! long new feedback (which does not drop it) or a write that raced a rebuild
//! takes to show.

use crate::coe::CoeSummary;
use crate::contract::{self, ContractVersion, ContractView, LifecycleStage, ServiceSubmission};
use crate::kpi::{self, FeedbackTally, KpiReport, PeriodTotals};
use serde::{Deserialize, Serialize};

/// How long a snapshot answers reads before it is built again, in milliseconds.
///
/// The same minute as the `Cache-Control: max-age=60` on the answers built from
/// it, and as KV's own propagation delay between locations.
pub const FRESH_FOR_MS: u64 = 60_000;

/// How many Correction of Error documents the public page and the contract viewer list.
pub const RECENT_COES: usize = 5;

/// Everything a service's public figures are computed from, as at `built_at_ms`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PerformanceSnapshot {
    /// When it was built, in milliseconds since the Unix epoch.
    pub built_at_ms: u64,
    /// The service as created.
    pub service: ServiceSubmission,
    /// When the service was created, RFC 3339 UTC.
    pub created_at: String,
    /// Stage in the latest contract, if any.
    pub stage: Option<LifecycleStage>,
    /// The latest contract, if any.
    pub contract: Option<ContractVersion>,
    /// Stored totals per period.
    pub totals: Vec<PeriodTotals>,
    /// Feedback counts by month.
    pub feedback: FeedbackTally,
    /// The service's Correction of Error documents, oldest first.
    pub coes: Vec<CoeSummary>,
    /// When the team last reviewed feedback, if ever (RFC 3339).
    pub feedback_reviewed: Option<String>,
}

/// Whether something built at `built_at_ms` from a service's records may still answer a read at
/// `now_ms` (a clock that went back counts as stale).
pub fn is_fresh(built_at_ms: u64, now_ms: u64) -> bool {
    now_ms.checked_sub(built_at_ms).is_some_and(|age| age < FRESH_FOR_MS)
}

impl PerformanceSnapshot {
    /// Whether the snapshot may still answer a read at `now_ms`.
    pub fn is_fresh(&self, now_ms: u64) -> bool {
        is_fresh(self.built_at_ms, now_ms)
    }

    /// The KPI report: computed on each read (cheap), so it always follows this release's rules.
    pub fn report(&self) -> KpiReport {
        KpiReport::build(
            &self.service.slug,
            &self.totals,
            &self.feedback,
            self.contract.as_ref().map(|c| &c.contract),
        )
    }

    /// The latest contract with each need's status from the latest measured values, if there is a contract.
    pub fn contract_view(&self, report: &KpiReport) -> Option<ContractView> {
        let latest = self.contract.clone()?;
        let metric_values = kpi::latest_metric_values(&latest.contract, &self.totals, &report.periods);
        let needs = contract::need_status(&latest.contract, |id| metric_values.get(id).copied());
        Some(ContractView { latest, needs, metric_values })
    }

    /// The latest [`RECENT_COES`] Correction of Error documents, newest first.
    pub fn recent_coes(&self) -> impl Iterator<Item = &CoeSummary> {
        self.coes.iter().rev().take(RECENT_COES)
    }

    /// The name to show: the contract's, else the one the service was created with.
    pub fn name(&self) -> &str {
        self.contract.as_ref().map(|c| c.contract.name.as_str()).unwrap_or(&self.service.name)
    }
}

#[cfg(test)]
mod tests;
