//! Files the person downloads or chooses: `data:` URLs for download links and
//! reading a chosen file as text.

use leptos::task::spawn_local_scoped;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A `data:` URL holding `text`, for a download link that needs no script.
pub fn data_url(media_type: &str, text: &str) -> String {
    let encoded: String = js_sys::encode_uri_component(text).into();
    format!("data:{media_type};charset=utf-8,{encoded}")
}

/// A file input's change handler: reads the chosen file as text and hands it to `then`.
///
/// The input is emptied, so choosing the same file again reads it again.
pub fn on_file_text(then: impl Fn(String) + Clone + 'static) -> impl Fn(leptos::ev::Event) + Clone + 'static {
    move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        let then = then.clone();
        spawn_local_scoped(async move {
            let text = JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()).unwrap_or_default();
            then(text);
        });
    }
}
