//! Calls to the Worker's public HTTP API.

use servicekit_core::api::{Created, Problem, RoleSummary};
use servicekit_core::assessment::{Assessment, AssessmentSubmission, FieldProblem};
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

/// The servicekit API as a widget calls it: the Worker's origin, and the
/// widget's language, which every call asks its problem details in
/// (`Accept-Language`, a header a browser sends across origins without asking first).
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    origin: String,
    lang: &'static str,
}

impl Api {
    /// The API at `origin` (no trailing slash), for a widget in `lang` (`en` or `cy`).
    pub fn new(origin: String, lang: &'static str) -> Api {
        Api { origin, lang }
    }

    /// A request to `path` (from `/v1/`), with no token or body, answered with any success.
    fn call(&self, method: &'static str, path: &str) -> Call<'static> {
        Call {
            method,
            url: format!("{}{path}", self.origin),
            lang: self.lang,
            token: None,
            body: None,
            expect: Expect::Success,
        }
    }
}

/// The origin, as the start of an address.
impl std::fmt::Display for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.origin)
    }
}

/// Which statuses count as the answer a call wants; any other is a refusal.
#[derive(Clone, Copy)]
enum Expect {
    /// Any 2xx status.
    Success,
    /// Exactly this status (201 for a creation, 204 for a deletion).
    Status(u16),
}

/// One request to the API, sent through the browser's `fetch`.
///
/// Sending is not generic: the typed functions below only describe their
/// request and read its answer (each generic copy of a request future cost
/// about 2 KB of wasm).
struct Call<'a> {
    method: &'static str,
    url: String,
    /// The language asked for (`Accept-Language`).
    lang: &'static str,
    token: Option<&'a str>,
    /// The body's media type and text.
    body: Option<(&'static str, String)>,
    expect: Expect,
}

impl<'a> Call<'a> {
    /// With the bearer token the resource needs.
    fn token(self, token: &'a str) -> Self {
        Call { token: Some(token), ..self }
    }

    /// With `value` as its JSON body, written by the browser's `JSON.stringify` (no JSON writer in the wasm).
    fn json_body<T: serde::Serialize + ?Sized>(self, value: &T) -> Result<Self, ApiFailure> {
        let text = crate::json::write(value, false).ok_or(ApiFailure::Unreachable)?;
        Ok(self.body("application/json", text))
    }

    /// With `text` as its body, of type `media_type`.
    fn body(self, media_type: &'static str, text: String) -> Self {
        Call { body: Some((media_type, text)), ..self }
    }

    /// Answered with exactly `status` (201 for a creation, 204 for a deletion).
    fn expecting(self, status: u16) -> Self {
        Call { expect: Expect::Status(status), ..self }
    }

    /// Sends it; the response when its status is the one expected, else the API's problem details.
    async fn send(self) -> Result<web_sys::Response, ApiFailure> {
        use wasm_bindgen::JsCast;
        let init = web_sys::RequestInit::new();
        init.set_method(self.method);
        let headers = web_sys::Headers::new().map_err(|_| ApiFailure::Unreachable)?;
        headers.set("Accept-Language", self.lang).map_err(|_| ApiFailure::Unreachable)?;
        if let Some(token) = self.token {
            headers.set("Authorization", &format!("Bearer {token}")).map_err(|_| ApiFailure::Unreachable)?;
        }
        if let Some((media_type, text)) = &self.body {
            headers.set("Content-Type", media_type).map_err(|_| ApiFailure::Unreachable)?;
            init.set_body(&wasm_bindgen::JsValue::from_str(text));
        }
        init.set_headers(&headers);
        let window = web_sys::window().ok_or(ApiFailure::Unreachable)?;
        let sent = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(&self.url, &init));
        let response: web_sys::Response = sent.await.map_err(|_| ApiFailure::Unreachable)?.unchecked_into();
        let wanted = match self.expect {
            Expect::Success => response.ok(),
            Expect::Status(status) => response.status() == status,
        };
        match wanted {
            true => Ok(response),
            false => Err(refused(response).await),
        }
    }

    /// Sends it; the answer's body as text.
    async fn text(self) -> Result<String, ApiFailure> {
        let text = self.send().await?.text().map_err(|_| ApiFailure::Unreachable)?;
        let text = wasm_bindgen_futures::JsFuture::from(text).await.map_err(|_| ApiFailure::Unreachable)?;
        text.as_string().ok_or(ApiFailure::Unreachable)
    }

    /// Sends it; the answer's JSON body as the browser parsed it.
    async fn json(self) -> Result<wasm_bindgen::JsValue, ApiFailure> {
        json_of(self.send().await?).await
    }
}

/// The response's JSON body, parsed by the browser (faster than a JSON parser
/// in wasm, and none is needed for it).
async fn json_of(response: web_sys::Response) -> Result<wasm_bindgen::JsValue, ApiFailure> {
    let parsed = response.json().map_err(|_| ApiFailure::Unreachable)?;
    wasm_bindgen_futures::JsFuture::from(parsed).await.map_err(|_| ApiFailure::Unreachable)
}

/// An answer read into `T`; `Unreachable` if it is not one (not the API answering).
fn answer<T: serde::de::DeserializeOwned>(value: wasm_bindgen::JsValue) -> Result<T, ApiFailure> {
    crate::json::read(value).ok_or(ApiFailure::Unreachable)
}

async fn refused(response: web_sys::Response) -> ApiFailure {
    let status = response.status();
    let title = response.status_text();
    match json_of(response).await.and_then(answer::<Problem>) {
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
pub async fn role(api: &Api, role: &str) -> Result<RoleProfile, ApiFailure> {
    answer(api.call("GET", &format!("/v1/roles/{role}")).json().await?)
}

/// Submits a self-assessment.
pub async fn submit(api: &Api, submission: &AssessmentSubmission) -> Result<Created, ApiFailure> {
    let call = api.call("POST", "/v1/assessments").json_body(submission)?;
    answer(call.expecting(201).json().await?)
}

/// Lists role profiles.
pub async fn roles(api: &Api) -> Result<Vec<RoleSummary>, ApiFailure> {
    answer(api.call("GET", "/v1/roles").json().await?)
}

/// Creates a team; the response holds the lead's token.
pub async fn create_team(api: &Api, team: &TeamSubmission) -> Result<Created, ApiFailure> {
    let call = api.call("POST", "/v1/teams").json_body(team)?;
    answer(call.expecting(201).json().await?)
}

/// A team's coverage, with the lead's token.
pub async fn team_report(api: &Api, team: &str, token: &str) -> Result<TeamReport, ApiFailure> {
    answer(api.call("GET", &format!("/v1/teams/{team}/coverage")).token(token).json().await?)
}

/// Reads an assessment with its token: the assessment itself, without the record's
/// gaps, summary and changes (the widget works those out again with core's rules).
pub async fn assessment(api: &Api, id: &str, token: &str) -> Result<Assessment, ApiFailure> {
    answer(api.call("GET", &format!("/v1/assessments/{id}")).token(token).json().await?)
}

/// Deletes an assessment for good, with its token.
pub async fn delete_assessment(api: &Api, id: &str, token: &str) -> Result<(), ApiFailure> {
    let call = api.call("DELETE", &format!("/v1/assessments/{id}")).token(token);
    call.expecting(204).send().await.map(drop)
}

/// A service's latest contract with its need statuses.
pub async fn contract(api: &Api, slug: &str) -> Result<ContractView, ApiFailure> {
    answer(api.call("GET", &format!("/v1/services/{slug}/contract")).json().await?)
}

/// A service's Correction of Error documents.
pub async fn coes(api: &Api, slug: &str) -> Result<Vec<CoeSummary>, ApiFailure> {
    answer(api.call("GET", &format!("/v1/services/{slug}/coe")).json().await?)
}

/// HTML the Worker renders for a widget to keep (`path` under `/v1/`, with its `?lang=`).
pub async fn rendering(api: &Api, path: &str) -> Result<String, ApiFailure> {
    api.call("GET", &format!("/v1/{path}")).text().await
}

/// Sends a rating and comment for a service.
pub async fn send_feedback(
    api: &Api,
    slug: &str,
    feedback: &servicekit_core::feedback::FeedbackSubmission,
) -> Result<(), ApiFailure> {
    let call = api.call("POST", &format!("/v1/services/{slug}/feedback")).json_body(feedback)?;
    call.expecting(201).send().await.map(drop)
}

/// Checks a service token by reading the service's feedback (which needs it).
pub async fn check_service_token(api: &Api, slug: &str, token: &str) -> Result<(), ApiFailure> {
    api.call("GET", &format!("/v1/services/{slug}/feedback")).token(token).send().await.map(drop)
}

/// Saves a new version of a service's contract.
pub async fn put_contract(
    api: &Api,
    slug: &str,
    token: &str,
    contract: &servicekit_core::contract::ServiceContract,
) -> Result<servicekit_core::contract::SavedContract, ApiFailure> {
    let call = api.call("PUT", &format!("/v1/services/{slug}/contract")).token(token).json_body(contract)?;
    answer(call.expecting(201).json().await?)
}

/// Uploads measurements as CSV.
pub async fn upload_measurements(
    api: &Api,
    slug: &str,
    token: &str,
    csv: String,
) -> Result<servicekit_core::measurement::MeasurementReceipt, ApiFailure> {
    let call = api.call("POST", &format!("/v1/services/{slug}/measurements")).token(token);
    answer(call.body("text/csv", csv).json().await?)
}

/// Publishes a Correction of Error document.
pub async fn publish_coe(
    api: &Api,
    slug: &str,
    token: &str,
    document: &servicekit_core::coe::CorrectionOfError,
) -> Result<(), ApiFailure> {
    let call = api.call("POST", &format!("/v1/services/{slug}/coe")).token(token).json_body(document)?;
    call.expecting(201).send().await.map(drop)
}

/// One published Correction of Error document.
pub async fn coe(api: &Api, slug: &str, id: &str) -> Result<servicekit_core::coe::PublishedCoe, ApiFailure> {
    answer(api.call("GET", &format!("/v1/services/{slug}/coe/{id}")).json().await?)
}

/// Changes the status of corrective action `n` of a document.
pub async fn update_action(
    api: &Api,
    slug: &str,
    token: &str,
    id: &str,
    n: usize,
    status: servicekit_core::coe::ActionStatus,
) -> Result<(), ApiFailure> {
    let call = api.call("PUT", &format!("/v1/services/{slug}/coe/{id}/actions/{n}")).token(token);
    call.json_body(&servicekit_core::coe::ActionUpdate { status })?.send().await.map(drop)
}

/// Replaces the service token; returns the new one.
pub async fn rotate_token(api: &Api, slug: &str, token: &str) -> Result<String, ApiFailure> {
    let call = api.call("POST", &format!("/v1/services/{slug}/token")).token(token);
    answer::<Created>(call.json().await?).map(|created| created.token)
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
