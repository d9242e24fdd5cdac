//! Correction of Error documents of a service: `POST`/`GET /v1/services/{slug}/coe`,
//! `GET /v1/services/{slug}/coe/{id}`, `PUT /v1/services/{slug}/coe/{id}/actions/{n}`.

use crate::error::ApiError;
use crate::services::{authorised, latest_contract};
use crate::store::Store;
use crate::{body, secrets, AppState};
use servicekit_core::coe::{self, ActionUpdate, CorrectionOfError, PublishedCoe};
use servicekit_core::contract;
use worker::{Request, Response};

/// Publishes a document, checked against the service's latest contract.
pub async fn create(mut req: Request, state: &AppState, slug: &str) -> Result<Response, ApiError> {
    authorised(&req, state, slug, false).await?;
    let document: CorrectionOfError =
        body::json(&mut req, body::PUBLIC_LIMIT, "Correction of Error document").await?;
    let store = Store::open(&state.env)?;
    let latest = latest_contract(&store, slug).await?;
    let problems = coe::validate(&document, latest.as_ref().map(|v| &v.contract));
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    let published =
        PublishedCoe { id: secrets::sortable_id()?, published_at: secrets::now_rfc3339(), document };
    store.put_coe(slug, &published).await?;
    store.drop_performance_snapshot(slug).await?;
    let url = format!("{}/v1/services/{slug}/coe/{}", state.origin, published.id);
    let mut response = Response::from_json(&published)?.with_status(201);
    response.headers_mut().set("Location", &url)?;
    Ok(response)
}

/// A service's documents, oldest first.
pub async fn list(state: &AppState, slug: &str) -> Result<Response, ApiError> {
    if !contract::is_valid_slug(slug) {
        return Err(ApiError::unknown_service(slug));
    }
    let summaries = Store::open(&state.env)?.coes(slug).await?;
    Ok(Response::from_json(&summaries)?)
}

async fn find(store: &Store, slug: &str, id: &str) -> Result<PublishedCoe, ApiError> {
    let found = match contract::is_valid_slug(slug) && secrets::is_sortable_id(id) {
        true => store.coe(slug, id).await?,
        false => None,
    };
    found.ok_or_else(|| ApiError::not_found("problem_no_coe", &[]))
}

/// One document.
pub async fn get(state: &AppState, slug: &str, id: &str) -> Result<Response, ApiError> {
    Ok(Response::from_json(&find(&Store::open(&state.env)?, slug, id).await?)?)
}

/// Sets one corrective action's status.
pub async fn update_action(
    mut req: Request,
    state: &AppState,
    slug: &str,
    id: &str,
    n: &str,
) -> Result<Response, ApiError> {
    authorised(&req, state, slug, false).await?;
    let update: ActionUpdate = body::json(&mut req, body::PUBLIC_LIMIT, "action update").await?;
    let store = Store::open(&state.env)?;
    let mut published = find(&store, slug, id).await?;
    let action = n
        .parse::<usize>()
        .ok()
        .and_then(|i| published.document.actions.get_mut(i))
        .ok_or_else(|| ApiError::not_found("problem_no_action", &[("n", n)]))?;
    action.status = update.status;
    store.put_coe(slug, &published).await?;
    store.drop_performance_snapshot(slug).await?;
    Ok(Response::from_json(&published)?)
}
