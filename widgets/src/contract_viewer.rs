//! The contract viewer widget: a service's contract, readable, with each user
//! need's status, its metrics, dependencies and recent Correction of Error documents.

use crate::api;
use crate::i18n::{use_strings, Strings};
use leptos::prelude::*;
use servicekit_core::coe::CoeSummary;
use servicekit_core::contract::{ContractView, Dependency, Direction, NeedStatus, ServiceMetric};

/// Loads and shows the contract of the service `slug`.
#[component]
pub fn ContractViewer(
    /// Origin of the servicekit API.
    api: String,
    /// The service's slug.
    slug: String,
) -> impl IntoView {
    let t = use_strings();
    let (api_link, slug_link) = (api.clone(), slug.clone());
    let data = crate::api::fetched(move || {
        let (api, slug) = (api.clone(), slug.clone());
        async move {
            let contract = api::contract(&api, &slug).await;
            let coes = api::coes(&api, &slug).await.unwrap_or_default();
            contract.map(|c| (c, coes))
        }
    });
    view! {
        <section class="sk-contract" aria-labelledby="sk-contract-title">
            {move || match data.get() {
                None => view! { <p class="sk-body" role="status">{t.loading_contract.as_str()}</p> }.into_any(),
                Some(Err(failure)) => view! {
                    <div class="sk-error-summary" role="alert" data-testid="sk-error">
                        <h2 id="sk-contract-title" class="sk-error-summary__title">{t.error_summary.as_str()}</h2>
                        <p class="sk-body">{failure.message(t.contract_unreachable.as_str())}</p>
                    </div>
                }.into_any(),
                Some(Ok((view, coes))) => view! { <Contract view coes api=api_link.clone() slug=slug_link.clone() /> }.into_any(),
            }}
        </section>
    }
}

fn target_text(t: &Strings, metric: &ServiceMetric) -> String {
    match metric.target {
        Some(target) => {
            let direction = match target.direction {
                Direction::AtLeast => t.target_at_least.as_str(),
                Direction::AtMost => t.target_at_most.as_str(),
            };
            format!("{direction} {} {}", target.value, metric.unit)
        }
        None => t.no_target.clone(),
    }
}

/// The contract itself.
#[component]
fn Contract(view: ContractView, coes: Vec<CoeSummary>, api: String, slug: String) -> impl IntoView {
    let t = use_strings();
    let contract = view.latest.contract;
    let stage = contract.stage.as_str();
    let evolution = contract.evolution.as_str();
    let d = &contract.description;
    let rows: Vec<(&str, String)> = [
        (t.contract_manager.as_str(), format!("{} ({})", contract.manager.name, contract.manager.contact)),
        (t.contract_overview.as_str(), d.overview.clone()),
        (t.contract_benefit.as_str(), d.business_benefit.clone()),
        (t.contract_how_used.as_str(), d.how_it_is_used.clone()),
        (t.contract_onboarding.as_str(), d.onboarding_and_offboarding.clone()),
        (t.contract_success.as_str(), d.success.clone()),
        (t.contract_failure.as_str(), d.failure.clone()),
        (t.contract_help.as_str(), d.help.clone()),
        (t.contract_reviewed.as_str(), contract.last_reviewed.clone()),
    ]
    .into_iter()
    .chain(contract.decommissioned_because.clone().map(|r| (t.contract_decommissioned.as_str(), r)))
    .filter(|(_, value)| !value.trim().is_empty())
    .collect();
    let summary = rows
        .into_iter()
        .map(|(key, value)| {
            view! {
                <div class="sk-summary-list__row">
                    <dt class="sk-summary-list__key">{key}</dt>
                    <dd class="sk-summary-list__value">{value}</dd>
                </div>
            }
        })
        .collect_view();
    let needs = contract
        .user_needs
        .iter()
        .map(|need| {
            let report = view.needs.iter().find(|r| r.need == need.id);
            let status = report.map(|r| r.status).unwrap_or(NeedStatus::Unknown);
            let (label, class) = match status {
                NeedStatus::Met => (t.need_met.as_str(), "sk-tag sk-tag--green"),
                NeedStatus::NotMet => (t.need_not_met.as_str(), "sk-tag sk-tag--red"),
                NeedStatus::Unknown => (t.need_unknown.as_str(), "sk-tag sk-tag--grey"),
            };
            let metrics: Vec<String> = contract
                .metrics
                .iter()
                .filter(|m| m.needs.contains(&need.id))
                .map(|m| match view.metric_values.get(&m.id) {
                    Some(value) => format!(
                        "{} ({}): {}",
                        m.name,
                        target_text(t, m),
                        t.metric_latest.replace("{value}", &m.format_value(*value))
                    ),
                    None => format!("{} ({})", m.name, target_text(t, m)),
                })
                .collect();
            let evidence = if metrics.is_empty() { t.need_no_metric.clone() } else { metrics.join("; ") };
            view! {
                <li class="sk-need" data-testid=format!("sk-need-{}", need.id)>
                    <p class="sk-body">
                        <strong class=class>{label}</strong>
                        " "
                        {format!("{} {}, {} {} {} {}.", t.need_as_a, need.as_a, t.need_i_need, need.i_need, t.need_so_that, need.so_that)}
                    </p>
                    <p class="sk-hint">{format!("{} {evidence}", t.need_evidence)}</p>
                </li>
            }
        })
        .collect_view();
    let dependencies = contract
        .dependencies
        .iter()
        .map(|dependency| match dependency {
            Dependency::Service { slug } => {
                let href = format!("{api}/services/{slug}");
                view! { <li>{format!("{} ", t.dependency_service)}<a class="sk-link" href=href>{slug.clone()}</a></li> }
                    .into_any()
            }
            Dependency::External { name, url } => match url {
                Some(url) => {
                    view! { <li><a class="sk-link" href=url.clone()>{name.clone()}</a></li> }.into_any()
                }
                None => view! { <li>{name.clone()}</li> }.into_any(),
            },
        })
        .collect_view();
    let coe_items = coes
        .iter()
        .rev()
        .take(5)
        .map(|c| view! { <li>{format!("{} — {} ({})", c.date, c.title, t.coe_open_actions.count(t.lang, c.open_actions as u64))}</li> })
        .collect_view();
    let no_coe = coes.is_empty();
    let share = format!("{api}/services/{slug}");
    view! {
        <h2 id="sk-contract-title" class="sk-heading-l">{contract.name.clone()}</h2>
        <p class="sk-body">
            <strong class="sk-tag" data-testid="sk-stage">{format!("{} {stage}", t.contract_stage)}</strong>
            " "
            <strong class="sk-tag sk-tag--grey" data-testid="sk-evolution">{format!("{} {evolution}", t.contract_evolution)}</strong>
        </p>
        <dl class="sk-summary-list">{summary}</dl>
        <h3 class="sk-heading-m">{t.contract_needs.as_str()}</h3>
        <ul class="sk-list sk-needs">{needs}</ul>
        <h3 class="sk-heading-m">{t.contract_dependencies.as_str()}</h3>
        <ul class="sk-list">{dependencies}</ul>
        <h3 class="sk-heading-m">{t.contract_coe.as_str()}</h3>
        {if no_coe {
            view! { <p class="sk-body">{t.coe_none.as_str()}</p> }.into_any()
        } else {
            view! { <ul class="sk-list" data-testid="sk-coe-list">{coe_items}</ul> }.into_any()
        }}
        <h3 class="sk-heading-m sk-no-print">{t.contract_actions.as_str()}</h3>
        <p class="sk-body sk-no-print">
            <button type="button" class="sk-button sk-button--secondary" on:click=move |_| {
                if let Some(window) = web_sys::window() {
                    let _ = window.print();
                }
            }>{t.contract_print.as_str()}</button>
            " "
            <a class="sk-link" href=share data-testid="sk-share">{t.contract_share.as_str()}</a>
        </p>
    }
}
