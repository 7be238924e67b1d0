//! The device's position, asked once: the map's "Autour de moi" and the search's "Près
//! de moi". The browser asks the person first; a refusal or a device without a position
//! gets a sentence saying what to do instead.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

const NO_POSITION: &str = "Ton appareil ne donne pas sa position : choisis une ville.";
const UNAVAILABLE: &str = "Position indisponible : choisis une ville.";

fn number(target: &JsValue, key: &str) -> Option<f64> {
    js_sys::Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .and_then(|value| value.as_f64())
}

/// Asks where the device is: `found(latitude, longitude)`, or `failed` with what to tell
/// the person.
pub fn locate(
    found: impl FnOnce(f64, f64) + 'static,
    failed: impl Fn(&'static str) + Clone + 'static,
) {
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        failed(NO_POSITION);
        return;
    };
    let unreadable = failed.clone();
    let on_position = Closure::once_into_js(move |position: JsValue| {
        let coords = js_sys::Reflect::get(&position, &JsValue::from_str("coords"))
            .unwrap_or(JsValue::UNDEFINED);
        match (number(&coords, "latitude"), number(&coords, "longitude")) {
            (Some(latitude), Some(longitude)) => found(latitude, longitude),
            _ => unreadable(UNAVAILABLE),
        }
    });
    let refused = failed.clone();
    let on_error = Closure::once_into_js(move |_error: JsValue| refused(UNAVAILABLE));
    if geolocation
        .get_current_position_with_error_callback(
            on_position.unchecked_ref(),
            Some(on_error.unchecked_ref()),
        )
        .is_err()
    {
        failed(UNAVAILABLE);
    }
}
