//! "Signaler cette offre", under an offer: a reason goes to the administrators' queue,
//! where they keep the offer or withdraw it (its bookings cancelled, credit given back).
//! A lazy island, so that the thanks or the refusal show in place, in the open form.

use super::api::ReportOffer;
use leptos::prelude::*;

#[island(lazy)]
pub fn ReportOfferButton(offer_id: i64) -> impl IntoView {
    crate::hydration::preload_island("report_offer_button_loader");
    let report = ServerAction::<ReportOffer>::new();
    let outcome = move || {
        report.value().get().map(|result| match result {
            Ok(()) => view! { <p class="text-green-800" role="status">"Merci : l'équipe va regarder cette offre."</p> }.into_any(),
            Err(e) => view! { <p class="text-red-700" role="alert">{e.to_string()}</p> }.into_any(),
        })
    };
    view! {
        <details class="mt-6 text-sm" data-testid="report-offer">
            <summary class="cursor-pointer text-gray-600 underline">"Signaler cette offre"</summary>
            <ActionForm action=report attr:class="mt-2 flex flex-wrap gap-2">
                <input type="hidden" name="offer_id" value=offer_id/>
                <label for="offer-report-reason" class="sr-only">"Ce qui ne va pas"</label>
                <input id="offer-report-reason" name="reason" required maxlength="200"
                    placeholder="Ce qui ne va pas (prix faux, offre trompeuse…)"
                    class="grow rounded border border-gray-300 px-2 py-1"/>
                <button type="submit" class="rounded bg-gray-800 px-3 py-1 text-white">"Envoyer"</button>
            </ActionForm>
            {outcome}
        </details>
    }
}
