//! `GET /v1/services/{slug}/take-up.html`: the take-up widget's first paint.
//!
//! `embed.js` shows this HTML in the widget's shadow root while the widget's
//! wasm downloads and starts, so a reader sees the chart as soon as one request
//! comes back; the widget then draws the same chart over it and adds the
//! tooltips, table and channel mix. The words are the widget's own translation
//! files and the SVG is core's `trend::svg`, as in the widget, so nothing moves
//! when it takes over (an end-to-end test compares the two).

use crate::error::ApiError;
use crate::measurements::{self, Performance};
use crate::store::{Rendering, Store};
use crate::AppState;
use serde::Deserialize;
use servicekit_core::html::escape;
use servicekit_core::kpi::{percent, Movement};
use servicekit_core::plural::Plural;
use servicekit_core::{contract, trend};
use std::sync::OnceLock;
use worker::{Request, Response};

/// The take-up widget's words in one language, read from its translation files.
#[derive(Debug, Deserialize)]
struct TakeUpWords {
    #[serde(skip)]
    lang: &'static str,
    take_up_title: String,
    take_up_description: String,
    take_up_point: String,
    take_up_summary: String,
    take_up_summary_change: String,
    take_up_no_data: String,
    take_up_target: String,
    take_up_show_table: String,
    take_up_show_mix: String,
    take_up_covered: String,
    take_up_updated: String,
    take_up_csv: String,
    legend_take_up: String,
    legend_assisted: String,
    legend_target: String,
    points_up: Plural,
    points_down: Plural,
    points_same: String,
    period_to: String,
    months: Vec<String>,
}

static ENGLISH: OnceLock<TakeUpWords> = OnceLock::new();
static WELSH: OnceLock<TakeUpWords> = OnceLock::new();

impl TakeUpWords {
    /// The words for `lang` (`cy` Welsh, anything else English); Welsh keys over English ones, as the widget merges them.
    fn for_language(lang: &str) -> &'static TakeUpWords {
        let english = include_str!("../../widgets/i18n/en/take-up.json");
        let welsh = include_str!("../../widgets/i18n/cy/take-up.json");
        let load = |lang: &'static str, files: &[&str]| {
            let mut merged = serde_json::Map::new();
            for file in files {
                let parsed: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(file).expect("the widgets' translation files are valid JSON");
                merged.extend(parsed);
            }
            let mut words: TakeUpWords = serde_json::from_value(serde_json::Value::Object(merged))
                .expect("the take-up widget's translation files hold every word of its first paint");
            words.lang = lang;
            words
        };
        match lang {
            "cy" => WELSH.get_or_init(|| load("cy", &[english, welsh])),
            _ => ENGLISH.get_or_init(|| load("en", &[english])),
        }
    }

    fn fill(template: &str, values: &[(&str, &str)]) -> String {
        values
            .iter()
            .fold(template.to_owned(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
    }

    /// A change in percentage points in words, as the widget writes it.
    fn points(&self, change: f64) -> String {
        match Movement::points(change) {
            Movement::Same => self.points_same.clone(),
            Movement::Up(p) => self.points_up.count(self.lang, p),
            Movement::Down(p) => self.points_down.count(self.lang, p),
        }
    }
}

/// `GET /v1/services/{slug}/take-up.html?lang=`: the take-up widget's first paint (`en` unless `cy`), kept beside the snapshot while it is fresh.
pub async fn take_up(req: &Request, state: &AppState, slug: &str) -> Result<Response, ApiError> {
    if !contract::is_valid_slug(slug) {
        return Err(ApiError::unknown_service(slug));
    }
    let asked: Vec<String> =
        req.url()?.query_pairs().filter(|(k, _)| k == "lang").map(|(_, v)| v.into_owned()).collect();
    let lang = match asked.as_slice() {
        [] => "en",
        [one] if one == "en" || one == "cy" => one.as_str(),
        _ => {
            return Err(ApiError::Invalid(vec![servicekit_core::FieldProblem {
                pointer: "/lang".to_owned(),
                detail: "Ask for ?lang=en or ?lang=cy, once.".to_owned(),
            }]))
        }
    };
    let words = TakeUpWords::for_language(lang);
    let store = Store::open(&state.env)?;
    let mut response =
        measurements::rendered(&store, Rendering::TakeUp(slug, words.lang), slug, |performance| {
            Ok(take_up_markup(words, performance, &state.origin, slug))
        })
        .await?;
    let headers = response.headers_mut();
    headers.set("Content-Type", "text/html; charset=utf-8")?;
    headers.set("Cache-Control", "public, max-age=60")?;
    Ok(response)
}

/// The widget's chart section as it first renders once its data is in, without its interaction.
///
/// The buttons that need the widget's code are shown disabled, so that nothing
/// moves when they come to life.
fn take_up_markup(w: &TakeUpWords, perf: &Performance, origin: &str, slug: &str) -> String {
    let report = &perf.report;
    let periods = &report.periods;
    let (width, height) = trend::WIDGET_SIZE;
    let layout = trend::layout(periods, report.take_up_target, width, height);
    let text = trend::TrendText {
        id: "sk-take-up-chart".to_owned(),
        title: w.take_up_title.clone(),
        description: w.take_up_description.clone(),
        target: report
            .take_up_target
            .map(|v| TakeUpWords::fill(&w.take_up_target, &[("value", &percent(v))]))
            .unwrap_or_default(),
        point: w.take_up_point.clone(),
        months: w.months.clone(),
        to: w.period_to.clone(),
    };
    let change = |c: f64| w.points(c);
    let words = trend::SummaryText {
        no_data: &w.take_up_no_data,
        plain: &w.take_up_summary,
        with_change: &w.take_up_summary_change,
        change: &change,
    };
    let summary = trend::summary(periods, &text, &words);
    let covered = match trend::covered(periods) {
        Some((first, last)) => TakeUpWords::fill(
            &w.take_up_covered,
            &[
                ("first", &first.label_in(&w.months, &w.period_to)),
                ("last", &last.label_in(&w.months, &w.period_to)),
            ],
        ),
        None => String::new(),
    };
    let updated = report
        .last_updated
        .as_deref()
        .map(|d| TakeUpWords::fill(&w.take_up_updated, &[("date", d.get(..10).unwrap_or(d))]))
        .unwrap_or_default();
    let target = match report.take_up_target {
        Some(_) => format!("<li><span class=\"sk-legend__target\"></span>{}</li>", escape(&w.legend_target)),
        None => String::new(),
    };
    format!(
        "<section class=\"sk-take-up\" aria-labelledby=\"sk-take-up-title\">\
<h2 id=\"sk-take-up-title\" class=\"sk-heading-l\">{title}</h2>\
<p class=\"sk-body sk-take-up__summary\" data-testid=\"sk-summary\">{summary}</p>\
<p class=\"sk-hint\">{covered} {updated}</p>\
<div class=\"sk-take-up__plot\"><div class=\"sk-take-up__svg\">{svg}</div></div>\
<ul class=\"sk-legend\" aria-hidden=\"true\"><li><span class=\"sk-legend__line\"></span>{legend_take_up}</li>\
<li><span class=\"sk-legend__band\"></span>{legend_assisted}</li>{target}</ul>\
<p class=\"sk-body\"><button type=\"button\" class=\"sk-button sk-button--secondary\" disabled>{show_table}</button> \
<button type=\"button\" class=\"sk-button sk-button--secondary\" disabled>{show_mix}</button> \
<a class=\"sk-link\" href=\"{origin}/v1/services/{slug}/measurements?format=csv\" download>{csv}</a></p></section>",
        title = escape(&w.take_up_title),
        summary = escape(&summary),
        covered = escape(&covered),
        updated = escape(&updated),
        svg = trend::svg(&layout, &text),
        legend_take_up = escape(&w.legend_take_up),
        legend_assisted = escape(&w.legend_assisted),
        show_table = escape(&w.take_up_show_table),
        show_mix = escape(&w.take_up_show_mix),
        origin = escape(origin),
        slug = escape(slug),
        csv = escape(&w.take_up_csv),
    )
}
