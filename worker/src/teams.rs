//! `POST /v1/teams` and `GET /v1/teams/{id}/coverage` (lead token): whether a
//! team covers a role's skills between them, without showing anyone's answers.

use crate::error::ApiError;
use crate::store::{Store, StoredTeam};
use crate::{body, limits, roles, secrets, AppState};
use servicekit_core::api::Created;
use servicekit_core::team::{self, TeamReport, TeamSubmission, DEFAULT_MIN_TEAM_SIZE};
use servicekit_core::token;
use worker::{Request, Response};

/// Creates a team and returns its id and the lead's token, once.
pub async fn create(mut req: Request, state: &AppState) -> Result<Response, ApiError> {
    limits::limit_public_writes(&req, state, "team").await?;
    let mut submission: TeamSubmission = body::json(&mut req, body::PUBLIC_LIMIT, "team").await?;
    submission.name = submission.name.trim().to_owned();
    let profile = roles::lookup(state, &submission.role).await?;
    team::validate(&submission, profile.as_ref()).map_err(ApiError::Invalid)?;
    let (id, secret) = (secrets::new_id()?, secrets::new_token()?);
    let stored = StoredTeam {
        id: id.clone(),
        created_at: secrets::now_rfc3339(),
        token_hash: token::hash(&secret),
        team: submission,
    };
    Store::open(&state.env)?.put_team(&stored).await?;
    let url = format!("{}/v1/teams/{id}/coverage", state.origin);
    let mut response =
        Response::from_json(&Created { id, token: secret, url: url.clone() })?.with_status(201);
    response.headers_mut().set("Location", &url)?;
    response.headers_mut().set("Cache-Control", "no-store")?;
    Ok(response)
}

/// Per skill, how many members reach the required level and the team's best
/// level; nothing until `MIN_TEAM_SIZE` members have taken part.
pub async fn coverage(req: &Request, state: &AppState, id: &str) -> Result<Response, ApiError> {
    let not_found = || ApiError::not_found("problem_no_team", &[]);
    let header = req.headers().get("Authorization")?.unwrap_or_default();
    let presented = token::from_bearer(&header).ok_or(ApiError::Unauthorized)?;
    if !token::is_valid_id(id) {
        return Err(not_found());
    }
    let store = Store::open(&state.env)?;
    let stored = store.team(id).await?.ok_or_else(not_found)?;
    if !token::verify(presented, &stored.token_hash) {
        return Err(not_found());
    }
    let profile = roles::lookup(state, &stored.team.role)
        .await?
        .ok_or_else(|| ApiError::Internal(format!("team {id} names a missing role")))?;
    let members = store.member_ranks(id).await?;
    let report = TeamReport {
        coverage: team::coverage(&profile, &stored.team.context, &members, min_team_size(state)),
        name: stored.team.name,
        role: stored.team.role,
        context: stored.team.context,
    };
    let mut response = Response::from_json(&report)?;
    response.headers_mut().set("Cache-Control", "private, no-store")?;
    Ok(response)
}

/// The anonymity threshold: the `MIN_TEAM_SIZE` variable, else the default.
fn min_team_size(state: &AppState) -> usize {
    state
        .env
        .var("MIN_TEAM_SIZE")
        .ok()
        .and_then(|v| v.to_string().trim().parse().ok())
        .unwrap_or(DEFAULT_MIN_TEAM_SIZE)
}
