//! The clusters and venues of the map's view, asked for by the browser itself at the
//! address of `map_features` (`discovery::api`, a GET server function).
//!
//! Not through the server function's client: that client decodes every refusal of the
//! app ([`crate::error::AppError`], the booking's and the ticket's among them), code the
//! map's first download would carry for an answer that is never one of them (the map
//! asks only for views it made). Without it, that code reaches the browser with the
//! preview of a venue (`explorer::preview_of`), once one is tapped.

use crate::features::discovery::api::MapFeatures;
use crate::features::discovery::dto::MapFeature;
use leptos::server_fn::ServerFn;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The visible bounds of the map, in degrees, and its zoom.
pub struct View {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
    pub zoom: u8,
}

/// The features `view` holds, or the sentence saying why they could not be read (in
/// `locale`; a different one when the server asks this client to slow down, HTTP 429).
pub async fn features_in(
    locale: crate::lang::Locale,
    view: View,
) -> Result<Vec<MapFeature>, &'static str> {
    use crate::i18n::td_string;
    let unreadable = td_string!(locale, map.unreadable);
    let View {
        south,
        west,
        north,
        east,
        zoom,
    } = view;
    let url = format!(
        "{}?south={south}&west={west}&north={north}&east={east}&zoom={zoom}",
        MapFeatures::PATH
    );
    let response = fetch(&url).await.map_err(|_| unreadable)?;
    match response.status() {
        200 => {}
        429 => return Err(td_string!(locale, map.too_many)),
        _ => return Err(unreadable),
    }
    let text = body(&response).await.map_err(|_| unreadable)?;
    serde_json::from_str(&text).map_err(|_| unreadable)
}

/// The browser's answer for `url` (a GET), whatever its status; the map's outlines
/// (`super::base`) are fetched the same way.
pub(super) async fn fetch(url: &str) -> Result<web_sys::Response, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    JsFuture::from(window.fetch_with_str(url)).await?.dyn_into()
}

async fn body(response: &web_sys::Response) -> Result<String, JsValue> {
    JsFuture::from(response.text()?)
        .await?
        .as_string()
        .ok_or_else(|| JsValue::from_str("not text"))
}
