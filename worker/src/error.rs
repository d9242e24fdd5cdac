//! The one error type of the API, turned into RFC 9457 problem details here and only here.

use crate::pages::PageText;
use servicekit_core::api::{Problem, PROBLEM_JSON};
use servicekit_core::FieldProblem;
use worker::Response;

/// A problem's detail as a key of the Worker's translation files (`worker/i18n`)
/// and the values of its `{placeholders}`, written out in the asker's language.
#[derive(Debug)]
pub struct Detail {
    key: &'static str,
    values: Vec<(&'static str, String)>,
}

impl Detail {
    /// The sentence at `key`, with `values` for its placeholders.
    pub fn new(key: &'static str, values: &[(&'static str, &str)]) -> Detail {
        Detail { key, values: values.iter().map(|(name, value)| (*name, (*value).to_owned())).collect() }
    }

    fn in_words(&self, text: &PageText) -> String {
        let values: Vec<(&str, &dyn std::fmt::Display)> =
            self.values.iter().map(|(name, value)| (*name, value as &dyn std::fmt::Display)).collect();
        text.fill(self.key, &values)
    }
}

/// Everything a request can fail with, as the client should see it.
#[derive(Debug)]
pub enum ApiError {
    /// The body is not JSON of the expected shape.
    MalformedBody(String),
    /// The body is well-formed but its values break domain rules.
    Invalid(Vec<FieldProblem>),
    /// The request needs credentials it does not carry.
    Unauthorized,
    /// No such resource, or the caller may not know it exists.
    NotFound(Detail),
    /// The resource already exists.
    Conflict(Detail),
    /// The path exists but not for this method; carries the `Allow` value.
    MethodNotAllowed(&'static str),
    /// The body is not of a media type this endpoint accepts.
    UnsupportedMediaType(&'static str),
    /// The body is larger than the API accepts.
    PayloadTooLarge(usize),
    /// Too many unauthenticated writes from this client; carries the seconds to wait.
    TooManyRequests(u32),
    /// A browser origin not on the allow-list.
    OriginNotAllowed,
    /// Storage failed; nothing was changed.
    StorageUnavailable(String),
    /// A bug or an unexpected runtime failure.
    Internal(String),
}

impl ApiError {
    /// The 404 for a slug that names no service (or is not a slug at all).
    pub fn unknown_service(slug: &str) -> ApiError {
        ApiError::not_found("problem_no_service", &[("slug", slug)])
    }

    /// A 404 saying, at translation key `key`, what is not there.
    pub fn not_found(key: &'static str, values: &[(&'static str, &str)]) -> ApiError {
        ApiError::NotFound(Detail::new(key, values))
    }

    /// A 409 saying, at translation key `key`, what already exists.
    pub fn conflict(key: &'static str, values: &[(&'static str, &str)]) -> ApiError {
        ApiError::Conflict(Detail::new(key, values))
    }

    /// Renders the error as `application/problem+json`, its title and detail in
    /// `text`'s language (field problems and a body's parse error stay English),
    /// logging internal detail.
    pub fn into_response(self, text: &PageText) -> Response {
        let allow = match &self {
            ApiError::MethodNotAllowed(allow) => Some(*allow),
            _ => None,
        };
        let retry_after = match &self {
            ApiError::TooManyRequests(seconds) => Some(*seconds),
            _ => None,
        };
        let (status, kind, detail, errors) = match self {
            ApiError::MalformedBody(reason) => (400, "malformed-body", reason, vec![]),
            ApiError::Invalid(errors) => (422, "validation", text.get("problem_validation_detail"), errors),
            ApiError::NotFound(detail) => (404, "not-found", detail.in_words(text), vec![]),
            ApiError::Conflict(detail) => (409, "conflict", detail.in_words(text), vec![]),
            ApiError::Unauthorized => (401, "unauthorized", text.get("problem_unauthorized_detail"), vec![]),
            ApiError::MethodNotAllowed(allow) => (
                405,
                "method-not-allowed",
                text.fill("problem_method_not_allowed_detail", &[("allow", &allow)]),
                vec![],
            ),
            ApiError::UnsupportedMediaType(expected) => (
                415,
                "unsupported-media-type",
                text.fill("problem_unsupported_media_type_detail", &[("expected", &expected)]),
                vec![],
            ),
            ApiError::PayloadTooLarge(limit) => (
                413,
                "payload-too-large",
                text.fill("problem_payload_too_large_detail", &[("limit", &limit)]),
                vec![],
            ),
            ApiError::TooManyRequests(seconds) => (
                429,
                "too-many-requests",
                text.fill("problem_too_many_requests_detail", &[("seconds", &seconds)]),
                vec![],
            ),
            ApiError::OriginNotAllowed => {
                (403, "origin-not-allowed", text.get("problem_origin_not_allowed_detail"), vec![])
            }
            ApiError::StorageUnavailable(internal) => {
                worker::console_error!("storage unavailable: {internal}");
                (503, "storage-unavailable", text.get("problem_storage_unavailable_detail"), vec![])
            }
            ApiError::Internal(internal) => {
                worker::console_error!("internal error: {internal}");
                (500, "internal", text.get("problem_internal_detail"), vec![])
            }
        };
        // Each kind's title is at `problem_{kind}_title` (kebab-case as snake_case).
        let title = text.get(&format!("problem_{}_title", kind.replace('-', "_")));
        let problem = Problem { kind: format!("/problems/{kind}"), title, status, detail, errors };
        let body = serde_json::to_string(&problem).unwrap_or_default();
        let mut response = Response::ok(body).expect("a string body is always valid").with_status(status);
        let headers = response.headers_mut();
        let _ = headers.set("Content-Type", PROBLEM_JSON);
        if let Some(allow) = allow {
            let _ = headers.set("Allow", allow);
        }
        if let Some(seconds) = retry_after {
            let _ = headers.set("Retry-After", &seconds.to_string());
        }
        if status == 401 {
            let _ = headers.set("WWW-Authenticate", "Bearer");
        }
        response
    }
}

impl From<worker::Error> for ApiError {
    fn from(err: worker::Error) -> Self {
        ApiError::Internal(err.to_string())
    }
}

impl From<worker::kv::KvError> for ApiError {
    fn from(err: worker::kv::KvError) -> Self {
        ApiError::StorageUnavailable(err.to_string())
    }
}
