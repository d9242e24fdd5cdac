//! The contract viewer widget: a service's contract, readable, with each user
//! need's status, its metrics, dependencies and recent Correction of Error documents.
//!
//! The contract is read-only, so the Worker renders it (`GET
//! /v1/services/{slug}/contract.html`, from core's `ContractView` and this
//! widget's translation files): `embed.js` shows that HTML at once, and this
//! widget takes it over and makes its print button work. Without a first
//! paint it asks for the same HTML itself.

use crate::api::Api;
use crate::i18n::use_strings;
use crate::FirstPaint;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Shows the contract of the service `slug`.
#[component]
pub fn ContractViewer(
    /// The servicekit API, asked in the widget's language.
    api: Api,
    /// The service's slug.
    slug: String,
    /// The Worker's rendering of this contract, if `embed.js` has shown it.
    first_paint: FirstPaint,
) -> impl IntoView {
    let t = use_strings();
    let data =
        crate::kept_rendering(first_paint, api, format!("services/{slug}/contract.html?lang={}", t.lang));
    let content = NodeRef::<leptos::html::Div>::new();
    // Once drawn, the print button works.
    Effect::new(move |_| {
        if let Some(print) = content.get().and_then(|c| c.query_selector("[data-sk-print]").ok().flatten()) {
            let _ = print.remove_attribute("disabled");
        }
    });
    let on_click = |ev: leptos::ev::MouseEvent| {
        let pressed = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if pressed.and_then(|e| e.closest("[data-sk-print]").ok().flatten()).is_some() {
            if let Some(window) = web_sys::window() {
                let _ = window.print();
            }
        }
    };
    view! {
        {move || match data.get() {
            None => view! {
                <section class="sk-contract" aria-labelledby="sk-contract-title">
                    <p id="sk-contract-title" class="sk-body" role="status">{t.loading_contract.as_str()}</p>
                </section>
            }.into_any(),
            Some(Err(failure)) => view! {
                <section class="sk-contract" aria-labelledby="sk-contract-title">
                    <div class="sk-error-summary" role="alert" data-testid="sk-error">
                        <h2 id="sk-contract-title" class="sk-error-summary__title">{t.error_summary.as_str()}</h2>
                        <p class="sk-body">{failure.message(t.contract_unreachable.as_str())}</p>
                    </div>
                </section>
            }.into_any(),
            Some(Ok(markup)) => view! { <div node_ref=content inner_html=markup on:click=on_click></div> }.into_any(),
        }}
    }
}
