//! What the list and the ticket share: the cancel button.

use super::api::CancelBooking;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;

/// Cancels the booking (the server checks the window again). Offline, it says that
/// cancelling needs a network instead of offering a button that cannot work.
#[component]
pub fn CancelForm(booking_id: i64, cancel: ServerAction<CancelBooking>) -> impl IntoView {
    let locale = use_locale();
    let online = crate::components::is_online();
    view! {
        <Show when=move || online.get() fallback=move || view! {
            <p class="mt-3 text-sm text-gray-600" data-testid="cancel-needs-network">{td_string!(locale, booking.cancel_needs_network)}</p>
        }>
        <ActionForm action=cancel attr:class="mt-3">
            <input type="hidden" name="booking_id" value=booking_id/>
            <button type="submit" class="rounded-lg px-3 py-1.5 text-sm font-medium text-red-700 ring-1 ring-red-200 hover:bg-red-50">
                {td_string!(locale, booking.cancel)}
            </button>
        </ActionForm>
        </Show>
    }
}
