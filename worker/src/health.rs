//! `GET /v1/health`.

use crate::error::ApiError;
use servicekit_core::api::Health;
use worker::Response;

/// Says the Worker is answering, and which version it is.
pub fn get() -> Result<Response, ApiError> {
    let health = Health { status: "ok".to_owned(), version: servicekit_core::VERSION.to_owned() };
    Ok(Response::from_json(&health)?)
}
