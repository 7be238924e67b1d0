//! What the list and the ticket share: the cancel button and the count of places.

use super::api::CancelBooking;
use leptos::prelude::*;

/// "1 place", "2 places".
pub fn places(quantity: i64) -> String {
    domain::text::counted(quantity, "place", "places")
}

/// Cancels the booking (the server checks the window again). Offline, it says that
/// cancelling needs a network instead of offering a button that cannot work.
#[component]
pub fn CancelForm(booking_id: i64, cancel: ServerAction<CancelBooking>) -> impl IntoView {
    let online = crate::components::is_online();
    view! {
        <Show when=move || online.get() fallback=|| view! {
            <p class="mt-3 text-sm text-gray-600" data-testid="cancel-needs-network">"Pour annuler, il faut une connexion."</p>
        }>
        <ActionForm action=cancel attr:class="mt-3">
            <input type="hidden" name="booking_id" value=booking_id/>
            <button type="submit" class="rounded-lg px-3 py-1.5 text-sm font-medium text-red-700 ring-1 ring-red-200 hover:bg-red-50">
                "Annuler la réservation"
            </button>
        </ActionForm>
        </Show>
    }
}
