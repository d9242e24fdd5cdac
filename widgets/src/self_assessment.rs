//! The role self-assessment widget: rate each skill, see gaps live, save.

use crate::answers_file::{AnswersFile, PrintPack};
use crate::api::{self, Api, ApiFailure};
use crate::error_summary::{focus_field, focus_when_drawn};
use crate::gap_chart::GapChart;
use crate::i18n::use_strings;
use crate::json::Storage;
use crate::{FirstPaint, GivenAnswers};
use leptos::prelude::*;
use leptos::task::spawn_local_scoped;
use servicekit_core::api::Created;
use servicekit_core::assessment::{self, AssessmentSubmission, FieldProblem, Gap, PreviousAssessment};
use servicekit_core::{RoleProfile, ServiceContext, SkillRequirement};
use std::sync::Arc;

/// Loads a role profile from the API and shows the self-assessment form for
/// it; without a role, first lets the person choose one.
#[component]
pub fn SelfAssessment(
    /// The servicekit API (e.g. at `https://servicekit.example.gov.uk`), asked in the widget's language.
    api: Api,
    /// Id of the role profile to assess against; empty to let the person choose.
    role: String,
    /// Id of a team to count the assessment towards, if any.
    team: Option<String>,
    /// The role profile, when `embed.js` has already read it: the form shows at once.
    read: Option<RoleProfile>,
    /// The form as the Worker rendered it, if `embed.js` is showing it: the widget takes its place and its answers.
    first_paint: FirstPaint,
) -> impl IntoView {
    let t = use_strings();
    if let Some(profile) = read {
        return view! {
            <section class="sk-self-assessment" aria-labelledby="sk-title">
                <h2 id="sk-title" class="sk-heading-l">{t.title.as_str()}</h2>
                <AssessmentForm api profile=Arc::new(profile) team first_paint />
            </section>
        }
        .into_any();
    }
    // Without the role profile at hand, the widget shows its own loading state.
    first_paint.hand_over();
    let role = RwSignal::new(role.trim().to_owned());
    let load = {
        let api = api.clone();
        move || {
            let (api, role) = (api.clone(), role.get());
            async move {
                match role.is_empty() {
                    true => None,
                    false => Some(api::role(&api, &role).await),
                }
            }
        }
    };
    let profile = crate::api::fetched(load);
    view! {
        <section class="sk-self-assessment" aria-labelledby="sk-title">
            <h2 id="sk-title" class="sk-heading-l">{t.title.as_str()}</h2>
            {move || match profile.get() {
                None => view! { <p class="sk-body" role="status">{t.loading.as_str()}</p> }.into_any(),
                Some(None) => view! { <RoleChooser api=api.clone() role /> }.into_any(),
                Some(Some(Err(failure))) => {
                    view! { <ErrorPanel message=failure.message(t.load_failed.as_str()) /> }.into_any()
                }
                Some(Some(Ok(profile))) => {
                    view! { <AssessmentForm api=api.clone() profile=Arc::new(profile) team=team.clone() first_paint=FirstPaint::none() /> }
                        .into_any()
                }
            }}
        </section>
    }
    .into_any()
}

/// A list of every role profile, grouped by framework, to choose one to assess against.
#[component]
fn RoleChooser(api: Api, role: RwSignal<String>) -> impl IntoView {
    let t = use_strings();
    let roles = crate::api::fetched(move || {
        let api = api.clone();
        async move { api::roles(&api).await }
    });
    let chosen = RwSignal::new(String::new());
    let options = move || match roles.get() {
        Some(Ok(list)) => crate::roles::role_options(list),
        Some(Err(failure)) => {
            view! { <ErrorPanel message=failure.message(t.load_failed.as_str()) /> }.into_any()
        }
        None => ().into_any(),
    };
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        role.set(chosen.get_untracked());
    };
    view! {
        <form novalidate on:submit=start data-testid="sk-role-chooser">
            <div class="sk-form-group">
                <label class="sk-label" for="sk-role">{t.choose_role.as_str()}</label>
                <select class="sk-select" id="sk-role" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">{t.team_role_choose.as_str()}</option>
                    {options}
                </select>
            </div>
            <button type="submit" class="sk-button">{t.start.as_str()}</button>
        </form>
    }
}

/// A message that something failed, announced to screen readers.
#[component]
fn ErrorPanel(message: String) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class="sk-error-summary" role="alert" data-testid="sk-error">
            <h3 class="sk-error-summary__title">{t.error_summary.as_str()}</h3>
            <p class="sk-body">{message}</p>
        </div>
    }
}

/// Browser storage key of the last saved assessment (id and token) for a role.
fn last_saved_key(role: &str) -> String {
    format!("servicekit:last-saved:{role}")
}

/// Browser storage key of the unsent answers for a role.
fn draft_key(role: &str) -> String {
    format!("servicekit:self-assessment:{role}")
}

/// The form for one role profile; answers survive a reload in browser storage.
///
/// Over a first paint of the same form, the answers given there are kept
/// (over the stored ones) and the whole form renders at once, hidden, then
/// takes the first paint's place.
#[component]
fn AssessmentForm(
    api: Api,
    profile: Arc<RoleProfile>,
    team: Option<String>,
    first_paint: FirstPaint,
) -> impl IntoView {
    let t = use_strings();
    let key = draft_key(&profile.id);
    let mut restored = Storage::Local
        .get::<AssessmentSubmission>(&key)
        .filter(|draft| draft.role == profile.id)
        .unwrap_or_else(|| AssessmentSubmission { role: profile.id.clone(), ..Default::default() });
    restored.team = team.clone();
    take_given_answers(&mut restored, &profile, first_paint.answers());
    let draft = RwSignal::new(restored);
    let last_key = last_saved_key(&profile.id);
    let (panel_api, panel_key) = (api.clone(), last_key.clone());
    let previous = crate::api::fetched({
        let (api, last_key) = (api.clone(), last_key.clone());
        move || {
            let (api, last_key) = (api.clone(), last_key.clone());
            async move {
                let last = Storage::Local.get::<Created>(&last_key)?;
                match api::assessment(&api, &last.id, &last.token).await {
                    Ok(record) => Some((last, record)),
                    Err(ApiFailure::Refused(_)) => {
                        Storage::Local.delete(&last_key);
                        None
                    }
                    Err(ApiFailure::Unreachable) => None,
                }
            }
        }
    });
    let changes = Memo::new({
        let profile = profile.clone();
        move |_| {
            let (_, before) = previous.get().flatten()?;
            Some(draft.with(|d| {
                assessment::changes(
                    &profile,
                    &d.context,
                    |skill| d.ratings.get(skill).and_then(|r| profile.scale.parse(&r.level)),
                    |skill| before.rank(&profile, skill),
                )
            }))
        }
    });
    Effect::new({
        let key = key.clone();
        move |_| draft.with(|d| Storage::Local.set(&key, d))
    });

    let gaps = Memo::new({
        let profile = profile.clone();
        move |_| {
            draft.with(|d| {
                assessment::gaps(&profile, &d.context, |skill| {
                    d.ratings.get(skill).and_then(|r| profile.scale.parse(&r.level))
                })
            })
        }
    });
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let failure = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<Created>);
    let sending = RwSignal::new(false);
    let summary_ref = NodeRef::<leptos::html::Div>::new();

    let on_submit = {
        let (profile, api, key) = (profile.clone(), api.clone(), key.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if sending.get_untracked() {
                return;
            }
            let mut submission = draft.get_untracked();
            submission.previous = previous
                .get_untracked()
                .flatten()
                .map(|(last, _)| PreviousAssessment { id: last.id, token: last.token });
            if let Err(found) = assessment::check(&submission, Some(&profile)) {
                failure.set(None);
                problems.set(
                    found
                        .into_iter()
                        .map(|f| FieldProblem { detail: t.answer_problem(&f.problem), pointer: f.pointer })
                        .collect(),
                );
                focus_when_drawn(summary_ref);
                return;
            }
            problems.set(Vec::new());
            failure.set(None);
            sending.set(true);
            let (api, key, last_key) = (api.clone(), key.clone(), last_key.clone());
            spawn_local_scoped(async move {
                match api::submit(&api, &submission).await {
                    Ok(created) => {
                        Storage::Local.delete(&key);
                        Storage::Local.set(&last_key, &created);
                        saved.set(Some(created));
                    }
                    Err(err) => {
                        problems.set(err.field_problems());
                        failure.set(Some(err.message(&t.submit_unreachable)));
                        focus_when_drawn(summary_ref);
                    }
                }
                sending.set(false);
            });
        }
    };
    let start_again = {
        let role = profile.id.clone();
        move |_| {
            draft.set(AssessmentSubmission { role: role.clone(), team: team.clone(), ..Default::default() });
            saved.set(None);
        }
    };
    let clear_answers = {
        let reset = start_again.clone();
        move |ev| {
            let sure = web_sys::window().and_then(|w| w.confirm_with_message(t.clear_confirm.as_str()).ok());
            if sure == Some(true) {
                problems.set(Vec::new());
                failure.set(None);
                reset(ev);
            }
        }
    };
    // Over a first paint, the whole form renders at once (hidden) and then takes
    // its place. Otherwise the first questions render at once and the rest of the
    // form just after the browser has painted them: a role of ten skills is about
    // 340 elements, and the person can start answering a frame sooner.
    let rest_ready = RwSignal::new(first_paint.is_shown());
    if first_paint.is_shown() {
        Effect::new(move |_| first_paint.hand_over());
    } else {
        request_animation_frame(move || set_timeout(move || rest_ready.set(true), std::time::Duration::ZERO));
    }
    let questions = {
        let profile = profile.clone();
        move |range: std::ops::Range<usize>| {
            profile
                .skills
                .get(range)
                .unwrap_or_default()
                .iter()
                .cloned()
                .map(|skill| view! { <SkillQuestion skill scale=profile.scale draft gaps problems /> })
                .collect_view()
        }
    };
    let count = profile.skills.len();
    let (profile_for_chart, profile_for_file, profile_for_pack) =
        (profile.clone(), profile.clone(), profile.clone());
    let first_questions = questions(0..FIRST_QUESTIONS.min(count));
    let later_questions = move || questions(FIRST_QUESTIONS.min(count)..count);

    view! {
        <Show when=move || saved.with(Option::is_some)>
            <div class="sk-screen-only">
            {
                let (panel_api, panel_key) = (panel_api.clone(), panel_key.clone());
                move || {
                    saved
                        .get()
                        .map(|created| {
                            let summary = t.summary_line(&assessment::summarise(&gaps.get_untracked()));
                            view! { <SavedPanel api=panel_api.clone() created summary last_key=panel_key.clone() /> }
                        })
                }
            }
            <button type="button" class="sk-button sk-button--secondary" on:click=start_again.clone()>
                {t.start_again.as_str()}
            </button>
            </div>
        </Show>
        <div class="sk-screen-only" hidden=move || saved.with(Option::is_some)>
            <div
                class="sk-error-summary"
                role="alert"
                tabindex="-1"
                node_ref=summary_ref
                data-testid="sk-error-summary"
                hidden=move || problems.with(Vec::is_empty) && failure.with(Option::is_none)
            >
                <h3 class="sk-error-summary__title">{t.error_summary.as_str()}</h3>
                {move || failure.get().map(|message| view! { <p class="sk-body">{message}</p> })}
                <ul class="sk-list sk-error-summary__list">
                    {move || {
                        problems
                            .get()
                            .into_iter()
                            .map(|problem| {
                                let id = field_id(&problem.pointer);
                                view! {
                                    <li>
                                        <a href=format!("#{id}") on:click=move |ev| focus_field(&ev, &id)>
                                            {problem.detail}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
            <p class="sk-body">
                {format!("{} ({} {})", profile.title, profile.framework.name, profile.framework.version)}
                " · "
                <a href=profile.source_url.clone() class="sk-link" rel="noopener" target="_blank">
                    {t.source_link.as_str()}
                </a>
            </p>
            {profile.note.clone().map(|note| view! { <p class="sk-inset">{note}</p> })}
            <form novalidate on:submit=on_submit>
                <ContextQuestions questions=profile.context_questions() draft />
                {first_questions}
                <Show when=move || rest_ready.get()>
                    {later_questions.clone()}
                    <div class="sk-summary" aria-live="polite" data-testid="sk-gap-summary">
                        <h3 class="sk-heading-s">{t.summary_heading.as_str()}</h3>
                        <p class="sk-body">{move || t.summary_line(&assessment::summarise(&gaps.get()))}</p>
                        <GapChart profile=profile_for_chart.clone() gaps changes />
                    </div>
                    <button type="submit" class="sk-button" disabled=move || sending.get()>
                        {move || if sending.get() { t.submitting.as_str() } else { t.submit.as_str() }}
                    </button>
                </Show>
            </form>
            <Show when=move || rest_ready.get()>
                <AnswersFile profile=profile_for_file.clone() draft />
                <button type="button" class="sk-button sk-button--secondary" on:click=clear_answers.clone() data-testid="sk-clear">
                    {t.clear_answers.as_str()}
                </button>
            </Show>
        </div>
        <Show when=move || rest_ready.get()>
            <PrintPack profile=profile_for_pack.clone() draft gaps />
        </Show>
    }
}

/// Puts the answers given in a first paint of the form into `draft`, over stored ones.
///
/// The first paint's controls start unanswered, so only what was changed there
/// counts: a chosen level, a ticked context box, evidence written.
fn take_given_answers(draft: &mut AssessmentSubmission, profile: &RoleProfile, given: GivenAnswers) {
    // Controls are named and numbered after their skill: `sk-{skill}`, `sk-{skill}-evidence`.
    let skill = |key: &str, suffix: &str| {
        let id = key.strip_prefix("sk-")?.strip_suffix(suffix)?;
        profile.skills.iter().any(|s| s.id == id).then(|| id.to_owned())
    };
    for (name, level) in given.chosen {
        if let Some(id) = skill(&name, "") {
            draft.ratings.entry(id).or_default().level = level;
        }
    }
    for (area, text) in given.written {
        if let Some(id) = skill(&area, "-evidence") {
            draft.ratings.entry(id).or_default().evidence = Some(text);
        }
    }
    for ticked in given.ticked {
        match ticked.as_str() {
            "sk-context-large" => draft.context.large = true,
            "sk-context-outsources" => draft.context.outsources = true,
            "sk-context-has-products" => draft.context.has_products = true,
            _ => {}
        }
    }
}

/// How many skill questions render with the first frame (see `AssessmentForm`).
const FIRST_QUESTIONS: usize = 2;

/// Forgets the problems at `prefix` and below, once the person has changed that answer.
fn clear_problems(problems: RwSignal<Vec<FieldProblem>>, prefix: &str) {
    let below = format!("{prefix}/");
    if problems.with_untracked(|all| all.iter().any(|p| p.pointer == prefix || p.pointer.starts_with(&below)))
    {
        problems.update(|all| all.retain(|p| p.pointer != prefix && !p.pointer.starts_with(&below)));
    }
}

/// The element id a problem's JSON pointer refers to.
fn field_id(pointer: &str) -> String {
    let mut parts = pointer.trim_start_matches('/').split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("ratings"), Some(skill), Some("evidence")) => format!("sk-{skill}-evidence"),
        (Some("ratings"), Some(skill), _) => format!("sk-{skill}-1"),
        _ => "sk-title".to_owned(),
    }
}

/// Questions about the service, shown only when they change the profile's requirements.
#[component]
fn ContextQuestions(
    questions: servicekit_core::role::ContextQuestions,
    draft: RwSignal<AssessmentSubmission>,
) -> impl IntoView {
    let t = use_strings();
    type Field = fn(&mut ServiceContext) -> &mut bool;
    let all: [(bool, &'static str, &'static str, Field); 3] = [
        (questions.large, "large", t.context_large.as_str(), |c| &mut c.large),
        (questions.outsources, "outsources", t.context_outsources.as_str(), |c| &mut c.outsources),
        (questions.has_products, "has-products", t.context_products.as_str(), |c| &mut c.has_products),
    ];
    let boxes = all
        .into_iter()
        .filter(|(asked, ..)| *asked)
        .map(|(_, name, label, field)| {
            let id = format!("sk-context-{name}");
            let checked = move || {
                let mut context = draft.with(|d| d.context);
                *field(&mut context)
            };
            let toggle = move |ev| {
                let on = event_target_checked(&ev);
                draft.update(|d| *field(&mut d.context) = on);
            };
            view! {
                <div class="sk-checkboxes__item">
                    <input class="sk-checkboxes__input" type="checkbox" id=id.clone() prop:checked=checked on:change=toggle />
                    <label class="sk-label sk-checkboxes__label" for=id>{label}</label>
                </div>
            }
        })
        .collect_view();
    let asked = questions.large || questions.outsources || questions.has_products;
    asked.then(|| {
        view! {
            <div class="sk-form-group">
                <fieldset class="sk-fieldset" aria-describedby="sk-context-hint">
                    <legend class="sk-fieldset__legend">{t.context_legend.as_str()}</legend>
                    <p class="sk-hint" id="sk-context-hint">{t.context_hint.as_str()}</p>
                    <div class="sk-checkboxes">{boxes}</div>
                </fieldset>
            </div>
        }
    })
}

/// One skill: a radio group of levels, its gap, and an optional evidence note.
///
/// Hidden while the skill does not apply to the service described.
#[component]
fn SkillQuestion(
    skill: SkillRequirement,
    scale: servicekit_core::Scale,
    draft: RwSignal<AssessmentSubmission>,
    gaps: Memo<Vec<Gap>>,
    problems: RwSignal<Vec<FieldProblem>>,
) -> impl IntoView {
    let t = use_strings();
    let id = skill.id.clone();
    let prefix = format!("/ratings/{id}");
    let error = Memo::new(move |_| {
        problems.with(|all| {
            all.iter()
                .find(|p| p.pointer == prefix || p.pointer.starts_with(&format!("{prefix}/")))
                .map(|p| p.detail.clone())
        })
    });
    let skill = Arc::new(skill);
    let applies = {
        let skill = skill.clone();
        move || draft.with(|d| skill.applies_to(&d.context))
    };
    let required = {
        let skill = skill.clone();
        move || {
            let levels = draft.with(|d| skill.levels_for(&d.context));
            format!("{}: {}.", t.required.as_str(), t.range_label(scale, levels))
        }
    };
    let hint_id = format!("sk-{id}-hint");
    let error_id = format!("sk-{id}-error");
    let evidence_id = format!("sk-{id}-evidence");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || match error.with(Option::is_some) {
            true => format!("{hint_id} {error_id}"),
            false => hint_id.clone(),
        }
    };
    let gap_text = {
        let id = id.clone();
        move || {
            gaps.with(|all| {
                all.iter().find(|g| g.skill == id).map(|g| t.gap_line(g.status, g.gap)).unwrap_or_default()
            })
        }
    };
    let radios = scale
        .ranks()
        .map(|rank| {
            let value = scale.id(rank);
            let input_id = format!("sk-{id}-{rank}");
            let checked = {
                let (id, value) = (id.clone(), value.clone());
                move || draft.with(|d| d.ratings.get(&id).is_some_and(|r| r.level == value))
            };
            let choose = {
                let (id, value) = (id.clone(), value.clone());
                move |_| {
                    draft.update(|d| d.ratings.entry(id.clone()).or_default().level = value.clone());
                    clear_problems(problems, &format!("/ratings/{id}"));
                }
            };
            view! {
                <div class="sk-radios__item">
                    <input
                        class="sk-radios__input"
                        type="radio"
                        id=input_id.clone()
                        name=format!("sk-{id}")
                        value=value
                        prop:checked=checked
                        on:change=choose
                    />
                    <label class="sk-label sk-radios__label" for=input_id>
                        {t.level_label(scale, rank)}
                    </label>
                </div>
            }
        })
        .collect_view();
    let evidence_value = {
        let id = id.clone();
        move || draft.with(|d| d.ratings.get(&id).and_then(|r| r.evidence.clone()).unwrap_or_default())
    };
    let write_evidence = {
        let id = id.clone();
        move |ev| {
            let text = event_target_value(&ev);
            draft.update(|d| d.ratings.entry(id.clone()).or_default().evidence = Some(text));
            clear_problems(problems, &format!("/ratings/{id}/evidence"));
        }
    };
    let legend = match &skill.code {
        Some(code) => format!("{} ({code})", skill.name),
        None => skill.name.clone(),
    };
    let more = skill.url.clone().map(|url| {
        view! {
            " "
            <a class="sk-link" href=url rel="noopener" target="_blank">
                {t.skill_link.as_str()}
            </a>
        }
    });

    view! {
        <div
            class=move || {
                if error.with(Option::is_some) { "sk-form-group sk-form-group--error" } else { "sk-form-group" }
            }
            hidden=move || !applies()
            data-testid=format!("sk-skill-{id}")
        >
            <fieldset class="sk-fieldset" aria-describedby=described_by>
                <legend class="sk-fieldset__legend">{legend}</legend>
                <p class="sk-hint" id=hint_id>
                    {skill.description.clone()}
                    {more}
                    " "
                    <strong data-testid=format!("sk-required-{id}")>{required}</strong>
                </p>
                {move || {
                    error
                        .get()
                        .map(|message| {
                            view! {
                                <p class="sk-error-message" id=error_id.clone()>
                                    <span class="sk-visually-hidden">{t.error_prefix.as_str()} " "</span>
                                    {message}
                                </p>
                            }
                        })
                }}
                <div class="sk-radios sk-radios--inline">{radios}</div>
                <p class="sk-gap" data-testid=format!("sk-gap-{id}")>{gap_text}</p>
                <label class="sk-label" for=evidence_id.clone()>{t.evidence_label.as_str()}</label>
                <p class="sk-hint">{t.evidence_hint.as_str()}</p>
                <textarea
                    class="sk-textarea"
                    id=evidence_id
                    rows="3"
                    prop:value=evidence_value
                    on:input=write_evidence
                ></textarea>
            </fieldset>
        </div>
    }
}

/// What the person sees after saving: their result, where the record is, the
/// key to read it, and a way to delete it.
#[component]
fn SavedPanel(api: Api, created: Created, summary: String, last_key: String) -> impl IntoView {
    let t = use_strings();
    let status = RwSignal::new(None::<(bool, String)>);
    let delete = {
        let created = created.clone();
        move |_| {
            let (api, created, last_key) = (api.clone(), created.clone(), last_key.clone());
            spawn_local_scoped(async move {
                let outcome = match api::delete_assessment(&api, &created.id, &created.token).await {
                    Ok(()) => {
                        Storage::Local.delete(&last_key);
                        (true, t.deleted.clone())
                    }
                    Err(_) => (false, t.delete_failed.clone()),
                };
                status.set(Some(outcome));
            });
        }
    };
    view! {
        <div class="sk-panel" role="status" data-testid="sk-saved">
            <h3 class="sk-panel__title">{t.saved_heading.as_str()}</h3>
            <p class="sk-body" data-testid="sk-saved-summary">{summary}</p>
            <p class="sk-body">{t.saved_body.as_str()}</p>
            <dl class="sk-summary-list">
                <dt>{t.saved_link.as_str()}</dt>
                <dd>
                    <code data-testid="sk-result-url">{created.url.clone()}</code>
                </dd>
                <dt>{t.saved_token.as_str()}</dt>
                <dd>
                    <code data-testid="sk-token">{created.token.clone()}</code>
                </dd>
            </dl>
            {move || match status.get() {
                Some((true, message)) => view! { <p class="sk-inset" data-testid="sk-deleted">{message}</p> }.into_any(),
                Some((false, message)) => view! { <p class="sk-error-message">{message}</p> }.into_any(),
                None => view! {
                    <button type="button" class="sk-button sk-button--warning" on:click=delete.clone()>
                        {t.delete_saved.as_str()}
                    </button>
                }.into_any(),
            }}
        </div>
    }
}
