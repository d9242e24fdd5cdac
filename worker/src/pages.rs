//! Server-rendered HTML pages (they work without JavaScript): the home page,
//! the index of services and each service's public performance page.
//!
//! Text comes from `worker/i18n/{en,cy}.json`; the language from `?lang=` or
//! `Accept-Language`. Every page passes a strict CSP: no inline script or style.

use crate::error::ApiError;
use crate::measurements::{self, Performance};
use crate::store::{Rendering, Stamp, Store};
use crate::{secrets, AppState};
use servicekit_core::contract::{self, LifecycleStage, NeedStatus};
use servicekit_core::html::escape;
use servicekit_core::kpi::{money, percent, whole_number, Figures, Movement, PeriodKpis};
use servicekit_core::performance::PerformanceSnapshot;
use servicekit_core::{feedback, profiles, token, trend};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use worker::{Request, Response, ResponseBody};

/// Content-Security-Policy of every page: only our own stylesheet.
const PAGE_CSP: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The languages the Worker writes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// English, the default.
    English,
    /// Welsh (Cymraeg).
    Welsh,
}

impl Language {
    /// Welsh when the request asks for it by `?lang=cy` or, without `lang`, a first `Accept-Language` of `cy…`.
    pub fn asked_by(req: &Request) -> Language {
        let asked = req
            .url()
            .ok()
            .and_then(|u| u.query_pairs().find(|(k, _)| k == "lang").map(|(_, v)| v.into_owned()));
        let accept = req.headers().get("Accept-Language").ok().flatten().unwrap_or_default();
        let welsh = match asked.as_deref() {
            Some(lang) => lang == "cy",
            None => accept.split(',').next().is_some_and(|l| l.trim().to_ascii_lowercase().starts_with("cy")),
        };
        if welsh {
            Language::Welsh
        } else {
            Language::English
        }
    }
}

/// One language's page text.
pub struct PageText {
    lang: &'static str,
    strings: BTreeMap<String, serde_json::Value>,
    /// Month names, January first.
    months: Vec<String>,
    fallback: Option<&'static PageText>,
}

/// The English page text, read once per Worker instance.
static ENGLISH: OnceLock<PageText> = OnceLock::new();
/// The Welsh page text (English where a text is missing), read once per Worker instance.
static WELSH: OnceLock<PageText> = OnceLock::new();

impl PageText {
    fn load(lang: &'static str, json: &str, fallback: Option<&'static PageText>) -> PageText {
        let strings: BTreeMap<String, serde_json::Value> = serde_json::from_str(json).unwrap_or_default();
        let months = strings
            .get("months")
            .and_then(|v| serde_json::from_value::<Vec<String>>(v.clone()).ok())
            .unwrap_or_default();
        PageText { lang, strings, months, fallback }
    }

    /// English, or Welsh when asked for by `?lang=cy` or `Accept-Language`.
    pub fn for_request(req: &Request) -> &'static PageText {
        PageText::in_language(Language::asked_by(req))
    }

    /// The page text in `language` (Welsh falls back to English key by key).
    pub fn in_language(language: Language) -> &'static PageText {
        let english = || ENGLISH.get_or_init(|| PageText::load("en", include_str!("../i18n/en.json"), None));
        match language {
            Language::Welsh => {
                WELSH.get_or_init(|| PageText::load("cy", include_str!("../i18n/cy.json"), Some(english())))
            }
            Language::English => english(),
        }
    }

    /// The text for `key`, falling back to English, then to the key itself.
    pub fn get(&self, key: &str) -> String {
        match self.strings.get(key).and_then(|v| v.as_str()) {
            Some(text) => text.to_owned(),
            None => self.fallback.as_ref().map(|f| f.get(key)).unwrap_or_else(|| key.to_owned()),
        }
    }

    /// The text for `key` with `{name}` placeholders filled in (values are not escaped here).
    pub fn fill(&self, key: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
        servicekit_core::words::fill(&self.get(key), values)
    }

    fn period(&self, period: servicekit_core::measurement::Period) -> String {
        period.label_in(&self.months, &self.get("period_to"))
    }

    /// A change in percentage points in words, e.g. `up 3 percentage points`.
    fn points(&self, change: f64) -> String {
        match Movement::points(change) {
            Movement::Same => self.get("points_same"),
            Movement::Up(1) => self.get("points_up_one"),
            Movement::Down(1) => self.get("points_down_one"),
            Movement::Up(p) => self.fill("points_up", &[("n", &p)]),
            Movement::Down(p) => self.fill("points_down", &[("n", &p)]),
        }
    }

    /// A change in pounds in words, e.g. `down £0.08`.
    fn money_change(&self, change: f64) -> String {
        match Movement::pence(change) {
            Movement::Up(_) => self.fill("money_up", &[("amount", &money(change))]),
            Movement::Down(_) => self.fill("money_down", &[("amount", &money(-change))]),
            Movement::Same => self.get("points_same"),
        }
    }

    fn stage(&self, stage: Option<LifecycleStage>) -> String {
        self.get(&format!("stage_{}", stage.map(LifecycleStage::as_str).unwrap_or("none")))
    }
}

/// Wraps page content in the shared layout.
fn layout(t: &PageText, title: &str, path: &str, main: &str) -> String {
    let other = t.get("other_language_code");
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title} – {site}</title><link rel=\"stylesheet\" href=\"/pages.css\"></head>\
<body><a class=\"skip-link\" href=\"#main\">{skip}</a>\
<header class=\"site-header\"><div class=\"width\"><a class=\"site-name\" href=\"/services?lang={lang}\">{site}</a>\
<a class=\"language\" href=\"{path}?lang={other}\" hreflang=\"{other}\" lang=\"{other}\">{other_name}</a></div></header>\
<main id=\"main\" class=\"width\">{main}</main></body></html>",
        lang = t.lang,
        title = escape(title),
        site = escape(&t.get("site_name")),
        skip = escape(&t.get("skip_to_content")),
        path = escape(path),
        other = escape(&other),
        other_name = escape(&t.get("other_language")),
    )
}

/// Content-Security-Policy of the manage page: our own script and wasm, and calls to this origin only.
const MANAGE_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
connect-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Sends an HTML page with the security headers, a short cache life and an ETag (304 when it matches).
fn page(req: &Request, html: String, status: u16) -> Result<Response, ApiError> {
    page_with_policy(req, html, status, PAGE_CSP)
}

fn page_with_policy(req: &Request, html: String, status: u16, policy: &str) -> Result<Response, ApiError> {
    let etag = etag_of(&html);
    send_page(req, ResponseBody::Body(html.into_bytes()), &etag, status, policy)
}

/// The ETag of a page's HTML.
fn etag_of(html: &str) -> String {
    format!("\"{}\"", &token::hash(html)[..32])
}

/// Sends `body` as an HTML page whose ETag is `etag` (304 when the request's matches), with the security headers.
fn send_page(
    req: &Request,
    body: ResponseBody,
    etag: &str,
    status: u16,
    policy: &str,
) -> Result<Response, ApiError> {
    let matches = req.headers().get("If-None-Match")?.is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = match matches && status == 200 {
        true => Response::empty()?.with_status(304),
        false => {
            let mut response = Response::from_body(body)?.with_status(status);
            response.headers_mut().set("Content-Type", "text/html; charset=utf-8")?;
            response
        }
    };
    let headers = response.headers_mut();
    headers.set("Content-Security-Policy", policy)?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    headers.set("Referrer-Policy", "no-referrer")?;
    headers.set("Cache-Control", "public, max-age=60")?;
    headers.set("Vary", "Accept-Language")?;
    headers.set("ETag", etag)?;
    Ok(response)
}

/// The home page of a deployment: what is here and where to start.
pub fn home(req: &Request) -> Result<Response, ApiError> {
    let t = PageText::for_request(req);
    let roles: String = profiles::built_in()
        .iter()
        .map(|p| {
            format!(
                "<li><a href=\"/v1/roles/{id}\">{title} ({framework} {version})</a></li>",
                id = escape(&p.id),
                title = escape(&p.title),
                framework = escape(&p.framework.name),
                version = escape(&p.framework.version),
            )
        })
        .collect();
    let main = format!(
        "<h1>servicekit</h1><p class=\"lead\">Tools for people who run public services.</p>\
<ul><li><a href=\"/services\">{services}</a></li>\
<li><a href=\"/demo/\">Demo intranet page with the widgets</a></li>\
<li><a href=\"/v1/health\">API health</a></li></ul>\
<h2>Role profiles</h2><ul>{roles}</ul>",
        services = escape(&t.get("services_title")),
    );
    page(req, layout(t, "servicekit", "/", &main), 200)
}

/// `GET /manage`: the manage page for service managers (the tools run in the manage widget).
pub fn manage(req: &Request) -> Result<Response, ApiError> {
    let t = PageText::for_request(req);
    let main = format!(
        "<h1>{title}</h1><script type=\"module\" src=\"/embed.js\"></script>\
<servicekit-manage lang=\"{lang}\"></servicekit-manage>\
<noscript><p>{noscript}</p></noscript>",
        title = escape(&t.get("manage_title")),
        lang = t.lang,
        noscript = escape(&t.get("manage_noscript")),
    );
    page_with_policy(req, layout(t, &t.get("manage_title"), "/manage", &main), 200, MANAGE_CSP)
}

/// Content-Security-Policy of the embed builder: our own scripts, wasm for the preview, calls to this origin.
const BUILDER_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
connect-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// `GET /embed-builder.js`: the builder's live preview and copy button.
pub fn builder_script() -> Result<Response, ApiError> {
    let mut response = Response::ok(include_str!("../builder.js"))?;
    let headers = response.headers_mut();
    headers.set("Content-Type", "text/javascript; charset=utf-8")?;
    headers.set("Cache-Control", "public, max-age=300")?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    Ok(response)
}

/// `GET /embed-builder`: pick a widget and its options, see it live, copy the snippet.
///
/// The options come from the query string, so the page works without JavaScript
/// (the form reloads it); `builder.js` makes the preview follow every change.
pub async fn embed_builder(req: &Request, state: &AppState) -> Result<Response, ApiError> {
    use servicekit_core::embed::{snippet, EmbedOptions, Widget};
    let t = PageText::for_request(req);
    let query: BTreeMap<String, String> =
        req.url()?.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let asked = |key: &str| query.get(key).cloned().unwrap_or_default();
    let services = Store::open(&state.env)?.services().await?;
    let widget = Widget::from_element(&asked("widget")).unwrap_or(Widget::SelfAssessment);
    let options = EmbedOptions {
        service: query
            .get("service")
            .cloned()
            .or_else(|| services.first().map(|s| s.slug.clone()))
            .unwrap_or_default(),
        profile: query.get("profile").cloned().unwrap_or_else(|| "ddat-service-owner-2020".to_owned()),
        team: asked("team"),
        lang: asked("lang"),
    };
    let code = snippet(&state.origin, widget, &options);
    let option = |value: &str, label: &str, selected: bool| {
        format!(
            "<option value=\"{}\"{}>{}</option>",
            escape(value),
            if selected { " selected" } else { "" },
            escape(label)
        )
    };
    let widgets: String = Widget::ALL
        .iter()
        .map(|w| option(w.element(), &t.get(&format!("widget_{}", w.element())), *w == widget))
        .collect();
    let service_options: String =
        services.iter().map(|s| option(&s.slug, &s.name, s.slug == options.service)).collect();
    let profiles_list: String = profiles::built_in()
        .iter()
        .map(|p| {
            option(
                &p.id,
                &format!("{} ({} {})", p.title, p.framework.name, p.framework.version),
                p.id == options.profile,
            )
        })
        .collect();
    let languages: String = [("", "builder_lang_page"), ("en", "builder_lang_en"), ("cy", "builder_lang_cy")]
        .iter()
        .map(|(value, key)| option(value, &t.get(key), options.lang == *value))
        .collect();
    let field = |id: &str, label: &str, control: String| {
        format!(
            "<div class=\"form-group\"><label for=\"{id}\">{}</label>{control}</div>",
            escape(&t.get(label))
        )
    };
    let main = format!(
        "<h1>{title}</h1><p class=\"lead\">{intro}</p>\
<form id=\"builder\" method=\"get\" action=\"/embed-builder\" data-origin=\"{origin}\">\
{widget_field}{service_field}{profile_field}{team_field}{lang_field}\
<noscript><button type=\"submit\" class=\"button\">{show}</button></noscript></form>\
<h2>{snippet_heading}</h2><p>{snippet_intro}</p><pre class=\"snippet\"><code id=\"snippet\">{code}</code></pre>\
<p><button type=\"button\" class=\"button\" id=\"copy\" hidden data-copied=\"{copied}\" data-failed=\"{failed}\">{copy}</button> \
<span id=\"copy-status\" role=\"status\"></span></p>\
<h2>{csp_heading}</h2><p>{csp_intro}</p><pre class=\"snippet\"><code>script-src 'self' {origin} 'wasm-unsafe-eval';\nstyle-src 'self' {origin};\nconnect-src {origin}</code></pre>\
<h2>{preview_heading}</h2><div id=\"preview\" class=\"preview\">{preview}</div>\
<script type=\"module\" src=\"/embed-builder.js\"></script>",
        title = escape(&t.get("builder_title")),
        intro = escape(&t.get("builder_intro")),
        origin = escape(&state.origin),
        widget_field = field("widget", "builder_widget", format!("<select id=\"widget\" name=\"widget\">{widgets}</select>")),
        service_field = field("service", "builder_service", format!("<select id=\"service\" name=\"service\">{service_options}</select>")),
        profile_field = field("profile", "builder_profile", format!("<select id=\"profile\" name=\"profile\">{profiles_list}</select>")),
        team_field = field("team", "builder_team", format!("<input id=\"team\" name=\"team\" value=\"{}\" autocomplete=\"off\">", escape(&options.team))),
        lang_field = field("lang", "builder_lang", format!("<select id=\"lang\" name=\"lang\">{languages}</select>")),
        show = escape(&t.get("builder_show")),
        snippet_heading = escape(&t.get("builder_snippet")),
        snippet_intro = escape(&t.get("builder_snippet_intro")),
        code = escape(&code),
        copied = escape(&t.get("builder_copied")),
        failed = escape(&t.get("builder_copy_failed")),
        copy = escape(&t.get("builder_copy")),
        csp_heading = escape(&t.get("builder_csp")),
        csp_intro = escape(&t.get("builder_csp_intro")),
        preview_heading = escape(&t.get("builder_preview")),
        // The snippet itself, so the preview is exactly what the editor will paste.
        preview = code,
    );
    page_with_policy(req, layout(t, &t.get("builder_title"), "/embed-builder", &main), 200, BUILDER_CSP)
}

fn or_no_data(t: &PageText, value: Option<String>) -> String {
    value
        .map(|v| escape(&v))
        .unwrap_or_else(|| format!("<span class=\"no-data\">{}</span>", escape(&t.get("no_data"))))
}

/// `GET /services`: every service with its stage and latest KPIs.
pub async fn services(req: &Request, state: &AppState) -> Result<Response, ApiError> {
    let t = PageText::for_request(req);
    let store = Store::open(&state.env)?;
    let listed = store.services().await?;
    let reads = listed.iter().map(|s| measurements::performance(&store, &s.slug));
    let performances = futures_util::future::join_all(reads).await;
    let mut rows = String::new();
    for (summary, perf) in listed.iter().zip(performances) {
        let latest = perf.ok().and_then(|p| p.report.headline().cloned());
        let f = latest.as_ref().map(|l| l.figures).unwrap_or_default();
        rows.push_str(&format!(
            "<tr><th scope=\"row\"><a href=\"/services/{slug}?lang={lang}\">{name}</a></th><td><strong class=\"tag\">{stage}</strong></td>\
<td>{period}</td><td class=\"num\">{cost}</td><td class=\"num\">{satisfaction}</td><td class=\"num\">{completion}</td><td class=\"num\">{take_up}</td></tr>",
            slug = escape(&summary.slug),
            lang = t.lang,
            name = escape(&summary.name),
            stage = escape(&t.stage(summary.stage)),
            period = or_no_data(t, latest.as_ref().map(|l| t.period(l.period))),
            cost = or_no_data(t, f.cost_per_transaction.map(money)),
            satisfaction = or_no_data(t, f.satisfaction.map(percent)),
            completion = or_no_data(t, f.completion_rate.map(percent)),
            take_up = or_no_data(t, f.digital_take_up.map(percent)),
        ));
    }
    let table = match listed.is_empty() {
        true => format!("<p>{}</p>", escape(&t.get("no_services"))),
        false => format!(
            "<div class=\"table-wrap\"><table><caption class=\"visually-hidden\">{title}</caption><thead><tr><th scope=\"col\">{service}</th><th scope=\"col\">{stage}</th>\
<th scope=\"col\">{period}</th><th scope=\"col\" class=\"num\">{cost}</th><th scope=\"col\" class=\"num\">{satisfaction}</th>\
<th scope=\"col\" class=\"num\">{completion}</th><th scope=\"col\" class=\"num\">{take_up}</th></tr></thead><tbody>{rows}</tbody></table></div>",
            title = escape(&t.get("services_title")),
            service = escape(&t.get("service")),
            stage = escape(&t.get("stage")),
            period = escape(&t.get("period")),
            cost = escape(&t.get("cost_per_transaction")),
            satisfaction = escape(&t.get("user_satisfaction")),
            completion = escape(&t.get("completion_rate")),
            take_up = escape(&t.get("digital_take_up")),
        ),
    };
    let main = format!(
        "<h1>{title}</h1><p class=\"lead\">{intro}</p>{table}",
        title = escape(&t.get("services_title")),
        intro = escape(&t.get("services_intro")),
    );
    page(req, layout(t, &t.get("services_title"), "/services", &main), 200)
}

/// `GET /services/{slug}`: the service's public performance page; 404 page for an unknown slug.
///
/// The page is kept, rendered, beside the snapshot it comes from, for as long
/// as that is fresh: most readers get it with one KV read and no rendering.
pub async fn service(req: &Request, state: &AppState, slug: &str) -> Result<Response, ApiError> {
    let t = PageText::for_request(req);
    let store = Store::open(&state.env)?;
    let rendering = Rendering::Page(slug, t.lang);
    if contract::is_valid_slug(slug) {
        let kept = store.fresh_rendering(&rendering, worker::Date::now().as_millis()).await?;
        if let Some((html, Stamp { e: Some(etag), .. })) = kept {
            return send_page(req, ResponseBody::Stream(html), &etag, 200, PAGE_CSP);
        }
    }
    let perf = match measurements::performance(&store, slug).await {
        Ok(perf) => perf,
        Err(ApiError::NotFound(_)) => return not_found(req, t),
        Err(other) => return Err(other),
    };
    let snapshot = &perf.snapshot;
    let mut main = String::new();
    let name = snapshot.name().to_owned();
    main.push_str(&format!(
        "<span class=\"caption\">{stage_label}: <strong class=\"tag\">{stage}</strong></span><h1>{name}</h1>\
<p>{manager_label}: {manager}</p>",
        stage_label = escape(&t.get("stage")),
        stage = escape(&t.stage(snapshot.stage)),
        name = escape(&name),
        manager_label = escape(&t.get("manager")),
        manager = escape(&snapshot.service.manager),
    ));
    if feedback::review_overdue(snapshot.feedback_reviewed.as_deref(), &secrets::now_rfc3339()) {
        main.push_str(&format!(
            "<div class=\"warning\" role=\"note\"><p>{}</p></div>",
            escape(&t.get("feedback_overdue"))
        ));
    }
    main.push_str(&kpi_cards(t, &perf));
    main.push_str(&take_up_section(t, &perf));
    main.push_str(&kpi_table(t, &perf.report.periods));
    main.push_str(&format!(
        "<p><a href=\"/v1/services/{slug}/measurements?format=csv\" download>{csv}</a> · <a href=\"/v1/services/{slug}/measurements\">{json}</a></p>",
        slug = escape(slug),
        csv = escape(&t.get("download_csv")),
        json = escape(&t.get("download_json")),
    ));
    main.push_str(&needs_section(t, &perf, slug));
    main.push_str(&coe_section(t, snapshot, slug));
    if let Some(updated) = &perf.report.last_updated {
        main.push_str(&format!(
            "<p class=\"stamp\">{}</p>",
            escape(&t.fill("last_updated", &[("date", &updated.get(..10).unwrap_or(updated))]))
        ));
    }
    let html = layout(t, &name, &format!("/services/{slug}"), &main);
    let etag = etag_of(&html);
    let stamp = Stamp { b: snapshot.built_at_ms, e: Some(etag.clone()) };
    store.keep_rendering(&rendering, html.clone(), stamp).await;
    send_page(req, ResponseBody::Body(html.into_bytes()), &etag, 200, PAGE_CSP)
}

/// A page's result, with storage failures shown as an HTML "try again later" page (503).
pub fn or_unavailable_page(req: &Request, result: Result<Response, ApiError>) -> Result<Response, ApiError> {
    match result {
        Err(ApiError::StorageUnavailable(internal)) => {
            worker::console_error!("storage unavailable: {internal}");
            let t = PageText::for_request(req);
            let main = format!(
                "<h1>{title}</h1><p>{body}</p>",
                title = escape(&t.get("unavailable_title")),
                body = escape(&t.get("unavailable_body")),
            );
            let mut response = page(req, layout(t, &t.get("unavailable_title"), "/services", &main), 503)?;
            response.headers_mut().set("Retry-After", "60")?;
            response.headers_mut().set("Cache-Control", "no-store")?;
            Ok(response)
        }
        other => other,
    }
}

fn not_found(req: &Request, t: &PageText) -> Result<Response, ApiError> {
    let main = format!(
        "<h1>{title}</h1><p>{body}</p><p><a href=\"/services?lang={lang}\">{all}</a></p>",
        title = escape(&t.get("not_found_title")),
        body = escape(&t.get("not_found_body")),
        lang = t.lang,
        all = escape(&t.get("all_services")),
    );
    page(req, layout(t, &t.get("not_found_title"), "/services", &main), 404)
}

fn change_text(
    t: &PageText,
    latest: &PeriodKpis,
    change: Option<f64>,
    as_text: impl Fn(f64) -> String,
) -> String {
    match change {
        Some(c) => t.fill(
            "change_on_previous",
            &[("change", &as_text(c)), ("period", &t.period(latest.period.previous()))],
        ),
        None => t.get("no_previous"),
    }
}

fn kpi_cards(t: &PageText, perf: &Performance) -> String {
    let Some(latest) = perf.report.headline() else {
        return format!("<p>{}</p>", escape(&t.get("no_data")));
    };
    let f = &latest.figures;
    let r = &latest.rolling_12_months;
    let card =
        |title: &str, value: Option<String>, rolling: Option<String>, change: String, extra: String| {
            format!(
                "<div class=\"kpi\"><h3 class=\"kpi__title\">{title}</h3><p class=\"kpi__value\">{value}</p>\
<p class=\"kpi__change\">{change}</p><p class=\"kpi__rolling\">{rolling}</p>{extra}</div>",
                title = escape(&t.get(title)),
                value = or_no_data(t, value),
                change = escape(&change),
                rolling = escape(
                    &t.fill("rolling_12_months", &[("value", &rolling.unwrap_or_else(|| t.get("no_data")))])
                ),
            )
        };
    let digital_cost = f
        .digital_cost_per_transaction
        .map(|v| {
            format!(
                "<p class=\"kpi__note\">{}: {}</p>",
                escape(&t.get("digital_cost_per_transaction")),
                escape(&money(v))
            )
        })
        .unwrap_or_default();
    let responses = format!(
        "<p class=\"kpi__note\">{}</p>",
        escape(&t.fill("responses", &[("count", &whole_number(f.responses))]))
    );
    let inconsistent = match f.completion_inconsistent {
        true => format!("<p class=\"kpi__warning\">{}</p>", escape(&t.get("inconsistent"))),
        false => String::new(),
    };
    let target = perf
        .report
        .take_up_target
        .map(|v| {
            format!("<p class=\"kpi__note\">{}</p>", escape(&t.fill("target", &[("value", &percent(v))])))
        })
        .unwrap_or_default();
    format!(
        "<h2>{heading}</h2><div class=\"kpis\">{a}{b}{c}{d}</div>",
        heading = escape(&t.fill("latest_period", &[("period", &t.period(latest.period))])),
        a = card(
            "cost_per_transaction",
            f.cost_per_transaction.map(money),
            r.cost_per_transaction.map(money),
            change_text(t, latest, latest.change.cost_per_transaction, |c| t.money_change(c)),
            digital_cost
        ),
        b = card(
            "user_satisfaction",
            f.satisfaction.map(percent),
            r.satisfaction.map(percent),
            change_text(t, latest, latest.change.satisfaction, |c| t.points(c)),
            responses
        ),
        c = card(
            "completion_rate",
            f.completion_rate.map(percent),
            r.completion_rate.map(percent),
            change_text(t, latest, latest.change.completion_rate, |c| t.points(c)),
            inconsistent
        ),
        d = card(
            "digital_take_up",
            f.digital_take_up.map(percent),
            r.digital_take_up.map(percent),
            change_text(t, latest, latest.change.digital_take_up, |c| t.points(c)),
            target
        ),
    )
}

fn take_up_section(t: &PageText, perf: &Performance) -> String {
    let periods = &perf.report.periods;
    let chart = trend::layout(periods, perf.report.take_up_target, 720.0, 320.0);
    let text = trend::TrendText {
        id: "take-up".to_owned(),
        title: t.get("take_up_title"),
        description: t.get("take_up_description"),
        target: perf
            .report
            .take_up_target
            .map(|v| t.fill("target", &[("value", &percent(v))]))
            .unwrap_or_default(),
        point: t.get("take_up_point"),
        months: t.months.clone(),
        to: t.get("period_to"),
    };
    let with_take_up = trend::with_take_up(periods);
    let (no_data, plain, with_change) =
        (t.get("no_data"), t.get("take_up_summary"), t.get("take_up_summary_change"));
    let words = trend::SummaryText {
        no_data: &no_data,
        plain: &plain,
        with_change: &with_change,
        change: &|c| t.points(c),
    };
    let summary = trend::summary(periods, &text, &words);
    let covered = match trend::covered(periods) {
        Some((first, last)) => format!(
            "<p class=\"stamp\">{}</p>",
            escape(&t.fill("period_covered", &[("first", &t.period(first)), ("last", &t.period(last))]))
        ),
        None => String::new(),
    };
    let rows: String = with_take_up
        .iter()
        .rev()
        .map(|p| {
            format!(
                "<tr><th scope=\"row\">{period}</th><td class=\"num\">{take_up}</td><td class=\"num\">{assisted}</td><td class=\"num\">{completed}</td></tr>",
                period = escape(&t.period(p.period)),
                take_up = or_no_data(t, p.figures.digital_take_up.map(percent)),
                assisted = or_no_data(t, p.figures.assisted_digital_share.map(percent)),
                completed = escape(&whole_number(p.figures.completed)),
            )
        })
        .collect();
    format!(
        "<h2>{title}</h2><p>{summary}</p>{covered}<figure class=\"chart\">{svg}</figure>\
<p class=\"legend\"><span class=\"legend__line\"></span>{take_up} <span class=\"legend__band\"></span>{assisted} <span class=\"legend__target\"></span>{target_word}</p>\
<div class=\"table-wrap\"><table><caption>{caption}</caption><thead><tr><th scope=\"col\">{period}</th><th scope=\"col\" class=\"num\">{take_up}</th>\
<th scope=\"col\" class=\"num\">{assisted}</th><th scope=\"col\" class=\"num\">{completed}</th></tr></thead><tbody>{rows}</tbody></table></div>",
        title = escape(&t.get("take_up_title")),
        summary = escape(&summary),
        svg = trend::svg(&chart, &text),
        take_up = escape(&t.get("digital_take_up")),
        assisted = escape(&t.get("assisted_digital")),
        target_word = escape(&t.fill("target", &[("value", &perf.report.take_up_target.map(percent).unwrap_or_default())])),
        caption = escape(&t.get("chart_table_caption")),
        period = escape(&t.get("period")),
        completed = escape(&t.get("completed_transactions")),
    )
}

fn kpi_table(t: &PageText, periods: &[PeriodKpis]) -> String {
    if periods.is_empty() {
        return String::new();
    }
    let cell = |f: &Figures| {
        format!(
            "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            or_no_data(t, f.cost_per_transaction.map(money)),
            or_no_data(t, f.satisfaction.map(percent)),
            or_no_data(t, f.completion_rate.map(percent)),
            or_no_data(t, f.digital_take_up.map(percent)),
        )
    };
    let rows: String = periods
        .iter()
        .rev()
        .take(12)
        .map(|p| {
            format!("<tr><th scope=\"row\">{}</th>{}</tr>", escape(&t.period(p.period)), cell(&p.figures))
        })
        .collect();
    format!(
        "<div class=\"table-wrap\"><table><caption>{caption}</caption><thead><tr><th scope=\"col\">{period}</th>\
<th scope=\"col\" class=\"num\">{cost}</th><th scope=\"col\" class=\"num\">{satisfaction}</th><th scope=\"col\" class=\"num\">{completion}</th>\
<th scope=\"col\" class=\"num\">{take_up}</th></tr></thead><tbody>{rows}</tbody></table></div>",
        caption = escape(&t.get("kpi_table_caption")),
        period = escape(&t.get("period")),
        cost = escape(&t.get("cost_per_transaction")),
        satisfaction = escape(&t.get("user_satisfaction")),
        completion = escape(&t.get("completion_rate")),
        take_up = escape(&t.get("digital_take_up")),
    )
}

fn needs_section(t: &PageText, perf: &Performance, slug: &str) -> String {
    let heading = format!("<h2>{}</h2>", escape(&t.get("needs_heading")));
    let Some(view) = perf.snapshot.contract_view(&perf.report) else {
        return format!("{heading}<p>{}</p>", escape(&t.get("no_contract")));
    };
    let (version, reports) = (&view.latest, &view.needs);
    let items: String = version
        .contract
        .user_needs
        .iter()
        .zip(reports)
        .map(|(need, report)| {
            let (class, key) = match report.status {
                NeedStatus::Met => ("tag tag--green", "need_met"),
                NeedStatus::NotMet => ("tag tag--red", "need_not_met"),
                NeedStatus::Unknown => ("tag tag--grey", "need_unknown"),
            };
            let sentence = t.fill(
                "need_sentence",
                &[("as_a", &need.as_a), ("i_need", &need.i_need), ("so_that", &need.so_that)],
            );
            format!(
                "<li><strong class=\"{class}\">{status}</strong> {sentence}</li>",
                status = escape(&t.get(key)),
                sentence = escape(&sentence),
            )
        })
        .collect();
    format!(
        "{heading}<ul class=\"needs\">{items}</ul><p><a href=\"/v1/services/{slug}/contract\">{contract}</a></p>",
        slug = escape(slug),
        contract = escape(&t.get("contract_json")),
    )
}

fn coe_section(t: &PageText, snapshot: &PerformanceSnapshot, slug: &str) -> String {
    let heading = format!("<h2>{}</h2>", escape(&t.get("coe_heading")));
    if snapshot.coes.is_empty() {
        return format!("{heading}<p>{}</p>", escape(&t.get("no_coe")));
    }
    let items: String = snapshot
        .recent_coes()
        .map(|c| {
            format!(
                "<li><a href=\"/v1/services/{slug}/coe/{id}\">{title}</a> ({date})</li>",
                slug = escape(slug),
                id = escape(&c.id),
                title = escape(&c.title),
                date = escape(&c.date)
            )
        })
        .collect();
    format!("{heading}<p>{}</p><ul>{items}</ul>", escape(&t.get("coe_intro")))
}
