//! The home page: rows of offers around a place (this week, free, new, by category),
//! each a horizontal list, then every offer around, nearest first. Server-rendered.

use super::api::home_rows;
use crate::app::Auth;
use crate::components::{ErrorView, OfferCardView};
use crate::dto::OfferCard;
use crate::features::discovery::dto::{HomeRow, PlaceView};
use crate::features::favorites::CardHeart;
use crate::features::favorites::api::{ToggleFavorite, my_favorite_ids};
use crate::i18n::td_string;
use crate::lang::{Locale, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A card with the favorite heart when someone is signed in.
fn card(
    offer: OfferCard,
    signed_in: bool,
    favorites: &[i64],
    toggle: ServerAction<ToggleFavorite>,
    in_row: bool,
) -> AnyView {
    let on = signed_in.then(|| favorites.contains(&offer.id));
    let corner = view! { <CardHeart offer_id=offer.id on toggle/> }.into_any();
    view! { <OfferCardView offer corner in_row/> }.into_any()
}

#[component]
fn PlacePicker(current: String, places: Vec<PlaceView>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <nav aria-label=td_string!(locale, home.choose_place) class="mt-3 flex gap-2 overflow-x-auto pb-2">
            {places.into_iter().map(|place| {
                let active = place.key == current;
                view! {
                    <a
                        href=format!("/?lieu={}", place.key)
                        class=if active {
                            "shrink-0 rounded-full bg-violet-700 px-3 py-1 text-sm text-white"
                        } else {
                            "shrink-0 rounded-full bg-white px-3 py-1 text-sm text-violet-800 ring-1 ring-violet-200"
                        }
                        aria-current=active.then_some("page")
                    >
                        {place.name}
                    </a>
                }
            }).collect_view()}
        </nav>
    }
}

#[component]
fn Row(
    row: HomeRow,
    signed_in: bool,
    favorites: Vec<i64>,
    toggle: ServerAction<ToggleFavorite>,
) -> impl IntoView {
    let title = row.title.clone();
    let locale = use_locale();
    view! {
        <section class="mt-4" aria-label=row.title data-testid="home-row">
            <div class="flex items-baseline justify-between px-4">
                <h2 class="text-lg font-bold text-gray-900">{title}</h2>
                <a href=row.search_link class="text-sm font-medium text-violet-700">{td_string!(locale, home.see_all)}</a>
            </div>
            <ul class="mt-2 flex snap-x gap-3 overflow-x-auto px-4 pb-2">
                {row.offers.into_iter().map(|offer| view! {
                    <li class="w-64 shrink-0 snap-start">{card(offer, signed_in, &favorites, toggle, true)}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// For a first visit, signed out: what the pass is, who it is for, how to start. Closed
/// once, it stays closed on this device. Server HTML but for its close button.
#[component]
fn Welcome(pitch: String) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section id=WELCOME class="m-4 rounded-2xl bg-gradient-to-br from-violet-700 to-fuchsia-600 p-5 text-white shadow-lg"
            aria-labelledby="welcome-title" data-testid="welcome">
            <div class="flex items-start justify-between gap-3">
                <h2 id="welcome-title" class="text-xl font-bold">{td_string!(locale, home.welcome_title)}</h2>
                <CloseWelcome locale/>
            </div>
            <p class="mt-2">{td_string!(locale, home.welcome_text)}</p>
            <p class="mt-2 font-semibold" data-testid="welcome-pitch">{pitch}</p>
            <a href="/inscription" class="mt-4 inline-flex min-h-11 items-center rounded-full bg-white px-5 font-semibold text-violet-800">{td_string!(locale, home.activate)}</a>
            <a href="/connexion" class="ml-3 inline-flex min-h-11 items-center font-medium underline">{td_string!(locale, home.have_account)}</a>
        </section>
    }
}

/// The id of the welcome's section, which its close button hides.
const WELCOME: &str = "welcome";

/// Closes the welcome for good on this device (local storage), and hides it at once if it
/// was closed before. An island: the only code the welcome brings to the browser; it is
/// given the page's language.
#[island]
fn CloseWelcome(locale: Locale) -> impl IntoView {
    const KEY: &str = "cp-welcome-closed";
    let storage = || window().local_storage().ok().flatten();
    let hide = || {
        if let Some(welcome) = document().get_element_by_id(WELCOME) {
            let _ = welcome.set_attribute("hidden", "");
        }
    };
    Effect::new(move || {
        if storage()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .is_some()
        {
            hide();
        }
    });
    let close = move |_| {
        if let Some(storage) = storage() {
            let _ = storage.set_item(KEY, "1");
        }
        hide();
    };
    view! {
        <button type="button" aria-label=td_string!(locale, common.close) data-testid="close-welcome" on:click=close
            class="-mr-2 -mt-2 flex h-11 w-11 shrink-0 items-center justify-center rounded-full text-2xl hover:bg-white/10">"×"</button>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let home = Resource::new(move || query.get().get("lieu"), home_rows);
    let auth = expect_context::<Auth>();
    let toggle = ServerAction::<ToggleFavorite>::new();
    let favorites = Resource::new(move || toggle.version().get(), |_| my_favorite_ids());
    view! {
        <Title text=td_string!(locale, home.title)/>
        <Transition fallback=move || view! { <p class="p-4 text-gray-500">{td_string!(locale, home.loading)}</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors page=true/> }>
                {move || Suspend::new(async move {
                    let signed_in = matches!(auth.user.await, Ok(Some(_)));
                    let favorites = favorites.await.unwrap_or_default();
                    home.await.map(move |home| {
                        let place = home.place.clone();
                        let welcome = (!signed_in).then_some(home.pass_pitch).flatten();
                        view! {
                            {welcome.map(|pitch| view! { <Welcome pitch/> })}
                            <section class="px-4 pt-4">
                                <h1 class="text-2xl font-bold text-gray-900">
                                    {td_string!(locale, home.around)} {place.name.clone()}
                                </h1>
                                <PlacePicker current=place.key.clone() places=home.places/>
                            </section>
                            {home.rows.into_iter().map(|row| view! {
                                <Row row signed_in favorites=favorites.clone() toggle/>
                            }).collect_view()}
                            <section class="mt-6 px-4" aria-label=td_string!(locale, home.all_around)>
                                <h2 class="text-lg font-bold text-gray-900">{td_string!(locale, home.close_by)}</h2>
                                <p class="mt-1 text-sm text-gray-600">
                                    {let count = home.nearby.len(); td_string!(locale, home.nearby_count, count).to_string()}
                                </p>
                            </section>
                            <ul class="grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="offer-list">
                                {home.nearby.into_iter().map(|offer| view! {
                                    <li>{card(offer, signed_in, &favorites, toggle, false)}</li>
                                }).collect_view()}
                            </ul>
                        }
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}
