//! The booking block of an offer page. Signed out, it lists the dates and prices; signed
//! in with an address still to verify, the dates and the notice to verify it; with new
//! terms to accept, the dates and the way to them. Signed in, the booking sheet
//! ([`BookingIsland`], the only part of the block that runs in the browser). A bar stays
//! at the bottom of the screen with the price and the way to book. Which of these a
//! person sees is decided on the server, from their session.

use super::sheet::BookingIsland;
use crate::app::Auth;
use crate::dto::StockOption;
use crate::features::account::AddressNotice;
use crate::features::account::api::my_balance;
use crate::features::offer::dto::OfferView;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;

#[component]
pub fn BookingPanel(offer: OfferView) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let locale = use_locale();
    let balance = Resource::new(|| (), |_| my_balance());
    let login_href = format!("/connexion?next=/offres/{}", offer.id);
    let accept_href = crate::features::legal::acceptance_path(&format!("/offres/{}", offer.id));
    let is_duo = offer.is_duo;
    let delivery_notice = offer.delivery_notice.clone();
    let stocks = offer.stocks;
    let from_price = offer.from_price;
    view! {
        <section id="reserver" class="mt-6 scroll-mt-20 rounded-xl bg-white p-4 shadow-sm ring-1 ring-gray-200" aria-labelledby="booking-title">
            <h2 id="booking-title" class="text-lg font-semibold">
                {if offer.is_event { td_string!(locale, booking.dates_and_prices) } else { td_string!(locale, booking.price) }}
            </h2>
            <Transition fallback=|| ()>
                {move || Suspend::new({
                    let stocks = stocks.clone();
                    let login_href = login_href.clone();
                    let accept_href = accept_href.clone();
                    let from_price = from_price.clone();
                    let delivery_notice = delivery_notice.clone();
                    async move {
                        let user = auth.user.await;
                        if matches!(&user, Ok(Some(user)) if user.must_verify_address()) {
                            view! {
                                <StockList stocks/>
                                <AddressNotice locale headline=td_string!(locale, booking.verify_email)/>
                            }.into_any()
                        } else if matches!(&user, Ok(Some(user)) if user.must_accept_terms) {
                            view! {
                                <StockList stocks/>
                                <p class="mt-3 text-sm text-gray-700" data-testid="terms-notice">{td_string!(locale, booking.terms_changed)}</p>
                                <a href=accept_href class="mt-2 block rounded-lg bg-violet-700 px-4 py-3 text-center font-semibold text-white">
                                    {td_string!(locale, booking.read_terms)}
                                </a>
                            }.into_any()
                        } else if matches!(user, Ok(Some(_))) {
                            let balance = balance.await.ok().flatten();
                            view! {
                                <BookingIsland locale stocks is_duo delivery_notice from_price balance/>
                            }.into_any()
                        } else {
                            view! {
                                <StockList stocks/>
                                <a href=login_href.clone() class="mt-3 block rounded-lg bg-violet-700 px-4 py-3 text-center font-semibold text-white">
                                    {td_string!(locale, booking.sign_in_to_book)}
                                </a>
                                <BookingBar from_price action=BarAction::SignIn(login_href)/>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// What the bar's button does.
pub(super) enum BarAction {
    /// Opens the booking sheet (a link to it without JavaScript).
    Open(RwSignal<bool>),
    /// Goes to the sign-in page, and back.
    SignIn(String),
}

/// The bar that stays at the bottom of the screen, above the navigation: the price and
/// the way to book, wherever the person has scrolled.
#[component]
pub(super) fn BookingBar(from_price: Option<String>, action: BarAction) -> impl IntoView {
    let from_price = from_price?;
    let locale = use_locale();
    let button = match action {
        BarAction::Open(open) => view! {
            <a href="#reserver" data-testid="booking-bar-book"
                class="rounded-lg bg-violet-700 px-5 py-3 font-semibold text-white"
                on:click=move |ev| {
                    ev.prevent_default();
                    open.set(true);
                }>
                {td_string!(locale, booking.book)}
            </a>
        }
        .into_any(),
        BarAction::SignIn(href) => view! {
            <a href=href data-testid="booking-bar-book" class="rounded-lg bg-violet-700 px-5 py-3 font-semibold text-white">
                {td_string!(locale, booking.book)}
            </a>
        }
        .into_any(),
    };
    Some(view! {
        <div class="fixed inset-x-0 bottom-14 z-20 flex items-center justify-between gap-3 border-t border-gray-200 bg-white/95 px-4 py-2 shadow-lg backdrop-blur sm:bottom-0"
            data-testid="booking-bar">
            <p class="text-lg font-bold text-gray-900" data-testid="booking-bar-price">{from_price}</p>
            {button}
        </div>
        // Room under the page's end, so the bar never hides it.
        <div class="h-20" aria-hidden="true"></div>
    })
}

/// Dates and prices, read-only.
#[component]
fn StockList(stocks: Vec<StockOption>) -> impl IntoView {
    view! {
        <ul class="mt-2 divide-y divide-gray-100">
            {stocks.into_iter().map(|stock| view! {
                <li class="py-2">
                    <p class="font-medium">{stock.label}</p>
                    <p class="text-sm text-gray-600">{stock.price} " · " {stock.availability}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}
