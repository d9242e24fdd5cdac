//! Taking answers away and bringing them back: JSON and CSV downloads, JSON
//! import, and the printable conversation pack.

use crate::files::{data_url, on_file_text};
use crate::i18n::{use_strings, Strings};
use leptos::prelude::*;
use servicekit_core::assessment::{self, AssessmentSubmission, Gap};
use servicekit_core::RoleProfile;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Download, import and print controls for the current answers.
#[component]
pub fn AnswersFile(profile: Arc<RoleProfile>, draft: RwSignal<AssessmentSubmission>) -> impl IntoView {
    let t = use_strings();
    let message = RwSignal::new(None::<(bool, String)>);
    // The files are written when a link is used, not again on every change to the answers.
    let json_file = move || {
        draft.with_untracked(|d| {
            data_url("application/json", &crate::json::write(d, true).unwrap_or_default())
        })
    };
    let csv_file = {
        let profile = profile.clone();
        move || draft.with_untracked(|d| data_url("text/csv", &assessment::to_csv(d, &profile)))
    };
    let on_file = {
        let profile = profile.clone();
        on_file_text(move |text| message.set(Some(import(t, &text, &profile, draft))))
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let file_name = profile.id.clone();
    view! {
        <div class="sk-answers sk-screen-only" data-testid="sk-answers-file">
            <h3 class="sk-heading-s">{t.answers_heading.as_str()}</h3>
            <p class="sk-body">
                <a
                    class="sk-link"
                    download=format!("{file_name}.json")
                    href=json_file()
                    on:click=written(json_file)
                    on:contextmenu=written(json_file)
                    data-testid="sk-download-json"
                >
                    {t.download_json.as_str()}
                </a>
                " · "
                <a
                    class="sk-link"
                    download=format!("{file_name}.csv")
                    href=csv_file()
                    on:click=written(csv_file.clone())
                    on:contextmenu=written(csv_file)
                    data-testid="sk-download-csv"
                >
                    {t.download_csv.as_str()}
                </a>
            </p>
            <div class="sk-form-group">
                <label class="sk-label" for="sk-import">{t.import_label.as_str()}</label>
                <p class="sk-hint">{t.import_hint.as_str()}</p>
                <input class="sk-file" id="sk-import" type="file" accept=".json,application/json" on:change=on_file />
            </div>
            {move || message.get().map(|(ok, text)| {
                let class = if ok { "sk-inset" } else { "sk-error-message" };
                view! { <p class=class role="status" data-testid="sk-import-message">{text}</p> }
            })}
            <button type="button" class="sk-button sk-button--secondary" on:click=print>{t.print.as_str()}</button>
        </div>
    }
}

/// A download link's click (or context menu, for "Save link as") handler: points
/// the link at `file()` as written now, before the browser follows it.
fn written(file: impl Fn() -> String + 'static) -> impl Fn(leptos::ev::MouseEvent) + 'static {
    move |ev| {
        if let Some(link) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            let _ = link.set_attribute("href", &file());
        }
    }
}

/// Replaces the draft with a file's answers, or says why not and leaves the draft alone.
fn import(
    t: &Strings,
    text: &str,
    profile: &RoleProfile,
    draft: RwSignal<AssessmentSubmission>,
) -> (bool, String) {
    let mut imported = match crate::json::parse::<AssessmentSubmission>(text) {
        Ok(imported) => imported,
        Err(_) => return (false, t.import_not_assessment.as_str().to_owned()),
    };
    let problems = assessment::check_draft(&imported, profile);
    if !problems.is_empty() {
        let details: Vec<String> = problems.iter().map(|f| t.answer_problem(&f.problem)).collect();
        return (false, format!("{} {}", t.import_refused.as_str(), details.join(" ")));
    }
    imported.team = draft.with_untracked(|d| d.team.clone());
    draft.set(imported);
    (true, t.import_done.as_str().to_owned())
}

/// The conversation pack: everything a line manager needs, shown only when printing.
#[component]
pub fn PrintPack(
    profile: Arc<RoleProfile>,
    draft: RwSignal<AssessmentSubmission>,
    gaps: Memo<Vec<Gap>>,
) -> impl IntoView {
    let t = use_strings();
    let date: String = js_sys::Date::new_0().to_iso_string().into();
    let date = date.get(..10).unwrap_or_default().to_owned();
    let scale = profile.scale;
    let heading = format!(
        "{}: {} ({} {})",
        t.pack_title.as_str(),
        profile.title,
        profile.framework.name,
        profile.framework.version
    );
    let rows = {
        let profile = profile.clone();
        move || {
            let evidence_of = |skill: &str| {
                draft.with(|d| d.ratings.get(skill).and_then(|r| r.evidence.clone()).unwrap_or_default())
            };
            gaps.get()
                .into_iter()
                .map(|gap| {
                    let name = profile.skill_name(&gap.skill).to_owned();
                    let rated = gap.rated.map(|r| t.level_label(scale, r)).unwrap_or_else(|| "–".to_owned());
                    view! {
                        <tr>
                            <th scope="row" class="sk-table__header">{name}</th>
                            <td class="sk-table__cell">{t.range_label(scale, gap.required)}</td>
                            <td class="sk-table__cell">{rated}</td>
                            <td class="sk-table__cell">{t.gap_line(gap.status, gap.gap)}</td>
                            <td class="sk-table__cell">{evidence_of(&gap.skill)}</td>
                        </tr>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <section class="sk-print-pack" data-testid="sk-print-pack">
            <h2 class="sk-heading-l">{heading}</h2>
            <p class="sk-body">{format!("{} {date}. {} {}", t.pack_date.as_str(), t.pack_source.as_str(), profile.source_url)}</p>
            <p class="sk-body">{move || t.summary_line(&assessment::summarise(&gaps.get()))}</p>
            <div class="sk-table-wrap"><table class="sk-table">
                <thead>
                    <tr>
                        <th scope="col" class="sk-table__header">{t.table_skill.as_str()}</th>
                        <th scope="col" class="sk-table__header">{t.required.as_str()}</th>
                        <th scope="col" class="sk-table__header">{t.table_yours.as_str()}</th>
                        <th scope="col" class="sk-table__header">{t.table_gap.as_str()}</th>
                        <th scope="col" class="sk-table__header">{t.evidence_label.as_str()}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table></div>
        </section>
    }
}
