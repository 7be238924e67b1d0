//! The home page: offers around a place, rendered on the server.

use super::api::nearby_offers;
use crate::app::Auth;
use crate::components::{ErrorView, OfferCardView};
use crate::features::favorites::CardHeart;
use crate::features::favorites::api::{ToggleFavorite, my_favorite_ids};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map();
    let offers = Resource::new(move || query.get().get("lieu"), nearby_offers);
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
                    offers.await.map(|nearby| {
                        let current = nearby.place.key.clone();
                        view! {
                            <section class="px-4 pt-4">
                                <h1 class="text-2xl font-bold text-gray-900">
                                    "Autour de " {nearby.place.name.clone()}
                                </h1>
                                <nav aria-label="Choisir un lieu" class="mt-3 flex gap-2 overflow-x-auto pb-2">
                                    {nearby.places.into_iter().map(|place| {
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
                                <p class="mt-1 text-sm text-gray-600">
                                    {format!("{} offres réservables à moins de 50 km", nearby.offers.len())}
                                </p>
                            </section>
                            <ul class="grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="offer-list">
                                {nearby.offers.into_iter().map(|offer| {
                                    let on = signed_in.then(|| favorites.contains(&offer.id));
                                    let corner = view! { <CardHeart offer_id=offer.id on toggle/> }.into_any();
                                    view! { <li><OfferCardView offer corner/></li> }
                                }).collect_view()}
                            </ul>
                        }
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}
