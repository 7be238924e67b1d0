//! The map in the browser: loads Leaflet, follows the view, asks the server for what
//! the visible bounds hold at this zoom (clusters and venues, never more than a few
//! hundred features) and reports the venue a person taps. The last view is remembered
//! in `localStorage`.

use super::base;
use super::features::{View, features_in};
use super::leaflet::{self, Layer, Map};
use crate::features::discovery::dto::{MapFeature, MapSetup};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

const VIEW_KEY: &str = "cp-map-view";
const LEAFLET_JS: &str = "/vendor/leaflet-1.9.4/leaflet.js";
const LEAFLET_CSS: &str = "/vendor/leaflet-1.9.4/leaflet.css";
/// How long to wait for Leaflet's script (50 ms steps).
const LOAD_ATTEMPTS: u32 = 200;

/// What the page shares with the map: the tapped venue, where the map looks (for the
/// list link), and a message when something fails.
#[derive(Clone, Copy)]
pub struct MapSignals {
    /// The page's language, for what the map says.
    pub locale: crate::lang::Locale,
    pub venue: RwSignal<Option<i64>>,
    pub center: RwSignal<Option<(f64, f64)>>,
    pub message: RwSignal<Option<String>>,
    /// Set by the page to move the map (a chosen city, the device's position).
    pub go_to: RwSignal<Option<(f64, f64, f64)>>,
}

impl Default for MapSignals {
    fn default() -> Self {
        MapSignals {
            locale: crate::lang::Locale::default(),
            venue: RwSignal::new(None),
            center: RwSignal::new(None),
            message: RwSignal::new(None),
            go_to: RwSignal::new(None),
        }
    }
}

fn leaflet_ready() -> bool {
    web_sys::window()
        .and_then(|w| property(&w, "L"))
        .is_some_and(|l| !l.is_undefined())
}

/// Loads Leaflet's stylesheet and script once, then calls `ready`.
fn load(ready: Box<dyn FnOnce()>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if !leaflet_ready()
        && document
            .query_selector("script[data-leaflet]")
            .ok()
            .flatten()
            .is_none()
        && let (Some(head), Ok(link), Ok(script)) = (
            document.head(),
            document.create_element("link"),
            document.create_element("script"),
        )
    {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", LEAFLET_CSS);
        let _ = script.set_attribute("src", LEAFLET_JS);
        let _ = script.set_attribute("data-leaflet", "");
        let _ = head.append_child(&link);
        let _ = head.append_child(&script);
    }
    wait_for_leaflet(ready, LOAD_ATTEMPTS);
}

fn wait_for_leaflet(ready: Box<dyn FnOnce()>, attempts: u32) {
    if leaflet_ready() {
        ready();
    } else if attempts > 0 {
        set_timeout(
            move || wait_for_leaflet(ready, attempts - 1),
            Duration::from_millis(50),
        );
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The last view: "latitude,longitude,zoom".
fn saved_view() -> Option<(f64, f64, f64)> {
    let text = storage()?.get_item(VIEW_KEY).ok()??;
    let mut parts = text.split(',').map(|p| p.parse::<f64>().ok());
    let view = (parts.next()??, parts.next()??, parts.next()??);
    domain::geo::Position::parse(view.0, view.1).ok()?;
    Some(view)
}

fn save_view(latitude: f64, longitude: f64, zoom: f64) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(VIEW_KEY, &format!("{latitude:.5},{longitude:.5},{zoom}"));
    }
}

/// A property of a JavaScript object (Leaflet's events, the Geolocation API's answer).
fn property(target: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).ok()
}

/// Adds the configured tiles; with none, or when they fail to load (no network), the
/// map draws its own background under them ([`base`]).
fn add_tiles(map: &Map, setup: &MapSetup) {
    if setup.tiles_url.is_empty() {
        base::draw(map);
        return;
    }
    let tiles = leaflet::tile_layer(
        &setup.tiles_url,
        &leaflet::options(&[
            ("attribution", setup.attribution.clone().into()),
            ("maxZoom", 19.into()),
        ]),
    )
    .add_to(map);
    let on_error = {
        let map = map.clone();
        Closure::<dyn FnMut()>::new(move || base::draw(&map))
    };
    tiles.on_layer("tileerror", on_error.as_ref().unchecked_ref());
    on_error.forget();
}

/// A venue is a pin with its number of offers; a cluster a bubble sized by its count
/// (the sizes the server keeps apart: [`domain::cluster::separate`]).
fn icon(offers: i64, is_venue: bool) -> JsValue {
    let (class, size) = if is_venue {
        ("cp-venue", domain::cluster::PIN_DIAMETER)
    } else {
        ("cp-cluster", domain::cluster::bubble_diameter(offers))
    };
    let html = if is_venue {
        format!(
            "<span class=\"flex h-full w-full items-center justify-center rounded-full rounded-br-none bg-rose-600 text-sm font-bold text-white shadow ring-2 ring-white\">{offers}</span>"
        )
    } else {
        format!(
            "<span class=\"flex h-full w-full items-center justify-center rounded-full bg-violet-700/90 text-sm font-bold text-white shadow ring-2 ring-violet-300/70\">{offers}</span>"
        )
    };
    leaflet::div_icon(&leaflet::options(&[
        ("html", html.into()),
        ("className", class.into()),
        (
            "iconSize",
            js_sys::Array::of2(&size.into(), &size.into()).into(),
        ),
    ]))
}

fn draw(layer: &Layer, features: &[MapFeature]) {
    layer.clear_layers();
    for feature in features {
        let title = match feature.venue_id {
            Some(_) => format!(
                "Lieu : {} offre{}",
                feature.offers,
                if feature.offers > 1 { "s" } else { "" }
            ),
            None => format!("{} offres : zoomer", feature.offers),
        };
        let mut options = vec![
            ("icon", icon(feature.offers, feature.venue_id.is_some())),
            ("title", title.into()),
            ("keyboard", true.into()),
        ];
        match feature.venue_id {
            Some(id) => options.push(("venueId", (id as f64).into())),
            // Bubbles of several venues are drawn above single pins.
            None => options.push(("zIndexOffset", 1000.into())),
        }
        let marker = leaflet::marker(
            &leaflet::lat_lng(feature.latitude, feature.longitude),
            &leaflet::options(&options),
        );
        layer.add_layer(&marker);
    }
}

/// Asks for the features of the current view and draws them, unless a newer request
/// was made meanwhile.
fn refresh(map: &Map, layer: &Layer, generation: &Rc<Cell<u64>>, signals: MapSignals) {
    let bounds = map.get_bounds();
    let zoom = map
        .get_zoom()
        .clamp(0.0, f64::from(domain::cluster::MAX_ZOOM)) as u8;
    let (south, north) = (bounds.south().max(-90.0), bounds.north().min(90.0));
    let (west, east) = (bounds.west().max(-180.0), bounds.east().min(180.0));
    let center = map.get_center();
    save_view(center.lat(), center.lng(), f64::from(zoom));
    signals.center.set(Some((center.lat(), center.lng())));
    let mine = generation.get() + 1;
    generation.set(mine);
    let (map, layer, generation) = (map.clone(), layer.clone(), generation.clone());
    leptos::task::spawn_local(async move {
        let view = View {
            south,
            west,
            north,
            east,
            zoom,
        };
        let answer = features_in(signals.locale, view).await;
        if generation.get() != mine {
            return;
        }
        match answer {
            Ok(features) => {
                signals.message.set(None);
                draw(&layer, &features);
                // What the icons on screen were computed for (the browser tests wait on it).
                let _ = map
                    .get_container()
                    .set_attribute("data-drawn-zoom", &zoom.to_string());
            }
            Err(sentence) => signals.message.set(Some(sentence.to_owned())),
        }
    });
}

/// Calls `open` once, as soon as the page is in the browser (its `container` mounted)
/// and the map's settings are there (`setup` gives them once they arrived): the three
/// maps (the offers', a venue's, the pin picker) start this way.
pub fn when_ready(
    container: NodeRef<leptos::html::Div>,
    setup: impl Fn() -> Option<MapSetup> + 'static,
    open: impl Fn(web_sys::HtmlElement, MapSetup) + 'static,
) {
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        match (container.get(), setup()) {
            (Some(element), Some(settings)) => {
                open(element.into(), settings);
                true
            }
            _ => false,
        }
    });
}

/// Runs `run` in the page's reactive owner, so that what it registers (effects, the
/// map's removal on leaving) lives as long as the page, however late Leaflet arrived.
fn within(page: Option<Owner>, run: impl FnOnce()) {
    match page {
        Some(owner) => owner.with(run),
        None => run(),
    }
}

/// Whether the person asked their device for less motion.
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|window| window.match_media("(prefers-reduced-motion: reduce)").ok())
        .flatten()
        .is_some_and(|query| query.matches())
}

/// A Leaflet map in `container`, looking at `view` (latitude, longitude, zoom), over the
/// configured tiles or its own background; without its zoom and fade animations for
/// who asked for less motion.
fn new_map(
    container: &web_sys::HtmlElement,
    options: &[(&str, JsValue)],
    (latitude, longitude, zoom): (f64, f64, f64),
    setup: &MapSetup,
) -> Map {
    let mut options = options.to_vec();
    if reduced_motion() {
        for animation in ["zoomAnimation", "fadeAnimation", "markerZoomAnimation"] {
            options.push((animation, false.into()));
        }
    }
    let map = leaflet::new_map(container, &leaflet::options(&options));
    map.set_view(&leaflet::lat_lng(latitude, longitude), zoom);
    add_tiles(&map, setup);
    map
}

/// Starts the map in `container` once Leaflet is there: on the last view when
/// `resume` (no place asked for in the URL), else on the setup's place. The map lives
/// as long as `page` (the page's reactive owner), which may have to wait for Leaflet.
pub fn start(
    container: web_sys::HtmlElement,
    setup: MapSetup,
    resume: bool,
    signals: MapSignals,
    page: Option<Owner>,
) {
    load(Box::new(move || {
        within(page, || open_map(container, setup, resume, signals))
    }));
}

fn open_map(container: web_sys::HtmlElement, setup: MapSetup, resume: bool, signals: MapSignals) {
    let view = saved_view()
        .filter(|_| resume)
        .unwrap_or((setup.latitude, setup.longitude, 12.0));
    let map = new_map(
        &container,
        &[
            ("zoomControl", true.into()),
            ("maxZoom", 18.into()),
            ("minZoom", 3.into()),
        ],
        view,
        &setup,
    );
    let layer = leaflet::feature_group().add_to(&map);
    let generation = Rc::new(Cell::new(0));

    let on_move = {
        let (map, layer, generation) = (map.clone(), layer.clone(), generation.clone());
        Closure::<dyn FnMut()>::new(move || refresh(&map, &layer, &generation, signals))
    };
    map.on("moveend", on_move.as_ref().unchecked_ref());
    on_move.forget();

    // A venue previews its offers; a cluster zooms in where it was tapped.
    let on_click = {
        let map = map.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let options = property(&event, "layer").and_then(|layer| property(&layer, "options"));
            let venue = options
                .and_then(|o| property(&o, "venueId"))
                .and_then(|v| v.as_f64());
            match venue {
                Some(id) => signals.venue.set(Some(id as i64)),
                None => {
                    if let Some(at) = property(&event, "latlng") {
                        let zoom = (map.get_zoom() + 2.0).min(18.0);
                        map.set_view(&at, zoom);
                    }
                }
            }
        })
    };
    layer.on_layer("click", on_click.as_ref().unchecked_ref());
    on_click.forget();

    refresh(&map, &layer, &generation, signals);
    let map = SendWrapper::new(map);
    let moving = map.clone();
    Effect::new(move |_| {
        if let Some((lat, lon, zoom)) = signals.go_to.get() {
            moving.set_view(&leaflet::lat_lng(lat, lon), zoom);
        }
    });
    // Leaving the page removes the map and its listeners.
    on_cleanup(move || {
        map.remove();
    });
}

/// A small map centred on one place with its pin (a venue's page), for as long as the
/// page lives.
pub fn show_place(
    container: web_sys::HtmlElement,
    (latitude, longitude): (f64, f64),
    setup: MapSetup,
    page: Option<Owner>,
) {
    load(Box::new(move || {
        let map = new_map(
            &container,
            &[("scrollWheelZoom", false.into())],
            (latitude, longitude, 16.0),
            &setup,
        );
        leaflet::marker(
            &leaflet::lat_lng(latitude, longitude),
            &leaflet::options(&[("icon", icon(1, true))]),
        )
        .add_to(&map);
        let map = SendWrapper::new(map);
        within(page, || {
            on_cleanup(move || {
                map.remove();
            })
        });
    }));
}

/// A map to place a venue: a tap (or a drag of the pin) sets `picked`; `go_to` moves
/// the view (a town typed in the form). Lives as long as `page`.
pub fn pick_place(
    container: web_sys::HtmlElement,
    start: (f64, f64),
    setup: MapSetup,
    picked: RwSignal<Option<(f64, f64)>>,
    go_to: RwSignal<Option<(f64, f64)>>,
    page: Option<Owner>,
) {
    load(Box::new(move || {
        let (latitude, longitude) = picked.get_untracked().unwrap_or(start);
        let map = new_map(&container, &[], (latitude, longitude, 14.0), &setup);
        let pin = leaflet::marker(
            &leaflet::lat_lng(latitude, longitude),
            &leaflet::options(&[("icon", icon(1, true)), ("draggable", true.into())]),
        )
        .add_to(&map);
        let on_click = {
            let pin = pin.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                if let Some(at) = property(&event, "latlng") {
                    pin.set_lat_lng(&at);
                    let lat = property(&at, "lat").and_then(|v| v.as_f64());
                    let lng = property(&at, "lng").and_then(|v| v.as_f64());
                    if let (Some(lat), Some(lng)) = (lat, lng) {
                        picked.set(Some((lat, lng)));
                    }
                }
            })
        };
        map.on("click", on_click.as_ref().unchecked_ref());
        on_click.forget();
        let on_drag = {
            let pin = pin.clone();
            Closure::<dyn FnMut()>::new(move || {
                let at = pin.get_lat_lng();
                picked.set(Some((at.lat(), at.lng())));
            })
        };
        pin.on_layer("dragend", on_drag.as_ref().unchecked_ref());
        on_drag.forget();
        let map = SendWrapper::new(map);
        let pin = SendWrapper::new(pin);
        within(page, move || {
            let moving = map.clone();
            Effect::new(move |_| {
                if let Some((lat, lon)) = go_to.get() {
                    moving.set_view(&leaflet::lat_lng(lat, lon), 14.0);
                    pin.set_lat_lng(&leaflet::lat_lng(lat, lon));
                }
            });
            on_cleanup(move || {
                map.remove();
            });
        });
    }));
}

/// Asks the device where it is; moves the map there, or says why not.
pub fn locate(signals: MapSignals) {
    crate::components::geolocation::locate(
        signals.locale,
        move |latitude, longitude| signals.go_to.set(Some((latitude, longitude, 13.0))),
        move |message| signals.message.set(Some(message.to_owned())),
    );
}
