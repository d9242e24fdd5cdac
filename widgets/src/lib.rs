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
#[cfg(any(feature = "self-assessment", feature = "team-coverage", feature = "feedback", feature = "manage"))]
mod error_summary;
#[cfg(feature = "feedback")]
mod feedback_form;
mod files;
#[cfg(feature = "self-assessment")]
mod gap_chart;
mod i18n;
mod json;
#[cfg(feature = "manage")]
mod manage;
#[cfg(any(feature = "self-assessment", feature = "team-coverage"))]
mod roles;
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
/// (`en` or `cy`), `stylesheet` the URL of the widgets' CSS, linked inside
/// the shadow root, and `profile` the role profile's JSON when `embed.js` has
/// already read it (parsed; anything else and the widget reads it itself).
#[cfg(feature = "self-assessment")]
#[wasm_bindgen]
pub fn mount_self_assessment(
    host: HtmlElement,
    api: String,
    role: String,
    team: String,
    lang: String,
    stylesheet: String,
    profile: JsValue,
) -> Result<(), JsValue> {
    let team = Some(team.trim().to_owned()).filter(|t| !t.is_empty());
    let read = json::read::<servicekit_core::RoleProfile>(profile).filter(|p| p.id == role.trim());
    mount_over_first_paint(&host, &stylesheet, &lang, api, move |api, first_paint| {
        view! { <self_assessment::SelfAssessment api=api role=role team=team read first_paint /> }
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
    mount(&host, &stylesheet, &lang, api, move |api| view! { <team_coverage::TeamCoverage api=api /> })
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
    mount_over_first_paint(&host, &stylesheet, &lang, api, move |api, first_paint| {
        view! { <contract_viewer::ContractViewer api=api slug=slug first_paint /> }
    })
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
    mount_over_first_paint(&host, &stylesheet, &lang, api, move |api, first_paint| {
        view! { <take_up_chart::TakeUpChart api=api slug=slug first_paint /> }
    })
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
    mount_over_first_paint(&host, &stylesheet, &lang, api, move |api, first_paint| {
        view! { <feedback_form::FeedbackForm api=api slug=slug first_paint /> }
    })
}

/// Mounts the manage page (for a service manager with the service token) into `host`'s shadow root.
#[cfg(feature = "manage")]
#[wasm_bindgen]
pub fn mount_manage(host: HtmlElement, api: String, lang: String, stylesheet: String) -> Result<(), JsValue> {
    mount(&host, &stylesheet, &lang, api, move |api| view! { <manage::ManagePage api=api /> })
}

/// Renders `widget` in `host`'s shadow root with the strings for `lang`, for
/// the life of the page; it calls the API at the origin `api` in that language.
fn mount<N: IntoView + 'static>(
    host: &HtmlElement,
    stylesheet: &str,
    lang: &str,
    api: String,
    widget: impl FnOnce(api::Api) -> N + 'static,
) -> Result<(), JsValue> {
    mount_over_first_paint(host, stylesheet, lang, api, move |api, first_paint| {
        first_paint.hand_over();
        widget(api)
    })
}

/// Like [`mount`], for a widget that may have a first paint on screen (see
/// [`FirstPaint`]): it calls [`FirstPaint::hand_over`] once it has drawn its own.
fn mount_over_first_paint<N: IntoView + 'static>(
    host: &HtmlElement,
    stylesheet: &str,
    lang: &str,
    api: String,
    widget: impl FnOnce(api::Api, FirstPaint) -> N + 'static,
) -> Result<(), JsValue> {
    let (container, first_paint) = shadow_container(host, stylesheet)?;
    let strings = i18n::strings(lang);
    let api = api::Api::new(api, strings.lang);
    leptos::mount::mount_to(container, move || {
        provide_context(strings);
        widget(api, first_paint)
    })
    .forget();
    Ok(())
}

/// The HTML the Worker rendered for a widget, shown by `embed.js` while the
/// widget's wasm loads (`data-sk-first-paint` in the shadow root), if any.
#[derive(Clone)]
pub struct FirstPaint {
    shown: Option<(web_sys::Element, HtmlElement)>,
}

/// What a person did in a first paint's form controls before the widget took over.
#[derive(Debug, Default)]
pub struct GivenAnswers {
    /// Each chosen radio button: its group's `name` and its `value`.
    pub chosen: Vec<(String, String)>,
    /// The `id` of each ticked checkbox.
    pub ticked: Vec<String>,
    /// Each text area written in: its `id` and its text.
    pub written: Vec<(String, String)>,
}

impl FirstPaint {
    /// No first paint: the widget draws itself from the start.
    pub fn none() -> FirstPaint {
        FirstPaint { shown: None }
    }

    /// The first paint's markup, for a widget that shows the Worker's HTML as it is (none without a first paint).
    pub fn markup(&self) -> Option<String> {
        self.shown.as_ref().map(|(shown, _)| shown.inner_html())
    }

    /// Whether a first paint is on screen, for the widget to take over.
    pub fn is_shown(&self) -> bool {
        self.shown.is_some()
    }

    /// The answers given in the first paint's form controls so far (none without a first paint).
    pub fn answers(&self) -> GivenAnswers {
        let Some((shown, _)) = &self.shown else { return GivenAnswers::default() };
        let all = |selector: &str| -> Vec<web_sys::Element> {
            let Ok(found) = shown.query_selector_all(selector) else { return Vec::new() };
            (0..found.length()).filter_map(|i| found.item(i)?.dyn_into().ok()).collect()
        };
        GivenAnswers {
            chosen: all("input[type=radio]:checked")
                .iter()
                .map(|e| e.unchecked_ref::<web_sys::HtmlInputElement>())
                .map(|input| (input.name(), input.value()))
                .collect(),
            ticked: all("input[type=checkbox]:checked").iter().map(|e| e.id()).collect(),
            written: all("textarea")
                .iter()
                .map(|e| (e.id(), e.unchecked_ref::<web_sys::HtmlTextAreaElement>().value()))
                .filter(|(_, text)| !text.is_empty())
                .collect(),
        }
    }

    /// Removes the first paint and shows the widget's own container in its place,
    /// in the same task (nothing flickers). Focus in the first paint moves to the
    /// widget's element with the same `id`.
    pub fn hand_over(&self) {
        if let Some((shown, container)) = &self.shown {
            let focused = shown
                .get_root_node()
                .dyn_into::<web_sys::ShadowRoot>()
                .ok()
                .and_then(|root| root.active_element())
                .filter(|active| shown.contains(Some(active)))
                .map(|active| active.id())
                .filter(|id| !id.is_empty());
            shown.remove();
            container.set_hidden(false);
            if let Some(id) = focused {
                let own = container.query_selector(&format!("[id=\"{id}\"]")).ok().flatten();
                if let Some(own) = own.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                    let _ = own.focus();
                }
            }
        }
    }
}

/// For a widget that keeps the HTML the Worker rendered for it (read-only
/// content): the first paint's, else the same HTML asked for at `path` (under
/// `/v1/`, with its `?lang=`); the first paint gives the widget its place once
/// the answer is in. `None` until then.
#[cfg(any(feature = "contract", feature = "take-up"))]
fn kept_rendering(
    first_paint: FirstPaint,
    api: api::Api,
    path: String,
) -> ReadSignal<Option<Result<String, api::ApiFailure>>, LocalStorage> {
    let shown = first_paint.markup();
    let answer = api::fetched(move || {
        let (api, path, shown) = (api.clone(), path.clone(), shown.clone());
        async move {
            match shown {
                Some(markup) => Ok(markup),
                None => api::rendering(&api, &path).await,
            }
        }
    });
    // Effects run before the next frame is painted: the widget takes the first paint's place unseen.
    Effect::new(move |_| {
        if answer.read().is_some() {
            first_paint.hand_over();
        }
    });
    answer
}

/// Gives `host` an open shadow root holding the stylesheet and an empty container.
///
/// The container stays hidden until the stylesheet has loaded (or failed to), so
/// a widget never shows for a moment in the host page's inherited styles.
/// `embed.js` gives the element its shadow root and stylesheet link before the
/// wasm has loaded (marked `data-sk-settled` once loaded): that link is kept.
/// When a first paint shows there, it is kept too, and the container stays
/// hidden until the widget hands over.
fn shadow_container(host: &HtmlElement, stylesheet: &str) -> Result<(HtmlElement, FirstPaint), JsValue> {
    let document = host.owner_document().ok_or("the element is not in a document")?;
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    let container: HtmlElement = document.create_element("div")?.dyn_into()?;
    container.set_class_name("sk-widget");
    container.set_hidden(true);
    if let Some(shown) = root.query_selector("[data-sk-first-paint]")? {
        root.append_child(&container)?;
        return Ok((container.clone(), FirstPaint { shown: Some((shown, container)) }));
    }
    let kept: Option<HtmlElement> =
        root.query_selector("link[rel=stylesheet]")?.and_then(|l| l.dyn_into().ok());
    let link = match kept {
        Some(link) => link,
        None => {
            let link: HtmlElement = document.create_element("link")?.dyn_into()?;
            link.set_attribute("rel", "stylesheet")?;
            link.set_attribute("href", stylesheet)?;
            link
        }
    };
    // Anything else there (a message from an earlier start) goes; the link stays
    // where it is (taken out and put back, it would be fetched again).
    let mut next = root.first_child();
    while let Some(child) = next {
        next = child.next_sibling();
        if !child.is_same_node(Some(&link)) {
            root.remove_child(&child)?;
        }
    }
    if !link.is_connected() {
        root.append_child(&link)?;
    }
    if link.has_attribute("data-sk-settled") {
        container.set_hidden(false);
    } else {
        let styled = container.clone();
        let show: js_sys::Function =
            Closure::<dyn FnMut()>::new(move || styled.set_hidden(false)).into_js_value().unchecked_into();
        link.add_event_listener_with_callback("load", &show)?;
        link.add_event_listener_with_callback("error", &show)?;
    }
    root.append_child(&container)?;
    Ok((container, FirstPaint { shown: None }))
}
