//! The GOV.UK error summary, inside a widget's shadow root.

use crate::i18n::use_strings;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// "There is a problem", with a link to each field that has one (`(field id,
/// message)`, in the form's order); hidden while there is none. `summary` is
/// for focusing it once shown.
#[component]
pub fn ErrorSummary(
    /// The fields' element ids and their problems, in the reader's language.
    problems: RwSignal<Vec<(&'static str, String)>>,
    /// The summary's element, to move the focus to.
    summary: NodeRef<Div>,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <div
            class="sk-error-summary"
            role="alert"
            tabindex="-1"
            node_ref=summary
            hidden=move || problems.with(Vec::is_empty)
            data-testid="sk-error-summary"
        >
            <h2 class="sk-error-summary__title">{t.error_summary.as_str()}</h2>
            <ul class="sk-list sk-error-summary__list">
                {move || {
                    problems
                        .get()
                        .into_iter()
                        .map(|(field, message)| {
                            view! {
                                <li>
                                    <a class="sk-link" href=format!("#{field}") on:click=move |ev| focus_field(&ev, field)>
                                        {message}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// Moves the focus to the field with id `field` in the link's own shadow root:
/// the page's fragment navigation does not look inside shadow roots.
pub fn focus_field(ev: &leptos::ev::MouseEvent, field: &str) {
    ev.prevent_default();
    let root = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()).map(|n| n.get_root_node());
    let found = root
        .and_then(|r| r.dyn_into::<web_sys::ShadowRoot>().ok())
        .and_then(|r| r.get_element_by_id(field))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = found {
        let _ = el.focus();
    }
}

/// Shows `found` in the summary `problems` feeds, focusing it when there are
/// any (or clears it when there are none); whether there were any.
pub fn show_problems(
    problems: RwSignal<Vec<(&'static str, String)>>,
    summary: NodeRef<Div>,
    found: Vec<(&'static str, String)>,
) -> bool {
    let any = !found.is_empty();
    problems.set(found);
    if any {
        focus_when_drawn(summary);
    }
    any
}

/// Focuses the summary once the browser has drawn it, so that a screen reader reads it first.
pub fn focus_when_drawn(summary: NodeRef<Div>) {
    request_animation_frame(move || {
        if let Some(el) = summary.get_untracked() {
            let _ = el.focus();
        }
    });
}
