//! The home page: rows of offers around a place (this week, free, new, by category),
//! each a horizontal list, then every offer around, nearest first. Server-rendered.

use super::api::home_rows;
use crate::app::Auth;
use crate::components::{ErrorView, OfferCardView};
use crate::dto::{HomeRow, OfferCard, PlaceView};
use crate::features::favorites::CardHeart;
use crate::features::favorites::api::{ToggleFavorite, my_favorite_ids};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A card with the favorite heart when someone is signed in.
fn card(
    offer: OfferCard,
    signed_in: bool,
    favorites: &[i64],
    toggle: ServerAction<ToggleFavorite>,
) -> AnyView {
    let on = signed_in.then(|| favorites.contains(&offer.id));
    let corner = view! { <CardHeart offer_id=offer.id on toggle/> }.into_any();
    view! { <OfferCardView offer corner/> }.into_any()
}

#[component]
fn PlacePicker(current: String, places: Vec<PlaceView>) -> impl IntoView {
    view! {
        <nav aria-label="Choisir un lieu" class="mt-3 flex gap-2 overflow-x-auto pb-2">
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
    view! {
        <section class="mt-4" aria-label=row.title data-testid="home-row">
            <div class="flex items-baseline justify-between px-4">
                <h2 class="text-lg font-bold text-gray-900">{title}</h2>
                <a href=row.search_link class="text-sm font-medium text-violet-700">"Tout voir"</a>
            </div>
            <ul class="mt-2 flex snap-x gap-3 overflow-x-auto px-4 pb-2">
                {row.offers.into_iter().map(|offer| view! {
                    <li class="w-64 shrink-0 snap-start">{card(offer, signed_in, &favorites, toggle)}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map();
    let home = Resource::new(move || query.get().get("lieu"), home_rows);
    let auth = expect_context::<Auth>();
    let toggle = ServerAction::<ToggleFavorite>::new();
    let favorites = Resource::new(move || toggle.version().get(), |_| my_favorite_ids());
    view! {
        <Title text="Culture Pass — Découvrir"/>
        <Transition fallback=|| view! { <p class="p-4 text-gray-500">"Chargement des offres…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                {move || Suspend::new(async move {
                    let signed_in = matches!(auth.user.await, Ok(Some(_)));
                    let favorites = favorites.await.unwrap_or_default();
                    home.await.map(move |home| {
                        let place = home.place.clone();
                        view! {
                            <section class="px-4 pt-4">
                                <h1 class="text-2xl font-bold text-gray-900">
                                    "Autour de " {place.name.clone()}
                                </h1>
                                <PlacePicker current=place.key.clone() places=home.places/>
                            </section>
                            {home.rows.into_iter().map(|row| view! {
                                <Row row signed_in favorites=favorites.clone() toggle/>
                            }).collect_view()}
                            <section class="mt-6 px-4" aria-label="Toutes les offres autour">
                                <h2 class="text-lg font-bold text-gray-900">"Tout près de toi"</h2>
                                <p class="mt-1 text-sm text-gray-600">
                                    {format!("{} offres réservables à moins de 50 km", home.nearby.len())}
                                </p>
                            </section>
                            <ul class="grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="offer-list">
                                {home.nearby.into_iter().map(|offer| view! {
                                    <li>{card(offer, signed_in, &favorites, toggle)}</li>
                                }).collect_view()}
                            </ul>
                        }
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}
