//! The map page, made on the server: its settings (tiles, the place asked for in
//! `?lieu=`, the row of places) are read here and handed to the map, a lazy island
//! ([`super::explorer`]): only `/carte` downloads its code, and Leaflet after it.

use super::explorer::MapExplorer;
use crate::components::ErrorView;
use crate::features::discovery::api::map_settings;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MapPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let asked_place = move || query.with(|q| q.get("lieu"));
    let setup = Resource::new(asked_place, map_settings);
    view! {
        <Title text=td_string!(locale, map.title)/>
        <h1 class="sr-only">{td_string!(locale, map.heading)}</h1>
        <Suspense fallback=|| ()>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors page=true/> }>
                {move || Suspend::new(async move {
                    // A place asked for in the address wins over the last view kept
                    // in the browser.
                    let resume = asked_place().is_none();
                    setup.await.map(|settings| view! { <MapExplorer locale settings resume/> })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}
