//! Services and their contracts: `POST /v1/services` (admin), `GET /v1/services`,
//! `POST /v1/services/{slug}/token`, `PUT`/`GET /v1/services/{slug}/contract`,
//! `GET /v1/services/{slug}/contract/versions[/{version}]`.

use crate::error::ApiError;
use crate::store::{Store, StoredService};
use crate::{admin, body, secrets, AppState};
use servicekit_core::api::{Created, VersionLink};
use servicekit_core::contract::{self, ContractVersion, SavedContract, ServiceContract, ServiceSubmission};
use servicekit_core::token;
use worker::{Request, Response};

/// Creates a service and returns its token, once.
pub async fn create(mut req: Request, state: &AppState) -> Result<Response, ApiError> {
    admin::require(&req, &state.env)?;
    let service: ServiceSubmission = body::json(&mut req, body::PUBLIC_LIMIT, "service").await?;
    let problems = contract::validate_service(&service);
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    let store = Store::open(&state.env)?;
    if store.service(&service.slug).await?.is_some() {
        return Err(ApiError::conflict("problem_service_exists", &[("slug", &service.slug)]));
    }
    let secret = secrets::new_token()?;
    let slug = service.slug.clone();
    let stored = StoredService {
        service,
        token_hash: token::hash(&secret),
        created_at: secrets::now_rfc3339(),
        stage: None,
    };
    store.put_service(&stored).await?;
    created(state, slug, secret)
}

fn created(state: &AppState, slug: String, secret: String) -> Result<Response, ApiError> {
    let url = format!("{}/v1/services/{slug}/contract", state.origin);
    let mut response =
        Response::from_json(&Created { id: slug, token: secret, url: url.clone() })?.with_status(201);
    response.headers_mut().set("Location", &url)?;
    response.headers_mut().set("Cache-Control", "no-store")?;
    Ok(response)
}

/// Lists every service.
pub async fn list(state: &AppState) -> Result<Response, ApiError> {
    Ok(Response::from_json(&Store::open(&state.env)?.services().await?)?)
}

/// The service `slug`, if the request carries its token (or, with `admin_too`, the admin token).
pub async fn authorised(
    req: &Request,
    state: &AppState,
    slug: &str,
    admin_too: bool,
) -> Result<StoredService, ApiError> {
    let store = Store::open(&state.env)?;
    let stored = match contract::is_valid_slug(slug) {
        true => store.service(slug).await?,
        false => None,
    };
    let stored = stored.ok_or_else(|| ApiError::unknown_service(slug))?;
    let header = req.headers().get("Authorization")?.unwrap_or_default();
    let by_token = token::from_bearer(&header).is_some_and(|t| token::verify(t, &stored.token_hash));
    if by_token || (admin_too && admin::require(req, &state.env).is_ok()) {
        Ok(stored)
    } else {
        Err(ApiError::Unauthorized)
    }
}

/// Replaces the service token; the old one stops working at once.
pub async fn rotate_token(req: Request, state: &AppState, slug: &str) -> Result<Response, ApiError> {
    let mut stored = authorised(&req, state, slug, true).await?;
    let secret = secrets::new_token()?;
    stored.token_hash = token::hash(&secret);
    Store::open(&state.env)?.put_service(&stored).await?;
    let mut response = created(state, slug.to_owned(), secret)?;
    response = response.with_status(200);
    Ok(response)
}

/// Saves a new version of the contract after checking it; every problem at once.
pub async fn put_contract(mut req: Request, state: &AppState, slug: &str) -> Result<Response, ApiError> {
    let mut stored = authorised(&req, state, slug, false).await?;
    let contract: ServiceContract = body::json(&mut req, body::PUBLIC_LIMIT, "service contract").await?;
    let report = contract::validate(&contract, slug);
    if !report.errors.is_empty() {
        return Err(ApiError::Invalid(report.errors));
    }
    let saved_at = secrets::now_rfc3339();
    let version = secrets::sortable_id()?;
    let store = Store::open(&state.env)?;
    stored.stage = Some(contract.stage);
    store.put_contract(slug, &ContractVersion { version: version.clone(), saved_at, contract }).await?;
    store.put_service(&stored).await?;
    store.drop_performance_snapshot(slug).await?;
    let url = format!("{}/v1/services/{slug}/contract/versions/{version}", state.origin);
    let mut response =
        Response::from_json(&SavedContract { version, warnings: report.warnings })?.with_status(201);
    response.headers_mut().set("Location", &url)?;
    Ok(response)
}

/// The latest version of a service's contract, if it has one.
pub async fn latest_contract(store: &Store, slug: &str) -> Result<Option<ContractVersion>, ApiError> {
    if !contract::is_valid_slug(slug) {
        return Ok(None);
    }
    match store.contract_versions(slug).await?.pop() {
        Some(version) => store.contract(slug, &version).await,
        None => Ok(None),
    }
}

/// The latest contract, with each user need's status.
pub async fn get_contract(state: &AppState, slug: &str) -> Result<Response, ApiError> {
    let store = Store::open(&state.env)?;
    let perf = crate::measurements::performance(&store, slug).await?;
    let view = perf
        .snapshot
        .contract_view(&perf.report)
        .ok_or_else(|| ApiError::not_found("problem_no_contract", &[("slug", slug)]))?;
    Ok(Response::from_json(&view)?)
}

/// Every saved version, oldest first.
pub async fn versions(state: &AppState, slug: &str) -> Result<Response, ApiError> {
    if !contract::is_valid_slug(slug) {
        return Err(ApiError::unknown_service(slug));
    }
    let versions = Store::open(&state.env)?.contract_versions(slug).await?;
    let listed: Vec<VersionLink> = versions.into_iter().map(|v| VersionLink::of(slug, v)).collect();
    Ok(Response::from_json(&listed)?)
}

/// One saved version.
pub async fn version(state: &AppState, slug: &str, version: &str) -> Result<Response, ApiError> {
    let found = match contract::is_valid_slug(slug)
        && version.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        true => Store::open(&state.env)?.contract(slug, version).await?,
        false => None,
    };
    let found =
        found.ok_or_else(|| ApiError::not_found("problem_no_contract_version", &[("version", version)]))?;
    Ok(Response::from_json(&found)?)
}
