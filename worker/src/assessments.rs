//! `POST /v1/assessments`, and `GET`/`DELETE /v1/assessments/{id}` with the assessment's token.

use crate::error::ApiError;
use crate::store::{Store, StoredAssessment};
use crate::{body, roles, AppState};
use servicekit_core::api::{AssessmentRecord, CreatedAssessment};
use servicekit_core::assessment::{self, AssessmentSubmission};
use servicekit_core::token;
use worker::{Request, Response};

/// Validates a self-assessment, stores it under a new id, and returns the id and a read token once.
pub async fn create(mut req: Request, state: &AppState) -> Result<Response, ApiError> {
    let submission: AssessmentSubmission = body::json(&mut req, body::PUBLIC_LIMIT, "assessment").await?;
    let profile = roles::lookup(state, &submission.role).await?;
    let assessment = assessment::validate(&submission, profile.as_ref()).map_err(ApiError::Invalid)?;

    let id = token::encode_id(&random_bytes()?);
    let secret = token::encode(&random_bytes()?);
    let record = StoredAssessment {
        id: id.clone(),
        created_at: now_rfc3339(),
        token_hash: token::hash(&secret),
        assessment,
    };
    Store::open(&state.env)?.put_assessment(&record).await?;

    let url = format!("{}/v1/assessments/{id}", state.origin);
    let created = CreatedAssessment { id, token: secret, url: url.clone() };
    let mut response = Response::from_json(&created)?.with_status(201);
    response.headers_mut().set("Location", &url)?;
    response.headers_mut().set("Cache-Control", "no-store")?;
    Ok(response)
}

/// The stored assessment, only for a caller holding its token.
///
/// A missing record, a missing token and a wrong token all answer the same 404,
/// so the API never confirms that an id exists.
async fn authorised(req: &Request, state: &AppState, id: &str) -> Result<StoredAssessment, ApiError> {
    let not_found = || {
        ApiError::NotFound(
            "There is no assessment at this address, or the token does not match it.".to_owned(),
        )
    };
    if !token::is_valid_id(id) {
        return Err(not_found());
    }
    let header = req.headers().get("Authorization")?.unwrap_or_default();
    let presented = token::from_bearer(&header).ok_or_else(not_found)?;
    let stored = Store::open(&state.env)?.assessment(id).await?.ok_or_else(not_found)?;
    if !token::verify(presented, &stored.token_hash) {
        return Err(not_found());
    }
    Ok(stored)
}

/// Returns a stored assessment with its gaps against its role profile.
pub async fn get(req: &Request, state: &AppState, id: &str) -> Result<Response, ApiError> {
    let stored = authorised(req, state, id).await?;
    let profile = roles::lookup(state, &stored.assessment.role)
        .await?
        .ok_or_else(|| ApiError::Internal(format!("stored assessment {id} names a missing role")))?;
    let gaps = stored.assessment.gaps(&profile);
    let record = AssessmentRecord {
        id: stored.id,
        created_at: stored.created_at,
        summary: assessment::summarise(&gaps),
        gaps,
        assessment: stored.assessment,
    };
    let mut response = Response::from_json(&record)?;
    response.headers_mut().set("Cache-Control", "private, no-store")?;
    Ok(response)
}

/// Deletes a stored assessment for good.
pub async fn delete(req: &Request, state: &AppState, id: &str) -> Result<Response, ApiError> {
    authorised(req, state, id).await?;
    Store::open(&state.env)?.delete_assessment(id).await?;
    Ok(Response::empty()?.with_status(204))
}

fn random_bytes<const N: usize>() -> Result<[u8; N], ApiError> {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes).map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
    Ok(bytes)
}

fn now_rfc3339() -> String {
    worker::js_sys::Date::new_0().to_iso_string().into()
}
