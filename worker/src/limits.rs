//! Rate limits on unauthenticated writes (feedback, assessments, teams), per client.

use crate::error::ApiError;
use crate::AppState;
use worker::Request;

/// Name of the rate-limiting binding for unauthenticated writes.
pub const WRITE_LIMITER: &str = "PUBLIC_WRITES";

/// Refuses a client that has sent too many unauthenticated writes lately (429).
///
/// The client is its address (`CF-Connecting-IP`) with the kind of write; without
/// the binding (a deployment that has not configured it) nothing is limited.
pub async fn limit_public_writes(req: &Request, state: &AppState, what: &str) -> Result<(), ApiError> {
    let Ok(limiter) = state.env.rate_limiter(WRITE_LIMITER) else {
        return Ok(());
    };
    let client = req.headers().get("CF-Connecting-IP")?.unwrap_or_else(|| "local".to_owned());
    let outcome = limiter.limit(format!("{what}:{client}")).await?;
    match outcome.success {
        true => Ok(()),
        false => Err(ApiError::TooManyRequests(60)),
    }
}
