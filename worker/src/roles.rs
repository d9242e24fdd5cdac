//! `GET /v1/roles` and `GET /v1/roles/{id}`: the role profiles people assess against.

use crate::error::ApiError;
use servicekit_core::api::RoleSummary;
use servicekit_core::profiles;
use worker::Response;

/// Lists every role profile.
pub fn list() -> Result<Response, ApiError> {
    let roles: Vec<RoleSummary> = profiles::built_in().iter().map(RoleSummary::of).collect();
    Ok(Response::from_json(&roles)?)
}

/// One role profile with its skills and required levels.
pub fn get(id: &str) -> Result<Response, ApiError> {
    let profile = profiles::find(id)
        .ok_or_else(|| ApiError::NotFound(format!("There is no role profile called '{id}'.")))?;
    Ok(Response::from_json(&profile)?)
}
