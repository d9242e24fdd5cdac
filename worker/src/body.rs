//! Reading request bodies: media type, size limit, JSON.

use crate::error::ApiError;
use serde::de::DeserializeOwned;
use worker::Request;

/// Largest body accepted from the public, in bytes.
pub const PUBLIC_LIMIT: usize = 64 * 1024;

/// Largest body accepted from an administrator (a whole framework), in bytes.
pub const ADMIN_LIMIT: usize = 8 * 1024 * 1024;

/// The request's media type, lower-cased, without parameters (`text/csv; charset=utf-8` → `text/csv`).
pub fn media_type(req: &Request) -> Result<String, ApiError> {
    let content_type = req.headers().get("Content-Type")?.unwrap_or_default();
    Ok(content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
}

/// Reads a body of at most `limit` bytes.
pub async fn bytes(req: &mut Request, limit: usize) -> Result<Vec<u8>, ApiError> {
    let declared = req.headers().get("Content-Length")?.and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(ApiError::PayloadTooLarge(limit));
    }
    let body = req.bytes().await?;
    if body.len() > limit {
        return Err(ApiError::PayloadTooLarge(limit));
    }
    Ok(body)
}

/// Reads a JSON body of at most `limit` bytes into `T`.
pub async fn json<T: DeserializeOwned>(req: &mut Request, limit: usize, what: &str) -> Result<T, ApiError> {
    if media_type(req)? != "application/json" {
        return Err(ApiError::UnsupportedMediaType("application/json"));
    }
    let body = bytes(req, limit).await?;
    serde_json::from_slice(&body)
        .map_err(|e| ApiError::MalformedBody(format!("The body is not a valid {what}: {e}.")))
}
