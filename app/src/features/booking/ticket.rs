//! The ticket: what to show at the counter (token in large type and QR code), where and
//! when to go, and until when the booking can be cancelled, counting down; for a digital
//! offer, its link and activation code instead.

use super::api::{CancelBooking, my_booking};
use super::cancel_form::CancelForm;
use super::digital::DigitalAccessView;
use super::qr::TicketQr;
use crate::components::{ErrorView, keep_for_offline};
use crate::dto::BookingView;
use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::{use_locale, words};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use std::time::Duration;

#[component]
pub fn TicketPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let cancel = ServerAction::<CancelBooking>::new();
    let booking = Resource::new(
        move || {
            (
                params.get().get("id").and_then(|id| id.parse::<i64>().ok()),
                cancel.version().get(),
            )
        },
        |(id, _)| async move {
            match id {
                Some(id) => my_booking(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    keep_for_offline(cancel.version().into());
    view! {
        <Title text=format!("{} — Culture Pass", td_string!(locale, booking.my_ticket))/>
        <section class="mx-auto max-w-md p-4">
            {move || cancel.value().get().and_then(Result::err).map(|e| view! {
                <p class="rounded-lg bg-red-50 p-3 text-red-800" role="alert">{e.message(locale)}</p>
            })}
            <Transition fallback=move || view! { <p class="text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors page=true/> }>
                    {move || Suspend::new(async move { booking.await.map(|booking| view! { <Ticket booking cancel/> }) })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn Ticket(booking: BookingView, cancel: ServerAction<CancelBooking>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <article class="rounded-2xl bg-white p-5 text-center shadow-sm ring-1 ring-gray-200" data-testid="ticket">
            <p class="text-sm font-medium uppercase tracking-wide text-violet-700" data-testid="ticket-status">{booking.status_label.clone()}</p>
            <h1 class="mt-1 text-xl font-bold text-gray-900">{booking.offer_title.clone()}</h1>
            {match booking.digital.clone() {
                Some(access) => view! {
                    <DigitalAccessView access/>
                    <p class="mt-3 text-xs text-gray-600">{td_string!(locale, booking.reference)} <span data-testid="booking-token">{booking.token.clone()}</span></p>
                }.into_any(),
                None => view! {
                    {booking.qr_svg.clone().map(|svg| view! {
                        <TicketQr svg token=booking.token.clone() class="mx-auto mt-4 w-56 max-w-full"/>
                    })}
                    <p class="mt-2 font-mono text-5xl font-bold tracking-widest text-gray-900" data-testid="booking-token">{booking.token.clone()}</p>
                    <p class="mt-1 text-sm text-gray-600">{td_string!(locale, booking.show_code)}</p>
                }.into_any(),
            }}
            <dl class="mt-5 space-y-2 text-left text-sm">
                {booking.date.clone().map(|d| view! { <div><dt class="font-semibold">{td_string!(locale, booking.when)}</dt><dd>{d}</dd></div> })}
                {(!booking.address.is_empty()).then(|| view! {
                    <div><dt class="font-semibold">{td_string!(locale, booking.place)}</dt><dd>{booking.venue.clone()}<br/>{booking.address.clone()}</dd></div>
                })}
                {booking.withdrawal_details.clone().map(|d| view! { <div><dt class="font-semibold">{td_string!(locale, booking.collection)}</dt><dd>{d}</dd></div> })}
                <div><dt class="font-semibold">{td_string!(locale, booking.amount)}</dt>
                    <dd>{format!("{} ({})", booking.amount, words::places(locale, booking.quantity))}</dd></div>
            </dl>
            {booking.cancellation.clone().map(|c| view! { <p class="mt-4 text-sm text-gray-700">{c}</p> })}
            {booking.seconds_to_cancel.map(|seconds| view! { <Countdown seconds/> })}
            {booking.ended.clone().map(|reason| view! { <p class="mt-4 text-sm font-medium text-gray-700" data-testid="booking-ended">{reason}</p> })}
            {booking.can_cancel.then(|| view! { <CancelForm booking_id=booking.id cancel/> })}
        </article>
        <p class="mt-4 text-center"><a class="underline" href="/reservations">{td_string!(locale, booking.all_my_bookings)}</a></p>
    }
}

/// Time left to cancel, ticking every minute once the page is interactive.
#[component]
fn Countdown(seconds: i64) -> impl IntoView {
    let locale = use_locale();
    let (left, set_left) = signal(seconds);
    Effect::new(move || {
        let _ = set_interval_with_handle(
            move || set_left.update(|s| *s -= 60),
            Duration::from_secs(60),
        );
    });
    view! {
        <p class="mt-1 text-sm font-semibold text-violet-800" data-testid="cancel-countdown">
            {move || {
                let time = words::time_left(locale, left.get());
                td_string!(locale, booking.time_left, time).to_string()
            }}
        </p>
    }
}
