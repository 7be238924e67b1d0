//! The booking block of an offer page: its dates or prices, and a form per stock.

use super::api::Book;
use crate::app::Auth;
use crate::dto::{OfferView, StockOption};
use leptos::prelude::*;

#[component]
pub fn BookingPanel(offer: OfferView) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let book = ServerAction::<Book>::new();
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
                        let signed_in = matches!(auth.user.await, Ok(Some(_)));
                        view! {
                            <ul class="mt-2 divide-y divide-gray-100">
                                {stocks.into_iter().map(|stock| view! {
                                    <StockRow stock signed_in is_duo book/>
                                }).collect_view()}
                            </ul>
                            {(!signed_in).then(|| view! {
                                <a href=login_href class="mt-3 block rounded-lg bg-violet-700 px-4 py-2 text-center font-semibold text-white">
                                    "Se connecter pour réserver"
                                </a>
                            })}
                        }
                    }
                })}
            </Transition>
            <BookingOutcome book/>
        </section>
    }
}

#[component]
fn StockRow(
    stock: StockOption,
    signed_in: bool,
    is_duo: bool,
    book: ServerAction<Book>,
) -> impl IntoView {
    let can_book = signed_in && stock.bookable;
    view! {
        <li class="flex flex-wrap items-center justify-between gap-2 py-3">
            <div>
                <p class="font-medium">{stock.label.clone()}</p>
                <p class="text-sm text-gray-600">{stock.price.clone()} " · " {stock.availability.clone()}</p>
            </div>
            {can_book.then(|| view! {
                <ActionForm action=book attr:class="flex items-center gap-2">
                    <input type="hidden" name="stock_id" value=stock.id/>
                    {if is_duo {
                        view! {
                            <label class="sr-only" for=format!("quantity-{}", stock.id)>"Nombre de places"</label>
                            <select id=format!("quantity-{}", stock.id) name="quantity" class="rounded border border-gray-300 px-2 py-1">
                                <option value="1">"1 place"</option>
                                <option value="2">"2 places (duo)"</option>
                            </select>
                        }.into_any()
                    } else {
                        view! { <input type="hidden" name="quantity" value="1"/> }.into_any()
                    }}
                    <button type="submit" class="rounded-lg bg-violet-700 px-4 py-2 font-semibold text-white hover:bg-violet-800 disabled:opacity-50"
                        disabled=move || book.pending().get()>
                        "Réserver"
                    </button>
                </ActionForm>
            })}
        </li>
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
                    <a href="/reservations" class="mt-2 inline-block underline">"Voir mes réservations"</a>
                </div>
            }.into_any(),
            Err(error) => view! {
                <p class="mt-4 rounded-lg bg-red-50 p-4 text-red-800" role="alert" data-testid="booking-error">{error.to_string()}</p>
            }.into_any(),
        })
    }
}
