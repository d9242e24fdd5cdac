//! servicekit's Cloudflare Worker: the HTTP API under `/v1/`, stored in KV.
//!
//! API boundary: everything under `/v1/` is public HTTP API; other paths are
//! served from the static assets (widget files and the demo intranet page).
//! This crate only moves data: every rule it applies comes from `servicekit-core`.

mod admin;
mod assessments;
mod backup;
mod body;
mod coe;
mod cors;
mod error;
mod feedback;
mod first_paint;
mod frameworks;
mod health;
mod limits;
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

    // Problem details are written in the language the request asks for.
    let language = pages::Language::asked_by(&req);
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
    let mut response =
        response.unwrap_or_else(|err| err.into_response(pages::PageText::in_language(language)));
    cors::decorate(&mut response, &allowed, request_origin.as_deref(), refused)?;
    response.headers_mut().set("X-Content-Type-Options", "nosniff")?;
    Ok(response)
}

/// Sends the request to the handler for its method and path.
async fn route(req: Request, state: &AppState) -> std::result::Result<Response, ApiError> {
    let path = req.path();
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let method = known_method(&req);
    match segments.as_slice() {
        [""] => match method {
            Some(Method::Get) | Some(Method::Head) => pages::home(&req),
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "health"] => match method {
            Some(Method::Get) | Some(Method::Head) => health::get(),
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "openapi.json"] => match method {
            Some(Method::Get) | Some(Method::Head) => health::openapi(),
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "roles"] => match method {
            Some(Method::Get) | Some(Method::Head) => roles::list(state).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "roles", id, "form.html"] => match method {
            Some(Method::Get) | Some(Method::Head) => first_paint::form(&req, state, id).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "roles", id] => match method {
            Some(Method::Get) | Some(Method::Head) => roles::get(state, id).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "frameworks"] => match method {
            Some(Method::Get) | Some(Method::Head) => frameworks::list(state).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "frameworks", id] => match method {
            Some(Method::Get) | Some(Method::Head) => frameworks::get(state, id).await,
            Some(Method::Put) => frameworks::put(req, state, id).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD, PUT")),
        },
        ["v1", "assessments"] => match method {
            Some(Method::Post) => assessments::create(req, state).await,
            _ => Err(ApiError::MethodNotAllowed("POST")),
        },
        ["v1", "assessments", id] => match method {
            Some(Method::Get) | Some(Method::Head) => assessments::get(&req, state, id).await,
            Some(Method::Delete) => assessments::delete(&req, state, id).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD, DELETE")),
        },
        ["v1", "teams"] => match method {
            Some(Method::Post) => teams::create(req, state).await,
            _ => Err(ApiError::MethodNotAllowed("POST")),
        },
        ["v1", "teams", id, "coverage"] => match method {
            Some(Method::Get) | Some(Method::Head) => teams::coverage(&req, state, id).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "services"] => match method {
            Some(Method::Get) | Some(Method::Head) => services::list(state).await,
            Some(Method::Post) => services::create(req, state).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD, POST")),
        },
        ["v1", "services", "import"] => match method {
            Some(Method::Post) => backup::import(req, state).await,
            _ => Err(ApiError::MethodNotAllowed("POST")),
        },
        ["v1", "services", slug, "export"] => match method {
            Some(Method::Get) | Some(Method::Head) => backup::export(&req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "services", slug, "token"] => match method {
            Some(Method::Post) => services::rotate_token(req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("POST")),
        },
        ["v1", "services", slug, "contract"] => match method {
            Some(Method::Get) | Some(Method::Head) => services::get_contract(state, slug).await,
            Some(Method::Put) => services::put_contract(req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD, PUT")),
        },
        ["v1", "services", slug, "contract", "versions"] => match method {
            Some(Method::Get) | Some(Method::Head) => services::versions(state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "services", slug, "contract", "versions", version] => match method {
            Some(Method::Get) | Some(Method::Head) => services::version(state, slug, version).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "services", slug, "coe"] => match method {
            Some(Method::Get) | Some(Method::Head) => coe::list(state, slug).await,
            Some(Method::Post) => coe::create(req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD, POST")),
        },
        ["v1", "services", slug, "coe", id] => match method {
            Some(Method::Get) | Some(Method::Head) => coe::get(state, slug, id).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "services", slug, "coe", id, "actions", n] => match method {
            Some(Method::Put) => coe::update_action(req, state, slug, id, n).await,
            _ => Err(ApiError::MethodNotAllowed("PUT")),
        },
        ["v1", "services", slug, "measurements"] => match method {
            Some(Method::Get) | Some(Method::Head) => measurements::list(&req, state, slug).await,
            Some(Method::Post) => measurements::upload(req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD, POST")),
        },
        ["v1", "services", slug, "kpis"] => match method {
            Some(Method::Get) | Some(Method::Head) => measurements::kpis(state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "services", slug, "take-up.html"] => match method {
            Some(Method::Get) | Some(Method::Head) => first_paint::take_up(&req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "services", slug, "contract.html"] => match method {
            Some(Method::Get) | Some(Method::Head) => first_paint::contract(&req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "services", slug, "feedback"] => match method {
            Some(Method::Get) | Some(Method::Head) => feedback::list(&req, state, slug).await,
            Some(Method::Post) => feedback::create(req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD, POST")),
        },
        ["v1", "services", slug, "feedback", "form.html"] => match method {
            Some(Method::Get) | Some(Method::Head) => first_paint::feedback_form(&req, slug),
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["v1", "services", slug, "feedback", "reviewed"] => match method {
            Some(Method::Post) => feedback::reviewed(req, state, slug).await,
            _ => Err(ApiError::MethodNotAllowed("POST")),
        },
        ["embed-builder"] => match method {
            Some(Method::Get) | Some(Method::Head) => pages::embed_builder(&req, state).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["embed-builder.js"] => match method {
            Some(Method::Get) | Some(Method::Head) => pages::builder_script(),
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["manage"] => match method {
            Some(Method::Get) | Some(Method::Head) => pages::manage(&req),
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["services"] => match method {
            Some(Method::Get) | Some(Method::Head) => {
                pages::or_unavailable_page(&req, pages::services(&req, state).await)
            }
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["services", slug] => match method {
            Some(Method::Get) | Some(Method::Head) => {
                pages::or_unavailable_page(&req, pages::service(&req, state, slug).await)
            }
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        ["embed.js"] | ["widgets", ..] => match method {
            Some(Method::Get) | Some(Method::Head) => widget_files::get(req, state).await,
            _ => Err(ApiError::MethodNotAllowed("GET, HEAD")),
        },
        _ => Err(ApiError::not_found("problem_nothing_here", &[])),
    }
}

/// The request's method, or `None` for one the router does not know (e.g. `QUERY`).
///
/// `worker::Method` reads any method it does not know as `GET`; that must be a 405, not a read.
fn known_method(req: &Request) -> Option<Method> {
    let raw = req.inner().method();
    let method = Method::from(raw.clone());
    (method.as_ref() == raw).then_some(method)
}
