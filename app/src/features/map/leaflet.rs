//! Thin bindings to the few Leaflet 1.9 calls the map uses (the library is vendored in
//! `public/vendor/leaflet-1.9.4` and loaded on demand by [`super::live::load`]).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[derive(Clone)]
    pub type Map;
    #[wasm_bindgen(js_namespace = L, js_name = map)]
    pub fn new_map(element: &web_sys::HtmlElement, options: &JsValue) -> Map;
    #[wasm_bindgen(method, js_name = setView)]
    pub fn set_view(this: &Map, center: &JsValue, zoom: f64) -> Map;
    #[wasm_bindgen(method, js_name = getZoom)]
    pub fn get_zoom(this: &Map) -> f64;
    #[wasm_bindgen(method, js_name = getBounds)]
    pub fn get_bounds(this: &Map) -> LatLngBounds;
    #[wasm_bindgen(method, js_name = getCenter)]
    pub fn get_center(this: &Map) -> LatLng;
    #[wasm_bindgen(method)]
    pub fn on(this: &Map, event: &str, handler: &js_sys::Function) -> Map;
    #[wasm_bindgen(method)]
    pub fn remove(this: &Map) -> Map;
    #[wasm_bindgen(method, js_name = createPane)]
    pub fn create_pane(this: &Map, name: &str) -> web_sys::HtmlElement;
    #[wasm_bindgen(method, js_name = getPane)]
    pub fn get_pane(this: &Map, name: &str) -> Option<web_sys::HtmlElement>;
    #[wasm_bindgen(method, js_name = getContainer)]
    pub fn get_container(this: &Map) -> web_sys::HtmlElement;
    #[wasm_bindgen(method, js_name = hasLayer)]
    pub fn has_layer(this: &Map, layer: &Layer) -> bool;

    #[derive(Clone)]
    pub type LatLngBounds;
    #[wasm_bindgen(method, js_name = getSouth)]
    pub fn south(this: &LatLngBounds) -> f64;
    #[wasm_bindgen(method, js_name = getWest)]
    pub fn west(this: &LatLngBounds) -> f64;
    #[wasm_bindgen(method, js_name = getNorth)]
    pub fn north(this: &LatLngBounds) -> f64;
    #[wasm_bindgen(method, js_name = getEast)]
    pub fn east(this: &LatLngBounds) -> f64;

    #[derive(Clone)]
    pub type LatLng;
    #[wasm_bindgen(method, getter)]
    pub fn lat(this: &LatLng) -> f64;
    #[wasm_bindgen(method, getter)]
    pub fn lng(this: &LatLng) -> f64;

    #[derive(Clone)]
    pub type Layer;
    #[wasm_bindgen(js_namespace = L, js_name = tileLayer)]
    pub fn tile_layer(url: &str, options: &JsValue) -> Layer;
    #[wasm_bindgen(js_namespace = L, js_name = featureGroup)]
    pub fn feature_group() -> Layer;
    #[wasm_bindgen(js_namespace = L, js_name = layerGroup)]
    pub fn layer_group() -> Layer;
    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    pub fn geo_json(data: &JsValue, options: &JsValue) -> Layer;
    #[wasm_bindgen(js_namespace = L, js_name = marker)]
    pub fn marker(at: &JsValue, options: &JsValue) -> Layer;
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    pub fn div_icon(options: &JsValue) -> JsValue;
    #[wasm_bindgen(method, js_name = addTo)]
    pub fn add_to(this: &Layer, map: &Map) -> Layer;
    /// Takes the layer off its map.
    #[wasm_bindgen(method, js_name = remove)]
    pub fn remove(this: &Layer) -> Layer;
    #[wasm_bindgen(method, js_name = addLayer)]
    pub fn add_layer(this: &Layer, layer: &Layer) -> Layer;
    #[wasm_bindgen(method, js_name = clearLayers)]
    pub fn clear_layers(this: &Layer) -> Layer;
    #[wasm_bindgen(method, js_name = on)]
    pub fn on_layer(this: &Layer, event: &str, handler: &js_sys::Function) -> Layer;
    #[wasm_bindgen(method, js_name = getLatLng)]
    pub fn get_lat_lng(this: &Layer) -> LatLng;
    #[wasm_bindgen(method, js_name = setLatLng)]
    pub fn set_lat_lng(this: &Layer, at: &JsValue) -> Layer;
}

/// `[latitude, longitude]`, as Leaflet takes positions.
pub fn lat_lng(latitude: f64, longitude: f64) -> JsValue {
    js_sys::Array::of2(&latitude.into(), &longitude.into()).into()
}

/// A plain object from (key, value) pairs, for Leaflet's options.
pub fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}
