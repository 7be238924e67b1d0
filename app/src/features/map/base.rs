//! The map's own background, for when no tiles load (none configured, or no network in
//! a basement): France cut into its départements on a neutral grey (the sea and the
//! neighbours are not drawn), from `public/geo/departements.json` (made by
//! `scripts/map-data` from Natural Earth's boundaries), and the gazetteer's towns by
//! name. It is drawn in panes under the tiles, so tiles that do load cover it.

use super::leaflet::{self, Layer, Map};
use domain::geo::COMMUNES;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

const OUTLINES: &str = "/geo/departements.json";
/// Panes of their own, under Leaflet's tile pane (z-index 200): see `style/base.css`.
const LAND_PANE: &str = "cp-land";
const TOWNS_PANE: &str = "cp-towns";
/// The gazetteer's first towns (the largest) are named at every zoom; the others only
/// from this zoom in, where their names no longer collide.
const MAJOR_TOWNS: usize = 12;
const ALL_TOWNS_FROM_ZOOM: f64 = 7.0;

/// The container's attribute saying how far the land got: absent (not asked, or the
/// last download failed), `loading`, or `drawn`.
const LAND_STATE: &str = "data-land";

/// Draws the background on `map`: the panes and towns once, the land once it could be
/// downloaded (a later call, at the next tile error, tries again after a failure).
pub fn draw(map: &Map) {
    if map.get_pane(LAND_PANE).is_none() {
        map.create_pane(LAND_PANE);
        map.create_pane(TOWNS_PANE);
        let _ = map.get_container().class_list().add_1("cp-basemap");
        draw_towns(map);
    }
    let container = map.get_container();
    if container.get_attribute(LAND_STATE).is_none() {
        let _ = container.set_attribute(LAND_STATE, "loading");
        draw_land(map.clone());
    }
}

/// Fetches the outlines and draws them, unless the map was removed meanwhile (the
/// person left the page); without them the grey and the towns remain.
fn draw_land(map: Map) {
    leptos::task::spawn_local(async move {
        let container = map.get_container();
        match outlines().await {
            Ok(outlines) if map.get_pane(LAND_PANE).is_some() => {
                let style = leaflet::options(&[
                    ("color", "#94a3b8".into()),
                    ("weight", 1.into()),
                    ("fillColor", "#fffbeb".into()),
                    ("fillOpacity", 1.into()),
                ]);
                leaflet::geo_json(
                    &outlines,
                    &leaflet::options(&[
                        ("pane", LAND_PANE.into()),
                        ("interactive", false.into()),
                        ("style", style),
                    ]),
                )
                .add_to(&map);
                let _ = container.set_attribute(LAND_STATE, "drawn");
            }
            Ok(_) => {}
            Err(error) => {
                let _ = container.remove_attribute(LAND_STATE);
                leptos::logging::warn!("the map's outlines did not load: {error:?}");
            }
        }
    });
}

async fn outlines() -> Result<JsValue, JsValue> {
    let response = super::features::fetch(OUTLINES).await?;
    if !response.ok() {
        return Err(JsValue::from_f64(f64::from(response.status())));
    }
    JsFuture::from(response.json()?).await
}

/// A town's name beside a dot, not clickable.
fn label(name: &str) -> JsValue {
    let html = format!(
        "<span class=\"flex items-center gap-1 whitespace-nowrap text-xs font-semibold text-slate-600\"><span class=\"h-2 w-2 shrink-0 rounded-full bg-slate-500\"></span>{}</span>",
        html_escape::encode_text(name)
    );
    leaflet::div_icon(&leaflet::options(&[
        ("html", html.into()),
        ("className", "cp-town".into()),
        (
            "iconSize",
            js_sys::Array::of2(&160.into(), &16.into()).into(),
        ),
        (
            "iconAnchor",
            js_sys::Array::of2(&4.into(), &8.into()).into(),
        ),
    ]))
}

fn towns(names: &[domain::geo::Commune]) -> Layer {
    let layer = leaflet::layer_group();
    for town in names {
        layer.add_layer(&leaflet::marker(
            &leaflet::lat_lng(town.latitude, town.longitude),
            &leaflet::options(&[
                ("icon", label(town.name)),
                ("pane", TOWNS_PANE.into()),
                ("interactive", false.into()),
                ("keyboard", false.into()),
            ]),
        ));
    }
    layer
}

fn draw_towns(map: &Map) {
    let (major, others) = COMMUNES.split_at(MAJOR_TOWNS.min(COMMUNES.len()));
    towns(major).add_to(map);
    let others = towns(others);
    let show_or_hide = {
        let map = map.clone();
        move || {
            let wanted = map.get_zoom() >= ALL_TOWNS_FROM_ZOOM;
            if wanted != map.has_layer(&others) {
                if wanted {
                    others.add_to(&map);
                } else {
                    others.remove();
                }
            }
        }
    };
    show_or_hide();
    let on_zoom = Closure::<dyn FnMut()>::new(show_or_hide);
    map.on("zoomend", on_zoom.as_ref().unchecked_ref());
    on_zoom.forget();
}
