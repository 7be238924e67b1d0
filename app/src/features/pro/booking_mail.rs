//! On `/pro`: how the partner hears about the bookings of their offers — a mail per
//! booking (until they choose), a daily digest at 8:00, or none (a plain form: it works
//! before the page is interactive, and without JavaScript).

use super::api::{ChooseBookingMail, my_booking_mail};
use crate::components::ErrorView;
use crate::components::form::{BUTTON, general_error};
use crate::i18n::td_string;
use crate::lang::{Locale, use_locale};
use domain::notification::BookingMail;
use leptos::prelude::*;

/// What a choice is called, and what it means.
fn wording(locale: Locale, choice: BookingMail) -> (&'static str, &'static str) {
    match choice {
        BookingMail::EachBooking => (
            td_string!(locale, pro.mail_each),
            td_string!(locale, pro.mail_each_hint),
        ),
        BookingMail::DailyDigest => (
            td_string!(locale, pro.mail_daily),
            td_string!(locale, pro.mail_daily_hint),
        ),
        BookingMail::Never => (
            td_string!(locale, pro.mail_never),
            td_string!(locale, pro.mail_never_hint),
        ),
    }
}

#[component]
pub fn BookingMailChoice() -> impl IntoView {
    let locale = use_locale();
    let choose = ServerAction::<ChooseBookingMail>::new();
    let current = Resource::new(move || choose.version().get(), |_| my_booking_mail());
    let saved = move || matches!(choose.value().get(), Some(Ok(())));
    view! {
        <section class="mt-8 max-w-xl" aria-labelledby="booking-mail-title">
            <h2 id="booking-mail-title" class="text-lg font-bold text-gray-900">{td_string!(locale, pro.mail_heading)}</h2>
            <Transition fallback=|| ()>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        current.await.map(|chosen| view! {
                            <ActionForm action=choose attr:class="mt-2" attr:data-testid="booking-mail">
                                <fieldset class="grid gap-2">
                                    <legend class="text-sm text-gray-600">{td_string!(locale, pro.mail_question)}</legend>
                                    {BookingMail::ALL.into_iter().map(|choice| {
                                        let (label, hint) = wording(locale, choice);
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
                                    <button type="submit" class=BUTTON disabled=move || choose.pending().get()>{td_string!(locale, pro.save)}</button>
                                    <p role="status" class="text-sm text-green-700" data-testid="booking-mail-saved">
                                        {move || saved().then_some(td_string!(locale, pro.saved))}
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
