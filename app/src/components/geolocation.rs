//! The device's position, asked once: the map's "Autour de moi" and the search's "Près
//! de moi". The browser asks the person first; a refusal or a device without a position
//! gets a sentence saying what to do instead, in the page's language.

use crate::i18n::td_string;
use crate::lang::Locale;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
/// The Geolocation API's code for a refusal (`PERMISSION_DENIED`).
const PERMISSION_DENIED: u16 = 1;
/// How long to wait for an answer (a prompt left open, no fix in a basement), and how
/// old a known position may be.
const TIMEOUT_MS: u32 = 15_000;
const MAXIMUM_AGE_MS: u32 = 300_000;

fn number(target: &JsValue, key: &str) -> Option<f64> {
    js_sys::Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .and_then(|value| value.as_f64())
}

/// Asks where the device is: `found(latitude, longitude)`, or `failed` with what to tell
/// the person, in `locale`.
pub fn locate(
    locale: Locale,
    found: impl FnOnce(f64, f64) + 'static,
    failed: impl Fn(&'static str) + Clone + 'static,
) {
    let no_position = td_string!(locale, position.none);
    let unavailable = td_string!(locale, position.unavailable);
    let refused_by_person = td_string!(locale, position.refused);
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        failed(no_position);
        return;
    };
    let unreadable = failed.clone();
    let on_position = Closure::once_into_js(move |position: JsValue| {
        let coords = js_sys::Reflect::get(&position, &JsValue::from_str("coords"))
            .unwrap_or(JsValue::UNDEFINED);
        match (number(&coords, "latitude"), number(&coords, "longitude")) {
            (Some(latitude), Some(longitude)) => found(latitude, longitude),
            _ => unreadable(unavailable),
        }
    });
    let refused = failed.clone();
    let on_error = Closure::once_into_js(move |error: JsValue| {
        refused(match number(&error, "code").map(|code| code as u16) {
            Some(PERMISSION_DENIED) => refused_by_person,
            _ => unavailable,
        })
    });
    let options = web_sys::PositionOptions::new();
    options.set_timeout(TIMEOUT_MS);
    options.set_maximum_age(MAXIMUM_AGE_MS);
    if geolocation
        .get_current_position_with_error_callback_and_options(
            on_position.unchecked_ref(),
            Some(on_error.unchecked_ref()),
            &options,
        )
        .is_err()
    {
        failed(unavailable);
    }
}
