//! Measurements and KPIs of a service: `POST`/`GET /v1/services/{slug}/measurements`
//! (JSON or CSV) and `GET /v1/services/{slug}/kpis`.

use crate::error::ApiError;
use crate::services::{authorised, latest_contract};
use crate::store::{Rendering, Stamp, Store, StoredService};
use crate::{body, secrets, AppState};
use servicekit_core::contract;
use servicekit_core::kpi::KpiReport;
use servicekit_core::measurement::{self, MeasurementList, MeasurementReceipt, MeasurementUpload, Period};
use servicekit_core::performance::PerformanceSnapshot;
use std::collections::BTreeSet;
use worker::{Request, Response, ResponseBody};

/// Largest measurement upload, in bytes (10 years of months on every channel is about 40 KB).
pub const UPLOAD_LIMIT: usize = 1024 * 1024;

/// Stores an upload (JSON or `text/csv`); each period in it replaces the stored one whole.
///
/// Every row is checked before anything is written: one bad cell and nothing is stored.
pub async fn upload(mut req: Request, state: &AppState, slug: &str) -> Result<Response, ApiError> {
    authorised(&req, state, slug, false).await?;
    let store = Store::open(&state.env)?;
    let latest = latest_contract(&store, slug).await?;
    let known: Option<BTreeSet<String>> =
        latest.as_ref().map(|v| v.contract.metrics.iter().map(|m| m.id.clone()).collect());
    let rows = match body::media_type(&req)?.as_str() {
        "text/csv" => {
            let bytes = body::bytes(&mut req, UPLOAD_LIMIT).await?;
            measurement::parse_csv(&bytes, known.as_ref())
        }
        "application/json" => {
            let upload: MeasurementUpload = body::json(&mut req, UPLOAD_LIMIT, "measurement upload").await?;
            measurement::check_upload(&upload, known.as_ref())
        }
        _ => return Err(ApiError::UnsupportedMediaType("application/json or text/csv")),
    }
    .map_err(ApiError::Invalid)?;
    let count = rows.len();
    let records = measurement::by_period(rows, &secrets::now_rfc3339());
    let writes = records.iter().map(|record| store.put_period(slug, record));
    futures_util::future::join_all(writes).await.into_iter().collect::<Result<Vec<()>, ApiError>>()?;
    store.drop_performance_snapshot(slug).await?;
    let receipt = MeasurementReceipt { periods: records.iter().map(|r| r.period).collect(), rows: count };
    Ok(Response::from_json(&receipt)?)
}

/// Every stored row, as JSON (re-uploadable) or, with `?format=csv`, as the upload's CSV.
pub async fn list(req: &Request, state: &AppState, slug: &str) -> Result<Response, ApiError> {
    let store = Store::open(&state.env)?;
    service(&store, slug).await?;
    let rows: Vec<_> = store.period_records(slug).await?.into_iter().flat_map(|r| r.rows).collect();
    let formats: Vec<String> =
        req.url()?.query_pairs().filter(|(k, _)| k == "format").map(|(_, v)| v.into_owned()).collect();
    let csv = match formats.as_slice() {
        [] => false,
        [one] if one == "json" => false,
        [one] if one == "csv" => true,
        _ => {
            return Err(ApiError::Invalid(vec![servicekit_core::FieldProblem {
                pointer: "/format".to_owned(),
                detail: "Ask for ?format=csv or ?format=json, once.".to_owned(),
            }]))
        }
    };
    let mut response = match csv {
        true => {
            let mut response = Response::ok(measurement::to_csv(&rows))?;
            let headers = response.headers_mut();
            headers.set("Content-Type", "text/csv; charset=utf-8")?;
            headers
                .set("Content-Disposition", &format!("attachment; filename=\"{slug}-measurements.csv\""))?;
            response
        }
        false => {
            Response::from_json(&MeasurementList { measurements: rows.iter().map(Into::into).collect() })?
        }
    };
    response.headers_mut().set("Cache-Control", "public, max-age=60")?;
    Ok(response)
}

/// The service, or 404.
pub async fn service(store: &Store, slug: &str) -> Result<StoredService, ApiError> {
    let found = match contract::is_valid_slug(slug) {
        true => store.service(slug).await?,
        false => None,
    };
    found.ok_or_else(|| ApiError::unknown_service(slug))
}

/// What a service's pages, contract view and KPI endpoint are built from.
pub struct Performance {
    /// The records, as at the snapshot's time.
    pub snapshot: PerformanceSnapshot,
    /// The KPIs.
    pub report: KpiReport,
}

/// A service's performance: its snapshot while fresh (one KV read), else one built from its records.
///
/// Building reads the service, its contract, period totals, feedback counts and
/// CoE list, then stores the snapshot for the next readers; failing to store it
/// (a write fault, or another reader storing at the same moment) only costs them a rebuild.
pub async fn performance(store: &Store, slug: &str) -> Result<Performance, ApiError> {
    if !contract::is_valid_slug(slug) {
        return Err(ApiError::unknown_service(slug));
    }
    let now_ms = worker::Date::now().as_millis();
    let snapshot = match store.performance_snapshot(slug).await? {
        Some(snapshot) if snapshot.is_fresh(now_ms) => snapshot,
        _ => {
            let snapshot = build_snapshot(store, slug, now_ms).await?;
            if let Err(err) = store.put_performance_snapshot(&snapshot).await {
                worker::console_warn!("performance snapshot of {slug} not stored: {err:?}");
            }
            snapshot
        }
    };
    let report = snapshot.report();
    Ok(Performance { snapshot, report })
}

/// Reads a service's records into a new snapshot (404 if there is no such service).
async fn build_snapshot(store: &Store, slug: &str, now_ms: u64) -> Result<PerformanceSnapshot, ApiError> {
    let service = service(store, slug).await?;
    let (contract, totals, coes, reviewed) = futures_util::join!(
        latest_contract(store, slug),
        store.period_totals(slug),
        store.coes(slug),
        store.feedback_reviewed(slug),
    );
    let now = secrets::now_rfc3339();
    let this_month = Period::month_of_timestamp(&now).unwrap_or(Period::Month { year: 2026, month: 1 });
    let since = Period::month_of_timestamp(&service.created_at).unwrap_or(this_month);
    // A month is closed for counting a day after it ends.
    let closed_before = Period::month_of_timestamp(&secrets::rfc3339_days_ago(1)).unwrap_or(this_month);
    let feedback = store.feedback_tally(slug, since, this_month, |m| m < closed_before).await?;
    Ok(PerformanceSnapshot {
        built_at_ms: now_ms,
        service: service.service,
        created_at: service.created_at,
        stage: service.stage,
        contract: contract?,
        totals: totals?,
        feedback,
        coes: coes?,
        feedback_reviewed: reviewed?,
    })
}

/// `GET /v1/services/{slug}/kpis`: every period's KPIs, the take-up target and when data last arrived.
///
/// The report's JSON is kept beside the snapshot: while fresh it is sent as it is (one KV read, no JSON work).
pub async fn kpis(state: &AppState, slug: &str) -> Result<Response, ApiError> {
    if !contract::is_valid_slug(slug) {
        return Err(ApiError::unknown_service(slug));
    }
    let store = Store::open(&state.env)?;
    let mut response = rendered(&store, Rendering::Kpis(slug), slug, |performance| {
        serde_json::to_string(&performance.report).map_err(|e| ApiError::Internal(e.to_string()))
    })
    .await?;
    let headers = response.headers_mut();
    headers.set("Content-Type", "application/json")?;
    headers.set("Cache-Control", "public, max-age=60")?;
    Ok(response)
}

/// A document rendered from a service's performance: the kept one while it is
/// fresh (one KV read, streamed), else one that `render` makes, kept for the next readers.
pub async fn rendered(
    store: &Store,
    rendering: Rendering<'_>,
    slug: &str,
    render: impl FnOnce(&Performance) -> Result<String, ApiError>,
) -> Result<Response, ApiError> {
    if let Some((body, _)) = store.fresh_rendering(&rendering, worker::Date::now().as_millis()).await? {
        return Ok(Response::from_body(ResponseBody::Stream(body))?);
    }
    let performance = performance(store, slug).await?;
    let body = render(&performance)?;
    let stamp = Stamp { b: performance.snapshot.built_at_ms, e: None };
    store.keep_rendering(&rendering, body.clone(), stamp).await;
    Ok(Response::ok(body)?)
}
