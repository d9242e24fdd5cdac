//! Calls to the Worker's public HTTP API.

use gloo_net::http::Request;
use servicekit_core::api::{AssessmentRecord, Created, Problem, RoleSummary};
use servicekit_core::assessment::{AssessmentSubmission, FieldProblem};
use servicekit_core::coe::CoeSummary;
use servicekit_core::contract::ContractView;
use servicekit_core::team::{TeamReport, TeamSubmission};
use servicekit_core::RoleProfile;

/// Why a call failed, in words for the person using the widget.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The API could not be reached at all.
    Unreachable,
    /// The API refused the request; its problem details say why.
    Refused(Problem),
}

impl ApiFailure {
    /// The message to show.
    ///
    /// A refusal of the page's origin gets its own message in the reader's
    /// language: the editor must ask for the site to be allowed, not retry;
    /// so does the rate limit on public writes (a minute's wait). Those come
    /// from the widget's context: call this in a view or in a task spawned
    /// with `spawn_local_scoped` (a plain `spawn_local` task has no context,
    /// and would get English).
    /// A server-side failure (storage down, 5xx) reads like an outage: try again
    /// later, nothing typed is lost.
    pub fn message(&self, unreachable: &str) -> String {
        match self {
            ApiFailure::Unreachable => unreachable.to_owned(),
            ApiFailure::Refused(problem) if problem.status >= 500 => unreachable.to_owned(),
            ApiFailure::Refused(problem) if problem.kind == "/problems/origin-not-allowed" => {
                crate::i18n::use_strings().origin_refused.clone()
            }
            ApiFailure::Refused(problem) if problem.kind == "/problems/too-many-requests" => {
                crate::i18n::use_strings().too_many_requests.clone()
            }
            ApiFailure::Refused(problem) => problem.detail.clone(),
        }
    }

    /// Per-field problems, when the API listed them.
    pub fn field_problems(&self) -> Vec<FieldProblem> {
        match self {
            ApiFailure::Refused(problem) => problem.errors.clone(),
            ApiFailure::Unreachable => Vec::new(),
        }
    }
}

/// A JSON request body, written by the browser's `JSON.stringify` (no JSON writer in the wasm).
trait JsonBody {
    /// The request with `value` as its JSON body.
    fn json_body<T: serde::Serialize + ?Sized>(
        self,
        value: &T,
    ) -> Result<gloo_net::http::Request, ApiFailure>;
}

impl JsonBody for gloo_net::http::RequestBuilder {
    fn json_body<T: serde::Serialize + ?Sized>(
        self,
        value: &T,
    ) -> Result<gloo_net::http::Request, ApiFailure> {
        let text = crate::json::write(value, false).ok_or(ApiFailure::Unreachable)?;
        self.header("Content-Type", "application/json").body(text).map_err(|_| ApiFailure::Unreachable)
    }
}

/// The response's JSON body as `T`: parsed by the browser, then read into `T`
/// (faster than a JSON parser in wasm, and none is needed for it).
async fn body<T: serde::de::DeserializeOwned>(response: gloo_net::http::Response) -> Result<T, ApiFailure> {
    let parsed = web_sys::Response::from(response).json().map_err(|_| ApiFailure::Unreachable)?;
    let value = wasm_bindgen_futures::JsFuture::from(parsed).await.map_err(|_| ApiFailure::Unreachable)?;
    crate::json::read(value).ok_or(ApiFailure::Unreachable)
}

async fn refused(response: gloo_net::http::Response) -> ApiFailure {
    let status = response.status();
    let title = response.status_text();
    match body::<Problem>(response).await {
        Ok(problem) => ApiFailure::Refused(problem),
        Err(_) => ApiFailure::Refused(Problem {
            kind: "about:blank".to_owned(),
            title,
            status,
            detail: format!("The servicekit service answered with an unexpected error ({status})."),
            errors: Vec::new(),
        }),
    }
}

/// Loads a role profile.
pub async fn role(api: &str, role: &str) -> Result<RoleProfile, ApiFailure> {
    get_json(&format!("{api}/v1/roles/{role}"), None).await
}

/// Submits a self-assessment.
pub async fn submit(api: &str, submission: &AssessmentSubmission) -> Result<Created, ApiFailure> {
    let request = Request::post(&format!("{api}/v1/assessments")).json_body(submission)?;
    let response = request.send().await.map_err(|_| ApiFailure::Unreachable)?;
    if response.status() != 201 {
        return Err(refused(response).await);
    }
    body(response).await
}

/// Lists role profiles.
pub async fn roles(api: &str) -> Result<Vec<RoleSummary>, ApiFailure> {
    get_json(&format!("{api}/v1/roles"), None).await
}

/// Creates a team; the response holds the lead's token.
pub async fn create_team(api: &str, team: &TeamSubmission) -> Result<Created, ApiFailure> {
    let request = Request::post(&format!("{api}/v1/teams")).json_body(team)?;
    let response = request.send().await.map_err(|_| ApiFailure::Unreachable)?;
    if response.status() != 201 {
        return Err(refused(response).await);
    }
    body(response).await
}

/// A team's coverage, with the lead's token.
pub async fn team_report(api: &str, team: &str, token: &str) -> Result<TeamReport, ApiFailure> {
    get_json(&format!("{api}/v1/teams/{team}/coverage"), Some(token)).await
}

async fn get_json<T: serde::de::DeserializeOwned>(url: &str, token: Option<&str>) -> Result<T, ApiFailure> {
    let mut request = Request::get(url);
    if let Some(token) = token {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let response = request.send().await.map_err(|_| ApiFailure::Unreachable)?;
    if !response.ok() {
        return Err(refused(response).await);
    }
    body(response).await
}

/// Reads an assessment with its token.
pub async fn assessment(api: &str, id: &str, token: &str) -> Result<AssessmentRecord, ApiFailure> {
    get_json(&format!("{api}/v1/assessments/{id}"), Some(token)).await
}

/// Deletes an assessment for good, with its token.
pub async fn delete_assessment(api: &str, id: &str, token: &str) -> Result<(), ApiFailure> {
    let response = Request::delete(&format!("{api}/v1/assessments/{id}"))
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .map_err(|_| ApiFailure::Unreachable)?;
    if response.status() != 204 {
        return Err(refused(response).await);
    }
    Ok(())
}

/// A service's latest contract with its need statuses.
pub async fn contract(api: &str, slug: &str) -> Result<ContractView, ApiFailure> {
    get_json(&format!("{api}/v1/services/{slug}/contract"), None).await
}

/// A service's Correction of Error documents.
pub async fn coes(api: &str, slug: &str) -> Result<Vec<CoeSummary>, ApiFailure> {
    get_json(&format!("{api}/v1/services/{slug}/coe"), None).await
}

/// A service's KPIs per period, with the take-up target.
pub async fn kpis(api: &str, slug: &str) -> Result<servicekit_core::kpi::KpiReport, ApiFailure> {
    get_json(&format!("{api}/v1/services/{slug}/kpis"), None).await
}

/// Sends a rating and comment for a service.
pub async fn send_feedback(
    api: &str,
    slug: &str,
    feedback: &servicekit_core::feedback::FeedbackSubmission,
) -> Result<(), ApiFailure> {
    let request = Request::post(&format!("{api}/v1/services/{slug}/feedback")).json_body(feedback)?;
    let response = request.send().await.map_err(|_| ApiFailure::Unreachable)?;
    if response.status() != 201 {
        return Err(refused(response).await);
    }
    Ok(())
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// Checks a service token by reading the service's feedback (which needs it).
pub async fn check_service_token(api: &str, slug: &str, token: &str) -> Result<(), ApiFailure> {
    get_json::<serde::de::IgnoredAny>(&format!("{api}/v1/services/{slug}/feedback"), Some(token))
        .await
        .map(|_| ())
}

/// Saves a new version of a service's contract.
pub async fn put_contract(
    api: &str,
    slug: &str,
    token: &str,
    contract: &servicekit_core::contract::ServiceContract,
) -> Result<servicekit_core::contract::SavedContract, ApiFailure> {
    let request = Request::put(&format!("{api}/v1/services/{slug}/contract"))
        .header("Authorization", &bearer(token))
        .json_body(contract)?;
    let response = request.send().await.map_err(|_| ApiFailure::Unreachable)?;
    if response.status() != 201 {
        return Err(refused(response).await);
    }
    body(response).await
}

/// Uploads measurements as CSV.
pub async fn upload_measurements(
    api: &str,
    slug: &str,
    token: &str,
    csv: String,
) -> Result<servicekit_core::measurement::MeasurementReceipt, ApiFailure> {
    let request = Request::post(&format!("{api}/v1/services/{slug}/measurements"))
        .header("Authorization", &bearer(token))
        .header("Content-Type", "text/csv")
        .body(csv)
        .map_err(|_| ApiFailure::Unreachable)?;
    let response = request.send().await.map_err(|_| ApiFailure::Unreachable)?;
    if !response.ok() {
        return Err(refused(response).await);
    }
    body(response).await
}

/// Publishes a Correction of Error document.
pub async fn publish_coe(
    api: &str,
    slug: &str,
    token: &str,
    document: &servicekit_core::coe::CorrectionOfError,
) -> Result<(), ApiFailure> {
    let request = Request::post(&format!("{api}/v1/services/{slug}/coe"))
        .header("Authorization", &bearer(token))
        .json_body(document)?;
    let response = request.send().await.map_err(|_| ApiFailure::Unreachable)?;
    if response.status() != 201 {
        return Err(refused(response).await);
    }
    Ok(())
}

/// One published Correction of Error document.
pub async fn coe(api: &str, slug: &str, id: &str) -> Result<servicekit_core::coe::PublishedCoe, ApiFailure> {
    get_json(&format!("{api}/v1/services/{slug}/coe/{id}"), None).await
}

/// Changes the status of corrective action `n` of a document.
pub async fn update_action(
    api: &str,
    slug: &str,
    token: &str,
    id: &str,
    n: usize,
    status: servicekit_core::coe::ActionStatus,
) -> Result<(), ApiFailure> {
    let request = Request::put(&format!("{api}/v1/services/{slug}/coe/{id}/actions/{n}"))
        .header("Authorization", &bearer(token))
        .json_body(&servicekit_core::coe::ActionUpdate { status })?;
    let response = request.send().await.map_err(|_| ApiFailure::Unreachable)?;
    if !response.ok() {
        return Err(refused(response).await);
    }
    Ok(())
}

/// Replaces the service token; returns the new one.
pub async fn rotate_token(api: &str, slug: &str, token: &str) -> Result<String, ApiFailure> {
    let response = Request::post(&format!("{api}/v1/services/{slug}/token"))
        .header("Authorization", &bearer(token))
        .send()
        .await
        .map_err(|_| ApiFailure::Unreachable)?;
    if !response.ok() {
        return Err(refused(response).await);
    }
    body::<Created>(response).await.map(|c| c.token)
}

/// What a call has answered: `None` until its first answer.
///
/// The call runs when the widget starts, and again whenever a signal it reads
/// before its first `.await` changes; until the new answer arrives the last
/// one stays, and an answer overtaken by a newer call is dropped. (Leptos's
/// `LocalResource` does the same with its async-derived machinery, which costs
/// each widget bundle about 35 KB of wasm.)
pub fn fetched<T, Call>(
    call: impl Fn() -> Call + 'static,
) -> leptos::prelude::ReadSignal<Option<T>, leptos::prelude::LocalStorage>
where
    T: 'static,
    Call: std::future::Future<Output = T> + 'static,
{
    use leptos::prelude::*;
    let (answer, set_answer) = signal_local(None::<T>);
    let latest = std::rc::Rc::new(std::cell::Cell::new(0u32));
    // One Effect for every kind of answer (generic effects cost ~0.7 KB of wasm each).
    run_tracked(Box::new(move || {
        let pending = call();
        let asked = latest.get().wrapping_add(1);
        latest.set(asked);
        let latest = latest.clone();
        leptos::task::spawn_local(async move {
            let value = pending.await;
            if latest.get() == asked {
                // The widget may be gone by now; then there is nothing to show it in.
                let _ = set_answer.try_set(Some(value));
            }
        });
    }));
    answer
}

/// Runs `run` now and again whenever a signal it read changes.
fn run_tracked(run: Box<dyn Fn()>) {
    leptos::prelude::Effect::new(move |_| run());
}
