//! The team coverage widget: a team lead creates a team, shares its id with
//! members, and sees whether the team covers the role's skills between them.

use crate::api::{self, Api, ApiFailure};
use crate::error_summary::{show_problems, ErrorSummary};
use crate::i18n::{use_strings, Strings};
use leptos::prelude::*;
use leptos::task::spawn_local_scoped;
use servicekit_core::api::Created;
use servicekit_core::team::{self, Coverage, CoverageRequestProblem, TeamReport, TeamSubmission};
use servicekit_core::{RoleProfile, ServiceContext};

/// Create a team, then check its coverage with the team id and lead key.
#[component]
pub fn TeamCoverage(
    /// The servicekit API, asked in the widget's language.
    api: Api,
) -> impl IntoView {
    let t = use_strings();
    let team_id = RwSignal::new(String::new());
    let lead_key = RwSignal::new(String::new());
    view! {
        <section class="sk-team" aria-labelledby="sk-team-title">
            <h2 id="sk-team-title" class="sk-heading-l">{t.team_title.as_str()}</h2>
            <p class="sk-body">{t.team_intro.as_str()}</p>
            <CreateTeam api=api.clone() team_id lead_key />
            <ViewCoverage api team_id lead_key />
        </section>
    }
}

fn failure_message(t: &Strings, failure: &ApiFailure) -> String {
    failure.message(t.team_unreachable.as_str())
}

/// The element id of a new team's field named by a problem's JSON pointer.
fn team_field(pointer: &str) -> &'static str {
    match pointer {
        "/name" => "sk-team-name",
        _ => "sk-team-role",
    }
}

/// Form to create a team; shows the id, key and the snippet for members once created.
#[component]
fn CreateTeam(api: Api, team_id: RwSignal<String>, lead_key: RwSignal<String>) -> impl IntoView {
    let t = use_strings();
    let roles = crate::api::fetched({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api::roles(&api).await }
        }
    });
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let context = RwSignal::new(ServiceContext::default());
    // Problems found before sending (core's rules), then any the API listed.
    let problems = RwSignal::new(Vec::<(&'static str, String)>::new());
    let failure = RwSignal::new(None::<String>);
    let created = RwSignal::new(None::<(Created, String)>);
    let sending = RwSignal::new(false);
    let summary = NodeRef::<leptos::html::Div>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let submission = TeamSubmission {
            name: name.get_untracked(),
            role: role.get_untracked(),
            context: context.get_untracked(),
        };
        // Without the list (not loaded), the API decides whether the role exists.
        let role_known = roles.with_untracked(|r| match r {
            Some(Ok(list)) => list.iter().any(|r| r.id == submission.role),
            _ => true,
        });
        let found: Vec<(&'static str, String)> = team::check(&submission, role_known)
            .iter()
            .map(|p| (team_field(p.pointer()), t.team_problem(p)))
            .collect();
        failure.set(None);
        if show_problems(problems, summary, found) {
            return;
        }
        sending.set(true);
        let api = api.clone();
        spawn_local_scoped(async move {
            match api::create_team(&api, &submission).await {
                Ok(team) => {
                    team_id.set(team.id.clone());
                    lead_key.set(team.token.clone());
                    created.set(Some((team, submission.role)));
                }
                Err(failed) => {
                    let listed: Vec<(&'static str, String)> = failed
                        .field_problems()
                        .into_iter()
                        .map(|p| (team_field(&p.pointer), p.detail))
                        .collect();
                    if !show_problems(problems, summary, listed) {
                        failure.set(Some(failure_message(t, &failed)));
                    }
                }
            }
            sending.set(false);
        });
    };
    let role_options = move || match roles.get() {
        Some(Ok(list)) => crate::roles::role_options(list),
        _ => ().into_any(),
    };
    let error_for = move |field: &'static str| {
        move || problems.with(|ps| ps.iter().find(|(f, _)| *f == field).map(|(_, message)| message.clone()))
    };
    let (name_error, role_error) = (error_for("sk-team-name"), error_for("sk-team-role"));
    let context_box =
        move |id: &'static str, label: &'static str, field: fn(&mut ServiceContext) -> &mut bool| {
            view! {
                <div class="sk-checkboxes__item">
                    <input
                        class="sk-checkboxes__input"
                        type="checkbox"
                        id=id
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            context.update(|c| *field(c) = on);
                        }
                    />
                    <label class="sk-label sk-checkboxes__label" for=id>{label}</label>
                </div>
            }
        };
    view! {
        <h3 class="sk-heading-m">{t.team_create.as_str()}</h3>
        <form novalidate on:submit=on_submit data-testid="sk-team-create">
            <ErrorSummary problems summary />
            {move || failure.get().map(|message| view! {
                <div class="sk-error-summary" role="alert" data-testid="sk-error"><p class="sk-body">{message}</p></div>
            })}
            <div class="sk-form-group" class:sk-form-group--error=move || name_error().is_some()>
                <label class="sk-label" for="sk-team-name">{t.team_name.as_str()}</label>
                {move || name_error().map(|message| view! {
                    <p class="sk-error-message" id="sk-team-name-error">{message}</p>
                })}
                <input class="sk-input" id="sk-team-name" type="text" autocomplete="off"
                    class:sk-input--error=move || name_error().is_some()
                    aria-describedby=move || name_error().map(|_| "sk-team-name-error")
                    on:input=move |ev| name.set(event_target_value(&ev)) />
            </div>
            <div class="sk-form-group" class:sk-form-group--error=move || role_error().is_some()>
                <label class="sk-label" for="sk-team-role">{t.team_role.as_str()}</label>
                {move || role_error().map(|message| view! {
                    <p class="sk-error-message" id="sk-team-role-error">{message}</p>
                })}
                <select class="sk-select" id="sk-team-role"
                    class:sk-select--error=move || role_error().is_some()
                    aria-describedby=move || role_error().map(|_| "sk-team-role-error")
                    on:change=move |ev| role.set(event_target_value(&ev))>
                    <option value="">{t.team_role_choose.as_str()}</option>
                    {role_options}
                </select>
            </div>
            <div class="sk-form-group">
            <fieldset class="sk-fieldset">
                <legend class="sk-fieldset__legend">{t.context_legend.as_str()}</legend>
                <p class="sk-hint">{t.team_context_hint.as_str()}</p>
                <div class="sk-checkboxes">
                    {context_box("sk-team-large", t.context_large.as_str(), |c| &mut c.large)}
                    {context_box("sk-team-outsources", t.context_outsources.as_str(), |c| &mut c.outsources)}
                    {context_box("sk-team-products", t.context_products.as_str(), |c| &mut c.has_products)}
                </div>
            </fieldset>
            </div>
            <button type="submit" class="sk-button" disabled=move || sending.get()>{t.team_create_button.as_str()}</button>
        </form>
        {move || created.get().map(|(team, role)| {
            let snippet = format!(
                "<servicekit-self-assessment profile=\"{role}\" team=\"{}\"></servicekit-self-assessment>",
                team.id
            );
            view! {
                <div role="status" data-testid="sk-team-created">
                    <div class="sk-panel">
                        <h4 class="sk-panel__title">{t.team_created.as_str()}</h4>
                    </div>
                    <p class="sk-inset">{t.team_created_body.as_str()}</p>
                    <dl class="sk-summary-list sk-team-created">
                        <div class="sk-summary-list__row">
                            <dt class="sk-summary-list__key">{t.team_id.as_str()}</dt>
                            <dd class="sk-summary-list__value"><code data-testid="sk-team-id">{team.id.clone()}</code></dd>
                        </div>
                        <div class="sk-summary-list__row">
                            <dt class="sk-summary-list__key">{t.team_key.as_str()}</dt>
                            <dd class="sk-summary-list__value"><code data-testid="sk-team-key">{team.token.clone()}</code></dd>
                        </div>
                        <div class="sk-summary-list__row">
                            <dt class="sk-summary-list__key">{t.team_snippet.as_str()}</dt>
                            <dd class="sk-summary-list__value"><code>{snippet}</code></dd>
                        </div>
                    </dl>
                </div>
            }
        })}
    }
}

/// Form to see a team's coverage with its id and the lead's key.
#[component]
fn ViewCoverage(api: Api, team_id: RwSignal<String>, lead_key: RwSignal<String>) -> impl IntoView {
    let t = use_strings();
    let report = RwSignal::new(None::<Result<(TeamReport, Option<RoleProfile>), String>>);
    let problems = RwSignal::new(Vec::<(&'static str, String)>::new());
    let summary = NodeRef::<leptos::html::Div>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (api, id, key) = (api.clone(), team_id.get_untracked(), lead_key.get_untracked());
        let found: Vec<(&'static str, String)> = team::check_coverage_request(&id, &key)
            .into_iter()
            .map(|p| {
                let field = match p {
                    CoverageRequestProblem::NoTeamId => "sk-team-id",
                    CoverageRequestProblem::NoLeadKey => "sk-team-key",
                };
                (field, t.coverage_request_problem(p))
            })
            .collect();
        if show_problems(problems, summary, found) {
            report.set(None);
            return;
        }
        spawn_local_scoped(async move {
            let result = match api::team_report(&api, id.trim(), key.trim()).await {
                Ok(found) => {
                    let profile = api::role(&api, &found.role).await.ok();
                    Ok((found, profile))
                }
                // The API does not say which of the two is wrong: it would tell a guesser that the team exists.
                Err(ApiFailure::Refused(problem)) if matches!(problem.status, 401 | 403 | 404) => {
                    Err(t.team_not_found.clone())
                }
                Err(failure) => Err(failure_message(t, &failure)),
            };
            report.set(Some(result));
        });
    };
    let error_for = move |field: &'static str| {
        move || problems.with(|ps| ps.iter().find(|(f, _)| *f == field).map(|(_, message)| message.clone()))
    };
    let (id_error, key_error) = (error_for("sk-team-id"), error_for("sk-team-key"));
    view! {
        <h3 class="sk-heading-m">{t.team_view.as_str()}</h3>
        <form novalidate on:submit=on_submit data-testid="sk-team-view">
            <ErrorSummary problems summary />
            <div class="sk-form-group" class:sk-form-group--error=move || id_error().is_some()>
                <label class="sk-label" for="sk-team-id">{t.team_id.as_str()}</label>
                {move || id_error().map(|message| view! {
                    <p class="sk-error-message" id="sk-team-id-error">{message}</p>
                })}
                <input class="sk-input" id="sk-team-id" type="text" autocomplete="off" spellcheck="false"
                    class:sk-input--error=move || id_error().is_some()
                    aria-describedby=move || id_error().map(|_| "sk-team-id-error")
                    prop:value=move || team_id.get() on:input=move |ev| team_id.set(event_target_value(&ev)) />
            </div>
            <div class="sk-form-group" class:sk-form-group--error=move || key_error().is_some()>
                <label class="sk-label" for="sk-team-key">{t.team_key.as_str()}</label>
                {move || key_error().map(|message| view! {
                    <p class="sk-error-message" id="sk-team-key-error">{message}</p>
                })}
                <input class="sk-input" id="sk-team-key" type="password" autocomplete="off"
                    class:sk-input--error=move || key_error().is_some()
                    aria-describedby=move || key_error().map(|_| "sk-team-key-error")
                    prop:value=move || lead_key.get() on:input=move |ev| lead_key.set(event_target_value(&ev)) />
            </div>
            <button type="submit" class="sk-button">{t.team_view_button.as_str()}</button>
        </form>
        <div aria-live="polite" data-testid="sk-team-report">
            {move || report.get().map(|result| match result {
                Err(message) => view! {
                    <div class="sk-error-summary" role="alert"><p class="sk-body">{message}</p></div>
                }.into_any(),
                Ok((found, profile)) => view! { <CoverageTable report=found profile /> }.into_any(),
            })}
        </div>
    }
}

/// The coverage, or why it is not shown yet.
#[component]
fn CoverageTable(report: TeamReport, profile: Option<RoleProfile>) -> impl IntoView {
    let t = use_strings();
    let scale = profile.as_ref().map(|p| p.scale).unwrap_or(servicekit_core::Scale::Ddat);
    let name_of = move |id: &str| profile.as_ref().map_or(id, |p| p.skill_name(id)).to_owned();
    match report.coverage {
        Coverage::TooFewMembers { members, needed } => view! {
            <p class="sk-inset" data-testid="sk-team-too-few">{t.team_too_few(members, needed)}</p>
        }
        .into_any(),
        Coverage::Ready { members, covered, skills, coverage } => {
            let rows = coverage
                .into_iter()
                .map(|row| {
                    let best = row.best.map(|b| t.level_label(scale, b)).unwrap_or_else(|| "–".to_owned());
                    let verdict =
                        if row.covered { t.team_covered.as_str() } else { t.team_not_covered.as_str() };
                    view! {
                        <tr>
                            <th scope="row" class="sk-table__header">{name_of(&row.skill)}</th>
                            <td class="sk-table__cell">{t.range_label(scale, row.required)}</td>
                            <td class="sk-table__cell">{row.members_reaching}</td>
                            <td class="sk-table__cell">{best}</td>
                            <td class="sk-table__cell">{verdict}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <p class="sk-body" data-testid="sk-team-summary">{t.team_summary_line(&report.name, covered, skills, members)}</p>
                <div class="sk-table-wrap"><table class="sk-table" data-testid="sk-team-table">
                    <caption class="sk-table__caption">{t.team_table_caption.as_str()}</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="sk-table__header">{t.table_skill.as_str()}</th>
                            <th scope="col" class="sk-table__header">{t.required.as_str()}</th>
                            <th scope="col" class="sk-table__header">{t.team_reaching.as_str()}</th>
                            <th scope="col" class="sk-table__header">{t.team_best.as_str()}</th>
                            <th scope="col" class="sk-table__header">{t.team_covered_heading.as_str()}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table></div>
            }
            .into_any()
        }
    }
}
