//! JSON through the browser's own `JSON.parse` and `JSON.stringify`, read into
//! and out of Rust types by serde-wasm-bindgen, and kept in browser storage.
//!
//! The widgets carry no JSON parser or writer of their own: the wasm is smaller,
//! and the browser's native parser is much faster than one in wasm that runs
//! only once, before the engine has optimised it.

use js_sys::JSON;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// `value` (already parsed by the browser) as a `T`; `None` if it is not one.
pub fn read<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    serde_wasm_bindgen::from_value(value).ok()
}

/// `text` parsed as JSON into a `T`, or why not: the browser's message for text
/// that is not JSON, serde's (e.g. "missing field `name`") for JSON that is not a `T`.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = JSON::parse(text).map_err(reason)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| reason(e.into()))
}

/// The message of a thrown JS error, without its "Error:" prefix.
fn reason(error: JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => "not JSON".to_owned(),
    }
}

/// `value` as JSON text, indented by two spaces when `pretty`.
pub fn write<T: Serialize + ?Sized>(value: &T, pretty: bool) -> Option<String> {
    // Plain objects for maps and numbers for integers, as JSON has them.
    let value = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
    let text = match pretty {
        true => JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &JsValue::from(2)),
        false => JSON::stringify(&value),
    };
    text.ok().map(String::from)
}

/// Which of the browser's storages: kept across visits, or for this tab's session.
#[derive(Debug, Clone, Copy)]
pub enum Storage {
    /// `localStorage`.
    Local,
    /// `sessionStorage`.
    Session,
}

impl Storage {
    /// The storage, if the browser lets the page use it (it may not, e.g. in some private modes).
    fn open(self) -> Option<web_sys::Storage> {
        let window = web_sys::window()?;
        match self {
            Storage::Local => window.local_storage(),
            Storage::Session => window.session_storage(),
        }
        .ok()
        .flatten()
    }

    /// The `T` stored at `key`; `None` if there is none, or it is not a `T`.
    pub fn get<T: DeserializeOwned>(self, key: &str) -> Option<T> {
        parse(&self.open()?.get_item(key).ok()??).ok()
    }

    /// Stores `value` at `key`; `false` if the browser refused (storage off or full).
    pub fn set<T: Serialize + ?Sized>(self, key: &str, value: &T) -> bool {
        let (Some(storage), Some(text)) = (self.open(), write(value, false)) else {
            return false;
        };
        storage.set_item(key, &text).is_ok()
    }

    /// Removes whatever is stored at `key`.
    pub fn delete(self, key: &str) {
        if let Some(storage) = self.open() {
            let _ = storage.remove_item(key);
        }
    }
}
