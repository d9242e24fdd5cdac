//! `PUT /v1/frameworks/{id}` (admin), `GET /v1/frameworks`, `GET /v1/frameworks/{id}`:
//! imported capability frameworks, each a set of role-level profiles.

use crate::error::ApiError;
use crate::store::Store;
use crate::{admin, body, AppState};
use servicekit_core::api::{FrameworkIndex, FrameworkSummary};
use servicekit_core::ddat_import::FrameworkCatalogue;
use worker::{Request, Response};

/// Stores an imported framework: every profile under its own key, then the index.
pub async fn put(mut req: Request, state: &AppState, id: &str) -> Result<Response, ApiError> {
    admin::require(&req, &state.env)?;
    let catalogue: FrameworkCatalogue =
        body::json(&mut req, body::ADMIN_LIMIT, "framework catalogue").await?;
    let problems = catalogue.problems(id);
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    let store = Store::open(&state.env)?;
    for profile in catalogue.profiles() {
        store.put_profile(profile).await?;
    }
    let index = FrameworkIndex::of(&catalogue);
    store.put_framework(&index).await?;
    Ok(Response::from_json(&index.summary())?)
}

/// Lists imported frameworks.
pub async fn list(state: &AppState) -> Result<Response, ApiError> {
    let summaries: Vec<FrameworkSummary> =
        Store::open(&state.env)?.frameworks().await?.iter().map(FrameworkIndex::summary).collect();
    Ok(Response::from_json(&summaries)?)
}

/// One framework's roles and role levels.
pub async fn get(state: &AppState, id: &str) -> Result<Response, ApiError> {
    let index = Store::open(&state.env)?
        .framework(id)
        .await?
        .ok_or_else(|| ApiError::not_found("problem_no_framework", &[("id", id)]))?;
    Ok(Response::from_json(&index)?)
}
