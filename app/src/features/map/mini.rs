//! A small map of one place (a venue's page). Without JavaScript it is an empty frame;
//! the page's links (directions, OpenStreetMap) do its job.

use super::live;
use crate::features::discovery::api::map_settings;
use leptos::prelude::*;

#[component]
pub fn MiniMap(latitude: f64, longitude: f64) -> impl IntoView {
    let setup = Resource::new(|| (), |_| map_settings(None));
    let container = NodeRef::<leptos::html::Div>::new();
    let page = Owner::current();
    live::when_ready(
        container,
        move || setup.get().and_then(Result::ok),
        move |element, settings| {
            live::show_place(element, (latitude, longitude), settings, page.clone());
        },
    );
    view! {
        <Suspense fallback=|| ()>{move || Suspend::new(async move { setup.await.map(|_| ()) })}</Suspense>
        <div node_ref=container class="isolate mt-4 h-48 w-full rounded-xl bg-slate-200 ring-1 ring-gray-200"
            role="region" aria-label="Carte du lieu" data-testid="venue-map"></div>
    }
}
