//! An offer as a card in a list.

use crate::dto::OfferCard;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;

/// How wide a card is drawn, for the browser's pick in `srcset`: in a grid, the screen
/// on a phone and a column on wider ones; in a row that scrolls sideways, 16 rem.
const GRID_CARD_WIDTH: &str = "(min-width: 1024px) 33vw, (min-width: 640px) 50vw, 100vw";
const ROW_CARD_WIDTH: &str = "256px";

/// `corner` is drawn over the card's top-right corner (the favorite heart), outside
/// the link so that it is its own control; `in_row` when the card sits in a row that
/// scrolls sideways (16 rem wide).
#[component]
pub fn OfferCardView(
    offer: OfferCard,
    #[prop(optional)] corner: Option<AnyView>,
    #[prop(optional)] in_row: bool,
) -> impl IntoView {
    let locale = use_locale();
    let sizes = if in_row {
        ROW_CARD_WIDTH
    } else {
        GRID_CARD_WIDTH
    };
    view! {
        <div class="relative h-full">
        <a href=format!("/offres/{}", offer.id)
            class="block h-full rounded-xl bg-white p-4 shadow-sm ring-1 ring-gray-200 transition hover:shadow-md focus:outline-none focus:ring-2 focus:ring-violet-600"
            data-testid="offer-card">
            {match offer.image {
                Some(src) => view! {
                    <img srcset=domain::pro::image::srcset(&src) sizes=sizes src=src alt="" loading="lazy" decoding="async" width="400" height="200"
                        class="-mx-4 -mt-4 mb-3 aspect-[2/1] w-[calc(100%+2rem)] max-w-none rounded-t-xl bg-gray-100 object-cover" data-testid="card-image"/>
                }.into_any(),
                None => view! {
                    <img src=offer.illustration alt="" loading="lazy" decoding="async" width="400" height="200"
                        class="-mx-4 -mt-4 mb-3 aspect-[2/1] w-[calc(100%+2rem)] max-w-none rounded-t-xl bg-violet-100 object-cover" data-testid="card-illustration"/>
                }.into_any(),
            }}
            <p class="text-xs font-medium uppercase tracking-wide text-violet-700">{offer.category}</p>
            <h2 class="mt-1 font-semibold text-gray-900">{offer.title}</h2>
            <p class="mt-1 text-sm text-gray-600">{offer.place}</p>
            {offer.next_date.map(|d| view! { <p class="mt-1 text-sm text-gray-600">{d}</p> })}
            <p class="mt-2 flex items-center gap-2 text-sm font-semibold text-gray-900">
                {offer.price}
                {offer.is_duo.then(|| view! { <span class="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">"Duo"</span> })}
            </p>
            {(offer.comments > 0 || offer.likes > 0).then(|| view! {
                <p class="mt-1 flex gap-3 text-xs text-gray-600" data-testid="card-social">
                    {offer.rating.map(|rating| view! { <span class="font-semibold text-amber-700" aria-label=td_string!(locale, card.average_rating, rating).to_string()>{format!("★ {rating}")}</span> })}
                    {(offer.comments > 0).then(|| { let count = offer.comments; td_string!(locale, card.comments, count).to_string() })}
                    {(offer.likes > 0).then(|| { let count = offer.likes; view! { <span aria-label=td_string!(locale, card.likes, count).to_string()>{format!("♥ {count}")}</span> } })}
                </p>
            })}
        </a>
        {corner}
        </div>
    }
    // Erased: lists nest many cards, and their full type is too deep for release builds.
    .into_any()
}
