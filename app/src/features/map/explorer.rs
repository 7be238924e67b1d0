//! The map of offers in the browser, full screen on a phone: a row of places and
//! "around me" on top, a town to go to, a link to the same area as a list, and a sheet
//! previewing a tapped venue's offers.
//!
//! A lazy island: its code (Leaflet's bindings, the map's server functions and their
//! answers) is a file of its own that only `/carte` downloads, with the page's settings
//! as props.

use super::live::{self, MapSignals};
use crate::features::discovery::api::venue_details;
use crate::features::discovery::dto::{MapSetup, VenueView};
use crate::i18n::td_string;
use crate::lang::{Locale, use_locale};
use domain::geo::{find_commune, place};
use leptos::prelude::*;

/// The map, looking at the last view kept in the browser when `resume`, else at the
/// settings' place; it speaks `locale`, the page's language (islands are given it), and
/// gives it to what it holds.
#[island(lazy)]
pub fn MapExplorer(locale: Locale, settings: MapSetup, resume: bool) -> impl IntoView {
    crate::hydration::preload_island("map_explorer_loader");
    provide_context(locale);
    let signals = MapSignals {
        locale,
        ..MapSignals::default()
    };
    let container = NodeRef::<leptos::html::Div>::new();
    let page = Owner::current();
    let places = settings.places.clone();
    live::when_ready(
        container,
        move || Some(settings.clone()),
        move |element, settings| {
            live::start(element, settings, resume, signals, page.clone());
        },
    );
    let preview = venue_preview(locale, signals.venue);
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
            None => {
                let town = asked.trim();
                town_message.set(Some(td_string!(locale, map.unknown_town, town).to_string()));
            }
        }
    };
    let list_link = move || match signals.center.get() {
        Some((lat, lon)) => format!("/recherche?lat={lat:.4}&lon={lon:.4}"),
        None => "/recherche".to_owned(),
    };
    view! {
        <div class="flex items-center gap-2 overflow-x-auto px-3 py-2">
            <button type="button" data-testid="around-me"
                class="shrink-0 rounded-full bg-violet-700 px-3 py-1 text-sm font-medium text-white"
                on:click=move |_| live::locate(signals)>
                {td_string!(locale, map.around_me)}
            </button>
            {places.into_iter().map(|p| {
                let key = p.key;
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
            }).collect_view()}
        </div>
        // Floating over the map, above the bottom bar: the same offers as a list; not
        // while a venue's preview is open, whose links it would cover.
        <a href=list_link data-testid="list-view" aria-label=td_string!(locale, map.list_label)
            class=move || {
                let display = if preview.with(Option::is_some) { "hidden" } else { "flex" };
                format!("fixed bottom-20 left-1/2 z-20 {display} min-h-11 -translate-x-1/2 items-center rounded-full bg-gray-900 px-5 text-sm font-semibold text-white shadow-lg sm:bottom-6")
            }>
            {td_string!(locale, map.list)}
        </a>
        <form class="flex gap-2 px-3 pb-2" on:submit=go_to_town role="search" aria-label=td_string!(locale, map.go_to_town)>
            <input type="search" bind:value=town placeholder=td_string!(locale, map.town) aria-label=td_string!(locale, map.town)
                class="min-w-0 flex-1 rounded-lg border border-gray-300 px-3 py-1 text-sm"/>
            <button type="submit" class="rounded-lg bg-white px-3 py-1 text-sm font-medium text-violet-800 ring-1 ring-violet-300">{td_string!(locale, map.go)}</button>
        </form>
        {move || town_message.get().or_else(|| signals.message.get()).map(|m| view! {
            <p class="mx-3 mb-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">{m}</p>
        })}
        // A screen reader hears, on the map, that its offers are also a list, and where.
        <p id="map-help" class="sr-only">
            {td_string!(locale, map.help)}
        </p>
        <div node_ref=container class="isolate h-[calc(100dvh_-_12rem)] w-full bg-slate-200"
            role="region" aria-label=td_string!(locale, map.region) aria-describedby="map-help" data-testid="map">
            <noscript>
                <p class="p-4 text-gray-700">
                    {td_string!(locale, map.needs_js)}
                    <a href="/recherche" class="font-medium text-violet-700">{td_string!(locale, map.list_offers)}</a>
                </p>
            </noscript>
        </div>
        {move || preview.get().map(|answer| match answer {
            Ok(venue) => view! { <Preview venue signals map=container/> }.into_any(),
            Err(sentence) => view! {
                <p class="fixed inset-x-0 bottom-16 mx-auto max-w-xl bg-white p-4 text-red-700" role="alert">{sentence}</p>
            }.into_any(),
        })}
    }
}

/// The tapped venue's details, read when a venue is tapped and cleared when the
/// preview closes. The last preview stays until the next one has arrived, and an
/// answer for a venue no longer tapped is dropped.
fn venue_preview(
    locale: Locale,
    venue: RwSignal<Option<i64>>,
) -> RwSignal<Option<Result<VenueView, String>>> {
    let preview = RwSignal::new(None);
    Effect::new(move |_| match venue.get() {
        None => preview.set(None),
        Some(id) => leptos::task::spawn_local(async move {
            let answer = preview_of(locale, id).await;
            if venue.get_untracked() == Some(id) {
                preview.set(Some(answer));
            }
        }),
    });
    preview
}

/// A venue's details, or the sentence saying why they could not be read. A split file
/// of its own: calling a server function brings the decoding of the app's refusals,
/// which the map itself does without (`super::features`), so the map's first download
/// leaves it out and it comes with the first tap on a venue.
#[leptos::lazy]
async fn preview_of(locale: Locale, venue_id: i64) -> Result<VenueView, String> {
    venue_details(venue_id)
        .await
        .map_err(|error| error.message(locale))
}

/// A tapped venue's offers, over the bottom of the map. Focus goes into it when it
/// opens (a pin chosen with the keyboard, a screen reader), and back to the map when it
/// closes, with its button or Escape.
#[component]
fn Preview(
    venue: VenueView,
    signals: MapSignals,
    map: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let locale = use_locale();
    let close_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = close_button.get() {
            let _ = button.focus();
        }
    });
    let close = move || {
        signals.venue.set(None);
        if let Some(map) = map.get_untracked() {
            let _ = map.focus();
        }
    };
    let shown = venue.offers.len().min(5);
    let more = venue.offers.len() - shown;
    view! {
        <section class="fixed inset-x-0 bottom-16 z-[1000] mx-auto max-w-xl rounded-t-2xl bg-white p-4 shadow-2xl ring-1 ring-gray-200"
            aria-label=td_string!(locale, map.preview) data-testid="map-preview"
            on:keydown=move |event: leptos::ev::KeyboardEvent| {
                if event.key() == "Escape" {
                    close();
                }
            }>
            <div class="flex items-start justify-between gap-3">
                <div>
                    <h2 class="text-lg font-bold text-gray-900">{venue.name.clone()}</h2>
                    <p class="text-sm text-gray-600">{venue.address.clone()}</p>
                </div>
                <button node_ref=close_button type="button" aria-label=td_string!(locale, common.close)
                    class="flex h-11 w-11 items-center justify-center rounded-full text-2xl leading-none text-gray-600 hover:bg-gray-100"
                    on:click=move |_| close()>"×"</button>
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
                    {if more > 0 { td_string!(locale, map.see_venue_and_more, more).to_string() } else { td_string!(locale, map.see_venue).to_owned() }}
                </a>
                {venue.directions_url.map(|href| view! {
                    <a href=href target="_blank" rel="noopener" class="text-violet-700">{td_string!(locale, offer.directions)}</a>
                })}
            </div>
        </section>
    }
}
