//! The one error type of the API, turned into RFC 9457 problem details here and only here.

use servicekit_core::api::{Problem, PROBLEM_JSON};
use servicekit_core::FieldProblem;
use worker::Response;

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
    NotFound(String),
    /// The resource already exists.
    Conflict(String),
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
        ApiError::NotFound(format!("There is no service called '{slug}'."))
    }

    /// Renders the error as `application/problem+json`, logging internal detail.
    pub fn into_response(self) -> Response {
        let allow = match &self {
            ApiError::MethodNotAllowed(allow) => Some(*allow),
            _ => None,
        };
        let retry_after = match &self {
            ApiError::TooManyRequests(seconds) => Some(*seconds),
            _ => None,
        };
        let (status, kind, title, detail, errors) = match self {
            ApiError::MalformedBody(detail) => {
                (400, "malformed-body", "The request body could not be read", detail, vec![])
            }
            ApiError::Invalid(errors) => (
                422,
                "validation",
                "The request has invalid values",
                "Some values are missing or not allowed; see errors for each one.".to_owned(),
                errors,
            ),
            ApiError::NotFound(detail) => (404, "not-found", "Not found", detail, vec![]),
            ApiError::Conflict(detail) => (409, "conflict", "Already exists", detail, vec![]),
            ApiError::Unauthorized => (
                401,
                "unauthorized",
                "Credentials needed",
                "Send the token for this address as 'Authorization: Bearer <token>'.".to_owned(),
                vec![],
            ),
            ApiError::MethodNotAllowed(allow) => (
                405,
                "method-not-allowed",
                "Method not allowed",
                format!("This address accepts {allow} only."),
                vec![],
            ),
            ApiError::UnsupportedMediaType(expected) => (
                415,
                "unsupported-media-type",
                "Unsupported media type",
                format!("Send the body as {expected} and say so in Content-Type."),
                vec![],
            ),
            ApiError::PayloadTooLarge(limit) => (
                413,
                "payload-too-large",
                "Request body too large",
                format!("Request bodies must be {limit} bytes or smaller."),
                vec![],
            ),
            ApiError::TooManyRequests(seconds) => (
                429,
                "too-many-requests",
                "Too many requests",
                format!("Too many submissions from this address just now. Try again in {seconds} seconds."),
                vec![],
            ),
            ApiError::OriginNotAllowed => (
                403,
                "origin-not-allowed",
                "Origin not allowed",
                "This servicekit deployment does not accept requests from this website. Ask its administrator to add the site to ALLOWED_ORIGINS.".to_owned(),
                vec![],
            ),
            ApiError::StorageUnavailable(internal) => {
                worker::console_error!("storage unavailable: {internal}");
                (
                    503,
                    "storage-unavailable",
                    "Storage unavailable",
                    "Storage is not answering just now. Nothing was changed; try again in a minute.".to_owned(),
                    vec![],
                )
            }
            ApiError::Internal(internal) => {
                worker::console_error!("internal error: {internal}");
                (
                    500,
                    "internal",
                    "Internal error",
                    "Something went wrong on our side. Nothing was changed; try again later.".to_owned(),
                    vec![],
                )
            }
        };
        let problem =
            Problem { kind: format!("/problems/{kind}"), title: title.to_owned(), status, detail, errors };
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
