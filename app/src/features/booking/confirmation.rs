//! A booking that went through, shown full screen over the offer: its code for the
//! counter (or a digital offer's access), the way to the ticket, and the ticket kept for
//! offline use at once.

use super::digital::DigitalAccessView;
use super::qr::TicketQr;
use crate::components::keep_tickets_at;
use crate::dto::BookingView;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// A booking that went through, full screen: its code to show at the counter, and the
/// way to the ticket.
#[component]
pub(super) fn BookingConfirmation(booked: Memo<Option<BookingView>>) -> impl IntoView {
    let locale = use_locale();
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
                        <h2 id="booked-title" class="mt-2 text-2xl font-bold text-gray-900">{td_string!(locale, booking.confirmed)}</h2>
                        <p class="mt-1 text-gray-700">{booking.offer_title.clone()}</p>
                        <p class="mt-1 text-gray-700" data-testid="booking-debit">{booking.debit.clone()}</p>
                        {match booking.digital.clone() {
                            Some(access) => view! { <div class="w-full max-w-sm"><DigitalAccessView access/></div> }.into_any(),
                            None => view! {
                                {booking.qr_svg.clone().map(|svg| view! {
                                    <TicketQr svg token=booking.token.clone() class="mt-6 w-56 max-w-full"/>
                                })}
                                <p class="mt-2 text-sm text-gray-600">{td_string!(locale, booking.your_token)}</p>
                                <p class="font-mono text-5xl font-bold tracking-widest text-gray-900" data-testid="booking-token">{booking.token.clone()}</p>
                            }.into_any(),
                        }}
                        <a href=format!("/reservations/{id}") data-testid="see-ticket"
                            class="mt-8 block w-full max-w-sm rounded-lg bg-violet-700 px-4 py-3 font-semibold text-white">
                            {td_string!(locale, booking.see_ticket)}
                        </a>
                        <button node_ref=close_button type="button" data-testid="close-confirmation"
                            class="mt-3 min-h-11 w-full max-w-sm rounded-lg px-4 py-3 font-semibold text-violet-800 ring-1 ring-violet-200"
                            on:click=move |_| dismissed.set(Some(id))>
                            {td_string!(locale, booking.back_to_offer)}
                        </button>
                    </div>
                }
            })
    }
}
