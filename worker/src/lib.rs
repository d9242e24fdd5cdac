//! servicekit's Cloudflare Worker: the HTTP API under `/v1/`, stored in KV.
//!
//! API boundary: everything under `/v1/` is public HTTP API; other paths are
//! served from the static assets (widget files and the demo intranet page).
//! This crate only moves data: every rule it applies comes from `servicekit-core`.

mod admin;
mod assessments;
mod body;
mod coe;
mod cors;
mod error;
mod feedback;
mod frameworks;
mod health;
mod measurements;
mod pages;
mod roles;
mod secrets;
mod services;
mod store;
mod teams;
mod widget_files;

use cors::AllowedOrigins;
use error::ApiError;
use worker::{event, Context, Env, Method, Request, Response, Result};

/// What every handler needs besides the request.
pub struct AppState {
    /// The bindings (KV, variables, secrets).
    pub env: Env,
    /// Origin of this deployment, e.g. `http://127.0.0.1:8787`, for absolute links.
    pub origin: String,
}

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let allowed = AllowedOrigins::from_env(&env);
    let request_origin = req.headers().get("Origin")?;
    let origin = req.url()?.origin().ascii_serialization();
    let state = AppState { env, origin };

    let api = req.path().starts_with("/v1/");
    // The deployment's own pages (manage, embed builder, demo) are always allowed.
    let refused = api && request_origin.as_deref().is_some_and(|o| o != state.origin && !allowed.allows(o));
    let response = if req.method() == Method::Options {
        cors::preflight(request_origin.as_deref())
    } else if refused {
        // A page on an origin not on the list: say so in a way its widget can read.
        Err(ApiError::OriginNotAllowed)
    } else {
        route(req, &state).await
    };
    let mut response = response.unwrap_or_else(|err| err.into_response());
    cors::decorate(&mut response, &allowed, request_origin.as_deref(), refused)?;
    Ok(response)
}

/// Sends the request to the handler for its method and path.
async fn route(req: Request, state: &AppState) -> std::result::Result<Response, ApiError> {
    let path = req.path();
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let method = req.method();
    match segments.as_slice() {
        [""] => match method {
            Method::Get | Method::Head => pages::home(&req),
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "health"] => match method {
            Method::Get | Method::Head => health::get(),
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "roles"] => match method {
            Method::Get | Method::Head => roles::list(state).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "roles", id] => match method {
            Method::Get | Method::Head => roles::get(state, id).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "frameworks"] => match method {
            Method::Get | Method::Head => frameworks::list(state).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "frameworks", id] => match method {
            Method::Get | Method::Head => frameworks::get(state, id).await,
            Method::Put => frameworks::put(req, state, id).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD, PUT")),
        },
        ["v1", "assessments"] => match method {
            Method::Post => assessments::create(req, state).await,
            _ => Err(ApiError::MethodNotAllowed("POST")),
        },
        ["v1", "assessments", id] => match method {
            Method::Get | Method::Head => assessments::get(&req, state, id).await,
            Method::Delete => assessments::delete(&req, state, id).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD, DELETE")),
        },
        ["v1", "teams"] => match method {
            Method::Post => teams::create(req, state).await,
            _ => Err(ApiError::MethodNotAllowed("POST")),
        },
        ["v1", "teams", id, "coverage"] => match method {
            Method::Get | Method::Head => teams::coverage(&req, state, id).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "services"] => match method {
            Method::Get | Method::Head => services::list(state).await,
            Method::Post => services::create(req, state).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD, POST")),
        },
        ["v1", "services", slug, "token"] => match method {
            Method::Post => services::rotate_token(req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("POST")),
        },
        ["v1", "services", slug, "contract"] => match method {
            Method::Get | Method::Head => services::get_contract(state, slug).await,
            Method::Put => services::put_contract(req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD, PUT")),
        },
        ["v1", "services", slug, "contract", "versions"] => match method {
            Method::Get | Method::Head => services::versions(state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "services", slug, "contract", "versions", version] => match method {
            Method::Get | Method::Head => services::version(state, slug, version).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "services", slug, "coe"] => match method {
            Method::Get | Method::Head => coe::list(state, slug).await,
            Method::Post => coe::create(req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD, POST")),
        },
        ["v1", "services", slug, "coe", id] => match method {
            Method::Get | Method::Head => coe::get(state, slug, id).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "services", slug, "coe", id, "actions", n] => match method {
            Method::Put => coe::update_action(req, state, slug, id, n).await,
            _ => Err(ApiError::MethodNotAllowed("PUT")),
        },
        ["v1", "services", slug, "measurements"] => match method {
            Method::Get | Method::Head => measurements::list(&req, state, slug).await,
            Method::Post => measurements::upload(req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD, POST")),
        },
        ["v1", "services", slug, "kpis"] => match method {
            Method::Get | Method::Head => measurements::kpis(state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "services", slug, "feedback"] => match method {
            Method::Get | Method::Head => feedback::list(&req, state, slug).await,
            Method::Post => feedback::create(req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD, POST")),
        },
        ["v1", "services", slug, "feedback", "reviewed"] => match method {
            Method::Post => feedback::reviewed(req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("POST")),
        },
        ["embed-builder"] => match method {
            Method::Get | Method::Head => pages::embed_builder(&req, state).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["embed-builder.js"] => match method {
            Method::Get | Method::Head => pages::builder_script(),
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["manage"] => match method {
            Method::Get | Method::Head => pages::manage(&req),
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["services"] => match method {
            Method::Get | Method::Head => pages::services(&req, state).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["services", slug] => match method {
            Method::Get | Method::Head => pages::service(&req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["embed.js"] | ["widgets", ..] => match method {
            Method::Get | Method::Head => widget_files::get(req, state).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        _ => Err(ApiError::NotFound("There is nothing at this address.".to_owned())),
    }
}
