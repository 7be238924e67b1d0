//! The browser's APIs this app calls by name (the clipboard, the share sheet, push
//! subscriptions), through `js_sys` rather than more `web-sys` features: each is a call
//! or two, and a browser without one is told apart from one that refused.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// `target[key]`, when it is there.
pub fn property(target: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Calls `target.method(argument)` and waits for the promise it returns.
pub async fn call(target: &JsValue, method: &str, argument: &JsValue) -> Result<(), JsValue> {
    let function: js_sys::Function = property(target, method)
        .ok_or_else(|| JsValue::from_str(method))?
        .dyn_into()?;
    let promise: js_sys::Promise = function.call1(target, argument)?.dyn_into()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
}

/// Calls `target.method(...arguments)` and, when it returns a promise, waits for it.
pub async fn call_with(
    target: &JsValue,
    method: &str,
    arguments: &[JsValue],
) -> Result<JsValue, JsValue> {
    let function: js_sys::Function = property(target, method)
        .ok_or_else(|| JsValue::from_str(method))?
        .dyn_into()?;
    let list: js_sys::Array = arguments.iter().collect();
    let value = function.apply(target, &list)?;
    match value.dyn_into::<js_sys::Promise>() {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await,
        Err(value) => Ok(value),
    }
}

/// Copies `text` to the clipboard; `false` when the browser has none or refused.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator: JsValue = window.navigator().into();
    match property(&navigator, "clipboard") {
        Some(clipboard) => call(&clipboard, "writeText", &text.into()).await.is_ok(),
        None => false,
    }
}
