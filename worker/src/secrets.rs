//! Fresh ids and tokens from the runtime's cryptographic random source, and the time.

use crate::error::ApiError;
use servicekit_core::token;

fn random_bytes<const N: usize>() -> Result<[u8; N], ApiError> {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes).map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
    Ok(bytes)
}

/// A new 128-bit record id.
pub fn new_id() -> Result<String, ApiError> {
    Ok(token::encode_id(&random_bytes()?))
}

/// A new 256-bit bearer token.
pub fn new_token() -> Result<String, ApiError> {
    Ok(token::encode(&random_bytes()?))
}

/// The current time, RFC 3339 UTC.
pub fn now_rfc3339() -> String {
    worker::js_sys::Date::new_0().to_iso_string().into()
}

/// A new id that sorts by creation time: milliseconds, then random hex.
pub fn sortable_id() -> Result<String, ApiError> {
    Ok(format!("{:013}-{}", worker::Date::now().as_millis(), &new_id()?[..8]))
}

/// Whether `id` has the shape [`sortable_id`] gives, so it can go in a storage key.
pub fn is_sortable_id(id: &str) -> bool {
    id.len() == 22
        && id.bytes().enumerate().all(|(i, b)| if i == 13 { b == b'-' } else { b.is_ascii_hexdigit() })
}

/// The time `days` days ago, RFC 3339 UTC.
pub fn rfc3339_days_ago(days: u32) -> String {
    let millis = worker::js_sys::Date::now() - f64::from(days) * 86_400_000.0;
    worker::js_sys::Date::new(&millis.into()).to_iso_string().into()
}
