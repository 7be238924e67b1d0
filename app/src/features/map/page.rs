//! The map page: full screen on a phone, a row of places and "around me" on top, a link
//! to the same area as a list, and a sheet previewing a tapped venue's offers.

use super::live::{self, MapSignals};
use crate::components::ErrorView;
use crate::error::AppError;
use crate::features::discovery::api::{map_settings, venue_details};
use crate::features::discovery::dto::VenueView;
use domain::geo::{find_commune, place};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
fn Preview(venue: VenueView, signals: MapSignals) -> impl IntoView {
    let shown = venue.offers.len().min(5);
    let more = venue.offers.len() - shown;
    view! {
        <section class="fixed inset-x-0 bottom-16 z-[1000] mx-auto max-w-xl rounded-t-2xl bg-white p-4 shadow-2xl ring-1 ring-gray-200"
            aria-label="Aperçu du lieu" data-testid="map-preview">
            <div class="flex items-start justify-between gap-3">
                <div>
                    <h2 class="text-lg font-bold text-gray-900">{venue.name.clone()}</h2>
                    <p class="text-sm text-gray-600">{venue.address.clone()}</p>
                </div>
                <button type="button" class="rounded-full px-2 text-2xl leading-none text-gray-500" aria-label="Fermer"
                    on:click=move |_| signals.venue.set(None)>"×"</button>
            </div>
            <ul class="mt-3 divide-y divide-gray-100">
                {venue.offers.into_iter().take(shown).map(|offer| view! {
                    <li>
                        <a href=format!("/offres/{}", offer.id) class="flex justify-between gap-3 py-2 text-sm">
                            <span class="font-medium text-gray-900">{offer.title}</span>
                            <span class="shrink-0 text-gray-600">{offer.price}</span>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
            <div class="mt-3 flex gap-4 text-sm font-medium">
                <a href=format!("/lieux/{}", venue.id) class="text-violet-700">
                    {if more > 0 { format!("Voir le lieu et {more} autres offres") } else { "Voir le lieu".to_owned() }}
                </a>
                {venue.directions_url.map(|href| view! {
                    <a href=href target="_blank" rel="noopener" class="text-violet-700">"Itinéraire"</a>
                })}
            </div>
        </section>
    }
}

#[component]
pub fn MapPage() -> impl IntoView {
    let query = use_query_map();
    let asked_place = move || query.with(|q| q.get("lieu"));
    let setup = Resource::new(asked_place, map_settings);
    let signals = MapSignals::default();
    let container = NodeRef::<leptos::html::Div>::new();
    let page = Owner::current();
    live::when_ready(container, setup, move |element, settings| {
        let resume = asked_place().is_none();
        live::start(element, settings, resume, signals, page.clone());
    });
    let preview = Resource::new(
        move || signals.venue.get(),
        |venue| async move {
            match venue {
                Some(id) => venue_details(id).await.map(Some),
                None => Ok::<_, AppError>(None),
            }
        },
    );
    let town = RwSignal::new(String::new());
    // Its own message: the map clears its loading message whenever features arrive,
    // which must not hide what the person was just told about the town they typed.
    let town_message = RwSignal::new(None::<String>);
    let go_to_town = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let asked = town.get_untracked();
        match find_commune(&asked) {
            Some(found) => {
                town_message.set(None);
                signals
                    .go_to
                    .set(Some((found.latitude, found.longitude, 12.0)));
            }
            None => town_message.set(Some(format!(
                "Ville ou code postal inconnu : {}",
                asked.trim()
            ))),
        }
    };
    let list_link = move || match signals.center.get() {
        Some((lat, lon)) => format!("/recherche?lat={lat:.4}&lon={lon:.4}"),
        None => "/recherche".to_owned(),
    };
    view! {
        <Title text="Culture Pass — Carte"/>
        <h1 class="sr-only">"Carte des offres"</h1>
        <div class="flex items-center gap-2 overflow-x-auto px-3 py-2">
            <button type="button" data-testid="around-me"
                class="shrink-0 rounded-full bg-violet-700 px-3 py-1 text-sm font-medium text-white"
                on:click=move |_| live::locate(signals)>
                "◎ Autour de moi"
            </button>
            <Suspense fallback=|| ()>
                // The map's own settings: without them (no network) the page is the
                // worker's to answer.
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors page=true inline=true/> }>
                    {move || Suspend::new(async move {
                        setup.await.map(|settings| settings.places.into_iter().map(|p| {
                            let key = p.key.clone();
                            view! {
                                <button type="button"
                                    class="shrink-0 rounded-full bg-white px-3 py-1 text-sm text-violet-800 ring-1 ring-violet-200"
                                    on:click=move |_| {
                                        if let Some(found) = place(&key) {
                                            signals.go_to.set(Some((found.latitude, found.longitude, 12.0)));
                                        }
                                    }>
                                    {p.name}
                                </button>
                            }
                        }).collect_view())
                    })}
                </ErrorBoundary>
            </Suspense>
        </div>
        // Floating over the map, above the bottom bar: the same offers as a list.
        <a href=list_link data-testid="list-view"
            class="fixed bottom-20 left-1/2 z-20 flex min-h-11 -translate-x-1/2 items-center rounded-full bg-gray-900 px-5 text-sm font-semibold text-white shadow-lg sm:bottom-6">
            "Voir en liste"
        </a>
        <form class="flex gap-2 px-3 pb-2" on:submit=go_to_town role="search" aria-label="Aller à une ville">
            <input type="search" bind:value=town placeholder="Ville ou code postal" aria-label="Ville ou code postal"
                class="min-w-0 flex-1 rounded-lg border border-gray-300 px-3 py-1 text-sm"/>
            <button type="submit" class="rounded-lg bg-white px-3 py-1 text-sm font-medium text-violet-800 ring-1 ring-violet-300">"Aller"</button>
        </form>
        {move || town_message.get().or_else(|| signals.message.get()).map(|m| view! {
            <p class="mx-3 mb-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">{m}</p>
        })}
        <div node_ref=container class="isolate h-[calc(100dvh_-_12rem)] w-full bg-slate-200"
            role="region" aria-label="Carte des offres" data-testid="map">
            <noscript>
                <p class="p-4 text-gray-700">
                    "La carte a besoin de JavaScript. "
                    <a href="/recherche" class="font-medium text-violet-700">"Voir les offres en liste"</a>
                </p>
            </noscript>
        </div>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok(Some(venue)) => Some(view! { <Preview venue signals/> }.into_any()),
                    Ok(None) => None,
                    Err(error) => Some(view! {
                        <p class="fixed inset-x-0 bottom-16 mx-auto max-w-xl bg-white p-4 text-red-700" role="alert">{error.to_string()}</p>
                    }.into_any()),
                }
            })}
        </Transition>
    }
}
