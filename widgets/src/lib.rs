//! servicekit's embeddable widgets, rendered client-side with Leptos.
//!
//! Embed boundary: a host page loads `/embed.js`, which defines the custom
//! elements and calls the `mount_*` functions exported here. Widgets talk to
//! the Worker's public HTTP API only, and take every rule from `servicekit-core`.
//!
//! Each intranet widget has a feature (`self-assessment`, `team-coverage`,
//! `contract`, `take-up`, `feedback`) and so a bundle of its own; `widgets`
//! (default) builds them all into one bundle, and `manage` builds the manage
//! page's bundle, loaded only by `/manage`. `embed.js` picks among them.
#![cfg_attr(not(all(feature = "widgets", feature = "manage")), allow(dead_code))]

#[cfg(feature = "self-assessment")]
mod answers_file;
mod api;
#[cfg(feature = "contract")]
mod contract_viewer;
#[cfg(feature = "feedback")]
mod feedback_form;
mod files;
#[cfg(feature = "self-assessment")]
mod gap_chart;
mod i18n;
mod json;
#[cfg(feature = "manage")]
mod manage;
#[cfg(feature = "self-assessment")]
mod self_assessment;
#[cfg(feature = "take-up")]
mod take_up_chart;
#[cfg(feature = "team-coverage")]
mod team_coverage;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRootInit, ShadowRootMode};

/// Mounts the self-assessment widget into `host`'s shadow root.
///
/// `api` is the Worker's origin, `role` the role profile id, `team` a team id
/// to count the assessment towards (empty for none), `lang` the language
/// (`en` or `cy`) and `stylesheet` the URL of the widgets' CSS, linked inside
/// the shadow root.
#[cfg(feature = "self-assessment")]
#[wasm_bindgen]
pub fn mount_self_assessment(
    host: HtmlElement,
    api: String,
    role: String,
    team: String,
    lang: String,
    stylesheet: String,
) -> Result<(), JsValue> {
    let team = Some(team.trim().to_owned()).filter(|t| !t.is_empty());
    mount(&host, &stylesheet, &lang, move || {
        view! { <self_assessment::SelfAssessment api=api role=role team=team /> }
    })
}

/// Mounts the team coverage widget into `host`'s shadow root, in `lang`.
#[cfg(feature = "team-coverage")]
#[wasm_bindgen]
pub fn mount_team_coverage(
    host: HtmlElement,
    api: String,
    lang: String,
    stylesheet: String,
) -> Result<(), JsValue> {
    mount(&host, &stylesheet, &lang, move || view! { <team_coverage::TeamCoverage api=api /> })
}

/// Mounts the contract viewer for the service `slug` into `host`'s shadow root, in `lang`.
#[cfg(feature = "contract")]
#[wasm_bindgen]
pub fn mount_contract(
    host: HtmlElement,
    api: String,
    slug: String,
    lang: String,
    stylesheet: String,
) -> Result<(), JsValue> {
    mount(&host, &stylesheet, &lang, move || view! { <contract_viewer::ContractViewer api=api slug=slug /> })
}

/// Mounts the digital take-up chart of the service `slug` into `host`'s shadow root, in `lang`.
#[cfg(feature = "take-up")]
#[wasm_bindgen]
pub fn mount_take_up(
    host: HtmlElement,
    api: String,
    slug: String,
    lang: String,
    stylesheet: String,
) -> Result<(), JsValue> {
    mount(&host, &stylesheet, &lang, move || view! { <take_up_chart::TakeUpChart api=api slug=slug /> })
}

/// Mounts the "rate this service" form for the service `slug` into `host`'s shadow root, in `lang`.
#[cfg(feature = "feedback")]
#[wasm_bindgen]
pub fn mount_feedback(
    host: HtmlElement,
    api: String,
    slug: String,
    lang: String,
    stylesheet: String,
) -> Result<(), JsValue> {
    mount(&host, &stylesheet, &lang, move || view! { <feedback_form::FeedbackForm api=api slug=slug /> })
}

/// Mounts the manage page (for a service manager with the service token) into `host`'s shadow root.
#[cfg(feature = "manage")]
#[wasm_bindgen]
pub fn mount_manage(host: HtmlElement, api: String, lang: String, stylesheet: String) -> Result<(), JsValue> {
    mount(&host, &stylesheet, &lang, move || view! { <manage::ManagePage api=api /> })
}

/// Renders `widget` in `host`'s shadow root with the strings for `lang`, for the life of the page.
fn mount<N: IntoView + 'static>(
    host: &HtmlElement,
    stylesheet: &str,
    lang: &str,
    widget: impl FnOnce() -> N + 'static,
) -> Result<(), JsValue> {
    let container = shadow_container(host, stylesheet)?;
    let strings = i18n::strings(lang);
    leptos::mount::mount_to(container, move || {
        provide_context(strings);
        widget()
    })
    .forget();
    Ok(())
}

/// Gives `host` an open shadow root holding the stylesheet and an empty container.
///
/// The container stays hidden until the stylesheet has loaded (or failed to), so
/// a widget never shows for a moment in the host page's inherited styles.
fn shadow_container(host: &HtmlElement, stylesheet: &str) -> Result<HtmlElement, JsValue> {
    let document = host.owner_document().ok_or("the element is not in a document")?;
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    root.set_inner_html("");
    let link: HtmlElement = document.create_element("link")?.dyn_into()?;
    link.set_attribute("rel", "stylesheet")?;
    link.set_attribute("href", stylesheet)?;
    let container: HtmlElement = document.create_element("div")?.dyn_into()?;
    container.set_class_name("sk-widget");
    container.set_hidden(true);
    let styled = container.clone();
    let show: js_sys::Function =
        Closure::<dyn FnMut()>::new(move || styled.set_hidden(false)).into_js_value().unchecked_into();
    link.set_onload(Some(&show));
    link.set_onerror(Some(&show));
    root.append_child(&link)?;
    root.append_child(&container)?;
    Ok(container)
}
