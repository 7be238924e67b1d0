//! A venue's page: where it is (with directions), a small map, its bookable offers and
//! what young people say of it.
//!
//! Served as islands (app/src/hydration.rs): the page is the server's, its small map a
//! lazy island; following the venue and the comments are forms the browser sends itself.

use super::api::{map_settings, venue_details};
use super::dto::MapSetup;
use crate::components::{ErrorView, OfferCardView};
use crate::error::AppError;
use crate::features::map::MiniMap;
use crate::features::social::{About, Comments, FollowButton};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// An OpenStreetMap view of the venue, as an image-free link when JavaScript is off.
fn osm_link(latitude: f64, longitude: f64) -> String {
    format!(
        "https://www.openstreetmap.org/?mlat={latitude:.5}&mlon={longitude:.5}#map=17/{latitude:.5}/{longitude:.5}"
    )
}

#[component]
pub fn VenuePage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let venue = Resource::new(
        move || params.get().get("id").and_then(|id| id.parse::<i64>().ok()),
        |id| async move {
            match id {
                Some(id) => venue_details(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let setup = Resource::new(|| (), |_| map_settings(None));
    view! {
        <Suspense fallback=move || view! { <p class="p-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors page=true/> }>
                {move || Suspend::new(async move {
                    // Without the map's settings the page still stands, with no small map.
                    let setup = setup.await.ok();
                    venue.await.map(|venue| {
                        let position = venue.latitude.zip(venue.longitude);
                        let mini_map = position.zip(setup).map(|((latitude, longitude), setup)| {
                            // The island's props are in the page: the row of places is the big map's.
                            let settings = MapSetup { places: Vec::new(), ..setup };
                            view! { <MiniMap latitude longitude settings/> }
                        });
                        view! {
                            <Title text=format!("{} — Culture Pass", venue.name)/>
                            <Meta property="og:title" content=venue.name.clone()/>
                            <article class="mx-auto max-w-3xl p-4">
                                <h1 class="text-3xl font-bold text-gray-900">{venue.name.clone()}</h1>
                                <p class="mt-1 text-gray-700">{venue.address.clone()}</p>
                                <p class="mt-2 flex gap-4 text-sm font-medium">
                                    {venue.directions_url.clone().map(|href| view! {
                                        <a href=href target="_blank" rel="noopener" class="text-violet-700">{td_string!(locale, offer.directions)}</a>
                                    })}
                                    {position.map(|(lat, lon)| view! {
                                        <a href=osm_link(lat, lon) target="_blank" rel="noopener" class="text-violet-700">{td_string!(locale, venue.see_on_map)}</a>
                                        <a href=format!("/recherche?lat={lat:.4}&lon={lon:.4}&rayon=5") class="text-violet-700">{td_string!(locale, venue.around_here)}</a>
                                    })}
                                </p>
                                <FollowButton venue_id=venue.id/>
                                {mini_map}
                                <h2 class="mt-6 text-lg font-bold text-gray-900">
                                    {match venue.offers.len() {
                                        1 => td_string!(locale, venue.one_offer).to_owned(),
                                        count => td_string!(locale, venue.offers, count).to_string(),
                                    }}
                                </h2>
                                <ul class="mt-3 grid gap-3 sm:grid-cols-2" data-testid="venue-offers">
                                    {venue.offers.into_iter().map(|offer| view! { <li><OfferCardView offer/></li> }).collect_view()}
                                </ul>
                                <Comments about=About::Venue id=venue.id/>
                            </article>
                        }
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}
