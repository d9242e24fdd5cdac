//! `POST /v1/assessments`, and `GET`/`DELETE /v1/assessments/{id}` with the assessment's token.

use crate::error::ApiError;
use crate::store::{Store, StoredAssessment};
use crate::{body, limits, roles, secrets, AppState};
use servicekit_core::api::{AssessmentRecord, Created};
use servicekit_core::assessment::{self, AssessmentSubmission};
use servicekit_core::{team, token, FieldProblem};
use worker::{Request, Response};

/// Validates a self-assessment, stores it under a new id, and returns the id and a read token once.
pub async fn create(mut req: Request, state: &AppState) -> Result<Response, ApiError> {
    limits::limit_public_writes(&req, state, "assessment").await?;
    let submission: AssessmentSubmission = body::json(&mut req, body::PUBLIC_LIMIT, "assessment").await?;
    let profile = roles::lookup(state, &submission.role).await?;
    let assessment = assessment::validate(&submission, profile.as_ref()).map_err(ApiError::Invalid)?;
    let store = Store::open(&state.env)?;
    if let Some(team) = &assessment.team {
        check_team(&store, team, &assessment.role).await?;
    }
    if let Some(previous) = &submission.previous {
        let earlier = with_token(&store, &previous.id, &previous.token).await?;
        if earlier.as_ref().map(|e| e.assessment.role.as_str()) != Some(assessment.role.as_str()) {
            return Err(ApiError::Invalid(vec![FieldProblem {
                pointer: "/previous".to_owned(),
                detail: "We could not find that earlier assessment of this role with that key.".to_owned(),
            }]));
        }
    }

    let (id, secret) = (secrets::new_id()?, secrets::new_token()?);
    let record = StoredAssessment {
        id: id.clone(),
        created_at: secrets::now_rfc3339(),
        token_hash: token::hash(&secret),
        assessment,
    };
    store.put_assessment(&record).await?;
    if let (Some(team), Some(profile)) = (&record.assessment.team, &profile) {
        store.put_member(team, &id, team::member_ranks(profile, &record.assessment)).await?;
    }

    let url = format!("{}/v1/assessments/{id}", state.origin);
    let created = Created { id, token: secret, url: url.clone() };
    let mut response = Response::from_json(&created)?.with_status(201);
    response.headers_mut().set("Location", &url)?;
    response.headers_mut().set("Cache-Control", "no-store")?;
    Ok(response)
}

/// The stored assessment `id` if `presented` is its token; `None` otherwise.
async fn with_token(store: &Store, id: &str, presented: &str) -> Result<Option<StoredAssessment>, ApiError> {
    if !token::is_valid_id(id) {
        return Ok(None);
    }
    Ok(store.assessment(id).await?.filter(|stored| token::verify(presented, &stored.token_hash)))
}

/// The stored assessment, only for a caller holding its token.
///
/// No token at all is a 401 (before any lookup); a missing record and a wrong
/// token answer the same 404, so the API never confirms that an id exists.
async fn authorised(req: &Request, state: &AppState, id: &str) -> Result<StoredAssessment, ApiError> {
    let not_found = || ApiError::not_found("problem_no_assessment", &[]);
    let header = req.headers().get("Authorization")?.unwrap_or_default();
    let presented = token::from_bearer(&header).ok_or(ApiError::Unauthorized)?;
    with_token(&Store::open(&state.env)?, id, presented).await?.ok_or_else(not_found)
}

/// Returns a stored assessment with its gaps against its role profile.
pub async fn get(req: &Request, state: &AppState, id: &str) -> Result<Response, ApiError> {
    let stored = authorised(req, state, id).await?;
    let profile = roles::lookup(state, &stored.assessment.role)
        .await?
        .ok_or_else(|| ApiError::Internal(format!("stored assessment {id} names a missing role")))?;
    let gaps = stored.assessment.gaps(&profile);
    let changes = match &stored.assessment.previous {
        Some(previous) => Store::open(&state.env)?
            .assessment(previous)
            .await?
            .map(|earlier| stored.assessment.changes_since(&profile, &earlier.assessment)),
        None => None,
    };
    let record = AssessmentRecord {
        changes,
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

/// Deletes a stored assessment for good, and its place in a team.
pub async fn delete(req: &Request, state: &AppState, id: &str) -> Result<Response, ApiError> {
    let stored = authorised(req, state, id).await?;
    let store = Store::open(&state.env)?;
    if let Some(team) = &stored.assessment.team {
        store.delete_member(team, id).await?;
    }
    store.delete_assessment(id).await?;
    Ok(Response::empty()?.with_status(204))
}

/// The team must exist and cover the role assessed.
async fn check_team(store: &Store, team: &str, role: &str) -> Result<(), ApiError> {
    let problem =
        |detail: String| ApiError::Invalid(vec![FieldProblem { pointer: "/team".to_owned(), detail }]);
    match store.team(team).await? {
        None => Err(problem("There is no team with that id. Check it with your team lead.".to_owned())),
        Some(stored) if stored.team.role != role => Err(problem(format!(
            "This team covers the role '{}'. Assess yourself against that role to join it.",
            stored.team.role
        ))),
        Some(_) => Ok(()),
    }
}
