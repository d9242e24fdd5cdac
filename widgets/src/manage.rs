//! The manage page, for service managers who don't write JSON: sign in with
//! the service token (kept in session storage only), edit the contract in a
//! form or paste it as JSON with every problem shown before saving, upload
//! measurements with a preview, write Correction of Error documents and
//! update their actions, and rotate the token.
//!
//! Validation is core's (`contract::validate`, `coe::validate`,
//! `measurement::parse_csv`), the same code the Worker runs on save.

use crate::api::{self, Api, ApiFailure};
use crate::error_summary::focus_field;
use crate::files::{data_url, on_file_text};
use crate::i18n::use_strings;
use crate::json::Storage;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped;
use servicekit_core::coe::{self, ActionStatus, CoeSummary, CorrectionOfError, CorrectiveAction};
use servicekit_core::contract::{
    self, Dependency, Direction, Evolution, LifecycleStage, MetricKind, ServiceContract, ServiceMetric,
    Target, UserNeed,
};
use servicekit_core::measurement::{self, MeasurementRow};
use servicekit_core::FieldProblem;
use std::collections::BTreeSet;

/// Session storage key of the signed-in service and token (never in a URL, gone when the tab closes).
const SESSION_KEY: &str = "servicekit-manage";

/// Who is signed in: a service and its token.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Session {
    slug: String,
    token: String,
}

/// The text for `key` from the `manage` table of the translation files.
fn m(key: &str) -> String {
    use_strings().manage.get(key).cloned().unwrap_or_else(|| key.to_owned())
}

/// An element id for the field at a JSON pointer (`/metrics/0/name` → `sk-f-metrics-0-name`).
fn field_id(pointer: &str) -> String {
    format!("sk-f{}", pointer.replace('/', "-"))
}

/// The manage page: sign in, then the tools.
#[component]
pub fn ManagePage(
    /// The servicekit API, asked in the widget's language.
    api: Api,
) -> impl IntoView {
    let session = RwSignal::new(Storage::Session.get::<Session>(SESSION_KEY));
    let new_token = RwSignal::new(None::<String>);
    let sign_out = move |_| {
        Storage::Session.delete(SESSION_KEY);
        session.set(None);
    };
    view! {
        <section class="sk-manage">
            {move || match session.get() {
                None => view! { <SignIn api=api.clone() session /> }.into_any(),
                Some(s) => view! {
                    <p class="sk-body" data-testid="sk-signed-in">
                        {m("signed_in").replace("{slug}", &s.slug)} " "
                        <button type="button" class="sk-button sk-button--secondary" on:click=sign_out>{m("sign_out")}</button>
                    </p>
                    <ContractEditor api=api.clone() session=s.clone() />
                    <MeasurementsUpload api=api.clone() session=s.clone() />
                    <CoeEditor api=api.clone() session=s.clone() />
                    <TokenRotation api=api.clone() session=s.clone() signed_in=session new_token />
                }.into_any(),
            }}
        </section>
    }
}

/// Asks for the service's slug and token, and checks them with the API.
#[component]
fn SignIn(api: Api, session: RwSignal<Option<Session>>) -> impl IntoView {
    let slug = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let candidate = Session {
            slug: slug.get_untracked().trim().to_owned(),
            token: token.get_untracked().trim().to_owned(),
        };
        if candidate.slug.is_empty() || candidate.token.is_empty() {
            error.set(Some(m("sign_in_missing")));
            return;
        }
        let api = api.clone();
        spawn_local_scoped(async move {
            match api::check_service_token(&api, &candidate.slug, &candidate.token).await {
                Ok(()) => {
                    Storage::Session.set(SESSION_KEY, &candidate);
                    session.set(Some(candidate));
                }
                Err(ApiFailure::Unreachable) => error.set(Some(m("unreachable"))),
                Err(_) => error.set(Some(m("sign_in_refused"))),
            }
        });
    };
    view! {
        <h2 class="sk-heading-l">{m("sign_in_title")}</h2>
        <p class="sk-body">{m("sign_in_intro")}</p>
        {move || error.get().map(|e| view! {
            <div class="sk-error-summary" role="alert" data-testid="sk-error"><p class="sk-body">{e}</p></div>
        })}
        <form novalidate on:submit=submit>
            <div class="sk-form-group">
                <label class="sk-label" for="sk-sign-in-slug">{m("slug_label")}</label>
                <input class="sk-input" id="sk-sign-in-slug" autocomplete="off" spellcheck="false"
                    on:input=move |ev| slug.set(event_target_value(&ev)) />
            </div>
            <div class="sk-form-group">
                <label class="sk-label" for="sk-sign-in-token">{m("token_label")}</label>
                <p class="sk-hint">{m("token_hint")}</p>
                <input class="sk-input" id="sk-sign-in-token" type="password" autocomplete="off"
                    on:input=move |ev| token.set(event_target_value(&ev)) />
            </div>
            <button type="submit" class="sk-button">{m("sign_in")}</button>
        </form>
    }
}

/// What an action came to: a confirmation panel or an error box, announced (the caller's live region).
fn outcome_view(outcome: RwSignal<Option<Result<String, String>>>) -> impl IntoView {
    move || {
        outcome.get().map(|o| match o {
            Ok(message) => view! { <div class="sk-panel"><p class="sk-body">{message}</p></div> }.into_any(),
            Err(message) => {
                view! { <div class="sk-error-summary"><p class="sk-body">{message}</p></div> }.into_any()
            }
        })
    }
}

/// Problems at `pointer` or inside it.
fn problems_at(problems: &[FieldProblem], pointer: &str) -> Vec<String> {
    problems
        .iter()
        .filter(|p| p.pointer == pointer || p.pointer.starts_with(&format!("{pointer}/")))
        .map(|p| p.detail.clone())
        .collect()
}

/// A labelled text input (or textarea) bound to part of `state`, showing the problems at `pointer`.
fn text_field<T: Send + Sync + 'static>(
    state: RwSignal<T>,
    problems: Signal<Vec<FieldProblem>>,
    label: String,
    pointer: String,
    long: bool,
    get: impl Fn(&T) -> String + Send + Sync + 'static,
    set: impl Fn(&mut T, String) + Send + Sync + 'static,
) -> impl IntoView {
    let id = field_id(&pointer);
    let error_id = format!("{id}-error");
    let errors = {
        let pointer = pointer.clone();
        Memo::new(move |_| problems.with(|p| problems_at(p, &pointer)))
    };
    let initial = state.with_untracked(&get);
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        state.update(|s| set(s, value));
    };
    let described = move || (!errors.with(Vec::is_empty)).then(|| error_id.clone());
    let error_list = {
        let error_id = format!("{id}-error");
        move || {
            let list = errors.get();
            (!list.is_empty())
                .then(|| view! { <p class="sk-error-message" id=error_id.clone()>{list.join(" ")}</p> })
        }
    };
    let input = match long {
        true => view! {
            <textarea class="sk-textarea" id=id.clone() rows="3" aria-describedby=described prop:value=initial on:input=on_input></textarea>
        }
        .into_any(),
        false => view! {
            <input class="sk-input" id=id.clone() aria-describedby=described prop:value=initial on:input=on_input />
        }
        .into_any(),
    };
    view! {
        <div class="sk-form-group" class:sk-form-group--error=move || !errors.with(Vec::is_empty)>
            <label class="sk-label" for=id>{label}</label>
            {error_list}
            {input}
        </div>
    }
}

/// A labelled select of `options` (value, label) bound to part of `state`.
fn select_field<T: Send + Sync + 'static>(
    state: RwSignal<T>,
    label: String,
    id: String,
    options: Vec<(&'static str, String)>,
    get: impl Fn(&T) -> &'static str + Send + Sync + 'static,
    set: impl Fn(&mut T, &str) + Send + Sync + 'static,
) -> impl IntoView {
    let current = state.with_untracked(&get);
    let options = options
        .into_iter()
        .map(|(value, text)| view! { <option value=value selected=value == current>{text}</option> })
        .collect_view();
    view! {
        <div class="sk-form-group">
            <label class="sk-label" for=id.clone()>{label}</label>
            <select class="sk-select" id=id on:change=move |ev| {
                let value = event_target_value(&ev);
                state.update(|s| set(s, &value));
            }>{options}</select>
        </div>
    }
}

/// The error summary: every problem, each linked to its field.
fn error_summary(problems: Signal<Vec<FieldProblem>>, title: String, test_id: &'static str) -> impl IntoView {
    move || {
        let list = problems.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|p| {
                    // A list entry's problem (e.g. /metrics/0/needs/1) is shown on the list's field.
                    let target = match p.pointer.rsplit_once('/') {
                        Some((head, tail)) if tail.parse::<usize>().is_ok() && head.ends_with("/needs") => {
                            head.to_owned()
                        }
                        _ => p.pointer.clone(),
                    };
                    let id = field_id(&target);
                    view! {
                        <li>
                            <a class="sk-link" href=format!("#{id}") on:click=move |ev| focus_field(&ev, &id)>
                                {p.detail}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="sk-error-summary" data-testid=test_id>
                    <h3 class="sk-error-summary__title">{title.clone()}</h3>
                    <ul class="sk-list sk-error-summary__list">{items}</ul>
                </div>
            }
        })
    }
}

fn stage_options() -> Vec<(&'static str, String)> {
    LifecycleStage::ALL.iter().map(|s| (s.as_str(), m(&format!("stage_{}", s.as_str())))).collect()
}

/// The contract form, with JSON paste/upload, live validation and save.
#[component]
fn ContractEditor(api: Api, session: Session) -> impl IntoView {
    let loaded = {
        let (api, slug) = (api.clone(), session.slug.clone());
        crate::api::fetched(move || {
            let (api, slug) = (api.clone(), slug.clone());
            async move { api::contract(&api, &slug).await }
        })
    };
    let api = StoredValue::new(api);
    let session = StoredValue::new(session);
    view! {
        <h2 class="sk-heading-l" id="sk-contract-heading">{m("contract_title")}</h2>
        {move || loaded.get().map(|result| {
            let start = match result {
                Ok(view) => view.latest.contract,
                Err(_) => ServiceContract::draft(&session.get_value().slug, ""),
            };
            view! { <ContractForm api=api.get_value() session=session.get_value() start /> }
        })}
    }
}

#[component]
fn ContractForm(api: Api, session: Session, start: ServiceContract) -> impl IntoView {
    let contract = RwSignal::new(start);
    // Bumped when the form's shape changes (a JSON import, items added, removed or moved): redraws the fields.
    let shape = RwSignal::new(0u32);
    let slug = session.slug.clone();
    let report = Memo::new(move |_| contract.with(|c| contract::validate(c, &slug)));
    let errors = Signal::derive(move || report.with(|r| r.errors.clone()));
    let warnings = Signal::derive(move || report.with(|r| r.warnings.clone()));
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let json_text = RwSignal::new(String::new());
    let json_error = RwSignal::new(None::<String>);

    let load_json = move |text: String| match crate::json::parse::<ServiceContract>(&text) {
        Ok(parsed) => {
            contract.set(parsed);
            shape.update(|n| *n += 1);
            json_error.set(None);
        }
        Err(e) => json_error.set(Some(m("json_invalid").replace("{error}", &e))),
    };
    let on_file = on_file_text(load_json);
    let save = {
        let (api, session) = (api.clone(), session.clone());
        move |_| {
            if !errors.with_untracked(Vec::is_empty) {
                outcome.set(Some(Err(m("fix_first"))));
                return;
            }
            let (api, session) = (api.clone(), session.clone());
            let body = contract.get_untracked();
            spawn_local_scoped(async move {
                let result = api::put_contract(&api, &session.slug, &session.token, &body).await;
                outcome.set(Some(match result {
                    Ok(saved) => Ok(m("saved").replace("{version}", &saved.version)),
                    Err(failure) => Err(failure.message(&m("unreachable"))),
                }));
            });
        }
    };
    let download = move || {
        let json = contract.with(|c| crate::json::write(c, true).unwrap_or_default());
        data_url("application/json", &json)
    };

    let fields = move || {
        shape.track();
        let needs_count = contract.with_untracked(|c| c.user_needs.len());
        let metrics_count = contract.with_untracked(|c| c.metrics.len());
        let deps_count = contract.with_untracked(|c| c.dependencies.len());
        let description = [
            ("overview", "description_overview"),
            ("business_benefit", "description_business_benefit"),
            ("how_it_is_used", "description_how_it_is_used"),
            ("onboarding_and_offboarding", "description_onboarding"),
            ("success", "description_success"),
            ("failure", "description_failure"),
            ("help", "description_help"),
        ]
        .into_iter()
        .map(|(field, key)| {
            text_field(
                contract,
                errors,
                m(key),
                format!("/description/{field}"),
                true,
                move |c| description_field(c, field).clone(),
                move |c, v| *description_field_mut(c, field) = v,
            )
        })
        .collect_view();
        let needs = (0..needs_count)
            .map(|i| need_item(contract, errors, warnings, shape, i, needs_count))
            .collect_view();
        let metrics =
            (0..metrics_count).map(|i| metric_item(contract, errors, shape, i, metrics_count)).collect_view();
        let deps = (0..deps_count).map(|i| dependency_item(contract, errors, shape, i)).collect_view();
        view! {
            {text_field(contract, errors, m("name"), "/name".into(), false, |c| c.name.clone(), |c, v| c.name = v)}
            {text_field(contract, errors, m("manager_name"), "/manager/name".into(), false, |c| c.manager.name.clone(), |c, v| c.manager.name = v)}
            {text_field(contract, errors, m("manager_contact"), "/manager/contact".into(), false, |c| c.manager.contact.clone(), |c, v| c.manager.contact = v)}
            {select_field(contract, m("stage"), "sk-f-stage".into(), stage_options(), |c| c.stage.as_str(), |c, v| {
                c.stage = LifecycleStage::ALL.into_iter().find(|s| s.as_str() == v).unwrap_or(c.stage);
                if c.stage != LifecycleStage::Decommissioned && c.decommissioned_because.as_deref().is_some_and(|r| r.trim().is_empty()) {
                    c.decommissioned_because = None;
                }
            })}
            {text_field(contract, errors, m("decommissioned_because"), "/decommissioned_because".into(), true,
                |c| c.decommissioned_because.clone().unwrap_or_default(),
                |c, v| c.decommissioned_because = (!v.trim().is_empty() || c.stage == LifecycleStage::Decommissioned).then_some(v))}
            {select_field(contract, m("evolution"), "sk-f-evolution".into(),
                Evolution::ALL.iter().map(|e| (e.as_str(), m(&format!("evolution_{}", e.as_str())))).collect(),
                |c| c.evolution.as_str(),
                |c, v| c.evolution = Evolution::ALL.into_iter().find(|e| e.as_str() == v).unwrap_or(c.evolution))}
            {description}
            <h3 class="sk-heading-m" id="sk-f-user_needs">{m("needs_title")}</h3>
            <ol class="sk-list sk-manage__items" data-testid="sk-needs">{needs}</ol>
            <button type="button" class="sk-button sk-button--secondary" on:click=move |_| {
                contract.update(|c| c.user_needs.push(UserNeed::default()));
                shape.update(|n| *n += 1);
            }>{m("add_need")}</button>
            <h3 class="sk-heading-m" id="sk-f-metrics">{m("metrics_title")}</h3>
            <ol class="sk-list sk-manage__items" data-testid="sk-metrics">{metrics}</ol>
            <button type="button" class="sk-button sk-button--secondary" on:click=move |_| {
                contract.update(|c| c.metrics.push(ServiceMetric {
                    id: String::new(), name: String::new(), kind: MetricKind::Outcome, unit: String::new(), target: None, needs: Vec::new(),
                }));
                shape.update(|n| *n += 1);
            }>{m("add_metric")}</button>
            <h3 class="sk-heading-m" id="sk-f-dependencies">{m("dependencies_title")}</h3>
            <ol class="sk-list sk-manage__items">{deps}</ol>
            <button type="button" class="sk-button sk-button--secondary" on:click=move |_| {
                contract.update(|c| c.dependencies.push(Dependency::Service { slug: String::new() }));
                shape.update(|n| *n += 1);
            }>{m("add_service_dependency")}</button>
            " "
            <button type="button" class="sk-button sk-button--secondary" on:click=move |_| {
                contract.update(|c| c.dependencies.push(Dependency::External { name: String::new(), url: None }));
                shape.update(|n| *n += 1);
            }>{m("add_external_dependency")}</button>
            {text_field(contract, errors, m("version"), "/version".into(), false,
                |c| c.version.clone().unwrap_or_default(),
                |c, v| c.version = (!v.trim().is_empty()).then_some(v))}
            {text_field(contract, errors, m("last_reviewed"), "/last_reviewed".into(), false, |c| c.last_reviewed.clone(), |c, v| c.last_reviewed = v)}
        }
    };

    view! {
        <details class="sk-details">
            <summary class="sk-details__summary">{m("json_title")}</summary>
            <div class="sk-details__text">
                <p class="sk-body">{m("json_intro")}</p>
                {move || json_error.get().map(|e| view! { <p class="sk-error-message" data-testid="sk-json-error">{e}</p> })}
                <label class="sk-label" for="sk-contract-json">{m("json_label")}</label>
                <textarea class="sk-textarea" id="sk-contract-json" rows="6" on:input=move |ev| json_text.set(event_target_value(&ev))></textarea>
                <p class="sk-body">
                    <button type="button" class="sk-button sk-button--secondary" on:click=move |_| load_json(json_text.get_untracked())>{m("json_load")}</button>
                </p>
                <label class="sk-label" for="sk-contract-file">{m("json_file")}</label>
                <input class="sk-file" id="sk-contract-file" type="file" accept="application/json,.json" on:change=on_file />
                <p class="sk-body"><a class="sk-link" href=download download="contract.json">{m("json_download")}</a></p>
            </div>
        </details>
        {error_summary(errors, m("problems_title"), "sk-contract-problems")}
        <form novalidate on:submit=|ev| ev.prevent_default()>
            {fields}
        </form>
        <div role="status" data-testid="sk-contract-outcome">
            {outcome_view(outcome)}
        </div>
        <button type="button" class="sk-button" on:click=save>{m("save_contract")}</button>
    }
}

fn description_field<'a>(c: &'a ServiceContract, field: &str) -> &'a String {
    let d = &c.description;
    match field {
        "overview" => &d.overview,
        "business_benefit" => &d.business_benefit,
        "how_it_is_used" => &d.how_it_is_used,
        "onboarding_and_offboarding" => &d.onboarding_and_offboarding,
        "success" => &d.success,
        "failure" => &d.failure,
        _ => &d.help,
    }
}

fn description_field_mut<'a>(c: &'a mut ServiceContract, field: &str) -> &'a mut String {
    let d = &mut c.description;
    match field {
        "overview" => &mut d.overview,
        "business_benefit" => &mut d.business_benefit,
        "how_it_is_used" => &mut d.how_it_is_used,
        "onboarding_and_offboarding" => &mut d.onboarding_and_offboarding,
        "success" => &mut d.success,
        "failure" => &mut d.failure,
        _ => &mut d.help,
    }
}

/// Move up, move down and remove buttons for item `i` of a list of `count`.
fn item_buttons(
    what: String,
    i: usize,
    count: usize,
    shape: RwSignal<u32>,
    change: impl Fn(ItemChange) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let act = move |c: ItemChange| {
        change(c);
        shape.update(|n| *n += 1);
    };
    view! {
        <p class="sk-body sk-manage__item-actions">
            {(i > 0).then(|| view! { <button type="button" class="sk-button sk-button--secondary" on:click=move |_| act(ItemChange::Up)>{m("move_up")}<span class="sk-visually-hidden">{format!(" {what}")}</span></button> })}
            " "
            {(i + 1 < count).then(|| view! { <button type="button" class="sk-button sk-button--secondary" on:click=move |_| act(ItemChange::Down)>{m("move_down")}<span class="sk-visually-hidden">{format!(" {what}")}</span></button> })}
            " "
            <button type="button" class="sk-button sk-button--warning" on:click=move |_| act(ItemChange::Remove)>{m("remove")}<span class="sk-visually-hidden">{format!(" {what}")}</span></button>
        </p>
    }
}

/// What an item's buttons do.
#[derive(Debug, Clone, Copy)]
enum ItemChange {
    Up,
    Down,
    Remove,
}

fn apply<T>(list: &mut Vec<T>, i: usize, change: ItemChange) {
    match change {
        ItemChange::Up if i > 0 && i < list.len() => list.swap(i - 1, i),
        ItemChange::Down if i + 1 < list.len() => list.swap(i, i + 1),
        ItemChange::Remove if i < list.len() => {
            list.remove(i);
        }
        _ => {}
    }
}

fn need_item(
    contract: RwSignal<ServiceContract>,
    errors: Signal<Vec<FieldProblem>>,
    warnings: Signal<Vec<FieldProblem>>,
    shape: RwSignal<u32>,
    i: usize,
    count: usize,
) -> impl IntoView {
    let at = move |field: &str| format!("/user_needs/{i}/{field}");
    let warning = move || {
        warnings
            .with(|w| w.iter().find(|p| p.pointer == format!("/user_needs/{i}")).map(|p| p.detail.clone()))
    };
    let what = m("need_n").replace("{n}", &(i + 1).to_string());
    view! {
        <li class="sk-manage__item">
            <h4 class="sk-heading-s">{what.clone()}</h4>
            {text_field(contract, errors, m("need_id"), at("id"), false,
                move |c| c.user_needs.get(i).map(|n| n.id.clone()).unwrap_or_default(),
                move |c, v| if let Some(n) = c.user_needs.get_mut(i) { n.id = v })}
            {text_field(contract, errors, m("need_as_a"), at("as_a"), false,
                move |c| c.user_needs.get(i).map(|n| n.as_a.clone()).unwrap_or_default(),
                move |c, v| if let Some(n) = c.user_needs.get_mut(i) { n.as_a = v })}
            {text_field(contract, errors, m("need_i_need"), at("i_need"), false,
                move |c| c.user_needs.get(i).map(|n| n.i_need.clone()).unwrap_or_default(),
                move |c, v| if let Some(n) = c.user_needs.get_mut(i) { n.i_need = v })}
            {text_field(contract, errors, m("need_so_that"), at("so_that"), false,
                move |c| c.user_needs.get(i).map(|n| n.so_that.clone()).unwrap_or_default(),
                move |c, v| if let Some(n) = c.user_needs.get_mut(i) { n.so_that = v })}
            {move || warning().map(|w| view! { <p class="sk-inset">{w}</p> })}
            {item_buttons(what, i, count, shape, move |change| contract.update(|c| apply(&mut c.user_needs, i, change)))}
        </li>
    }
}

fn metric_item(
    contract: RwSignal<ServiceContract>,
    errors: Signal<Vec<FieldProblem>>,
    shape: RwSignal<u32>,
    i: usize,
    count: usize,
) -> impl IntoView {
    let at = move |field: &str| format!("/metrics/{i}/{field}");
    let what = m("metric_n").replace("{n}", &(i + 1).to_string());
    let kinds: Vec<(&'static str, String)> =
        MetricKind::ALL.iter().map(|k| (k.as_str(), m(&format!("kind_{}", k.as_str())))).collect();
    view! {
        <li class="sk-manage__item">
            <h4 class="sk-heading-s">{what.clone()}</h4>
            {text_field(contract, errors, m("metric_id"), at("id"), false,
                move |c| c.metrics.get(i).map(|x| x.id.clone()).unwrap_or_default(),
                move |c, v| if let Some(x) = c.metrics.get_mut(i) { x.id = v })}
            {text_field(contract, errors, m("metric_name"), at("name"), false,
                move |c| c.metrics.get(i).map(|x| x.name.clone()).unwrap_or_default(),
                move |c, v| if let Some(x) = c.metrics.get_mut(i) { x.name = v })}
            {select_field(contract, m("metric_kind"), field_id(&at("kind")), kinds,
                move |c| c.metrics.get(i).map(|x| x.kind.as_str()).unwrap_or("outcome"),
                move |c, v| if let Some(x) = c.metrics.get_mut(i) {
                    x.kind = MetricKind::ALL.into_iter().find(|k| k.as_str() == v).unwrap_or(x.kind);
                })}
            {text_field(contract, errors, m("metric_unit"), at("unit"), false,
                move |c| c.metrics.get(i).map(|x| x.unit.clone()).unwrap_or_default(),
                move |c, v| if let Some(x) = c.metrics.get_mut(i) { x.unit = v })}
            {text_field(contract, errors, m("metric_target"), at("target"), false,
                move |c| c.metrics.get(i).and_then(|x| x.target).map(|t| t.value.to_string()).unwrap_or_default(),
                move |c, v| if let Some(x) = c.metrics.get_mut(i) {
                    let direction = x.target.map(|t| t.direction).unwrap_or(Direction::AtLeast);
                    x.target = (!v.trim().is_empty()).then(|| Target { value: v.trim().parse().unwrap_or(f64::NAN), direction });
                })}
            {select_field(contract, m("metric_direction"), field_id(&at("direction")),
                vec![("at-least", m("direction_at_least")), ("at-most", m("direction_at_most"))],
                move |c| match c.metrics.get(i).and_then(|x| x.target).map(|t| t.direction) {
                    Some(Direction::AtMost) => "at-most",
                    _ => "at-least",
                },
                move |c, v| if let Some(t) = c.metrics.get_mut(i).and_then(|x| x.target.as_mut()) {
                    t.direction = if v == "at-most" { Direction::AtMost } else { Direction::AtLeast };
                })}
            {text_field(contract, errors, m("metric_needs"), at("needs"), false,
                move |c| c.metrics.get(i).map(|x| x.needs.join(", ")).unwrap_or_default(),
                move |c, v| if let Some(x) = c.metrics.get_mut(i) {
                    x.needs = v.split(',').map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()).collect();
                })}
            {item_buttons(what, i, count, shape, move |change| contract.update(|c| apply(&mut c.metrics, i, change)))}
        </li>
    }
}

fn dependency_item(
    contract: RwSignal<ServiceContract>,
    errors: Signal<Vec<FieldProblem>>,
    shape: RwSignal<u32>,
    i: usize,
) -> impl IntoView {
    let at = move |field: &str| format!("/dependencies/{i}/{field}");
    let what = m("dependency_n").replace("{n}", &(i + 1).to_string());
    let external =
        contract.with_untracked(|c| matches!(c.dependencies.get(i), Some(Dependency::External { .. })));
    let fields = match external {
        false => text_field(contract, errors, m("dependency_slug"), at("slug"), false,
            move |c| match c.dependencies.get(i) { Some(Dependency::Service { slug }) => slug.clone(), _ => String::new() },
            move |c, v| if let Some(Dependency::Service { slug }) = c.dependencies.get_mut(i) { *slug = v })
        .into_any(),
        true => view! {
            {text_field(contract, errors, m("dependency_name"), at("name"), false,
                move |c| match c.dependencies.get(i) { Some(Dependency::External { name, .. }) => name.clone(), _ => String::new() },
                move |c, v| if let Some(Dependency::External { name, .. }) = c.dependencies.get_mut(i) { *name = v })}
            {text_field(contract, errors, m("dependency_url"), at("url"), false,
                move |c| match c.dependencies.get(i) { Some(Dependency::External { url, .. }) => url.clone().unwrap_or_default(), _ => String::new() },
                move |c, v| if let Some(Dependency::External { url, .. }) = c.dependencies.get_mut(i) { *url = (!v.trim().is_empty()).then_some(v) })}
        }
        .into_any(),
    };
    view! {
        <li class="sk-manage__item">
            <h4 class="sk-heading-s">{what.clone()}</h4>
            {fields}
            {item_buttons(what, i, usize::MAX, shape, move |change| contract.update(|c| apply(&mut c.dependencies, i, change)))}
        </li>
    }
}

/// CSV upload with a preview and every row error before anything is stored.
#[component]
fn MeasurementsUpload(api: Api, session: Session) -> impl IntoView {
    let t = use_strings();
    let csv = RwSignal::new(String::new());
    let known = {
        let (api, slug) = (api.clone(), session.slug.clone());
        crate::api::fetched(move || {
            let (api, slug) = (api.clone(), slug.clone());
            async move {
                api::contract(&api, &slug).await.ok().map(|v| {
                    v.latest.contract.metrics.into_iter().map(|m| m.id).collect::<BTreeSet<String>>()
                })
            }
        })
    };
    let parsed = Memo::new(move |_| {
        let text = csv.get();
        if text.trim().is_empty() {
            return None;
        }
        let known = known.get().flatten();
        Some(measurement::parse_csv(text.as_bytes(), known.as_ref()))
    });
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let on_file = on_file_text(move |text| {
        outcome.set(None);
        csv.set(text);
    });
    let upload = move |_| {
        if !matches!(parsed.get_untracked(), Some(Ok(_))) {
            return;
        }
        let (api, session, body) = (api.clone(), session.clone(), csv.get_untracked());
        spawn_local_scoped(async move {
            let result = api::upload_measurements(&api, &session.slug, &session.token, body).await;
            outcome.set(Some(match result {
                Ok(receipt) => Ok(t.rows_stored.count(t.lang, receipt.rows as u64)),
                Err(failure) => Err(failure.message(&m("unreachable"))),
            }));
        });
    };
    let preview = move || {
        parsed.get().map(|result| match result {
            Err(problems) => view! {
                <div class="sk-error-summary" data-testid="sk-csv-problems">
                    <h3 class="sk-error-summary__title">{t.csv_problem_count.count(t.lang, problems.len() as u64)}</h3>
                    <ul class="sk-list">{problems.into_iter().map(|p| view! { <li>{p.detail}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any(),
            Ok(rows) => preview_table(&rows).into_any(),
        })
    };
    view! {
        <h2 class="sk-heading-l">{m("measurements_title")}</h2>
        <p class="sk-body">{m("measurements_intro")}</p>
        <label class="sk-label" for="sk-csv-file">{m("csv_file")}</label>
        <input class="sk-file" id="sk-csv-file" type="file" accept="text/csv,.csv" on:change=on_file />
        <div class="sk-form-group">
            <label class="sk-label" for="sk-csv-text">{m("csv_paste")}</label>
            <textarea class="sk-textarea" id="sk-csv-text" rows="6" prop:value=move || csv.get()
                on:input=move |ev| { outcome.set(None); csv.set(event_target_value(&ev)); }></textarea>
        </div>
        {preview}
        <div role="status" data-testid="sk-csv-outcome">
            {outcome_view(outcome)}
        </div>
        <button type="button" class="sk-button" disabled=move || !matches!(parsed.get(), Some(Ok(_))) on:click=upload>
            {m("csv_upload")}
        </button>
    }
}

fn preview_table(rows: &[MeasurementRow]) -> impl IntoView {
    let t = use_strings();
    let count = |n: Option<u64>| n.map(servicekit_core::kpi::whole_number).unwrap_or_default();
    let body = rows
        .iter()
        .take(24)
        .map(|r| {
            view! {
                <tr>
                    <td>{r.period.to_string()}</td>
                    <td>{r.channel.as_str()}</td>
                    <td class="sk-table__numeric">{count(r.started)}</td>
                    <td class="sk-table__numeric">{count(r.completed)}</td>
                    <td class="sk-table__numeric">{r.cost_pence.map(measurement::format_pounds).unwrap_or_default()}</td>
                    <td class="sk-table__numeric">{count(r.ratings.map(|x| x.iter().sum()))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="sk-table-wrap"><table class="sk-table" data-testid="sk-csv-preview">
            <caption class="sk-table__caption">{t.csv_row_count.count(t.lang, rows.len() as u64)}</caption>
            <thead><tr>
                <th scope="col" class="sk-table__header">{m("column_period")}</th>
                <th scope="col" class="sk-table__header">{m("column_channel")}</th>
                <th scope="col" class="sk-table__header sk-table__numeric">{m("column_started")}</th>
                <th scope="col" class="sk-table__header sk-table__numeric">{m("column_completed")}</th>
                <th scope="col" class="sk-table__header sk-table__numeric">{m("column_cost")}</th>
                <th scope="col" class="sk-table__header sk-table__numeric">{m("column_responses")}</th>
            </tr></thead>
            <tbody>{body}</tbody>
        </table></div>
    }
}

/// Writes a new Correction of Error document and updates the actions of published ones.
#[component]
fn CoeEditor(api: Api, session: Session) -> impl IntoView {
    let document = RwSignal::new(CorrectionOfError::default());
    let shape = RwSignal::new(0u32);
    let contract = {
        let (api, slug) = (api.clone(), session.slug.clone());
        crate::api::fetched(move || {
            let (api, slug) = (api.clone(), slug.clone());
            async move { api::contract(&api, &slug).await.ok().map(|v| v.latest.contract) }
        })
    };
    let published = RwSignal::new(0u32);
    let list = {
        let (api, slug) = (api.clone(), session.slug.clone());
        crate::api::fetched(move || {
            published.track();
            let (api, slug) = (api.clone(), slug.clone());
            async move { api::coes(&api, &slug).await.unwrap_or_default() }
        })
    };
    let errors = Signal::derive(move || {
        let contract = contract.get().flatten();
        document.with(|d| coe::validate(d, contract.as_ref()))
    });
    let attempted = RwSignal::new(false);
    let shown = Signal::derive(move || if attempted.get() { errors.get() } else { Vec::new() });
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let publish = {
        let (api, session) = (api.clone(), session.clone());
        move |_| {
            attempted.set(true);
            if !errors.with_untracked(Vec::is_empty) {
                return;
            }
            let (api, session, body) = (api.clone(), session.clone(), document.get_untracked());
            spawn_local_scoped(async move {
                match api::publish_coe(&api, &session.slug, &session.token, &body).await {
                    Ok(()) => {
                        outcome.set(Some(Ok(m("coe_published"))));
                        document.set(CorrectionOfError::default());
                        attempted.set(false);
                        shape.update(|n| *n += 1);
                        published.update(|n| *n += 1);
                    }
                    Err(failure) => outcome.set(Some(Err(failure.message(&m("unreachable"))))),
                }
            });
        }
    };
    let sections = [
        ("title", false),
        ("date", false),
        ("problem", true),
        ("impact", true),
        ("root_cause", true),
        ("supporting_data", true),
        ("value_tradeoffs", true),
        ("lessons_learned", true),
    ];
    let fields = move || {
        shape.track();
        let count = document.with_untracked(|d| d.actions.len());
        let text = sections
            .iter()
            .map(|&(field, long)| {
                text_field(
                    document,
                    shown,
                    m(&format!("coe_{field}")),
                    format!("/{field}"),
                    long,
                    move |d| coe_field(d, field).clone(),
                    move |d, v| *coe_field_mut(d, field) = v,
                )
            })
            .collect_view();
        let actions = (0..count)
            .map(|i| {
                let at = move |f: &str| format!("/actions/{i}/{f}");
                let what = m("action_n").replace("{n}", &(i + 1).to_string());
                view! {
                    <li class="sk-manage__item">
                        <h4 class="sk-heading-s">{what.clone()}</h4>
                        {text_field(document, shown, m("action_action"), at("action"), false,
                            move |d| d.actions.get(i).map(|a| a.action.clone()).unwrap_or_default(),
                            move |d, v| if let Some(a) = d.actions.get_mut(i) { a.action = v })}
                        {text_field(document, shown, m("action_owner"), at("owner"), false,
                            move |d| d.actions.get(i).map(|a| a.owner.clone()).unwrap_or_default(),
                            move |d, v| if let Some(a) = d.actions.get_mut(i) { a.owner = v })}
                        {text_field(document, shown, m("action_due"), at("due"), false,
                            move |d| d.actions.get(i).map(|a| a.due.clone()).unwrap_or_default(),
                            move |d, v| if let Some(a) = d.actions.get_mut(i) { a.due = v })}
                        {item_buttons(what, i, count, shape, move |change| document.update(|d| apply(&mut d.actions, i, change)))}
                    </li>
                }
            })
            .collect_view();
        view! {
            {text}
            <h3 class="sk-heading-m" id="sk-f-actions">{m("actions_title")}</h3>
            <ol class="sk-list sk-manage__items">{actions}</ol>
            <button type="button" class="sk-button sk-button--secondary" on:click=move |_| {
                document.update(|d| d.actions.push(CorrectiveAction {
                    action: String::new(), owner: String::new(), due: String::new(), status: ActionStatus::Open,
                }));
                shape.update(|n| *n += 1);
            }>{m("add_action")}</button>
        }
    };
    let existing = {
        let (api, session) = (api.clone(), session.clone());
        move || {
            list.get().map(|coes| {
                coes.into_iter()
                    .rev()
                    .map(|summary| view! { <PublishedActions api=api.clone() session=session.clone() summary /> })
                    .collect_view()
            })
        }
    };
    view! {
        <h2 class="sk-heading-l">{m("coe_heading")}</h2>
        <p class="sk-body">{m("coe_intro")}</p>
        {error_summary(shown, m("problems_title"), "sk-coe-problems")}
        <form novalidate on:submit=|ev| ev.prevent_default()>{fields}</form>
        <div role="status" data-testid="sk-coe-outcome">
            {outcome_view(outcome)}
        </div>
        <button type="button" class="sk-button" on:click=publish>{m("coe_publish")}</button>
        <h3 class="sk-heading-m">{m("coe_published_title")}</h3>
        <ul class="sk-list" data-testid="sk-coe-published">{existing}</ul>
    }
}

fn coe_field<'a>(d: &'a CorrectionOfError, field: &str) -> &'a String {
    match field {
        "title" => &d.title,
        "date" => &d.date,
        "problem" => &d.problem,
        "impact" => &d.impact,
        "root_cause" => &d.root_cause,
        "supporting_data" => &d.supporting_data,
        "value_tradeoffs" => &d.value_tradeoffs,
        _ => &d.lessons_learned,
    }
}

fn coe_field_mut<'a>(d: &'a mut CorrectionOfError, field: &str) -> &'a mut String {
    match field {
        "title" => &mut d.title,
        "date" => &mut d.date,
        "problem" => &mut d.problem,
        "impact" => &mut d.impact,
        "root_cause" => &mut d.root_cause,
        "supporting_data" => &mut d.supporting_data,
        "value_tradeoffs" => &mut d.value_tradeoffs,
        _ => &mut d.lessons_learned,
    }
}

/// A published document's actions, each with a status to change.
#[component]
fn PublishedActions(api: Api, session: Session, summary: CoeSummary) -> impl IntoView {
    let document = {
        let (api, slug, id) = (api.clone(), session.slug.clone(), summary.id.clone());
        crate::api::fetched(move || {
            let (api, slug, id) = (api.clone(), slug.clone(), id.clone());
            async move { api::coe(&api, &slug, &id).await.ok() }
        })
    };
    let message = RwSignal::new(None::<String>);
    let id = summary.id.clone();
    let statuses = [ActionStatus::Open, ActionStatus::InProgress, ActionStatus::Done];
    let status_name = |s: ActionStatus| match s {
        ActionStatus::Open => "open",
        ActionStatus::InProgress => "in-progress",
        ActionStatus::Done => "done",
    };
    let actions = move || {
        document.get().flatten().map(|doc| {
            doc.document
                .actions
                .iter()
                .enumerate()
                .map(|(n, action)| {
                    let select_id = format!("sk-coe-{}-action-{n}", id);
                    let (api, session, id) = (api.clone(), session.clone(), id.clone());
                    let options = statuses
                        .iter()
                        .map(|s| {
                            let value = status_name(*s);
                            view! { <option value=value selected=*s == action.status>{m(&format!("status_{value}"))}</option> }
                        })
                        .collect_view();
                    view! {
                        <div class="sk-form-group">
                            <label class="sk-label" for=select_id.clone()>{format!("{} ({}, {})", action.action, action.owner, action.due)}</label>
                            <select class="sk-select" id=select_id on:change=move |ev| {
                                let value = event_target_value(&ev);
                                let status = statuses.into_iter().find(|s| status_name(*s) == value).unwrap_or(ActionStatus::Open);
                                let (api, session, id) = (api.clone(), session.clone(), id.clone());
                                spawn_local_scoped(async move {
                                    let result = api::update_action(&api, &session.slug, &session.token, &id, n, status).await;
                                    message.set(Some(match result {
                                        Ok(()) => m("action_updated"),
                                        Err(failure) => failure.message(&m("unreachable")),
                                    }));
                                });
                            }>{options}</select>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <li class="sk-manage__item">
            <p class="sk-body"><strong>{format!("{} — {}", summary.date, summary.title)}</strong></p>
            {actions}
            <p class="sk-hint" role="status">{move || message.get()}</p>
        </li>
    }
}

/// Replaces the service token: the old one stops working at once; the new one is shown once.
#[component]
fn TokenRotation(
    api: Api,
    session: Session,
    signed_in: RwSignal<Option<Session>>,
    new_token: RwSignal<Option<String>>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let fresh = new_token;
    let failure = RwSignal::new(None::<String>);
    let rotate = move |_| {
        let (api, session) = (api.clone(), session.clone());
        spawn_local_scoped(async move {
            match api::rotate_token(&api, &session.slug, &session.token).await {
                Ok(token) => {
                    let renewed = Session { slug: session.slug.clone(), token: token.clone() };
                    Storage::Session.set(SESSION_KEY, &renewed);
                    fresh.set(Some(token));
                    confirming.set(false);
                    // Every tool now works with the new token.
                    signed_in.set(Some(renewed));
                }
                Err(f) => failure.set(Some(f.message(&m("unreachable")))),
            }
        });
    };
    view! {
        <h2 class="sk-heading-l">{m("token_title")}</h2>
        <p class="sk-body">{m("token_intro")}</p>
        {move || failure.get().map(|f| view! { <div class="sk-error-summary" role="alert"><p class="sk-body">{f}</p></div> })}
        {move || fresh.get().map(|token| view! {
            <div class="sk-panel" role="status" data-testid="sk-new-token">
                <p class="sk-body">{m("token_new")}</p>
                <p class="sk-body"><code>{token}</code></p>
            </div>
        })}
        <p class="sk-body">
            {move || if confirming.get() {
                view! {
                    <button type="button" class="sk-button sk-button--warning" on:click=rotate.clone()>{m("token_confirm")}</button>
                    " "
                    <button type="button" class="sk-button sk-button--secondary" on:click=move |_| confirming.set(false)>{m("cancel")}</button>
                }.into_any()
            } else {
                view! { <button type="button" class="sk-button sk-button--secondary" on:click=move |_| confirming.set(true)>{m("token_rotate")}</button> }.into_any()
            }}
        </p>
    }
}
