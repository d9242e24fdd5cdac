//! Typed access to the `SERVICEKIT` KV namespace; the only code that builds keys.
//!
//! Invariant: one key per record, written once; no read-modify-write of a shared value.
//! The one derived value, a service's performance snapshot, is always built whole
//! from the records and never patched, so a lost race costs freshness, not data.

use crate::error::ApiError;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use servicekit_core::api::FrameworkIndex;
use servicekit_core::coe::{CoeSummary, PublishedCoe};
use servicekit_core::contract::{ContractVersion, LifecycleStage, ServiceSubmission, ServiceSummary};
use servicekit_core::feedback::FeedbackRecord;
use servicekit_core::kpi::{FeedbackTally, PeriodTotals};
use servicekit_core::measurement::{Period, PeriodRecord};
use servicekit_core::performance::{self, PerformanceSnapshot};
use servicekit_core::team::TeamSubmission;
use servicekit_core::{Assessment, RoleProfile};
use worker::web_sys::ReadableStream;
use worker::{kv::KvStore, Env};

/// Name of the KV binding in `wrangler.toml`.
pub const BINDING: &str = "SERVICEKIT";

/// An assessment as kept in KV: the token only as its hash.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredAssessment {
    /// Record id.
    pub id: String,
    /// Submission time, RFC 3339 UTC.
    pub created_at: String,
    /// SHA-256 of the bearer token, hex.
    pub token_hash: String,
    /// The validated assessment.
    pub assessment: Assessment,
}

/// The KV namespace of this deployment.
pub struct Store {
    kv: KvStore,
    /// Injected storage failure (`SERVICEKIT_FAULTS`), for the fault-injection tests only.
    fault: Fault,
    /// How long assessments (and their team memberships) are kept, if not for ever.
    retention_seconds: Option<u64>,
}

/// A storage failure to pretend, named by the `SERVICEKIT_FAULTS` variable.
///
/// For tests of how the API and widgets behave when KV fails; a deployment
/// never sets it.
#[derive(Clone, Copy, PartialEq)]
enum Fault {
    /// KV works.
    None,
    /// `kv-writes`: every write and delete fails; reads work.
    Writes,
    /// `kv`: every operation fails.
    All,
}

/// Name of the variable holding the assessment retention, in days (`ASSESSMENT_RETENTION_DAYS`).
const RETENTION_VAR: &str = "ASSESSMENT_RETENTION_DAYS";

/// The longest key KV accepts, in bytes.
const MAX_KEY_BYTES: usize = 512;

impl Store {
    /// Opens the `SERVICEKIT` binding.
    pub fn open(env: &Env) -> Result<Store, ApiError> {
        let kv = env.kv(BINDING).map_err(|e| ApiError::StorageUnavailable(e.to_string()))?;
        let var = |name: &str| env.var(name).ok().map(|v| v.to_string());
        let fault = match var("SERVICEKIT_FAULTS").as_deref() {
            Some("kv") => Fault::All,
            Some("kv-writes") => Fault::Writes,
            _ => Fault::None,
        };
        let retention_seconds = var(RETENTION_VAR)
            .and_then(|days| days.trim().parse::<u64>().ok())
            .filter(|days| *days > 0)
            .map(|days| days * 24 * 60 * 60);
        Ok(Store { kv, fault, retention_seconds })
    }

    /// Fails as KV would when a write fault is injected.
    fn check_write(&self) -> Result<(), ApiError> {
        match self.fault {
            Fault::None => Ok(()),
            Fault::Writes | Fault::All => {
                Err(ApiError::StorageUnavailable("injected KV write failure".into()))
            }
        }
    }

    /// Fails as KV would when a read fault is injected.
    fn check_read(&self) -> Result<(), ApiError> {
        match self.fault {
            Fault::All => Err(ApiError::StorageUnavailable("injected KV failure".into())),
            Fault::None | Fault::Writes => Ok(()),
        }
    }

    /// Writes a new assessment under its own key.
    ///
    /// With `ASSESSMENT_RETENTION_DAYS` set, KV deletes it that many days later.
    pub async fn put_assessment(&self, record: &StoredAssessment) -> Result<(), ApiError> {
        self.write(&assessment_key(&record.id), json(record)?, None::<()>, self.retention_seconds).await
    }

    /// Reads an assessment by id; `None` if there is none.
    pub async fn assessment(&self, id: &str) -> Result<Option<StoredAssessment>, ApiError> {
        self.get_json(&assessment_key(id)).await
    }

    /// Removes an assessment for good.
    pub async fn delete_assessment(&self, id: &str) -> Result<(), ApiError> {
        self.remove(&assessment_key(id)).await
    }
    /// Writes one imported role-level profile under its own key.
    pub async fn put_profile(&self, profile: &RoleProfile) -> Result<(), ApiError> {
        self.put_json(&profile_key(&profile.id), profile).await
    }

    /// Reads an imported role-level profile.
    pub async fn profile(&self, id: &str) -> Result<Option<RoleProfile>, ApiError> {
        self.get_json(&profile_key(id)).await
    }

    /// Writes a framework's index, after its profiles, so readers never see missing profiles.
    pub async fn put_framework(&self, index: &FrameworkIndex) -> Result<(), ApiError> {
        self.put_json(&framework_key(&index.id), index).await
    }

    /// Reads a framework's index.
    pub async fn framework(&self, id: &str) -> Result<Option<FrameworkIndex>, ApiError> {
        self.get_json(&framework_key(id)).await
    }

    /// Every framework index (one list, then one read per framework).
    pub async fn frameworks(&self) -> Result<Vec<FrameworkIndex>, ApiError> {
        self.check_read()?;
        let listed = self.kv.list().prefix(FRAMEWORK_PREFIX.to_owned()).execute().await?;
        let mut out = Vec::new();
        for key in listed.keys {
            if let Some(index) = self.get_json(&key.name).await? {
                out.push(index);
            }
        }
        Ok(out)
    }

    /// Writes `value` as JSON under `key`, kept for ever, without list metadata.
    async fn put_json<T: Serialize>(&self, key: &str, value: &T) -> Result<(), ApiError> {
        self.write(key, json(value)?, None::<()>, None).await
    }

    /// The one KV delete.
    async fn remove(&self, key: &str) -> Result<(), ApiError> {
        self.check_write()?;
        self.kv.delete(key).await?;
        Ok(())
    }

    /// The one KV write: `value` under `key`, with list metadata and an expiry (seconds) if given.
    async fn write<M: Serialize>(
        &self,
        key: &str,
        value: String,
        metadata: Option<M>,
        ttl: Option<u64>,
    ) -> Result<(), ApiError> {
        self.check_write()?;
        let mut put = self.kv.put(key, value)?;
        if let Some(metadata) = metadata {
            put = put.metadata(metadata)?;
        }
        if let Some(ttl) = ttl {
            put = put.expiration_ttl(ttl);
        }
        put.execute().await?;
        Ok(())
    }

    async fn get_json<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, ApiError> {
        // KV refuses longer keys; no record can have one, so the answer is "none".
        if key.len() > MAX_KEY_BYTES {
            return Ok(None);
        }
        self.check_read()?;
        let Some(json) = self.kv.get(key).text().await? else {
            return Ok(None);
        };
        serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| ApiError::Internal(format!("{key} is unreadable: {e}")))
    }
}

/// A team as kept in KV: the lead's token only as its hash.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredTeam {
    /// Team id.
    pub id: String,
    /// Creation time, RFC 3339 UTC.
    pub created_at: String,
    /// SHA-256 of the lead's token, hex.
    pub token_hash: String,
    /// The team as created.
    pub team: TeamSubmission,
}

/// What a membership key carries in its list metadata: ranks only, no identity.
#[derive(Debug, Serialize, Deserialize)]
struct MemberMetadata {
    /// Ranks in the profile's skill order, 0 for not rated.
    r: Vec<u8>,
}

impl Store {
    /// Writes a new team under its own key.
    pub async fn put_team(&self, team: &StoredTeam) -> Result<(), ApiError> {
        self.put_json(&team_key(&team.id), team).await
    }

    /// Reads a team.
    pub async fn team(&self, id: &str) -> Result<Option<StoredTeam>, ApiError> {
        self.get_json(&team_key(id)).await
    }

    /// Counts an assessment towards a team: one key per membership, ranks in its metadata.
    pub async fn put_member(&self, team: &str, assessment: &str, ranks: Vec<u8>) -> Result<(), ApiError> {
        let metadata = MemberMetadata { r: ranks };
        // A membership goes when its assessment does.
        self.write(&member_key(team, assessment), String::new(), Some(metadata), self.retention_seconds).await
    }

    /// Removes an assessment from a team.
    pub async fn delete_member(&self, team: &str, assessment: &str) -> Result<(), ApiError> {
        self.remove(&member_key(team, assessment)).await
    }

    /// Every member's ranks: one KV list per 1,000 members, no reads.
    pub async fn member_ranks(&self, team: &str) -> Result<Vec<Vec<u8>>, ApiError> {
        Ok(self
            .list_all(&member_prefix(team))
            .await?
            .into_iter()
            .filter_map(|key| key.metadata.and_then(|m| serde_json::from_value::<MemberMetadata>(m).ok()))
            .map(|metadata| metadata.r)
            .collect())
    }
}

/// `value` as JSON text: handing a struct to KV directly would go through a JS
/// object, where maps become `Map`s that JSON.stringify writes as `{}`.
fn json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|e| ApiError::Internal(e.to_string()))
}

fn team_key(id: &str) -> String {
    format!("team:{id}")
}

fn member_prefix(team: &str) -> String {
    format!("member:{team}:")
}

fn member_key(team: &str, assessment: &str) -> String {
    format!("{}{assessment}", member_prefix(team))
}

/// A service as kept in KV: its token only as a hash.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredService {
    /// The service as created.
    pub service: ServiceSubmission,
    /// SHA-256 of the service token, hex.
    pub token_hash: String,
    /// Creation time, RFC 3339 UTC.
    pub created_at: String,
    /// Stage in the latest contract, if any (also in the key's list metadata).
    #[serde(default)]
    pub stage: Option<LifecycleStage>,
}

impl Store {
    /// Writes a service record; its list metadata carries what the service list shows.
    pub async fn put_service(&self, stored: &StoredService) -> Result<(), ApiError> {
        // KV metadata is limited to 1,024 bytes: long names are shortened in the list only.
        let listing = ServiceSummary {
            slug: stored.service.slug.clone(),
            name: shorten(&stored.service.name, 80),
            manager: shorten(&stored.service.manager, 60),
            stage: stored.stage,
            href: format!("/v1/services/{}/contract", stored.service.slug),
        };
        self.write(&service_key(&stored.service.slug), json(stored)?, Some(listing), None).await
    }

    /// Reads a service.
    pub async fn service(&self, slug: &str) -> Result<Option<StoredService>, ApiError> {
        self.get_json(&service_key(slug)).await
    }

    /// Every service, from one list of keys with metadata per 1,000 services.
    pub async fn services(&self) -> Result<Vec<ServiceSummary>, ApiError> {
        let mut out = Vec::new();
        for key in self.list_all(SERVICE_PREFIX).await? {
            if let Some(summary) = key.metadata.and_then(|m| serde_json::from_value(m).ok()) {
                out.push(summary);
            }
        }
        Ok(out)
    }

    /// Writes a new contract version under its own key.
    pub async fn put_contract(&self, slug: &str, version: &ContractVersion) -> Result<(), ApiError> {
        self.put_json(&contract_key(slug, &version.version), version).await
    }

    /// Version ids of a service's contract, oldest first.
    pub async fn contract_versions(&self, slug: &str) -> Result<Vec<String>, ApiError> {
        let prefix = contract_prefix(slug);
        Ok(self
            .list_all(&prefix)
            .await?
            .into_iter()
            .filter_map(|k| k.name.strip_prefix(&prefix).map(str::to_owned))
            .collect())
    }

    /// One version of a service's contract.
    pub async fn contract(&self, slug: &str, version: &str) -> Result<Option<ContractVersion>, ApiError> {
        self.get_json(&contract_key(slug, version)).await
    }

    async fn list_all(&self, prefix: &str) -> Result<Vec<worker::kv::Key>, ApiError> {
        let mut keys = Vec::new();
        let mut cursor = None;
        loop {
            self.check_read()?;
            let mut list = self.kv.list().prefix(prefix.to_owned());
            if let Some(cursor) = cursor.take() {
                list = list.cursor(cursor);
            }
            let page = list.execute().await?;
            keys.extend(page.keys);
            match page.cursor.filter(|_| !page.list_complete) {
                Some(next) => cursor = Some(next),
                None => return Ok(keys),
            }
        }
    }
}

fn shorten(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

impl Store {
    /// Writes a Correction of Error document; its list metadata is its summary.
    pub async fn put_coe(&self, slug: &str, coe: &PublishedCoe) -> Result<(), ApiError> {
        self.write(&coe_key(slug, &coe.id), json(coe)?, Some(coe.summary()), None).await
    }

    /// Reads a Correction of Error document.
    pub async fn coe(&self, slug: &str, id: &str) -> Result<Option<PublishedCoe>, ApiError> {
        self.get_json(&coe_key(slug, id)).await
    }

    /// A service's documents, oldest first, from list metadata alone.
    pub async fn coes(&self, slug: &str) -> Result<Vec<CoeSummary>, ApiError> {
        Ok(self
            .list_all(&coe_prefix(slug))
            .await?
            .into_iter()
            .filter_map(|k| k.metadata.and_then(|m| serde_json::from_value(m).ok()))
            .collect())
    }
}

fn coe_prefix(slug: &str) -> String {
    format!("coe:{slug}:")
}

fn coe_key(slug: &str, id: &str) -> String {
    format!("{}{id}", coe_prefix(slug))
}

const SERVICE_PREFIX: &str = "service:";

fn service_key(slug: &str) -> String {
    format!("{SERVICE_PREFIX}{slug}")
}

fn contract_prefix(slug: &str) -> String {
    format!("contract:{slug}:")
}

fn contract_key(slug: &str, version: &str) -> String {
    format!("{}{version}", contract_prefix(slug))
}

const FRAMEWORK_PREFIX: &str = "framework:";

fn framework_key(id: &str) -> String {
    format!("{FRAMEWORK_PREFIX}{id}")
}

fn profile_key(id: &str) -> String {
    format!("profile:{id}")
}

fn assessment_key(id: &str) -> String {
    format!("assessment:{id}")
}

/// KV list metadata is limited to 1,024 bytes; period totals above this leave their metrics in the value.
const METADATA_BUDGET: usize = 1_000;

/// A month's feedback counts, written once the month is over (so it never changes again).
#[derive(Debug, Serialize, Deserialize)]
struct FeedbackTallyMetadata {
    /// Responses rating 1 to 5.
    r: [u64; 5],
}

/// A piece of feedback's list metadata: its rating only.
#[derive(Debug, Serialize, Deserialize)]
struct FeedbackMetadata {
    r: u8,
}

impl Store {
    /// Writes (or replaces) one period's measurements; its totals go in the list metadata.
    pub async fn put_period(&self, slug: &str, record: &PeriodRecord) -> Result<(), ApiError> {
        let mut totals = PeriodTotals::of(record);
        let fits =
            |t: &PeriodTotals| serde_json::to_string(t).map(|s| s.len() <= METADATA_BUDGET).unwrap_or(false);
        if !fits(&totals) {
            // Many metrics: readers fetch this period's value for them (see `period_totals`).
            totals.metrics.clear();
            totals.metrics.insert(METRICS_IN_VALUE.to_owned(), 1.0);
        }
        self.write(&period_key(slug, record.period), json(record)?, Some(totals), None).await
    }

    /// Every period's totals: one KV list per 1,000 periods (plus a read for a period with very many metrics).
    pub async fn period_totals(&self, slug: &str) -> Result<Vec<PeriodTotals>, ApiError> {
        let mut out = Vec::new();
        for key in self.list_all(&period_prefix(slug)).await? {
            let Some(totals) = key.metadata.and_then(|m| serde_json::from_value::<PeriodTotals>(m).ok())
            else {
                continue;
            };
            if totals.metrics.contains_key(METRICS_IN_VALUE) {
                if let Some(record) = self.get_json::<PeriodRecord>(&key.name).await? {
                    out.push(PeriodTotals::of(&record));
                }
            } else {
                out.push(totals);
            }
        }
        Ok(out)
    }

    /// Every period's full record, oldest first (one list, then the reads in parallel).
    pub async fn period_records(&self, slug: &str) -> Result<Vec<PeriodRecord>, ApiError> {
        let keys = self.list_all(&period_prefix(slug)).await?;
        let reads = keys.iter().map(|k| self.get_json::<PeriodRecord>(&k.name));
        let mut records: Vec<PeriodRecord> = futures_util::future::join_all(reads)
            .await
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect();
        records.sort_by_key(|r| r.period);
        Ok(records)
    }

    /// Stores one piece of feedback under its own key, its rating in the list metadata.
    pub async fn put_feedback(
        &self,
        slug: &str,
        month: Period,
        record: &FeedbackRecord,
    ) -> Result<(), ApiError> {
        let key = format!("{}{}", feedback_month_prefix(slug, month), record.id);
        self.write(&key, json(record)?, Some(FeedbackMetadata { r: record.rating }), None).await
    }

    /// A month's feedback with comments, oldest first.
    pub async fn feedback(&self, slug: &str, month: Period) -> Result<Vec<FeedbackRecord>, ApiError> {
        let keys = self.list_all(&feedback_month_prefix(slug, month)).await?;
        let reads = keys.iter().map(|k| self.get_json::<FeedbackRecord>(&k.name));
        Ok(futures_util::future::join_all(reads)
            .await
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect())
    }

    /// Feedback counts by month from `since` to `now`.
    ///
    /// Months that ended more than a day ago are counted once and kept as a
    /// write-once tally (feedback is dated when given, so a past month never
    /// changes); later reads take the tallies from one list and only count the
    /// months still open.
    pub async fn feedback_tally(
        &self,
        slug: &str,
        since: Period,
        now: Period,
        month_closed: impl Fn(Period) -> bool,
    ) -> Result<FeedbackTally, ApiError> {
        let mut tally = FeedbackTally::new();
        let prefix = feedback_tally_prefix(slug);
        for key in self.list_all(&prefix).await? {
            let month = key.name.strip_prefix(&prefix).and_then(|m| Period::parse(m).ok());
            let counts = key.metadata.and_then(|m| serde_json::from_value::<FeedbackTallyMetadata>(m).ok());
            if let (Some(month), Some(counts)) = (month, counts) {
                tally.insert(month, counts.r);
            }
        }
        for index in since.first_month()..=now.first_month() {
            let month = Period::month_of(index);
            if tally.contains_key(&month) {
                continue;
            }
            let mut counts = [0u64; 5];
            for key in self.list_all(&feedback_month_prefix(slug, month)).await? {
                if let Some(m) = key.metadata.and_then(|m| serde_json::from_value::<FeedbackMetadata>(m).ok())
                {
                    if (1..=5).contains(&m.r) {
                        counts[usize::from(m.r - 1)] += 1;
                    }
                }
            }
            if month_closed(month) {
                let key = format!("{prefix}{month}");
                self.write(&key, String::new(), Some(FeedbackTallyMetadata { r: counts }), None).await?;
            }
            if counts.iter().any(|n| *n > 0) {
                tally.insert(month, counts);
            }
        }
        tally.retain(|_, counts| counts.iter().any(|n| *n > 0));
        Ok(tally)
    }

    /// Records that the team has read the feedback (one key per service, overwritten: last writer wins, which is right here).
    pub async fn put_feedback_reviewed(&self, slug: &str, at: &str) -> Result<(), ApiError> {
        self.write(&format!("feedback-reviewed:{slug}"), at.to_owned(), None::<()>, None).await
    }

    /// The months a service has feedback for, oldest first.
    pub async fn feedback_months(&self, slug: &str) -> Result<Vec<Period>, ApiError> {
        let prefix = format!("feedback:{slug}:");
        let mut months: Vec<Period> = self
            .list_all(&prefix)
            .await?
            .iter()
            .filter_map(|k| {
                k.name.strip_prefix(&prefix)?.split(':').next().and_then(|m| Period::parse(m).ok())
            })
            .collect();
        months.dedup();
        Ok(months)
    }

    /// When the team last reviewed feedback.
    pub async fn feedback_reviewed(&self, slug: &str) -> Result<Option<String>, ApiError> {
        self.check_read()?;
        Ok(self.kv.get(&format!("feedback-reviewed:{slug}")).text().await?)
    }
}

impl Store {
    /// A service's performance snapshot, if one is stored and readable.
    ///
    /// One written by an older release may not read as this one's: that is the
    /// same as none, and the caller builds a new one.
    pub async fn performance_snapshot(&self, slug: &str) -> Result<Option<PerformanceSnapshot>, ApiError> {
        match self.get_json(&snapshot_key(slug)).await {
            Err(ApiError::Internal(_)) => Ok(None),
            other => other,
        }
    }

    /// Keeps a service's performance snapshot, replacing the one before.
    pub async fn put_performance_snapshot(&self, snapshot: &PerformanceSnapshot) -> Result<(), ApiError> {
        self.put_json(&snapshot_key(&snapshot.service.slug), snapshot).await
    }

    /// A document rendered from a service's snapshot (its KPI report's JSON, its
    /// public page in one language) while that snapshot is fresh at `now_ms`, as a
    /// stream that never enters the Worker's memory, with its stamp; `None` if
    /// none is kept or it is stale.
    pub async fn fresh_rendering(
        &self,
        rendering: &Rendering<'_>,
        now_ms: u64,
    ) -> Result<Option<(ReadableStream, Stamp)>, ApiError> {
        self.check_read()?;
        let (body, stamp) = self.kv.get(&rendering.key()).stream_with_metadata::<Stamp>().await?;
        Ok(body.zip(stamp).filter(|(_, stamp)| performance::is_fresh(stamp.b, now_ms)))
    }

    /// Keeps a rendered document for the next readers, best effort: if it cannot
    /// be stored (a write fault, another reader storing at the same moment), the
    /// next reader renders it again.
    pub async fn keep_rendering(&self, rendering: &Rendering<'_>, body: String, stamp: Stamp) {
        if let Err(err) = self.write(&rendering.key(), body, Some(stamp), None).await {
            worker::console_warn!("{} not kept: {err:?}", rendering.key());
        }
    }

    /// Drops a service's performance snapshot and every document rendered from it, after a write to the records they are built from.
    ///
    /// Call it after those writes: a reader that rebuilds in between then reads the new records.
    pub async fn drop_performance_snapshot(&self, slug: &str) -> Result<(), ApiError> {
        let pages = PAGE_LANGUAGES.map(|lang| Rendering::Page(slug, lang).key());
        let charts = PAGE_LANGUAGES.map(|lang| Rendering::TakeUp(slug, lang).key());
        let contracts = PAGE_LANGUAGES.map(|lang| Rendering::Contract(slug, lang).key());
        let keys = [snapshot_key(slug), Rendering::Kpis(slug).key()]
            .into_iter()
            .chain(pages)
            .chain(charts)
            .chain(contracts);
        let removed =
            futures_util::future::join_all(keys.map(|key| async move { self.remove(&key).await })).await;
        removed.into_iter().collect()
    }
}

/// The languages the public pages and the widgets' first paints are written in.
pub const PAGE_LANGUAGES: [&str; 2] = ["en", "cy"];

/// A document rendered from a service's performance snapshot and kept beside it.
#[derive(Debug, Clone, Copy)]
pub enum Rendering<'a> {
    /// The KPI report's JSON (`GET /v1/services/{slug}/kpis`).
    Kpis(&'a str),
    /// The public performance page's HTML in a language (`en`, `cy`).
    Page(&'a str, &'a str),
    /// The take-up widget's first paint in a language (`GET /v1/services/{slug}/take-up.html`).
    TakeUp(&'a str, &'a str),
    /// The contract viewer's content in a language (`GET /v1/services/{slug}/contract.html`).
    Contract(&'a str, &'a str),
}

impl Rendering<'_> {
    fn key(&self) -> String {
        match self {
            Rendering::Kpis(slug) => format!("kpis:{slug}"),
            Rendering::Page(slug, lang) => format!("page:{slug}:{lang}"),
            Rendering::TakeUp(slug, lang) => format!("take-up:{slug}:{lang}"),
            Rendering::Contract(slug, lang) => format!("contract-view:{slug}:{lang}"),
        }
    }
}

/// A rendered document's metadata: when the snapshot it comes from was built
/// (ms since the epoch) and, for a page, its ETag.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stamp {
    /// When the snapshot was built.
    pub b: u64,
    /// The page's ETag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e: Option<String>,
}

fn snapshot_key(slug: &str) -> String {
    format!("performance:{slug}")
}

/// Marker in metadata: this period's metrics are only in its value.
const METRICS_IN_VALUE: &str = "\u{0}in-value";

fn period_prefix(slug: &str) -> String {
    format!("period:{slug}:")
}

fn period_key(slug: &str, period: Period) -> String {
    format!("{}{period}", period_prefix(slug))
}

fn feedback_month_prefix(slug: &str, month: Period) -> String {
    format!("feedback:{slug}:{month}:")
}

fn feedback_tally_prefix(slug: &str) -> String {
    format!("feedback-tally:{slug}:")
}
