//! `GET /v1/health` and `GET /v1/openapi.json`: what the API is and whether it answers.

use crate::error::ApiError;
use servicekit_core::api::Health;
use worker::Response;

/// The OpenAPI 3.1 description, generated from core's types by `cargo xtask openapi`.
const OPENAPI: &str = include_str!("../openapi.json");

/// Says the Worker is answering, and which version it is.
pub fn get() -> Result<Response, ApiError> {
    let health = Health { status: "ok".to_owned(), version: servicekit_core::VERSION.to_owned() };
    Ok(Response::from_json(&health)?)
}

/// The API's description, cached for five minutes.
pub fn openapi() -> Result<Response, ApiError> {
    let mut response = Response::ok(OPENAPI)?;
    let headers = response.headers_mut();
    headers.set("Content-Type", "application/json")?;
    headers.set("Cache-Control", "public, max-age=300")?;
    Ok(response)
}
