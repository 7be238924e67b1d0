//! The booking block of an offer page. Signed out, it lists the dates and prices. Signed
//! in, a sheet opens from the bottom of the screen: date and time (grouped by day, one
//! choice per price), one or two places on a duo offer, then a summary with the amount
//! and what will remain of the credit, and the confirmation. It is one HTML form inside
//! a `<details>`, so it opens and books without JavaScript too; hydrated, the summary
//! follows every choice.

use super::api::Book;
use crate::app::Auth;
use crate::dto::{OfferView, StockOption};
use crate::features::account::api::my_balance;
use domain::Cents;
use leptos::prelude::*;

#[component]
pub fn BookingPanel(offer: OfferView) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let book = ServerAction::<Book>::new();
    let balance = Resource::new(move || book.version().get(), |_| my_balance());
    let login_href = format!("/connexion?next=/offres/{}", offer.id);
    let is_duo = offer.is_duo;
    let stocks = offer.stocks;
    view! {
        <section class="mt-6 rounded-xl bg-white p-4 shadow-sm ring-1 ring-gray-200" aria-labelledby="booking-title">
            <h2 id="booking-title" class="text-lg font-semibold">
                {if offer.is_event { "Dates et tarifs" } else { "Tarif" }}
            </h2>
            <Transition fallback=|| ()>
                {move || Suspend::new({
                    let stocks = stocks.clone();
                    let login_href = login_href.clone();
                    async move {
                        if matches!(auth.user.await, Ok(Some(_))) {
                            let balance = balance.await.ok().flatten().map(Cents);
                            view! { <BookingSheet stocks is_duo book balance/> }.into_any()
                        } else {
                            view! {
                                <StockList stocks/>
                                <a href=login_href class="mt-3 block rounded-lg bg-violet-700 px-4 py-2 text-center font-semibold text-white">
                                    "Se connecter pour réserver"
                                </a>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
            <BookingOutcome book/>
        </section>
    }
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

/// Stocks grouped by day, in their order (things have no day: one group).
fn by_day(stocks: Vec<StockOption>) -> Vec<(Option<String>, Vec<StockOption>)> {
    let mut groups: Vec<(Option<String>, Vec<StockOption>)> = Vec::new();
    for stock in stocks {
        match groups.last_mut() {
            Some((day, list)) if *day == stock.day => list.push(stock),
            _ => groups.push((stock.day.clone(), vec![stock])),
        }
    }
    groups
}

#[component]
fn BookingSheet(
    stocks: Vec<StockOption>,
    is_duo: bool,
    book: ServerAction<Book>,
    /// What the person can still spend.
    balance: Option<Cents>,
) -> impl IntoView {
    let first = stocks.iter().find(|s| s.bookable).map(|s| s.id);
    let prices: Vec<(i64, i64)> = stocks.iter().map(|s| (s.id, s.price_cents)).collect();
    let selected = RwSignal::new(first);
    let quantity = RwSignal::new(1_i64);
    let total = Signal::derive(move || {
        let price = selected
            .get()
            .and_then(|id| prices.iter().find(|(s, _)| *s == id).map(|(_, p)| *p));
        price.map(|p| Cents(p) * quantity.get())
    });
    view! {
        <details class="group mt-3" data-testid="booking-sheet">
            <summary data-testid="open-booking"
                class="block cursor-pointer list-none rounded-lg bg-violet-700 px-4 py-2 text-center font-semibold text-white group-open:hidden">
                "Réserver"
            </summary>
            <div class="fixed inset-x-0 bottom-0 z-20 max-h-[85vh] overflow-y-auto rounded-t-2xl bg-white p-4 shadow-2xl ring-1 ring-gray-200 sm:static sm:rounded-xl sm:shadow-none">
                <ActionForm action=book attr:class="space-y-4">
                    <fieldset>
                        <legend class="font-semibold">"1. Date, heure et tarif"</legend>
                        {by_day(stocks).into_iter().map(|(day, list)| view! {
                            {day.map(|d| view! { <p class="mt-2 text-sm font-medium text-gray-700">{d}</p> })}
                            <div class="mt-1 grid gap-2">
                                {list.into_iter().map(|stock| {
                                    let id = stock.id;
                                    view! {
                                        <label class="flex items-center gap-3 rounded-lg px-3 py-2 ring-1 ring-gray-200 has-[:checked]:bg-violet-50 has-[:checked]:ring-violet-600">
                                            <input type="radio" name="stock_id" value=id data-testid="stock-choice"
                                                checked=first == Some(id) disabled=!stock.bookable
                                                on:change=move |_| selected.set(Some(id))/>
                                            <span class="flex-1">{stock.time.unwrap_or(stock.label)}</span>
                                            <span class="text-sm text-gray-700">{stock.price} " · " {stock.availability}</span>
                                        </label>
                                    }
                                }).collect_view()}
                            </div>
                        }).collect_view()}
                    </fieldset>
                    {if is_duo {
                        view! {
                            <fieldset>
                                <legend class="font-semibold">"2. Seul ou en duo"</legend>
                                <div class="mt-1 flex gap-2">
                                    <label class="flex-1 rounded-lg px-3 py-2 ring-1 ring-gray-200 has-[:checked]:bg-violet-50 has-[:checked]:ring-violet-600">
                                        <input type="radio" name="quantity" value="1" checked=true on:change=move |_| quantity.set(1)/>
                                        " 1 place"
                                    </label>
                                    <label class="flex-1 rounded-lg px-3 py-2 ring-1 ring-gray-200 has-[:checked]:bg-violet-50 has-[:checked]:ring-violet-600">
                                        <input type="radio" name="quantity" value="2" on:change=move |_| quantity.set(2)/>
                                        " 2 places (duo)"
                                    </label>
                                </div>
                            </fieldset>
                        }.into_any()
                    } else {
                        view! { <input type="hidden" name="quantity" value="1"/> }.into_any()
                    }}
                    <div class="rounded-lg bg-gray-50 p-3 text-sm" data-testid="booking-summary">
                        <p class="font-semibold">"Récapitulatif"</p>
                        <Summary total balance/>
                    </div>
                    <button type="submit" class="w-full rounded-lg bg-violet-700 px-4 py-2 font-semibold text-white hover:bg-violet-800 disabled:opacity-50"
                        disabled=move || book.pending().get()>
                        "Confirmer la réservation"
                    </button>
                </ActionForm>
            </div>
        </details>
    }
}

/// The amount, and what the credit will be after it.
#[component]
fn Summary(total: Signal<Option<Cents>>, balance: Option<Cents>) -> impl IntoView {
    move || {
        match (total.get(), balance) {
        (Some(total), Some(balance)) if total > balance => view! {
            <p>"Total : " {total.to_string()}</p>
            <p class="font-medium text-red-700">{format!("Crédit insuffisant : il te reste {balance}")}</p>
        }.into_any(),
        (Some(total), Some(balance)) => view! {
            <p>"Total : " <strong data-testid="summary-total">{total.to_string()}</strong></p>
            <p>"Il te restera " <strong data-testid="summary-remaining">{(balance - total).to_string()}</strong></p>
        }.into_any(),
        (Some(total), None) => view! { <p>"Total : " {total.to_string()}</p> }.into_any(),
        (None, _) => view! { <p>"Choisis une date."</p> }.into_any(),
    }
    }
}

/// What happened to the last booking attempt.
#[component]
fn BookingOutcome(book: ServerAction<Book>) -> impl IntoView {
    move || {
        book.value().get().map(|outcome| match outcome {
            Ok(booking) => view! {
                <div class="mt-4 rounded-lg bg-green-50 p-4 text-green-900" role="status" data-testid="booking-confirmation">
                    <p class="font-semibold">"Réservation confirmée ! " {booking.amount.clone()} " débités de ton crédit."</p>
                    <p class="mt-2">"Ta contremarque : "
                        <strong class="font-mono text-2xl tracking-widest" data-testid="booking-token">{booking.token.clone()}</strong>
                    </p>
                    <a href=format!("/reservations/{}", booking.id) class="mt-2 inline-block underline">"Voir mon billet"</a>
                </div>
            }.into_any(),
            Err(error) => view! {
                <p class="mt-4 rounded-lg bg-red-50 p-4 text-red-800" role="alert" data-testid="booking-error">{error.to_string()}</p>
            }.into_any(),
        })
    }
}
