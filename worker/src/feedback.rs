//! "Rate this service": `POST /v1/services/{slug}/feedback` (public, rate-limited),
//! `GET /v1/services/{slug}/feedback` and `POST /v1/services/{slug}/feedback/reviewed` (service token).

use crate::error::ApiError;
use crate::measurements::service;
use crate::services::authorised;
use crate::store::Store;
use crate::{body, limits, secrets, AppState};
use servicekit_core::api::{FeedbackReceipt, FeedbackReviewed};
use servicekit_core::feedback::{self, FeedbackList, FeedbackRecord, FeedbackSubmission};
use servicekit_core::measurement::Period;
use worker::{Request, Response};

/// Largest feedback body, in bytes (a 1,200-character comment in any script fits).
const FEEDBACK_LIMIT: usize = 8 * 1024;

/// Stores a rating (and comment) for the service; its month's satisfaction counts include it.
pub async fn create(mut req: Request, state: &AppState, slug: &str) -> Result<Response, ApiError> {
    let store = Store::open(&state.env)?;
    service(&store, slug).await?;
    limits::limit_public_writes(&req, state, &format!("feedback:{slug}")).await?;
    let mut submission: FeedbackSubmission = body::json(&mut req, FEEDBACK_LIMIT, "feedback").await?;
    submission.comment = submission.comment.trim().to_owned();
    let problems = feedback::validate(&submission);
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    let created_at = secrets::now_rfc3339();
    let month = Period::month_of_timestamp(&created_at).ok_or_else(|| ApiError::Internal("clock".into()))?;
    let record = FeedbackRecord {
        id: secrets::sortable_id()?,
        created_at,
        rating: submission.rating,
        comment: submission.comment,
    };
    store.put_feedback(slug, month, &record).await?;
    Ok(Response::from_json(&FeedbackReceipt { id: record.id, period: month.to_string() })?.with_status(201))
}

/// A month's feedback with comments (`?period=YYYY-MM`, this month by default), for the service team.
pub async fn list(req: &Request, state: &AppState, slug: &str) -> Result<Response, ApiError> {
    authorised(req, state, slug, false).await?;
    let asked = req.url()?.query_pairs().find(|(k, _)| k == "period").map(|(_, v)| v.into_owned());
    let month = match asked {
        Some(text) => match Period::parse(&text) {
            Ok(month @ Period::Month { .. }) => month,
            _ => {
                return Err(ApiError::Invalid(vec![servicekit_core::FieldProblem {
                    pointer: "/period".to_owned(),
                    detail: "Give the month as ?period=YYYY-MM.".to_owned(),
                }]))
            }
        },
        None => Period::month_of_timestamp(&secrets::now_rfc3339())
            .ok_or_else(|| ApiError::Internal("clock".into()))?,
    };
    let store = Store::open(&state.env)?;
    let (feedback, last_reviewed) =
        futures_util::join!(store.feedback(slug, month), store.feedback_reviewed(slug));
    let body = FeedbackList { period: month.to_string(), feedback: feedback?, last_reviewed: last_reviewed? };
    let mut response = Response::from_json(&body)?;
    response.headers_mut().set("Cache-Control", "no-store")?;
    Ok(response)
}

/// Marks the feedback as reviewed now (the performance page warns after a month without).
pub async fn reviewed(req: Request, state: &AppState, slug: &str) -> Result<Response, ApiError> {
    authorised(&req, state, slug, false).await?;
    let now = secrets::now_rfc3339();
    let store = Store::open(&state.env)?;
    store.put_feedback_reviewed(slug, &now).await?;
    store.drop_performance_snapshot(slug).await?;
    Ok(Response::from_json(&FeedbackReviewed { last_reviewed: now })?)
}
