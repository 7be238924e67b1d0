//! The offer page (server-rendered, shareable URL).

use super::api::offer_details;
use crate::components::{ErrorView, OfferCardView};
use crate::error::AppError;
use crate::features::booking::BookingPanel;
use crate::features::favorites::FavoriteButton;
use crate::features::social::{About, Comments, Reactions, ReportOfferButton};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn OfferPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let offer = Resource::new(
        move || params.get().get("id").and_then(|id| id.parse::<i64>().ok()),
        |id| async move {
            match id {
                Some(id) => offer_details(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="p-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                {move || Suspend::new(async move {
                    offer.await.map(|offer| {
                        let summary: String = offer.description.chars().take(160).collect();
                        view! {
                            <Title text=format!("{} — Culture Pass", offer.title)/>
                            <Meta name="description" content=summary.clone()/>
                            <Meta property="og:title" content=offer.title.clone()/>
                            <Meta property="og:description" content=summary/>
                            {offer.image_url.clone().map(|src| view! { <Meta property="og:image" content=src/> })}
                            <article class="mx-auto max-w-2xl p-4">
                                {match offer.image_url.clone() {
                                    Some(src) => view! {
                                        <img src=src alt="" width="1200" height="900" class="mb-4 aspect-[4/3] w-full rounded-2xl bg-gray-100 object-cover" data-testid="offer-image"/>
                                    }.into_any(),
                                    None => view! {
                                        <img src=offer.illustration.clone() alt="" width="400" height="200" class="mb-4 aspect-[2/1] w-full rounded-2xl bg-violet-100 object-cover" data-testid="offer-illustration"/>
                                    }.into_any(),
                                }}
                                <p class="text-sm font-medium uppercase tracking-wide text-violet-700">{offer.category.clone()}</p>
                                <h1 class="mt-1 text-3xl font-bold text-gray-900">{offer.title.clone()}</h1>
                                {offer.artist.clone().map(|artist| view! { <p class="mt-1 text-gray-700">{artist}</p> })}
                                <p class="mt-3 text-gray-700">
                                    <a href=format!("/lieux/{}", offer.venue_id) class="font-semibold text-violet-800 underline">{offer.venue_name.clone()}</a>
                                    <br/>
                                    {offer.address.clone()}
                                    {offer.directions_url.clone().map(|href| view! {
                                        " · "
                                        <a href=href target="_blank" rel="noopener" class="text-sm font-medium text-violet-700">{td_string!(locale, offer.directions)}</a>
                                    })}
                                </p>
                                <FavoriteButton offer_id=offer.id/>
                                {offer.is_duo.then(|| view! {
                                    <p class="mt-2 inline-block rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900">{td_string!(locale, offer.duo)}</p>
                                })}
                                <Reactions offer_id=offer.id title=offer.title.clone()/>
                                <p class="mt-4 whitespace-pre-line text-gray-800">{offer.description.clone()}</p>
                                {offer.withdrawal_details.clone().map(|details| view! {
                                    <section class="mt-4">
                                        <h2 class="font-semibold">{td_string!(locale, offer.withdrawal)}</h2>
                                        <p class="text-gray-700">{details}</p>
                                    </section>
                                })}
                                {(!offer.accessibility.is_empty()).then(|| view! {
                                    <section class="mt-4">
                                        <h2 class="font-semibold">{td_string!(locale, offer.accessibility)}</h2>
                                        <ul class="list-disc pl-5 text-gray-700">
                                            {offer.accessibility.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}
                                        </ul>
                                    </section>
                                })}
                                <BookingPanel offer=offer.clone()/>
                                <Comments about=About::Offer id=offer.id/>
                                <ReportOfferButton offer_id=offer.id/>
                                {(!offer.same_venue.is_empty()).then(|| view! {
                                    <section class="mt-8" aria-label=td_string!(locale, offer.same_venue)>
                                        <h2 class="text-lg font-bold text-gray-900">{td_string!(locale, offer.same_venue)}</h2>
                                        <ul class="mt-2 flex snap-x gap-3 overflow-x-auto pb-2">
                                            {offer.same_venue.clone().into_iter().map(|other| view! {
                                                <li class="w-64 shrink-0 snap-start"><OfferCardView offer=other in_row=true/></li>
                                            }).collect_view()}
                                        </ul>
                                    </section>
                                })}
                            </article>
                        }
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}
