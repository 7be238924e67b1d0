//! On `/pro`: how the partner hears about the bookings of their offers — a mail per
//! booking (until they choose), a daily digest at 8:00, or none (a plain form: it works
//! before the page is interactive, and without JavaScript).

use super::api::{ChooseBookingMail, my_booking_mail};
use crate::components::ErrorView;
use crate::components::form::{BUTTON, general_error};
use domain::notification::BookingMail;
use leptos::prelude::*;

/// What a choice is called, and what it means.
fn wording(choice: BookingMail) -> (&'static str, &'static str) {
    match choice {
        BookingMail::EachBooking => (
            "À chaque réservation",
            "Un e-mail dès qu’un jeune réserve, avec son code à valider au guichet.",
        ),
        BookingMail::DailyDigest => (
            "Un récapitulatif par jour",
            "Chaque matin à 8 h, les réservations depuis la veille ; rien les jours sans réservation.",
        ),
        BookingMail::Never => (
            "Aucun e-mail",
            "Les réservations restent dans votre tableau de bord et son export.",
        ),
    }
}

#[component]
pub fn BookingMailChoice() -> impl IntoView {
    let choose = ServerAction::<ChooseBookingMail>::new();
    let current = Resource::new(move || choose.version().get(), |_| my_booking_mail());
    let saved = move || matches!(choose.value().get(), Some(Ok(())));
    view! {
        <section class="mt-8 max-w-xl" aria-labelledby="booking-mail-title">
            <h2 id="booking-mail-title" class="text-lg font-bold text-gray-900">"E-mails de réservation"</h2>
            <Transition fallback=|| ()>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        current.await.map(|chosen| view! {
                            <ActionForm action=choose attr:class="mt-2" attr:data-testid="booking-mail">
                                <fieldset class="grid gap-2">
                                    <legend class="text-sm text-gray-600">"Comment voulez-vous être prévenu des réservations de vos offres ?"</legend>
                                    {BookingMail::ALL.into_iter().map(|choice| {
                                        let (label, hint) = wording(choice);
                                        view! {
                                        <label class="flex cursor-pointer gap-3 rounded-lg bg-white p-3 ring-1 ring-gray-200">
                                            <input type="radio" name="choice" value=choice.to_stored() checked=chosen == choice class="mt-1"/>
                                            <span>
                                                <span class="block font-medium text-gray-900">{label}</span>
                                                <span class="block text-sm text-gray-600">{hint}</span>
                                            </span>
                                        </label>
                                    }}).collect_view()}
                                </fieldset>
                                {general_error(choose)}
                                <div class="mt-3 flex items-center gap-3">
                                    <button type="submit" class=BUTTON disabled=move || choose.pending().get()>"Enregistrer"</button>
                                    <p role="status" class="text-sm text-green-700" data-testid="booking-mail-saved">
                                        {move || saved().then_some("Enregistré")}
                                    </p>
                                </div>
                            </ActionForm>
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
