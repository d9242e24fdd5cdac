//! `/embed.js` and `/widgets/*`: the widget files from the static assets, with
//! the CORS headers that module scripts and `instantiateStreaming` need when a
//! page on another origin embeds them (static assets alone send none).

use crate::error::ApiError;
use crate::AppState;
use worker::{Request, Response};

/// Serves a widget file from the `ASSETS` binding, readable from any origin.
pub async fn get(req: Request, state: &AppState) -> Result<Response, ApiError> {
    let mut asset = state.env.assets("ASSETS")?.fetch_request(req).await?;
    let status = asset.status_code();
    let body = asset.bytes().await?;
    let mut response = Response::from_bytes(body)?.with_status(status);
    let headers = response.headers_mut();
    for name in ["Content-Type", "ETag", "Cache-Control", "Last-Modified"] {
        if let Some(value) = asset.headers().get(name)? {
            headers.set(name, &value)?;
        }
    }
    // Widget code is public: any page may load it. The API itself stays behind ALLOWED_ORIGINS.
    headers.set("Access-Control-Allow-Origin", "*")?;
    headers.set("Cross-Origin-Resource-Policy", "cross-origin")?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    Ok(response)
}
