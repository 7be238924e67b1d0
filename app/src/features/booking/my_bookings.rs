//! "Mes réservations": tickets with their token, and cancellation.

use super::api::{CancelBooking, my_bookings};
use super::cancel_form::CancelForm;
use super::qr::TicketQr;
use crate::components::{ErrorView, keep_for_offline};
use crate::dto::BookingView;
use crate::i18n::td_string;
use crate::lang::{use_locale, words};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyBookingsPage() -> impl IntoView {
    let locale = use_locale();
    let cancel = ServerAction::<CancelBooking>::new();
    let bookings = Resource::new(move || cancel.version().get(), |_| my_bookings());
    keep_for_offline(cancel.version().into());
    view! {
        <Title text=format!("{} — Culture Pass", td_string!(locale, booking.my_bookings))/>
        <section class="mx-auto max-w-2xl p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, booking.my_bookings)}</h1>
            {move || cancel.value().get().and_then(Result::err).map(|e| view! {
                <p class="mt-3 rounded-lg bg-red-50 p-3 text-red-800" role="alert">{e.message(locale)}</p>
            })}
            <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors page=true/> }>
                    {move || Suspend::new(async move {
                        bookings.await.map(|list| {
                            let (ongoing, ended): (Vec<_>, Vec<_>) =
                                list.into_iter().partition(|b| b.ongoing);
                            view! {
                                <h2 class="mt-4 text-lg font-semibold">{td_string!(locale, booking.ongoing)}</h2>
                                {ongoing.is_empty().then(|| view! {
                                    <p class="mt-2 text-gray-600">{td_string!(locale, booking.none_ongoing)} <a class="underline" href="/">{td_string!(locale, booking.discover_offers)}</a></p>
                                })}
                                <ul class="mt-2 space-y-3" data-testid="ongoing-bookings">
                                    {ongoing.into_iter().map(|booking| view! { <BookingCard booking cancel/> }).collect_view()}
                                </ul>
                                {(!ended.is_empty()).then(|| view! {
                                    <h2 class="mt-6 text-lg font-semibold">{td_string!(locale, booking.ended)}</h2>
                                    <ul class="mt-2 space-y-3" data-testid="ended-bookings">
                                        {ended.into_iter().map(|booking| view! { <BookingCard booking cancel/> }).collect_view()}
                                    </ul>
                                })}
                            }
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn BookingCard(booking: BookingView, cancel: ServerAction<CancelBooking>) -> impl IntoView {
    let locale = use_locale();
    let ended = !booking.ongoing;
    view! {
        <li class=if ended { "rounded-xl bg-gray-50 p-4 ring-1 ring-gray-200" } else { "rounded-xl bg-white p-4 shadow-sm ring-1 ring-gray-200" }
            data-testid="booking">
            <div class="flex items-start justify-between gap-2">
                <div>
                    <a href=format!("/reservations/{}", booking.id) class="font-semibold text-gray-900 hover:underline">{booking.offer_title.clone()}</a>
                    <p class="text-sm text-gray-600">{booking.venue.clone()}</p>
                    {booking.date.clone().map(|d| view! { <p class="text-sm text-gray-600">{d}</p> })}
                </div>
                <span class="rounded-full bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-900" data-testid="booking-status">
                    {booking.status_label.clone()}
                </span>
            </div>
            <div class="mt-3 flex items-center gap-4">
                {booking.qr_svg.clone().map(|svg| view! {
                    <TicketQr svg token=booking.token.clone() class="w-28 shrink-0 rounded bg-white"/>
                })}
                {match booking.digital.clone() {
                    Some(access) => view! {
                        <a href=format!("/reservations/{}", booking.id) class="font-semibold text-violet-800 underline" data-testid="open-access">
                            {if access.code.is_some() { td_string!(locale, booking.link_and_code) } else { td_string!(locale, booking.access_link) }}
                        </a>
                    }.into_any(),
                    None => view! {
                        <p class="min-w-0 font-mono text-3xl font-bold tracking-widest text-gray-900" data-testid="booking-token">{booking.token.clone()}</p>
                    }.into_any(),
                }}
            </div>
            <p class="text-sm text-gray-600">
                {format!("{} · {}", words::places(locale, booking.quantity), booking.amount)}
            </p>
            {booking.cancellation.clone().map(|c| view! { <p class="mt-1 text-sm text-gray-600">{c}</p> })}
            {booking.ended.clone().map(|reason| view! { <p class="mt-1 text-sm font-medium text-gray-700" data-testid="booking-ended">{reason}</p> })}
            {booking.can_cancel.then(|| view! { <CancelForm booking_id=booking.id cancel/> })}
        </li>
    }
}
