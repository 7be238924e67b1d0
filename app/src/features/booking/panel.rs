//! The booking block of an offer page. Signed out, it lists the dates and prices; signed
//! in with an address still to verify, the dates and the notice to verify it. Signed
//! in, a sheet opens from the bottom of the screen: date and time (grouped by day, one
//! choice per price), one or two places on a duo offer, then a summary with the amount
//! and what will remain of the credit, and the confirmation. It is one HTML form inside
//! a `<details>`, so it opens and books without JavaScript too; hydrated, the summary
//! follows every choice, the sheet closes with its button, Escape or a tap beside it
//! (focus stays inside while it is open and comes back after), and a booking that went
//! through is shown full screen with its code. A bar stays at the bottom of the screen
//! with the price and the way to book.

use super::api::Book;
use super::digital::DigitalAccessView;
use crate::app::Auth;
use crate::components::keep_tickets_at;
use crate::dto::{BookingView, StockOption};
use crate::features::account::AddressNotice;
use crate::features::account::api::my_balance;
use crate::features::offer::dto::OfferView;
use domain::Cents;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn BookingPanel(offer: OfferView) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let book = ServerAction::<Book>::new();
    // The booking that went through, if the last attempt did.
    let booked = Memo::new(move |_| book.value().get().and_then(Result::ok));
    // The credit is read again after a booking, not after a refusal: the sheet then stays
    // as the person left it.
    let balance = Resource::new(move || booked.get().map(|b| b.id), |_| my_balance());
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        if booked.get().is_some() {
            open.set(false);
        }
    });
    let login_href = format!("/connexion?next=/offres/{}", offer.id);
    let accept_href = crate::features::legal::acceptance_path(&format!("/offres/{}", offer.id));
    let is_duo = offer.is_duo;
    let delivery_notice = offer.delivery_notice.clone();
    let stocks = offer.stocks;
    let from_price = offer.from_price;
    view! {
        <section id="reserver" class="mt-6 scroll-mt-20 rounded-xl bg-white p-4 shadow-sm ring-1 ring-gray-200" aria-labelledby="booking-title">
            <h2 id="booking-title" class="text-lg font-semibold">
                {if offer.is_event { "Dates et tarifs" } else { "Tarif" }}
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
                                <AddressNotice headline="Confirme ton adresse e-mail pour réserver"/>
                            }.into_any()
                        } else if matches!(&user, Ok(Some(user)) if user.must_accept_terms) {
                            view! {
                                <StockList stocks/>
                                <p class="mt-3 text-sm text-gray-700" data-testid="terms-notice">"Nos conditions ont changé : accepte-les pour réserver."</p>
                                <a href=accept_href class="mt-2 block rounded-lg bg-violet-700 px-4 py-3 text-center font-semibold text-white">
                                    "Lire et accepter les conditions"
                                </a>
                            }.into_any()
                        } else if matches!(user, Ok(Some(_))) {
                            let balance = balance.await.ok().flatten().map(Cents);
                            view! {
                                <BookingSheet stocks is_duo delivery_notice book balance open/>
                                <BookingBar from_price action=BarAction::Open(open)/>
                            }.into_any()
                        } else {
                            view! {
                                <StockList stocks/>
                                <a href=login_href.clone() class="mt-3 block rounded-lg bg-violet-700 px-4 py-3 text-center font-semibold text-white">
                                    "Se connecter pour réserver"
                                </a>
                                <BookingBar from_price action=BarAction::SignIn(login_href)/>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
        <BookingConfirmation booked/>
    }
}

/// What the bar's button does.
enum BarAction {
    /// Opens the booking sheet (a link to it without JavaScript).
    Open(RwSignal<bool>),
    /// Goes to the sign-in page, and back.
    SignIn(String),
}

/// The bar that stays at the bottom of the screen, above the navigation: the price and
/// the way to book, wherever the person has scrolled.
#[component]
fn BookingBar(from_price: Option<String>, action: BarAction) -> impl IntoView {
    let from_price = from_price?;
    let button = match action {
        BarAction::Open(open) => view! {
            <a href="#reserver" data-testid="booking-bar-book"
                class="rounded-lg bg-violet-700 px-5 py-3 font-semibold text-white"
                on:click=move |ev| {
                    ev.prevent_default();
                    open.set(true);
                }>
                "Réserver"
            </a>
        }
        .into_any(),
        BarAction::SignIn(href) => view! {
            <a href=href data-testid="booking-bar-book" class="rounded-lg bg-violet-700 px-5 py-3 font-semibold text-white">
                "Réserver"
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

/// The elements of `root` that take the keyboard's focus, in order.
fn focusable(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(nodes) =
        root.query_selector_all("button:not([disabled]), input:not([disabled]), a[href]")
    else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Keeps Tab and Shift+Tab inside `root`, going round from one end to the other.
fn keep_focus_inside(root: &web_sys::Element, ev: &KeyboardEvent) {
    let elements = focusable(root);
    let (Some(first), Some(last)) = (elements.first(), elements.last()) else {
        return;
    };
    let active = document().active_element();
    let at = |element: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == element.unchecked_ref::<web_sys::Element>())
    };
    if ev.shift_key() && at(first) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && at(last) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

#[component]
fn BookingSheet(
    stocks: Vec<StockOption>,
    is_duo: bool,
    /// For a digital offer: delivered at once, not cancellable (said before booking).
    delivery_notice: Option<String>,
    book: ServerAction<Book>,
    /// What the person can still spend.
    balance: Option<Cents>,
    /// Whether the sheet is open.
    open: RwSignal<bool>,
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
    let details = NodeRef::<leptos::html::Details>::new();
    let summary = NodeRef::<leptos::html::Summary>::new();
    let sheet = NodeRef::<leptos::html::Div>::new();
    let close_button = NodeRef::<leptos::html::Button>::new();
    let close = move |_| open.set(false);
    // Focus goes into the sheet when it opens, and back to its button when it closes.
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if is_open {
            if let Some(button) = close_button.get() {
                let _ = button.focus();
            }
        } else if was_open == Some(true)
            && let Some(summary) = summary.get()
        {
            let _ = summary.focus();
        }
        is_open
    });
    let on_key = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" => open.set(false),
        "Tab" => {
            if let Some(sheet) = sheet.get() {
                keep_focus_inside(&sheet, &ev);
            }
        }
        _ => {}
    };
    view! {
        <details node_ref=details class="group mt-3" data-testid="booking-sheet"
            prop:open=move || open.get()
            on:toggle=move |_| {
                if let Some(details) = details.get() {
                    open.set(details.open());
                }
            }>
            <summary node_ref=summary data-testid="open-booking"
                class="block cursor-pointer list-none rounded-lg bg-violet-700 px-4 py-3 text-center font-semibold text-white group-open:hidden">
                "Réserver"
            </summary>
            <div class="fixed inset-0 z-30 bg-black/40 sm:hidden" aria-hidden="true" data-testid="sheet-backdrop"
                on:click=close></div>
            <div node_ref=sheet role="dialog" aria-modal="true" aria-labelledby="sheet-title" on:keydown=on_key
                class="fixed inset-x-0 bottom-0 z-40 max-h-[85vh] overflow-y-auto rounded-t-2xl bg-white p-4 shadow-2xl ring-1 ring-gray-200 sm:static sm:rounded-xl sm:shadow-none">
                <div class="mx-auto mb-2 h-1.5 w-12 rounded-full bg-gray-300 sm:hidden" aria-hidden="true"></div>
                <div class="mb-2 flex items-center justify-between">
                    <h3 id="sheet-title" class="text-lg font-semibold">"Réserver"</h3>
                    <button node_ref=close_button type="button" data-testid="close-booking" aria-label="Fermer"
                        class="flex h-11 w-11 items-center justify-center rounded-full text-2xl text-gray-600 hover:bg-gray-100"
                        on:click=close>
                        "×"
                    </button>
                </div>
                <ActionForm action=book attr:class="space-y-4">
                    <fieldset>
                        <legend class="font-semibold">"1. Date, heure et tarif"</legend>
                        {by_day(stocks).into_iter().map(|(day, list)| view! {
                            {day.map(|d| view! { <p class="mt-2 text-sm font-medium text-gray-700">{d}</p> })}
                            <div class="mt-1 grid gap-2">
                                {list.into_iter().map(|stock| {
                                    let id = stock.id;
                                    view! {
                                        <label class="flex min-h-11 items-center gap-3 rounded-lg px-3 py-2 ring-1 ring-gray-200 has-[:checked]:bg-violet-50 has-[:checked]:ring-violet-600">
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
                                    <label class="flex min-h-11 flex-1 items-center rounded-lg px-3 py-2 ring-1 ring-gray-200 has-[:checked]:bg-violet-50 has-[:checked]:ring-violet-600">
                                        <input type="radio" name="quantity" value="1" checked=true on:change=move |_| quantity.set(1)/>
                                        " 1 place"
                                    </label>
                                    <label class="flex min-h-11 flex-1 items-center rounded-lg px-3 py-2 ring-1 ring-gray-200 has-[:checked]:bg-violet-50 has-[:checked]:ring-violet-600">
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
                        {delivery_notice.map(|notice| view! { <p class="mt-1 text-gray-700" data-testid="delivery-notice">{notice}</p> })}
                    </div>
                    <BookingRefusal book/>
                    <button type="submit" class="min-h-11 w-full rounded-lg bg-violet-700 px-4 py-3 font-semibold text-white hover:bg-violet-800 disabled:opacity-50"
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

/// Why the last attempt was refused, in the sheet, just above the button.
#[component]
fn BookingRefusal(book: ServerAction<Book>) -> impl IntoView {
    move || {
        book.value().get().and_then(Result::err).map(|error| {
            view! {
                <p class="rounded-lg bg-red-50 p-3 text-red-800" role="alert" data-testid="booking-error">{error.to_string()}</p>
            }
        })
    }
}

/// A booking that went through, full screen: its code to show at the counter, and the
/// way to the ticket.
#[component]
fn BookingConfirmation(booked: Memo<Option<BookingView>>) -> impl IntoView {
    let dismissed = RwSignal::new(None::<i64>);
    let close_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if booked.get().is_some()
            && let Some(button) = close_button.get()
        {
            let _ = button.focus();
        }
    });
    // The ticket opens offline from now on, even if it is never opened online.
    Effect::new(move |_| {
        if let Some(booking) = booked.get() {
            keep_tickets_at(&format!("/reservations/{}", booking.id));
        }
    });
    move || {
        booked
            .get()
            .filter(|booking| dismissed.get() != Some(booking.id))
            .map(|booking| {
                let id = booking.id;
                view! {
                    <div role="dialog" aria-modal="true" aria-labelledby="booked-title" data-testid="booking-confirmation"
                        class="fixed inset-0 z-50 flex flex-col items-center overflow-y-auto bg-white px-6 py-10 text-center"
                        on:keydown=move |ev: KeyboardEvent| {
                            if ev.key() == "Escape" {
                                dismissed.set(Some(id));
                            }
                        }>
                        <svg viewBox="0 0 48 48" width="64" height="64" aria-hidden="true" class="text-green-600">
                            <circle cx="24" cy="24" r="22" fill="currentColor"/>
                            <path d="m14 25 7 7 13-15" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>
                        </svg>
                        <h2 id="booked-title" class="mt-2 text-2xl font-bold text-gray-900">"Réservation confirmée !"</h2>
                        <p class="mt-1 text-gray-700">{booking.offer_title.clone()}</p>
                        <p class="mt-1 text-gray-700" data-testid="booking-debit">{booking.debit.clone()}</p>
                        {match booking.digital.clone() {
                            Some(access) => view! { <div class="w-full max-w-sm"><DigitalAccessView access/></div> }.into_any(),
                            None => view! {
                                {booking.qr_svg.clone().map(|svg| view! {
                                    <div class="mt-6 w-56 max-w-full" role="img" aria-label="QR code de la contremarque" data-testid="booking-qr" inner_html=svg></div>
                                })}
                                <p class="mt-2 text-sm text-gray-600">"Ta contremarque"</p>
                                <p class="font-mono text-5xl font-bold tracking-widest text-gray-900" data-testid="booking-token">{booking.token.clone()}</p>
                            }.into_any(),
                        }}
                        <a href=format!("/reservations/{id}") data-testid="see-ticket"
                            class="mt-8 block w-full max-w-sm rounded-lg bg-violet-700 px-4 py-3 font-semibold text-white">
                            "Voir mon billet"
                        </a>
                        <button node_ref=close_button type="button" data-testid="close-confirmation"
                            class="mt-3 min-h-11 w-full max-w-sm rounded-lg px-4 py-3 font-semibold text-violet-800 ring-1 ring-violet-200"
                            on:click=move |_| dismissed.set(Some(id))>
                            "Revenir à l'offre"
                        </button>
                    </div>
                }
            })
    }
}
