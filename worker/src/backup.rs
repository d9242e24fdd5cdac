//! `GET /v1/services/{slug}/export` and `POST /v1/services/import` (administrator
//! token): all of a service's data as one document, to back up a deployment or move it.

use crate::error::ApiError;
use crate::store::{Store, StoredService};
use crate::{admin, body, secrets, AppState};
use futures_util::future::join_all;
use servicekit_core::api::ImportReceipt;
use servicekit_core::backup::{self, FeedbackMonth, ServiceExport, EXPORT_FORMAT};
use servicekit_core::contract;
use worker::{Request, Response};

/// Everything stored for the service, as one JSON download.
pub async fn export(req: &Request, state: &AppState, slug: &str) -> Result<Response, ApiError> {
    admin::require(req, &state.env)?;
    let store = Store::open(&state.env)?;
    let stored = match contract::is_valid_slug(slug) {
        true => store.service(slug).await?,
        false => None,
    };
    let stored = stored.ok_or_else(|| ApiError::unknown_service(slug))?;
    let (versions, summaries, periods, months, feedback_reviewed) = futures_util::join!(
        store.contract_versions(slug),
        store.coes(slug),
        store.period_records(slug),
        store.feedback_months(slug),
        store.feedback_reviewed(slug),
    );
    let contract_versions = join_all(versions?.iter().map(|v| store.contract(slug, v))).await;
    let coes = join_all(summaries?.iter().map(|c| store.coe(slug, &c.id))).await;
    let months = months?;
    let feedback = join_all(months.iter().map(|m| store.feedback(slug, *m))).await;
    let export = ServiceExport {
        format: EXPORT_FORMAT.to_owned(),
        exported_at: secrets::now_rfc3339(),
        service: stored.service,
        created_at: stored.created_at,
        token_hash: stored.token_hash,
        stage: stored.stage,
        contract_versions: contract_versions
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect(),
        coes: coes.into_iter().collect::<Result<Vec<_>, _>>()?.into_iter().flatten().collect(),
        periods: periods?,
        feedback: months
            .into_iter()
            .zip(feedback)
            .map(|(period, records)| records.map(|records| FeedbackMonth { period, records }))
            .collect::<Result<Vec<_>, _>>()?,
        feedback_reviewed: feedback_reviewed?,
    };
    let mut response = Response::from_json(&export)?;
    let headers = response.headers_mut();
    headers.set("Content-Disposition", &format!("attachment; filename=\"{slug}-export.json\""))?;
    headers.set("Cache-Control", "no-store")?;
    Ok(response)
}

/// Restores an exported service into this deployment; never over a service that exists.
///
/// The records are written first and the service last, so an import cut short
/// leaves no half-restored service on show and can simply be run again.
pub async fn import(mut req: Request, state: &AppState) -> Result<Response, ApiError> {
    admin::require(&req, &state.env)?;
    let export: ServiceExport = body::json(&mut req, body::ADMIN_LIMIT, "service export").await?;
    let problems = backup::check(&export, secrets::is_sortable_id);
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    let store = Store::open(&state.env)?;
    let slug = export.service.slug.clone();
    if store.service(&slug).await?.is_some() {
        return Err(ApiError::conflict("problem_import_over_service", &[("slug", &slug)]));
    }
    let writes = join_all(export.contract_versions.iter().map(|v| store.put_contract(&slug, v))).await;
    writes.into_iter().collect::<Result<Vec<()>, _>>()?;
    let writes = join_all(export.coes.iter().map(|c| store.put_coe(&slug, c))).await;
    writes.into_iter().collect::<Result<Vec<()>, _>>()?;
    let writes = join_all(export.periods.iter().map(|p| store.put_period(&slug, p))).await;
    writes.into_iter().collect::<Result<Vec<()>, _>>()?;
    let feedback: Vec<_> =
        export.feedback.iter().flat_map(|m| m.records.iter().map(move |r| (m.period, r))).collect();
    let writes =
        join_all(feedback.iter().map(|(month, record)| store.put_feedback(&slug, *month, record))).await;
    writes.into_iter().collect::<Result<Vec<()>, _>>()?;
    if let Some(at) = &export.feedback_reviewed {
        store.put_feedback_reviewed(&slug, at).await?;
    }
    let receipt = ImportReceipt {
        slug: slug.clone(),
        contract_versions: export.contract_versions.len(),
        coes: export.coes.len(),
        periods: export.periods.len(),
        feedback: feedback.len(),
    };
    store
        .put_service(&StoredService {
            service: export.service,
            token_hash: export.token_hash,
            created_at: export.created_at,
            stage: export.stage,
        })
        .await?;
    let url = format!("{}/v1/services/{slug}/contract", state.origin);
    let mut response = Response::from_json(&receipt)?.with_status(201);
    response.headers_mut().set("Location", &url)?;
    Ok(response)
}
