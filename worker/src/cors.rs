//! Cross-origin access for the origins listed in the `ALLOWED_ORIGINS` variable.

use crate::error::ApiError;
use worker::{Env, Response, Result};

/// The browser origins allowed to call the API, from a comma-separated variable.
pub struct AllowedOrigins {
    origins: Vec<String>,
}

impl AllowedOrigins {
    /// Reads `ALLOWED_ORIGINS` (e.g. `https://intranet.example.gov.uk,https://…`); absent means none.
    pub fn from_env(env: &Env) -> AllowedOrigins {
        let list = env.var("ALLOWED_ORIGINS").map(|v| v.to_string()).unwrap_or_default();
        AllowedOrigins {
            origins: list
                .split(',')
                .map(|o| o.trim().trim_end_matches('/').to_owned())
                .filter(|o| !o.is_empty())
                .collect(),
        }
    }

    /// Whether a request from `origin` may read the API's responses.
    pub fn allows(&self, origin: &str) -> bool {
        self.origins.iter().any(|o| o == "*" || o == origin)
    }
}

/// Answers an `OPTIONS` preflight with 204.
///
/// An origin not on the list passes the preflight too, so that its actual
/// request reaches the Worker and gets a readable 403 refusal (which stores
/// nothing) instead of a network error the widget could not tell from an outage.
pub fn preflight(origin: Option<&str>) -> std::result::Result<Response, ApiError> {
    match origin {
        Some(_) => {
            let mut response = Response::empty()?.with_status(204);
            let headers = response.headers_mut();
            headers.set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE, OPTIONS")?;
            headers.set("Access-Control-Allow-Headers", "Content-Type, Authorization")?;
            headers.set("Access-Control-Max-Age", "600")?;
            Ok(response)
        }
        _ => Err(ApiError::OriginNotAllowed),
    }
}

/// Adds `Access-Control-Allow-Origin` when the request came from an allowed origin,
/// or to the 403 refusal of one that is not (`refused`), so the page can read why.
pub fn decorate(
    response: &mut Response,
    allowed: &AllowedOrigins,
    origin: Option<&str>,
    refused: bool,
) -> Result<()> {
    let headers = response.headers_mut();
    headers.append("Vary", "Origin")?;
    if headers.has("Access-Control-Allow-Origin")? {
        return Ok(());
    }
    if let Some(origin) = origin.filter(|o| refused || allowed.allows(o)) {
        headers.set("Access-Control-Allow-Origin", origin)?;
        headers.set("Access-Control-Expose-Headers", "Location")?;
    }
    Ok(())
}
