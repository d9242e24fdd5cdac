//! The OpenAPI 3.1 description of the HTTP API, generated from the types the Worker reads and writes.
//!
//! Feature `openapi` only: `cargo xtask openapi` writes [`document`] to
//! `worker/openapi.json`, which the Worker serves at `GET /v1/openapi.json`, and
//! a test fails when the committed file and the types disagree.

use crate::{
    api, assessment, backup, coe, contract, ddat_import, feedback, kpi, measurement, role, team, VERSION,
};
use schemars::{generate::SchemaSettings, JsonSchema, SchemaGenerator};
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

/// A contract as a service manager writes it (also a test fixture).
const CONTRACT_EXAMPLE: &str =
    include_str!("../../../tests/support/contracts/apply-for-a-fishing-licence.json");

/// A Correction of Error document (also a test fixture).
const COE_EXAMPLE: &str = include_str!("../../../tests/support/contracts/coe-payment-outage.json");

/// Who may call an operation, and with which bearer token.
#[derive(Clone, Copy, PartialEq)]
enum Access {
    /// Anyone; no token.
    Public,
    /// Anyone, but writes are rate-limited per client (429).
    PublicWrite,
    /// The deployment's administrator token.
    Admin,
    /// The service's token.
    Service,
    /// The service's token or the administrator token.
    ServiceOrAdmin,
    /// The token returned when the record was created.
    Record,
}

/// The whole description, as JSON.
pub fn document() -> Value {
    let mut spec = Spec {
        generator: SchemaSettings::draft2020_12()
            .with(|s| s.definitions_path = "/components/schemas".into())
            .into_generator(),
        paths: Map::new(),
    };
    let mut slug = path_param("slug", "The service's slug.", slug_schema());
    slug["example"] = json!("apply-for-a-fishing-licence");
    let id = |what: &str| path_param("id", what, json!({ "type": "string" }));

    spec.op("get", "/v1/health", "getHealth", "Whether the API answers, and its version.", Access::Public)
        .ok::<api::Health>(200, "The API answers.", Some(json!({ "status": "ok", "version": VERSION })))
        .add();
    spec.op("get", "/v1/openapi.json", "getOpenApi", "This description of the API.", Access::Public)
        .ok_raw(200, "An OpenAPI 3.1 document.", "application/json", json!({ "type": "object" }))
        .add();
    spec.op("get", "/v1/roles", "listRoles", "Built-in and imported role profiles.", Access::Public)
        .ok::<Vec<api::RoleSummary>>(200, "Every role profile, built-in first.", None)
        .add();
    spec.op(
        "get",
        "/v1/roles/{id}",
        "getRole",
        "One role profile with its skills and levels.",
        Access::Public,
    )
    .param(with_example(id("Role profile id."), "ddat-service-owner-2025"))
    .ok::<role::RoleProfile>(200, "The profile.", None)
    .problems(&[404])
    .add();
    let lang = json!({
        "name": "lang", "in": "query", "required": false,
        "description": "`cy` for Welsh; `en` (the default) for English.",
        "schema": { "type": "string", "enum": ["en", "cy"] }
    });
    spec.op(
        "get",
        "/v1/roles/{id}/form.html",
        "getRoleFormFirstPaint",
        "The self-assessment widget's form for a role profile as HTML, unanswered, shown by `embed.js` while the widget's code loads.",
        Access::Public,
    )
    .param(with_example(id("Role profile id."), "ddat-service-owner-2025"))
    .param(lang.clone())
    .ok_raw(
        200,
        "A `<section>` of the widget's markup: the role, the service questions and each skill's question.",
        "text/html",
        json!({ "type": "string" }),
    )
    .problems(&[404, 422])
    .add();
    spec.op("get", "/v1/frameworks", "listFrameworks", "Imported framework editions.", Access::Public)
        .ok::<Vec<api::FrameworkSummary>>(200, "Every imported edition.", None)
        .add();
    spec.op("get", "/v1/frameworks/{id}", "getFramework", "A framework's roles and levels.", Access::Public)
        .param(with_example(id("Framework id."), "ddat-2025"))
        .ok::<api::FrameworkIndex>(200, "The framework's index.", None)
        .problems(&[404])
        .add();
    spec.op(
        "put",
        "/v1/frameworks/{id}",
        "putFramework",
        "Stores an imported framework catalogue (from `cargo xtask import-ddat`).",
        Access::Admin,
    )
    .param(id("Framework id; must equal the catalogue's id."))
    .json_body::<ddat_import::FrameworkCatalogue>(None)
    .ok::<api::FrameworkSummary>(200, "Stored; the framework's summary.", None)
    .add();
    spec.op("post", "/v1/assessments", "createAssessment", "Submits a self-assessment against a role profile.", Access::PublicWrite)
        .json_body::<assessment::AssessmentSubmission>(Some(json!({
            "role": "ddat-service-owner-2020",
            "context": { "large": false, "outsources": true, "has_products": false },
            "ratings": {
                "user-focus": { "level": "practitioner", "evidence": "Led research with 40 users across three channels." },
                "agile-working": { "level": "working" }
            }
        })))
        .ok::<api::Created>(201, "Stored. Keep the token: it is the only way to read or delete the assessment.", None)
        .location()
        .add();
    spec.op(
        "get",
        "/v1/assessments/{id}",
        "getAssessment",
        "A stored assessment with its gaps.",
        Access::Record,
    )
    .param(id("Assessment id."))
    .ok::<api::AssessmentRecord>(200, "The assessment, its gaps and changes since the previous one.", None)
    .problems(&[404])
    .add();
    spec.op(
        "delete",
        "/v1/assessments/{id}",
        "deleteAssessment",
        "Deletes an assessment for good (and its team membership).",
        Access::Record,
    )
    .param(id("Assessment id."))
    .no_content("Deleted.")
    .problems(&[404])
    .add();
    spec.op(
        "post",
        "/v1/teams",
        "createTeam",
        "Creates a team whose members' assessments are counted anonymously.",
        Access::PublicWrite,
    )
    .json_body::<team::TeamSubmission>(Some(json!({
        "name": "Apply for a fishing licence team",
        "role": "ddat-service-owner-2025",
        "context": { "large": true, "outsources": false, "has_products": false }
    })))
    .ok::<api::Created>(201, "Created. The token lets the team lead read coverage.", None)
    .location()
    .add();
    spec.op(
        "get",
        "/v1/teams/{id}/coverage",
        "getTeamCoverage",
        "How the team covers the role's skills; counts only, nothing below the anonymity threshold.",
        Access::Record,
    )
    .param(id("Team id."))
    .ok::<team::TeamReport>(200, "The coverage, or why it is withheld.", None)
    .problems(&[404])
    .add();
    spec.op("get", "/v1/services", "listServices", "Every service.", Access::Public)
        .ok::<Vec<contract::ServiceSummary>>(200, "Every service, by slug.", None)
        .add();
    spec.op(
        "post",
        "/v1/services",
        "createService",
        "Creates a service and its service token.",
        Access::Admin,
    )
    .json_body::<contract::ServiceSubmission>(Some(json!({
        "slug": "apply-for-a-fishing-licence",
        "name": "Apply for a fishing licence",
        "manager": "Sam Patel"
    })))
    .ok::<api::Created>(201, "Created. The token lets the service team publish.", None)
    .location()
    .problems(&[409])
    .add();
    spec.op(
        "get",
        "/v1/services/{slug}/export",
        "exportService",
        "Everything stored for the service as one document, to back up or move it.",
        Access::Admin,
    )
    .param(slug.clone())
    .ok::<backup::ServiceExport>(200, "The export (a download).", None)
    .problems(&[404])
    .add();
    spec.op(
        "post",
        "/v1/services/import",
        "importService",
        "Restores an exported service; never over one that exists.",
        Access::Admin,
    )
    .json_body::<backup::ServiceExport>(None)
    .ok::<api::ImportReceipt>(201, "Restored; how many records of each kind.", None)
    .location()
    .problems(&[409])
    .add();
    spec.op(
        "post",
        "/v1/services/{slug}/token",
        "rotateServiceToken",
        "Replaces the service token; the old one stops working at once.",
        Access::ServiceOrAdmin,
    )
    .param(slug.clone())
    .ok::<api::Created>(200, "The new token, shown once.", None)
    .problems(&[404])
    .add();
    spec.op(
        "get",
        "/v1/services/{slug}/contract",
        "getContract",
        "The latest contract and whether each user need is met.",
        Access::Public,
    )
    .param(slug.clone())
    .ok::<contract::ContractView>(
        200,
        "The latest version with each need's status and each metric's latest value.",
        None,
    )
    .problems(&[404])
    .add();
    spec.op(
        "put",
        "/v1/services/{slug}/contract",
        "putContract",
        "Saves a new version of the contract; older versions are kept.",
        Access::Service,
    )
    .param(slug.clone())
    .json_body::<contract::ServiceContract>(Some(example::<contract::ServiceContract>(CONTRACT_EXAMPLE)))
    .ok::<contract::SavedContract>(201, "Saved; warnings did not stop the save.", None)
    .location()
    .problems(&[404])
    .add();
    spec.op(
        "get",
        "/v1/services/{slug}/contract/versions",
        "listContractVersions",
        "Every saved version of the contract, oldest first.",
        Access::Public,
    )
    .param(slug.clone())
    .ok::<Vec<api::VersionLink>>(200, "The versions (empty for an unknown service).", None)
    .problems(&[404])
    .add();
    spec.op(
        "get",
        "/v1/services/{slug}/contract/versions/{version}",
        "getContractVersion",
        "One saved version of the contract.",
        Access::Public,
    )
    .param(slug.clone())
    .param(path_param("version", "Version id.", json!({ "type": "string" })))
    .ok::<contract::ContractVersion>(200, "The version.", None)
    .problems(&[404])
    .add();
    spec.op(
        "get",
        "/v1/services/{slug}/coe",
        "listCoes",
        "The service's Correction of Error documents, oldest first.",
        Access::Public,
    )
    .param(slug.clone())
    .ok::<Vec<coe::CoeSummary>>(200, "Summaries (empty for an unknown service).", None)
    .problems(&[404])
    .add();
    spec.op(
        "post",
        "/v1/services/{slug}/coe",
        "publishCoe",
        "Publishes a Correction of Error document.",
        Access::Service,
    )
    .param(slug.clone())
    .json_body::<coe::CorrectionOfError>(Some(example::<coe::CorrectionOfError>(COE_EXAMPLE)))
    .ok::<coe::PublishedCoe>(201, "Published.", None)
    .location()
    .problems(&[404])
    .add();
    spec.op(
        "get",
        "/v1/services/{slug}/coe/{id}",
        "getCoe",
        "One Correction of Error document.",
        Access::Public,
    )
    .param(slug.clone())
    .param(id("Document id."))
    .ok::<coe::PublishedCoe>(200, "The document.", None)
    .problems(&[404])
    .add();
    spec.op(
        "put",
        "/v1/services/{slug}/coe/{id}/actions/{n}",
        "updateCoeAction",
        "Sets one corrective action's status.",
        Access::Service,
    )
    .param(slug.clone())
    .param(id("Document id."))
    .param(path_param("n", "The action's position, from 0.", json!({ "type": "integer", "minimum": 0 })))
    .json_body::<coe::ActionUpdate>(Some(json!({ "status": "done" })))
    .ok::<coe::PublishedCoe>(200, "The document with the new status.", None)
    .problems(&[404])
    .add();
    spec.op(
        "get",
        "/v1/services/{slug}/measurements",
        "listMeasurements",
        "Every published measurement row, as JSON or CSV.",
        Access::Public,
    )
    .param(slug.clone())
    .param(json!({
        "name": "format", "in": "query", "required": false,
        "description": "`csv` for `text/csv` (the upload format); JSON otherwise.",
        "schema": { "type": "string", "enum": ["json", "csv"] }
    }))
    .ok::<measurement::MeasurementList>(200, "The rows, oldest period first.", None)
    .also_ok_raw(200, "text/csv", json!({ "type": "string" }))
    .problems(&[404, 422])
    .add();
    spec.op("post", "/v1/services/{slug}/measurements", "uploadMeasurements", "Publishes measurements: each period replaces what was stored for it.", Access::Service)
        .param(slug.clone())
        .json_body::<measurement::MeasurementUpload>(Some(json!({
            "measurements": [
                { "period": "2026-09", "channel": "digital", "started": 8120, "completed": 7310, "cost": 8204.5,
                  "rating_1": 6, "rating_2": 9, "rating_3": 14, "rating_4": 61, "rating_5": 58 },
                { "period": "2026-09", "channel": "phone", "completed": 2890, "cost": 27455 }
            ]
        })))
        .raw_body("text/csv", json!({ "type": "string" }),
            json!("period,channel,started,completed,cost,rating_1,rating_2,rating_3,rating_4,rating_5\n2026-09,digital,8120,7310,8204.50,6,9,14,61,58\n2026-09,phone,,2890,27455.00,,,,,\n"))
        .ok::<measurement::MeasurementReceipt>(200, "Stored; the periods replaced.", None)
        .problems(&[404])
        .add();
    spec.op(
        "get",
        "/v1/services/{slug}/kpis",
        "getKpis",
        "The four KPIs per period, rolling 12 months and change.",
        Access::Public,
    )
    .param(slug.clone())
    .ok::<kpi::KpiReport>(200, "The KPIs, oldest period first.", None)
    .problems(&[404])
    .add();
    spec.op(
        "get",
        "/v1/services/{slug}/take-up.html",
        "getTakeUpFirstPaint",
        "The take-up widget's chart as HTML, shown by `embed.js` while the widget's code loads.",
        Access::Public,
    )
    .param(slug.clone())
    .param(lang.clone())
    .ok_raw(
        200,
        "A `<section>` of the widget's markup, with the chart's SVG.",
        "text/html",
        json!({ "type": "string" }),
    )
    .problems(&[404, 422])
    .add();
    spec.op(
        "get",
        "/v1/services/{slug}/contract.html",
        "getContractView",
        "The contract viewer widget's content as HTML: the latest contract, each user need's status, dependencies and recent Correction of Error documents.",
        Access::Public,
    )
    .param(slug.clone())
    .param(lang.clone())
    .ok_raw(
        200,
        "A `<section>` of the widget's markup.",
        "text/html",
        json!({ "type": "string" }),
    )
    .problems(&[404, 422])
    .add();
    spec.op(
        "post",
        "/v1/services/{slug}/feedback",
        "giveFeedback",
        "Rates the service (1–5) with an optional comment.",
        Access::PublicWrite,
    )
    .param(slug.clone())
    .json_body::<feedback::FeedbackSubmission>(Some(
        json!({ "rating": 4, "comment": "Quick, but I could not find the price." }),
    ))
    .ok::<api::FeedbackReceipt>(201, "Stored.", None)
    .problems(&[404])
    .add();
    spec.op(
        "get",
        "/v1/services/{slug}/feedback/form.html",
        "getFeedbackFormFirstPaint",
        "The feedback widget's form as HTML, unanswered, shown by `embed.js` while the widget's code loads (the same for every service: the service is checked when feedback is sent).",
        Access::Public,
    )
    .param(slug.clone())
    .param(lang.clone())
    .ok_raw(
        200,
        "A `<section>` of the widget's markup: the ratings, the comment box and the (disabled) send button.",
        "text/html",
        json!({ "type": "string" }),
    )
    .problems(&[404, 422])
    .add();
    spec.op(
        "get",
        "/v1/services/{slug}/feedback",
        "listFeedback",
        "A month's feedback with comments, for the service team.",
        Access::Service,
    )
    .param(slug.clone())
    .param(json!({
        "name": "period", "in": "query", "required": false,
        "description": "The month, `YYYY-MM`; this month when absent.",
        "schema": { "type": "string" }
    }))
    .ok::<feedback::FeedbackList>(200, "The month's feedback, oldest first.", None)
    .problems(&[404, 422])
    .add();
    spec.op(
        "post",
        "/v1/services/{slug}/feedback/reviewed",
        "markFeedbackReviewed",
        "Marks the feedback as reviewed now.",
        Access::Service,
    )
    .param(slug)
    .ok::<api::FeedbackReviewed>(200, "Marked.", None)
    .problems(&[404])
    .add();

    let mut schemas = spec.generator.take_definitions(true);
    schemas.insert("Problem".to_owned(), problem_schema(&mut spec.generator));
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "servicekit API",
            "version": VERSION,
            "summary": "Role self-assessments, service contracts, Correction of Error documents, measurements and feedback for public services.",
            "description": "Every error is `application/problem+json` (RFC 9457) with a stable `type` under `/problems/`; its `title` and `detail` are Welsh for a request with `Accept-Language: cy` (or `?lang=cy`), else English. Request bodies are at most 64 KB (feedback 8 KB, measurement uploads 1 MB, framework catalogues 8 MB); larger ones get 413. JSON bodies with fields this description does not name are refused (400): a typo is never silently dropped. Text fields have the maximum lengths given in their schemas (422 beyond them).",
            "license": { "name": "MIT", "identifier": "MIT" }
        },
        "paths": spec.paths,
        "components": {
            "schemas": schemas,
            "responses": problem_responses(),
            "securitySchemes": {
                "admin": { "type": "http", "scheme": "bearer", "description": "The deployment's `ADMIN_TOKEN` secret." },
                "service": { "type": "http", "scheme": "bearer", "description": "The service token from `POST /v1/services` (or its rotation)." },
                "record": { "type": "http", "scheme": "bearer", "description": "The token returned when the assessment or team was created." }
            }
        }
    })
}

/// The description as pretty-printed JSON with a final newline, as committed.
pub fn document_text() -> String {
    let mut text = serde_json::to_string_pretty(&document()).expect("JSON values always serialise");
    text.push('\n');
    text
}

struct Spec {
    generator: SchemaGenerator,
    paths: Map<String, Value>,
}

impl Spec {
    fn op(
        &mut self,
        method: &'static str,
        path: &'static str,
        id: &str,
        summary: &str,
        access: Access,
    ) -> Operation<'_> {
        let mut value = Map::new();
        value.insert("operationId".into(), json!(id));
        value.insert("summary".into(), json!(summary));
        value.insert("tags".into(), json!([tag(path)]));
        let security = match access {
            Access::Public | Access::PublicWrite => json!([]),
            Access::Admin => json!([{ "admin": [] }]),
            Access::Service => json!([{ "service": [] }]),
            Access::ServiceOrAdmin => json!([{ "service": [] }, { "admin": [] }]),
            Access::Record => json!([{ "record": [] }]),
        };
        value.insert("security".into(), security);
        Operation {
            spec: self,
            method,
            path,
            access,
            value,
            params: Vec::new(),
            responses: Map::new(),
            body: None,
            problems: Vec::new(),
        }
    }
}

struct Operation<'a> {
    spec: &'a mut Spec,
    method: &'static str,
    path: &'static str,
    access: Access,
    value: Map<String, Value>,
    params: Vec<Value>,
    responses: Map<String, Value>,
    body: Option<Map<String, Value>>,
    problems: Vec<u16>,
}

impl Operation<'_> {
    fn param(mut self, param: Value) -> Self {
        self.params.push(param);
        self
    }

    fn json_body<T: JsonSchema + DeserializeOwned>(self, example: Option<Value>) -> Self {
        let schema = self.spec.generator.subschema_for::<T>().to_value();
        let example = example.map(|e| checked::<T>(e));
        self.raw_body("application/json", schema, example.unwrap_or(Value::Null))
    }

    fn raw_body(mut self, media: &str, schema: Value, example: Value) -> Self {
        let mut content = json!({ "schema": schema });
        if !example.is_null() {
            content["example"] = example;
        }
        self.body.get_or_insert_with(Map::new).insert(media.to_owned(), content);
        self
    }

    fn ok<T: JsonSchema>(mut self, status: u16, description: &str, example: Option<Value>) -> Self {
        let schema = self.spec.generator.subschema_for::<T>().to_value();
        let mut content = json!({ "schema": schema });
        if let Some(example) = example {
            content["example"] = example;
        }
        self.responses.insert(
            status.to_string(),
            json!({ "description": description, "content": { "application/json": content } }),
        );
        self
    }

    fn ok_raw(mut self, status: u16, description: &str, media: &str, schema: Value) -> Self {
        self.responses.insert(
            status.to_string(),
            json!({ "description": description, "content": { media: { "schema": schema } } }),
        );
        self
    }

    fn also_ok_raw(mut self, status: u16, media: &str, schema: Value) -> Self {
        let response =
            self.responses.get_mut(&status.to_string()).expect("the JSON response is described first");
        response["content"][media] = json!({ "schema": schema });
        self
    }

    fn no_content(mut self, description: &str) -> Self {
        self.responses.insert("204".into(), json!({ "description": description }));
        self
    }

    /// Adds a `Location` header to the success response.
    fn location(mut self) -> Self {
        for response in self.responses.values_mut() {
            response["headers"] = json!({ "Location": {
                "description": "Absolute URL of the new record.",
                "schema": { "type": "string" }
            } });
        }
        self
    }

    fn problems(mut self, statuses: &[u16]) -> Self {
        self.problems.extend_from_slice(statuses);
        self
    }

    fn add(mut self) {
        let mut statuses = self.problems.clone();
        // Any request: a page on an origin not allowed, and storage that does not answer.
        statuses.extend([403, 503]);
        if let Some(body) = self.body.take() {
            self.value.insert("requestBody".into(), json!({ "required": true, "content": body }));
            statuses.extend([400, 413, 415, 422]);
        }
        if self.access != Access::Public && self.access != Access::PublicWrite {
            statuses.push(401);
        }
        if self.access == Access::PublicWrite {
            statuses.push(429);
        }
        statuses.sort_unstable();
        statuses.dedup();
        for status in statuses {
            self.responses
                .insert(status.to_string(), json!({ "$ref": format!("#/components/responses/{status}") }));
        }
        if !self.params.is_empty() {
            self.value.insert("parameters".into(), Value::Array(self.params));
        }
        self.value.insert("responses".into(), Value::Object(self.responses));
        let item = self.spec.paths.entry(self.path).or_insert_with(|| json!({}));
        item[self.method] = Value::Object(self.value);
    }
}

/// The problem responses every operation refers to, by status.
pub fn problem_responses() -> Value {
    let problem = |status: u16, kind: &str, title: &str, detail: &str| {
        json!({
            "description": title,
            "content": { "application/problem+json": {
                "schema": { "$ref": "#/components/schemas/Problem" },
                "example": { "type": format!("/problems/{kind}"), "title": title, "status": status, "detail": detail }
            } }
        })
    };
    let mut responses = Map::new();
    responses.insert(
        "400".into(),
        problem(
            400,
            "malformed-body",
            "The request body could not be read",
            "The body is not a valid feedback: missing field `rating` at line 1 column 2.",
        ),
    );
    responses.insert("401".into(), json!({
        "description": "Credentials needed",
        "headers": { "WWW-Authenticate": { "required": true, "schema": { "type": "string", "const": "Bearer" } } },
        "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
    }));
    responses.insert(
        "403".into(),
        problem(
            403,
            "origin-not-allowed",
            "Origin not allowed",
            "This servicekit deployment does not accept requests from this website.",
        ),
    );
    responses.insert(
        "404".into(),
        problem(404, "not-found", "Not found", "There is no service called 'apply-for-a-fishing-licence'."),
    );
    responses.insert(
        "409".into(),
        problem(
            409,
            "conflict",
            "Already exists",
            "A service called 'apply-for-a-fishing-licence' already exists.",
        ),
    );
    responses.insert(
        "413".into(),
        problem(
            413,
            "payload-too-large",
            "Request body too large",
            "Request bodies must be 65536 bytes or smaller.",
        ),
    );
    responses.insert(
        "415".into(),
        problem(
            415,
            "unsupported-media-type",
            "Unsupported media type",
            "Send the body as application/json and say so in Content-Type.",
        ),
    );
    responses.insert(
        "422".into(),
        problem(
            422,
            "validation",
            "The request has invalid values",
            "Some values are missing or not allowed; see errors for each one.",
        ),
    );
    responses.insert("429".into(), json!({
        "description": "Too many requests",
        "headers": { "Retry-After": { "required": true, "description": "Seconds to wait.", "schema": { "type": "integer", "minimum": 1 } } },
        "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
    }));
    responses.insert(
        "503".into(),
        problem(
            503,
            "storage-unavailable",
            "Storage unavailable",
            "Storage is not answering just now. Nothing was changed; try again in a minute.",
        ),
    );
    Value::Object(responses)
}

fn problem_schema(generator: &mut SchemaGenerator) -> Value {
    let mut schema = generator.root_schema_for::<api::Problem>().to_value();
    if let Some(object) = schema.as_object_mut() {
        object.remove("$schema");
        object.remove("$defs");
    }
    schema["properties"]["type"]["pattern"] = json!("^/problems/[a-z-]+$");
    schema
}

fn path_param(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "path", "required": true, "description": description, "schema": schema })
}

fn with_example(mut param: Value, example: &str) -> Value {
    param["example"] = json!(example);
    param
}

fn slug_schema() -> Value {
    json!({ "type": "string", "minLength": 2, "maxLength": 64, "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" })
}

/// The part of the path that names the resource, as the tag grouping its operations.
fn tag(path: &str) -> &'static str {
    match path.split('/').nth(2) {
        Some("roles") | Some("frameworks") => "Roles and frameworks",
        Some("assessments") => "Self-assessments",
        Some("teams") => "Teams",
        Some("services") if path.contains("/coe") => "Correction of Error",
        Some("services") if path.contains("/measurements") || path.contains("/kpis") => "Measurements",
        Some("services") if path.contains("/feedback") => "Feedback",
        Some("services") => "Services and contracts",
        _ => "API",
    }
}

/// `example` after a round trip through `T`: an example the API would refuse fails the build's tests.
fn checked<T: DeserializeOwned>(example: Value) -> Value {
    if let Err(err) = serde_json::from_value::<T>(example.clone()) {
        panic!("example does not fit {}: {err}", std::any::type_name::<T>());
    }
    example
}

fn example<T: DeserializeOwned>(text: &str) -> Value {
    checked::<T>(serde_json::from_str(text).expect("the example files are JSON"))
}

#[cfg(test)]
mod tests;
