//! The booking sheet of a signed-in person: it opens from the bottom of the screen with
//! date and time (grouped by day, one choice per price), one or two places on a duo
//! offer, then a summary with the amount and what will remain of the credit, and the
//! confirmation. It is one HTML form inside a `<details>`, so it opens and books without
//! JavaScript too; hydrated, the summary follows every choice, the sheet closes with its
//! button, Escape or a tap beside it (focus stays inside while it is open and comes back
//! after), and a booking that went through is shown full screen with its code.
//!
//! A lazy island: its code (the sheet, the booking's server function and its answer) is
//! a file of its own, which only the offer pages of signed-in people download.

use super::api::Book;
use super::confirmation::BookingConfirmation;
use super::panel::{BarAction, BookingBar};
use crate::dto::StockOption;
use crate::features::account::api::my_balance;
use crate::i18n::td_string;
use crate::lang::{Locale, money, use_locale};
use domain::Cents;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The sheet, the bar that opens it and the confirmation of a booking. `balance` is what
/// the person could spend when the page was made, in cents. An island has no context of
/// the page's: it is given the page's language and gives it to what it holds.
#[island(lazy)]
pub fn BookingIsland(
    locale: Locale,
    stocks: Vec<StockOption>,
    is_duo: bool,
    /// For a digital offer: delivered at once, not cancellable (said before booking).
    delivery_notice: Option<String>,
    from_price: Option<String>,
    balance: Option<i64>,
) -> impl IntoView {
    crate::hydration::preload_island("booking_island_loader");
    provide_context(locale);
    let book = ServerAction::<Book>::new();
    // The booking that went through, if the last attempt did.
    let booked = Memo::new(move |_| book.value().get().and_then(Result::ok));
    let balance = RwSignal::new(balance.map(Cents));
    let open = RwSignal::new(false);
    // After a booking the sheet closes and the credit is read again (not after a refusal:
    // the sheet then stays as the person left it).
    Effect::new(move |_| {
        if booked.get().is_some() {
            open.set(false);
            leptos::task::spawn_local(async move {
                if let Ok(now) = my_balance().await {
                    balance.set(now.map(Cents));
                }
            });
        }
    });
    view! {
        <BookingSheet stocks is_duo delivery_notice book balance=balance.into() open/>
        <BookingBar from_price action=BarAction::Open(open)/>
        <BookingConfirmation booked/>
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
    balance: Signal<Option<Cents>>,
    /// Whether the sheet is open.
    open: RwSignal<bool>,
) -> impl IntoView {
    let locale = use_locale();
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
    // The sheet follows `open`. On a slow phone the person may have opened it before this
    // code arrived (a `<details>` opens by itself): the first run takes the page's state
    // instead of closing the sheet under their finger.
    Effect::new(move |ran: Option<()>| {
        let wanted = open.get();
        let Some(details) = details.get() else {
            return;
        };
        if ran.is_none() && details.open() {
            open.set(true);
        } else if details.open() != wanted {
            details.set_open(wanted);
        }
    });
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
            on:toggle=move |_| {
                if let Some(details) = details.get() {
                    open.set(details.open());
                }
            }>
            <summary node_ref=summary data-testid="open-booking"
                class="block cursor-pointer list-none rounded-lg bg-violet-700 px-4 py-3 text-center font-semibold text-white group-open:hidden">
                {td_string!(locale, booking.book)}
            </summary>
            <div class="fixed inset-0 z-30 bg-black/40 sm:hidden" aria-hidden="true" data-testid="sheet-backdrop"
                on:click=close></div>
            <div node_ref=sheet role="dialog" aria-modal="true" aria-labelledby="sheet-title" on:keydown=on_key
                class="fixed inset-x-0 bottom-0 z-40 max-h-[85vh] overflow-y-auto rounded-t-2xl bg-white p-4 shadow-2xl ring-1 ring-gray-200 sm:static sm:rounded-xl sm:shadow-none">
                <div class="mx-auto mb-2 h-1.5 w-12 rounded-full bg-gray-300 sm:hidden" aria-hidden="true"></div>
                <div class="mb-2 flex items-center justify-between">
                    <h3 id="sheet-title" class="text-lg font-semibold">{td_string!(locale, booking.book)}</h3>
                    <button node_ref=close_button type="button" data-testid="close-booking" aria-label=td_string!(locale, common.close)
                        class="flex h-11 w-11 items-center justify-center rounded-full text-2xl text-gray-600 hover:bg-gray-100"
                        on:click=close>
                        "×"
                    </button>
                </div>
                <ActionForm action=book attr:class="space-y-4">
                    <fieldset>
                        <legend class="font-semibold">{td_string!(locale, booking.step_date)}</legend>
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
                                <legend class="font-semibold">{td_string!(locale, booking.step_duo)}</legend>
                                <div class="mt-1 flex gap-2">
                                    <label class="flex min-h-11 flex-1 items-center rounded-lg px-3 py-2 ring-1 ring-gray-200 has-[:checked]:bg-violet-50 has-[:checked]:ring-violet-600">
                                        <input type="radio" name="quantity" value="1" checked=true on:change=move |_| quantity.set(1)/>
                                        " " {td_string!(locale, booking.one_place)}
                                    </label>
                                    <label class="flex min-h-11 flex-1 items-center rounded-lg px-3 py-2 ring-1 ring-gray-200 has-[:checked]:bg-violet-50 has-[:checked]:ring-violet-600">
                                        <input type="radio" name="quantity" value="2" on:change=move |_| quantity.set(2)/>
                                        " " {td_string!(locale, booking.two_places)}
                                    </label>
                                </div>
                            </fieldset>
                        }.into_any()
                    } else {
                        view! { <input type="hidden" name="quantity" value="1"/> }.into_any()
                    }}
                    <div class="rounded-lg bg-gray-50 p-3 text-sm" data-testid="booking-summary">
                        <p class="font-semibold">{td_string!(locale, booking.summary)}</p>
                        <Summary total balance/>
                        {delivery_notice.map(|notice| view! { <p class="mt-1 text-gray-700" data-testid="delivery-notice">{notice}</p> })}
                    </div>
                    <BookingRefusal book/>
                    <button type="submit" class="min-h-11 w-full rounded-lg bg-violet-700 px-4 py-3 font-semibold text-white hover:bg-violet-800 disabled:opacity-50"
                        disabled=move || book.pending().get()>
                        {td_string!(locale, booking.confirm)}
                    </button>
                </ActionForm>
            </div>
        </details>
    }
}

/// The amount, and what the credit will be after it.
#[component]
fn Summary(total: Signal<Option<Cents>>, balance: Signal<Option<Cents>>) -> impl IntoView {
    let locale = use_locale();
    let euros = move |amount| money::euros(locale, amount);
    move || {
        match (total.get(), balance.get()) {
        (Some(total), Some(balance)) if total > balance => {
            let balance = euros(balance);
            view! {
                <p>{td_string!(locale, booking.total)} {euros(total)}</p>
                <p class="font-medium text-red-700">{td_string!(locale, booking.not_enough_credit, balance).to_string()}</p>
            }
            .into_any()
        }
        (Some(total), Some(balance)) => view! {
            <p>{td_string!(locale, booking.total)} <strong data-testid="summary-total">{euros(total)}</strong></p>
            <p>{td_string!(locale, booking.will_remain)} <strong data-testid="summary-remaining">{euros(balance - total)}</strong></p>
        }
        .into_any(),
        (Some(total), None) => view! { <p>{td_string!(locale, booking.total)} {euros(total)}</p> }.into_any(),
        (None, _) => view! { <p>{td_string!(locale, booking.choose_date)}</p> }.into_any(),
    }
    }
}

/// Why the last attempt was refused, in the sheet, just above the button.
#[component]
fn BookingRefusal(book: ServerAction<Book>) -> impl IntoView {
    let locale = use_locale();
    move || {
        book.value().get().and_then(Result::err).map(|error| {
            view! {
                <p class="rounded-lg bg-red-50 p-3 text-red-800" role="alert" data-testid="booking-error">{error.message(locale)}</p>
            }
        })
    }
}
