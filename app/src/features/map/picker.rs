//! A map to place a venue (the partner's venue form): tap or drag the pin; typing a
//! known town moves the map there. Without JavaScript the latitude and longitude fields
//! of the form do the job.

use super::live;
use crate::features::discovery::api::map_settings;
use leptos::prelude::*;

#[component]
pub fn PinPicker(
    picked: RwSignal<Option<(f64, f64)>>,
    go_to: RwSignal<Option<(f64, f64)>>,
) -> impl IntoView {
    let setup = Resource::new(|| (), |_| map_settings(None));
    let container = NodeRef::<leptos::html::Div>::new();
    let page = Owner::current();
    live::when_ready(
        container,
        move || setup.get().and_then(Result::ok),
        move |element, settings| {
            let start = (settings.latitude, settings.longitude);
            live::pick_place(element, start, settings, picked, go_to, page.clone());
        },
    );
    view! {
        <Suspense fallback=|| ()>{move || Suspend::new(async move { setup.await.map(|_| ()) })}</Suspense>
        <div node_ref=container class="isolate h-64 w-full rounded-xl bg-slate-200 ring-1 ring-gray-200"
            role="region" aria-label="Carte : touchez l'emplacement du lieu" data-testid="pin-picker"></div>
    }
}
