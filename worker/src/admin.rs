//! Who may do administrative work: the holder of the `ADMIN_TOKEN` secret.

use crate::error::ApiError;
use servicekit_core::token;
use worker::{Env, Request};

/// Succeeds only for `Authorization: Bearer <ADMIN_TOKEN>`.
pub fn require(req: &Request, env: &Env) -> Result<(), ApiError> {
    let secret = env
        .secret("ADMIN_TOKEN")
        .map(|s| s.to_string())
        .or_else(|_| env.var("ADMIN_TOKEN").map(|v| v.to_string()))
        .unwrap_or_default();
    let header = req.headers().get("Authorization")?.unwrap_or_default();
    match token::from_bearer(&header) {
        Some(presented) if token::matches_secret(presented, &secret) => Ok(()),
        _ => Err(ApiError::Unauthorized),
    }
}
