//! A small map of one place (a venue's page). Without JavaScript it is an empty frame;
//! the page's links (directions, OpenStreetMap) do its job.
//!
//! A lazy island: a venue's page is served as islands, and its code (Leaflet's bindings)
//! is a file of its own that only a venue's page downloads, with the map's settings read
//! by the server as its props.

use super::live;
use crate::features::discovery::dto::MapSetup;
use leptos::prelude::*;

#[island(lazy)]
pub fn MiniMap(latitude: f64, longitude: f64, settings: MapSetup) -> impl IntoView {
    crate::hydration::preload_island("mini_map_loader");
    let container = NodeRef::<leptos::html::Div>::new();
    let page = Owner::current();
    live::when_ready(
        container,
        move || Some(settings.clone()),
        move |element, settings| {
            live::show_place(element, (latitude, longitude), settings, page.clone());
        },
    );
    view! {
        <div node_ref=container class="isolate mt-4 h-48 w-full rounded-xl bg-slate-200 ring-1 ring-gray-200"
            role="region" aria-label="Carte du lieu" data-testid="venue-map"></div>
    }
}
