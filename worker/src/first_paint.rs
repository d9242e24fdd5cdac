//! Widgets' first paints: `GET /v1/services/{slug}/take-up.html` (the take-up
//! chart), `GET /v1/roles/{id}/form.html` (the self-assessment form),
//! `GET /v1/services/{slug}/feedback/form.html` (the feedback form) and
//! `GET /v1/services/{slug}/contract.html` (the contract viewer, which is
//! read-only: the widget shows this HTML itself and only adds printing).
//!
//! `embed.js` shows this HTML in the widget's shadow root while the widget's
//! wasm downloads and starts, so a reader sees the widget as soon as one
//! request comes back; the widget then draws the same over it and takes its
//! place. The words are the widget's own translation files, the SVG core's
//! `trend::svg` and the level wording core's `words`, as in the widget, so
//! nothing moves when it takes over (end-to-end tests compare the two). The
//! form's controls are plain HTML that work at once: the widget takes over the
//! answers given and the focus.

use crate::error::ApiError;
use crate::measurements::{self, Performance};
use crate::store::{Rendering, Store};
use crate::AppState;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use servicekit_core::contract::{ContractView, Dependency, Direction, NeedStatus, ServiceMetric};
use servicekit_core::feedback::MAX_COMMENT_CHARS;
use servicekit_core::html::escape;
use servicekit_core::kpi::{percent, whole_number, Movement};
use servicekit_core::measurement::{Channel, Period};
use servicekit_core::performance::PerformanceSnapshot;
use servicekit_core::plural::Plural;
use servicekit_core::words::{fill, LevelWords};
use servicekit_core::{assessment, contract, trend, RoleProfile, Scale, ServiceContext, SkillRequirement};
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
    take_up_table_caption: String,
    column_period: String,
    column_take_up: String,
    column_assisted: String,
    column_completed: String,
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
    channel_names: Vec<String>,
}

/// A widget's words, read from its translation files once per language on
/// first use: English, or Welsh keys over English ones (as the widget merges them).
struct Words<T> {
    english_files: &'static [&'static str],
    welsh_files: &'static [&'static str],
    english: OnceLock<T>,
    welsh: OnceLock<T>,
}

/// Words that keep the language they are in (for its plural forms).
trait InLanguage: Sized {
    /// These words, knowing they are in `lang`.
    fn in_language(self, _lang: &'static str) -> Self {
        self
    }
}

impl<T: DeserializeOwned + InLanguage> Words<T> {
    /// The words in `english_files`, with `welsh_files` over them in Welsh.
    const fn new(english_files: &'static [&'static str], welsh_files: &'static [&'static str]) -> Self {
        Words { english_files, welsh_files, english: OnceLock::new(), welsh: OnceLock::new() }
    }

    /// The words in `lang` (`cy` Welsh, anything else English).
    fn get(&self, lang: &'static str) -> &T {
        let (cell, files) = match lang {
            "cy" => (&self.welsh, [self.english_files, self.welsh_files]),
            _ => (&self.english, [self.english_files, &[]]),
        };
        cell.get_or_init(|| {
            let mut merged = serde_json::Map::new();
            for file in files.concat() {
                let parsed: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(file).expect("the widgets' translation files are valid JSON");
                merged.extend(parsed);
            }
            let words: T = serde_json::from_value(serde_json::Value::Object(merged))
                .expect("a widget's translation files hold every word of its first paint");
            words.in_language(lang)
        })
    }
}

/// The `lang` asked for: `en` (also when not given) or `cy`, else a 422 problem.
fn language(req: &Request) -> Result<&'static str, ApiError> {
    let asked: Vec<String> =
        req.url()?.query_pairs().filter(|(k, _)| k == "lang").map(|(_, v)| v.into_owned()).collect();
    match asked.as_slice() {
        [] => Ok("en"),
        [one] if one == "en" => Ok("en"),
        [one] if one == "cy" => Ok("cy"),
        _ => Err(ApiError::Invalid(vec![servicekit_core::FieldProblem {
            pointer: "/lang".to_owned(),
            detail: "Ask for ?lang=en or ?lang=cy, once.".to_owned(),
        }])),
    }
}

/// `response` as HTML that may be kept for a minute.
fn html(mut response: Response) -> Result<Response, ApiError> {
    let headers = response.headers_mut();
    headers.set("Content-Type", "text/html; charset=utf-8")?;
    headers.set("Cache-Control", "public, max-age=60")?;
    Ok(response)
}

static TAKE_UP: Words<TakeUpWords> = Words::new(
    &[
        include_str!("../../widgets/i18n/en/take-up.json"),
        include_str!("../../widgets/i18n/en/take-up-view.json"),
    ],
    &[
        include_str!("../../widgets/i18n/cy/take-up.json"),
        include_str!("../../widgets/i18n/cy/take-up-view.json"),
    ],
);

impl InLanguage for TakeUpWords {
    fn in_language(self, lang: &'static str) -> Self {
        TakeUpWords { lang, ..self }
    }
}

impl TakeUpWords {
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
    let words = TAKE_UP.get(language(req)?);
    let store = Store::open(&state.env)?;
    html(
        measurements::rendered(&store, Rendering::TakeUp(slug, words.lang), slug, |performance| {
            Ok(take_up_markup(words, performance, &state.origin, slug))
        })
        .await?,
    )
}

/// The widget's chart section, which the widget keeps and makes interactive.
///
/// The buttons that need the widget's code are shown disabled, so that nothing
/// moves when they come to life. The plot carries what the widget needs for
/// the channel mix (`data-mix`: each point's period and its completed
/// transactions by channel, as JSON), and the table is here, hidden, for the
/// widget to show.
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
            .map(|v| fill(&w.take_up_target, &[("value", &percent(v))]))
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
    let label = |period: Period| period.label_in(&w.months, &w.period_to);
    let covered = match trend::covered(periods) {
        Some((first, last)) => fill(&w.take_up_covered, &[("first", &label(first)), ("last", &label(last))]),
        None => String::new(),
    };
    let updated = report
        .last_updated
        .as_deref()
        .map(|d| fill(&w.take_up_updated, &[("date", &d.get(..10).unwrap_or(d))]))
        .unwrap_or_default();
    let with_take_up = trend::with_take_up(periods);
    let channel = |channel: Channel| {
        let index = Channel::ALL.iter().position(|c| *c == channel).unwrap_or(0);
        w.channel_names.get(index).cloned().unwrap_or_else(|| channel.as_str().to_owned())
    };
    let mix: Vec<(String, Vec<(String, u64)>)> = with_take_up
        .iter()
        .map(|p| (label(p.period), p.channel_mix.iter().map(|(c, n)| (channel(*c), *n)).collect()))
        .collect();
    let mix = serde_json::to_string(&mix).unwrap_or_else(|_| "[]".to_owned());
    let rows: String = with_take_up
        .iter()
        .rev()
        .map(|p| {
            format!(
                "<tr><th scope=\"row\" class=\"sk-table__header\">{}</th><td class=\"sk-table__cell sk-table__numeric\">{}</td>\
<td class=\"sk-table__cell sk-table__numeric\">{}</td><td class=\"sk-table__cell sk-table__numeric\">{}</td></tr>",
                escape(&label(p.period)),
                p.figures.digital_take_up.map(percent).unwrap_or_default(),
                p.figures.assisted_digital_share.map(percent).unwrap_or_default(),
                whole_number(p.figures.completed),
            )
        })
        .collect();
    let target = match report.take_up_target {
        Some(_) => format!("<li><span class=\"sk-legend__target\"></span>{}</li>", escape(&w.legend_target)),
        None => String::new(),
    };
    format!(
        "<section class=\"sk-take-up\" aria-labelledby=\"sk-take-up-title\">\
<h2 id=\"sk-take-up-title\" class=\"sk-heading-l\">{title}</h2>\
<p class=\"sk-body sk-take-up__summary\" data-testid=\"sk-summary\">{summary}</p>\
<p class=\"sk-hint\">{covered} {updated}</p>\
<div class=\"sk-take-up__plot\" data-mix=\"{mix}\"><div class=\"sk-take-up__svg\">{svg}</div></div>\
<ul class=\"sk-legend\" aria-hidden=\"true\"><li><span class=\"sk-legend__line\"></span>{legend_take_up}</li>\
<li><span class=\"sk-legend__band\"></span>{legend_assisted}</li>{target}</ul>\
<p class=\"sk-body\"><button type=\"button\" class=\"sk-button sk-button--secondary\" disabled>{show_table}</button> \
<button type=\"button\" class=\"sk-button sk-button--secondary\" disabled>{show_mix}</button> \
<a class=\"sk-link\" href=\"{origin}/v1/services/{slug}/measurements?format=csv\" download>{csv}</a></p>\
<div hidden data-testid=\"sk-take-up-table\"><div class=\"sk-table-wrap\"><table class=\"sk-table\">\
<caption class=\"sk-table__caption\">{caption}</caption><thead><tr><th scope=\"col\" class=\"sk-table__header\">{period}</th>\
<th scope=\"col\" class=\"sk-table__header sk-table__numeric\">{take_up}</th><th scope=\"col\" class=\"sk-table__header sk-table__numeric\">{assisted}</th>\
<th scope=\"col\" class=\"sk-table__header sk-table__numeric\">{completed}</th></tr></thead><tbody>{rows}</tbody></table></div></div></section>",
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
        mix = escape(&mix),
        caption = escape(&w.take_up_table_caption),
        period = escape(&w.column_period),
        take_up = escape(&w.column_take_up),
        assisted = escape(&w.column_assisted),
        completed = escape(&w.column_completed),
    )
}

/// The contract viewer's words in one language, read from its translation files.
#[derive(Debug, Deserialize)]
struct ContractWords {
    #[serde(skip)]
    lang: &'static str,
    target_at_least: String,
    target_at_most: String,
    no_target: String,
    contract_manager: String,
    contract_overview: String,
    contract_benefit: String,
    contract_how_used: String,
    contract_onboarding: String,
    contract_success: String,
    contract_failure: String,
    contract_help: String,
    contract_reviewed: String,
    contract_decommissioned: String,
    need_met: String,
    need_not_met: String,
    need_unknown: String,
    need_no_metric: String,
    need_as_a: String,
    need_i_need: String,
    need_so_that: String,
    need_evidence: String,
    dependency_service: String,
    coe_open_actions: Plural,
    coe_none: String,
    contract_stage: String,
    contract_evolution: String,
    contract_needs: String,
    contract_dependencies: String,
    contract_coe: String,
    metric_latest: String,
    contract_print: String,
    contract_share: String,
    contract_actions: String,
}

static CONTRACT: Words<ContractWords> = Words::new(
    &[include_str!("../../widgets/i18n/en/contract-view.json")],
    &[include_str!("../../widgets/i18n/cy/contract-view.json")],
);

impl InLanguage for ContractWords {
    fn in_language(self, lang: &'static str) -> Self {
        ContractWords { lang, ..self }
    }
}

impl ContractWords {
    /// A metric's target in words: "target at least 85 %".
    fn target(&self, metric: &ServiceMetric) -> String {
        match metric.target {
            Some(target) => {
                let direction = match target.direction {
                    Direction::AtLeast => &self.target_at_least,
                    Direction::AtMost => &self.target_at_most,
                };
                format!("{direction} {} {}", target.value, metric.unit)
            }
            None => self.no_target.clone(),
        }
    }
}

/// `GET /v1/services/{slug}/contract.html?lang=`: the contract viewer's content (`en` unless `cy`), kept beside the snapshot while it is fresh.
pub async fn contract(req: &Request, state: &AppState, slug: &str) -> Result<Response, ApiError> {
    if !contract::is_valid_slug(slug) {
        return Err(ApiError::unknown_service(slug));
    }
    let words = CONTRACT.get(language(req)?);
    let store = Store::open(&state.env)?;
    let mut response = html(
        measurements::rendered(&store, Rendering::Contract(slug, words.lang), slug, |performance| {
            let view = performance
                .snapshot
                .contract_view(&performance.report)
                .ok_or_else(|| ApiError::not_found("problem_no_contract", &[("slug", slug)]))?;
            Ok(contract_markup(words, &view, &performance.snapshot, &state.origin, slug))
        })
        .await?,
    )?;
    // A manager who has just saved a new version sees it at once (one KV read a view).
    response.headers_mut().set("Cache-Control", "no-cache")?;
    Ok(response)
}

/// The contract viewer's section: the contract, each user need's status and
/// evidence, dependencies, the recent Correction of Error documents, and
/// a print button (disabled: the widget's code makes it work) and a link to
/// the public page.
fn contract_markup(
    w: &ContractWords,
    view: &ContractView,
    snapshot: &PerformanceSnapshot,
    origin: &str,
    slug: &str,
) -> String {
    let contract = &view.latest.contract;
    let d = &contract.description;
    let manager = format!("{} ({})", contract.manager.name, contract.manager.contact);
    let rows: String = [
        (&w.contract_manager, &manager),
        (&w.contract_overview, &d.overview),
        (&w.contract_benefit, &d.business_benefit),
        (&w.contract_how_used, &d.how_it_is_used),
        (&w.contract_onboarding, &d.onboarding_and_offboarding),
        (&w.contract_success, &d.success),
        (&w.contract_failure, &d.failure),
        (&w.contract_help, &d.help),
        (&w.contract_reviewed, &contract.last_reviewed),
    ]
    .into_iter()
    .chain(contract.decommissioned_because.as_ref().map(|r| (&w.contract_decommissioned, r)))
    .filter(|(_, value)| !value.trim().is_empty())
    .map(|(key, value)| {
        format!(
            "<div class=\"sk-summary-list__row\"><dt class=\"sk-summary-list__key\">{}</dt><dd class=\"sk-summary-list__value\">{}</dd></div>",
            escape(key),
            escape(value)
        )
    })
    .collect();
    let needs: String = contract
        .user_needs
        .iter()
        .map(|need| {
            let status = view.needs.iter().find(|r| r.need == need.id).map_or(NeedStatus::Unknown, |r| r.status);
            let (label, class) = match status {
                NeedStatus::Met => (&w.need_met, "sk-tag sk-tag--green"),
                NeedStatus::NotMet => (&w.need_not_met, "sk-tag sk-tag--red"),
                NeedStatus::Unknown => (&w.need_unknown, "sk-tag sk-tag--grey"),
            };
            let metrics: Vec<String> = contract
                .metrics
                .iter()
                .filter(|m| m.needs.contains(&need.id))
                .map(|m| match view.metric_values.get(&m.id) {
                    Some(value) => format!(
                        "{} ({}): {}",
                        m.name,
                        w.target(m),
                        fill(&w.metric_latest, &[("value", &m.format_value(*value))])
                    ),
                    None => format!("{} ({})", m.name, w.target(m)),
                })
                .collect();
            let evidence = if metrics.is_empty() { w.need_no_metric.clone() } else { metrics.join("; ") };
            format!(
                "<li class=\"sk-need\" data-testid=\"sk-need-{id}\"><p class=\"sk-body\"><strong class=\"{class}\">{label}</strong> {text}</p>\
<p class=\"sk-hint\">{evidence}</p></li>",
                id = escape(&need.id),
                label = escape(label),
                text = escape(&format!(
                    "{} {}, {} {} {} {}.",
                    w.need_as_a, need.as_a, w.need_i_need, need.i_need, w.need_so_that, need.so_that
                )),
                evidence = escape(&format!("{} {evidence}", w.need_evidence)),
            )
        })
        .collect();
    let dependencies: String = contract
        .dependencies
        .iter()
        .map(|dependency| match dependency {
            Dependency::Service { slug } => format!(
                "<li>{} <a class=\"sk-link\" href=\"{}/services/{}\">{}</a></li>",
                escape(&w.dependency_service),
                escape(origin),
                escape(slug),
                escape(slug)
            ),
            Dependency::External { name, url: Some(url) } => {
                format!("<li><a class=\"sk-link\" href=\"{}\">{}</a></li>", escape(url), escape(name))
            }
            Dependency::External { name, url: None } => format!("<li>{}</li>", escape(name)),
        })
        .collect();
    let coe_list = match snapshot.coes.is_empty() {
        true => format!("<p class=\"sk-body\">{}</p>", escape(&w.coe_none)),
        false => {
            let items: String = snapshot
                .recent_coes()
                .map(|c| {
                    let open = w.coe_open_actions.count(w.lang, c.open_actions as u64);
                    format!("<li>{}</li>", escape(&format!("{} — {} ({open})", c.date, c.title)))
                })
                .collect();
            format!("<ul class=\"sk-list\" data-testid=\"sk-coe-list\">{items}</ul>")
        }
    };
    format!(
        "<section class=\"sk-contract\" aria-labelledby=\"sk-contract-title\">\
<h2 id=\"sk-contract-title\" class=\"sk-heading-l\">{name}</h2>\
<p class=\"sk-body\"><strong class=\"sk-tag\" data-testid=\"sk-stage\">{stage}</strong> \
<strong class=\"sk-tag sk-tag--grey\" data-testid=\"sk-evolution\">{evolution}</strong></p>\
<dl class=\"sk-summary-list\">{rows}</dl>\
<h3 class=\"sk-heading-m\">{needs_title}</h3><ul class=\"sk-list sk-needs\">{needs}</ul>\
<h3 class=\"sk-heading-m\">{dependencies_title}</h3><ul class=\"sk-list\">{dependencies}</ul>\
<h3 class=\"sk-heading-m\">{coe_title}</h3>{coe_list}\
<h3 class=\"sk-heading-m sk-no-print\">{actions}</h3>\
<p class=\"sk-body sk-no-print\"><button type=\"button\" class=\"sk-button sk-button--secondary\" data-sk-print disabled>{print}</button> \
<a class=\"sk-link\" href=\"{origin}/services/{slug}\" data-testid=\"sk-share\">{share}</a></p></section>",
        name = escape(&contract.name),
        stage = escape(&format!("{} {}", w.contract_stage, contract.stage.as_str())),
        evolution = escape(&format!("{} {}", w.contract_evolution, contract.evolution.as_str())),
        needs_title = escape(&w.contract_needs),
        dependencies_title = escape(&w.contract_dependencies),
        coe_title = escape(&w.contract_coe),
        actions = escape(&w.contract_actions),
        print = escape(&w.contract_print),
        origin = escape(origin),
        slug = escape(slug),
        share = escape(&w.contract_share),
    )
}

/// The self-assessment widget's words for its form, read from its translation files.
#[derive(Debug, Deserialize)]
struct FormWords {
    title: String,
    source_link: String,
    skill_link: String,
    evidence_label: String,
    evidence_hint: String,
    context_hint: String,
    context_legend: String,
    context_large: String,
    context_outsources: String,
    context_products: String,
    required: String,
    gap_not_rated: String,
    level_ddat: Vec<String>,
    level_sfia: String,
    range_between_sfia: String,
    range_between_ddat: String,
    range_at_least: String,
}

static FORM: Words<FormWords> = Words::new(
    &[
        include_str!("../../widgets/i18n/en/self-assessment.json"),
        include_str!("../../widgets/i18n/en/skills.json"),
    ],
    &[
        include_str!("../../widgets/i18n/cy/self-assessment.json"),
        include_str!("../../widgets/i18n/cy/skills.json"),
    ],
);

impl InLanguage for FormWords {}

impl FormWords {
    fn levels(&self) -> LevelWords<'_> {
        LevelWords {
            ddat: &self.level_ddat,
            sfia: &self.level_sfia,
            between_sfia: &self.range_between_sfia,
            between_ddat: &self.range_between_ddat,
            at_least: &self.range_at_least,
        }
    }
}

/// `GET /v1/roles/{id}/form.html?lang=`: the self-assessment widget's form for a role profile, unanswered (`en` unless `cy`).
pub async fn form(req: &Request, state: &AppState, id: &str) -> Result<Response, ApiError> {
    let words = FORM.get(language(req)?);
    let profile = crate::roles::lookup(state, id)
        .await?
        .ok_or_else(|| ApiError::not_found("problem_no_role", &[("id", id)]))?;
    html(Response::ok(form_markup(words, &profile))?)
}

/// The widget's form as it first renders for a person with no answers yet:
/// the role, the context questions that matter, and every skill's question,
/// those that do not apply to a service of no particular kind hidden.
fn form_markup(w: &FormWords, profile: &RoleProfile) -> String {
    let context = ServiceContext::default();
    let gaps = assessment::gaps(profile, &context, |_| None);
    let asked = profile.context_questions();
    let boxes: String = [
        (asked.large, "large", &w.context_large),
        (asked.outsources, "outsources", &w.context_outsources),
        (asked.has_products, "has-products", &w.context_products),
    ]
    .into_iter()
    .filter(|(asked, ..)| *asked)
    .map(|(_, name, label)| {
        format!(
            "<div class=\"sk-checkboxes__item\"><input class=\"sk-checkboxes__input\" type=\"checkbox\" \
id=\"sk-context-{name}\"><label class=\"sk-label sk-checkboxes__label\" for=\"sk-context-{name}\">{label}</label></div>",
            label = escape(label)
        )
    })
    .collect();
    let context_questions = match boxes.is_empty() {
        true => String::new(),
        false => format!(
            "<div class=\"sk-form-group\"><fieldset class=\"sk-fieldset\" aria-describedby=\"sk-context-hint\">\
<legend class=\"sk-fieldset__legend\">{legend}</legend><p class=\"sk-hint\" id=\"sk-context-hint\">{hint}</p>\
<div class=\"sk-checkboxes\">{boxes}</div></fieldset></div>",
            legend = escape(&w.context_legend),
            hint = escape(&w.context_hint),
        ),
    };
    let questions: String = profile
        .skills
        .iter()
        .map(|skill| {
            let gap = match gaps.iter().any(|g| g.skill == skill.id) {
                true => w.gap_not_rated.as_str(),
                false => "",
            };
            skill_question(w, profile.scale, skill, &context, gap)
        })
        .collect();
    let note = match &profile.note {
        Some(note) => format!("<p class=\"sk-inset\">{}</p>", escape(note)),
        None => String::new(),
    };
    format!(
        "<section class=\"sk-self-assessment\" aria-labelledby=\"sk-title\">\
<h2 id=\"sk-title\" class=\"sk-heading-l\">{title}</h2><div class=\"sk-screen-only\">\
<p class=\"sk-body\">{role} ({framework} {version}) · <a href=\"{source}\" class=\"sk-link\" rel=\"noopener\" \
target=\"_blank\">{source_link}</a></p>{note}<form novalidate>{context_questions}{questions}</form></div></section>",
        title = escape(&w.title),
        role = escape(&profile.title),
        framework = escape(&profile.framework.name),
        version = escape(&profile.framework.version),
        source = escape(&profile.source_url),
        source_link = escape(&w.source_link),
    )
}

/// One skill's question, as the widget draws it before any answer.
fn skill_question(
    w: &FormWords,
    scale: Scale,
    skill: &SkillRequirement,
    context: &ServiceContext,
    gap: &str,
) -> String {
    let id = escape(&skill.id);
    let legend = match &skill.code {
        Some(code) => format!("{} ({code})", skill.name),
        None => skill.name.clone(),
    };
    let more = match &skill.url {
        Some(url) => format!(
            " <a class=\"sk-link\" href=\"{}\" rel=\"noopener\" target=\"_blank\">{}</a>",
            escape(url),
            escape(&w.skill_link)
        ),
        None => String::new(),
    };
    let levels = w.levels();
    let required = format!(
        "{}: {}.",
        w.required,
        levels.range(scale, skill.levels_for(context), |text| text.to_lowercase())
    );
    let radios: String = scale
        .ranks()
        .map(|rank| {
            format!(
                "<div class=\"sk-radios__item\"><input class=\"sk-radios__input\" type=\"radio\" id=\"sk-{id}-{rank}\" \
name=\"sk-{id}\" value=\"{value}\"><label class=\"sk-label sk-radios__label\" for=\"sk-{id}-{rank}\">{label}</label></div>",
                value = escape(&scale.id(rank)),
                label = escape(&levels.level(scale, rank)),
            )
        })
        .collect();
    format!(
        "<div class=\"sk-form-group\"{hidden} data-testid=\"sk-skill-{id}\"><fieldset class=\"sk-fieldset\" \
aria-describedby=\"sk-{id}-hint\"><legend class=\"sk-fieldset__legend\">{legend}</legend>\
<p class=\"sk-hint\" id=\"sk-{id}-hint\">{description}{more} <strong data-testid=\"sk-required-{id}\">{required}</strong></p>\
<div class=\"sk-radios sk-radios--inline\">{radios}</div><p class=\"sk-gap\" data-testid=\"sk-gap-{id}\">{gap}</p>\
<label class=\"sk-label\" for=\"sk-{id}-evidence\">{evidence_label}</label><p class=\"sk-hint\">{evidence_hint}</p>\
<textarea class=\"sk-textarea\" id=\"sk-{id}-evidence\" rows=\"3\"></textarea></fieldset></div>",
        hidden = if skill.applies_to(context) { "" } else { " hidden" },
        legend = escape(&legend),
        description = escape(&skill.description),
        required = escape(&required),
        gap = escape(gap),
        evidence_label = escape(&w.evidence_label),
        evidence_hint = escape(&w.evidence_hint),
    )
}

/// The feedback widget's words for its form, read from its translation file.
#[derive(Debug, Deserialize)]
struct FeedbackWords {
    #[serde(skip)]
    lang: &'static str,
    feedback_legend: String,
    feedback_ratings: Vec<String>,
    feedback_comment_label: String,
    feedback_comment_hint: String,
    feedback_remaining: Plural,
    feedback_submit: String,
}

static FEEDBACK: Words<FeedbackWords> = Words::new(
    &[include_str!("../../widgets/i18n/en/feedback.json")],
    &[include_str!("../../widgets/i18n/cy/feedback.json")],
);

impl InLanguage for FeedbackWords {
    fn in_language(self, lang: &'static str) -> Self {
        FeedbackWords { lang, ..self }
    }
}

/// `GET /v1/services/{slug}/feedback/form.html?lang=`: the feedback widget's form, unanswered
/// (`en` unless `cy`). It is the same for every service and reads nothing: the
/// service is checked when the feedback is sent.
pub fn feedback_form(req: &Request, slug: &str) -> Result<Response, ApiError> {
    if !contract::is_valid_slug(slug) {
        return Err(ApiError::unknown_service(slug));
    }
    let words = FEEDBACK.get(language(req)?);
    html(Response::ok(feedback_markup(words))?)
}

/// The feedback form as the widget first draws it. Its button stays disabled
/// until the widget takes over: the form is sent by the widget, never by the browser.
fn feedback_markup(w: &FeedbackWords) -> String {
    let radios: String = w
        .feedback_ratings
        .iter()
        .zip(1..)
        .map(|(label, value)| {
            format!(
                "<div class=\"sk-radios__item\"><input class=\"sk-radios__input\" type=\"radio\" \
name=\"sk-feedback-rating\" id=\"sk-feedback-rating-{value}\" value=\"{value}\">\
<label class=\"sk-label sk-radios__label\" for=\"sk-feedback-rating-{value}\">{label}</label></div>",
                label = escape(label)
            )
        })
        .collect();
    format!(
        "<section class=\"sk-feedback\" aria-labelledby=\"sk-feedback-legend\"><div role=\"status\"></div><div>\
<form novalidate><div class=\"sk-form-group\"><fieldset class=\"sk-fieldset\">\
<legend class=\"sk-fieldset__legend\" id=\"sk-feedback-legend\">{legend}</legend>\
<div class=\"sk-radios\">{radios}</div></fieldset></div><div class=\"sk-form-group\">\
<label class=\"sk-label\" for=\"sk-feedback-comment\">{label}</label>\
<p class=\"sk-hint\" id=\"sk-feedback-comment-hint\">{hint}</p>\
<textarea class=\"sk-textarea\" id=\"sk-feedback-comment\" rows=\"5\" \
aria-describedby=\"sk-feedback-comment-hint sk-feedback-comment-count\"></textarea>\
<p class=\"sk-hint\" id=\"sk-feedback-comment-count\">{remaining}</p></div>\
<button type=\"submit\" class=\"sk-button\" disabled>{submit}</button></form></div></section>",
        legend = escape(&w.feedback_legend),
        label = escape(&w.feedback_comment_label),
        hint = escape(&w.feedback_comment_hint),
        remaining = escape(&w.feedback_remaining.count(w.lang, MAX_COMMENT_CHARS as u64)),
        submit = escape(&w.feedback_submit),
    )
}
