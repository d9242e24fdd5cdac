//! `GET /v1/roles` and `GET /v1/roles/{id}`: the role profiles people assess
//! against, built in or imported with a framework.

use crate::error::ApiError;
use crate::store::Store;
use crate::AppState;
use servicekit_core::api::RoleSummary;
use servicekit_core::{profiles, RoleProfile};
use worker::Response;

/// A profile by id: built in, or from an imported framework.
pub async fn lookup(state: &AppState, id: &str) -> Result<Option<RoleProfile>, ApiError> {
    match profiles::find(id) {
        Some(profile) => Ok(Some(profile)),
        None => Store::open(&state.env)?.profile(id).await,
    }
}

/// Lists every role profile: built in first, then each imported framework's.
pub async fn list(state: &AppState) -> Result<Response, ApiError> {
    let mut roles: Vec<RoleSummary> = profiles::built_in().iter().map(RoleSummary::of).collect();
    for index in Store::open(&state.env)?.frameworks().await? {
        roles.extend(index.roles.into_iter().flat_map(|r| r.levels));
    }
    Ok(Response::from_json(&roles)?)
}

/// One role profile with its skills and required levels.
pub async fn get(state: &AppState, id: &str) -> Result<Response, ApiError> {
    let profile =
        lookup(state, id).await?.ok_or_else(|| ApiError::not_found("problem_no_role", &[("id", id)]))?;
    Ok(Response::from_json(&profile)?)
}
