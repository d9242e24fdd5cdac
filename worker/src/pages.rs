//! Server-rendered HTML pages (they work without JavaScript).

use crate::error::ApiError;
use servicekit_core::html::escape;
use servicekit_core::profiles;
use worker::Response;

/// The home page of a deployment: what is here and where to start.
pub fn home() -> Result<Response, ApiError> {
    let roles: String = profiles::built_in()
        .iter()
        .map(|p| {
            format!(
                "<li><a href=\"/v1/roles/{id}\">{title} ({framework} {version})</a></li>",
                id = escape(&p.id),
                title = escape(&p.title),
                framework = escape(&p.framework.name),
                version = escape(&p.framework.version),
            )
        })
        .collect();
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>servicekit</title></head><body><main>\
<h1>servicekit</h1>\
<p>Tools for people who run public services.</p>\
<ul><li><a href=\"/demo/\">Demo intranet page with the self-assessment widget</a></li>\
<li><a href=\"/v1/health\">API health</a></li></ul>\
<h2>Role profiles</h2><ul>{roles}</ul>\
</main></body></html>"
    );
    let mut response = Response::from_html(html)?;
    let headers = response.headers_mut();
    headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    headers.set("Referrer-Policy", "no-referrer")?;
    Ok(response)
}
