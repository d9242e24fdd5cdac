//! `/embed.js` and `/widgets/*` when the static assets do not have the file.
//!
//! The widget files themselves come straight from the static assets, with the
//! CORS and cache headers of `widgets/embed/_headers` (content-hashed names
//! cached for a year, `embed.js` for five minutes). The Worker sees only
//! requests for names that are not there: a name from an earlier build (a page
//! whose loader is older than the deploy) gets the current file of that kind,
//! briefly cached, so old loaders keep working: they ask for a glue and a wasm
//! of the same old build, and both answers come from the new one.

use crate::error::ApiError;
use crate::AppState;
use serde::Deserialize;
use std::collections::BTreeMap;
use worker::{Headers, Method, Request, Response};

/// How long a stand-in for an earlier build's file may be cached (current files: see `_headers`).
const SHORT: &str = "public, max-age=300";

/// The current widget file names, written by `cargo xtask build`.
#[derive(Debug, Deserialize)]
struct Manifest {
    /// The stylesheet.
    css: String,
    /// Each bundle's JS glue and wasm, by bundle name (`widgets`, `take-up`, `manage`, …).
    bundles: BTreeMap<String, Bundle>,
}

/// One wasm bundle's files.
#[derive(Debug, Deserialize)]
struct Bundle {
    js: String,
    wasm: String,
}

/// Answers a widget file name the assets do not have with the current file of its kind, readable from any origin.
pub async fn get(req: Request, state: &AppState) -> Result<Response, ApiError> {
    let assets = state.env.assets("ASSETS")?;
    let Some(current) = current_name(&assets, state, &req.path()).await? else {
        return Err(ApiError::not_found("problem_no_widget_file", &[]));
    };
    let url = format!("{}/widgets/{current}", state.origin);
    let asset = assets.fetch_request(Request::new(&url, Method::Get)?).await?;
    let status = asset.status_code();
    let headers = Headers::new();
    for name in ["Content-Type", "ETag", "Last-Modified"] {
        if let Some(value) = asset.headers().get(name)? {
            headers.set(name, &value)?;
        }
    }
    if status == 200 {
        headers.set("Cache-Control", SHORT)?;
    }
    // The same access as `_headers` gives the current files: any page may load widget code.
    headers.set("Access-Control-Allow-Origin", "*")?;
    headers.set("Cross-Origin-Resource-Policy", "cross-origin")?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    // The asset's body streams through as it is: a wasm file never enters the Worker's memory.
    Ok(asset.with_headers(headers).with_status(status))
}

/// The current file standing in for `path`, when it names a widget file of an earlier build.
async fn current_name(
    assets: &worker::Fetcher,
    state: &AppState,
    path: &str,
) -> Result<Option<String>, ApiError> {
    let Some(name) = path.strip_prefix("/widgets/") else {
        return Ok(None);
    };
    // `<stem>.<12 hex>.<extension>`, or `<stem>.<extension>` as loaders named them before hashing.
    let kind = |stem: &str, extension: &str| {
        name.strip_prefix(stem).and_then(|rest| rest.strip_suffix(extension)).is_some_and(|hash| {
            hash.is_empty()
                || hash
                    .strip_prefix('.')
                    .is_some_and(|h| h.len() == 12 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        })
    };
    let url = format!("{}/widget-manifest.json", state.origin);
    let mut found = assets.fetch_request(Request::new(&url, Method::Get)?).await?;
    if found.status_code() != 200 {
        return Ok(None);
    }
    let manifest: Manifest = found.json().await?;
    if kind("servicekit", ".css") {
        return Ok(Some(manifest.css));
    }
    // A bundle's files are `servicekit_<name>.js` and `servicekit_<name>_bg.wasm`, `-` as `_`.
    Ok(manifest.bundles.into_iter().find_map(|(name, bundle)| {
        let stem = format!("servicekit_{}", name.replace('-', "_"));
        if kind(&stem, ".js") {
            Some(bundle.js)
        } else if kind(&format!("{stem}_bg"), ".wasm") {
            Some(bundle.wasm)
        } else {
            None
        }
    }))
}
