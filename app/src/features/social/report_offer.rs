//! "Signaler cette offre", under an offer: a reason goes to the administrators' queue,
//! where they keep the offer or withdraw it (its bookings cancelled, credit given back).
//! Once a person has reported the offer, the page says so in place of the form, at every
//! visit: the server knows it. So the form needs no code in the browser: on an islands
//! page (app/src/hydration.rs) the browser sends it itself and comes back to it
//! (`#signaler`), the refusal open under it.

use super::api::{ReportOffer, reported_offer};
use crate::components::form::{back_to, last_error};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;

#[component]
pub fn ReportOfferButton(offer_id: i64) -> impl IntoView {
    let locale = use_locale();
    let report = ServerAction::<ReportOffer>::new();
    let reported = Resource::new(
        move || report.version().get(),
        move |_| reported_offer(offer_id),
    );
    view! {
        <div id="signaler" class="mt-6 scroll-mt-4 text-sm" data-testid="report-offer">
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    if matches!(reported.await, Ok(true)) {
                        view! { <p class="text-green-800" role="status">{td_string!(locale, social.reported)}</p> }.into_any()
                    } else {
                        view! { <ReportForm offer_id report/> }.into_any()
                    }
                })}
            </Transition>
        </div>
    }
}

/// The form, open when the last report was refused, with the reason.
#[component]
fn ReportForm(offer_id: i64, report: ServerAction<ReportOffer>) -> impl IntoView {
    let locale = use_locale();
    let refusal = move || last_error(report).map(|error| error.message(locale));
    view! {
        <details open=move || refusal().is_some()>
            <summary class="cursor-pointer text-gray-600 underline">{td_string!(locale, social.report_offer)}</summary>
            <ActionForm action=report attr:class="mt-2 flex flex-wrap gap-2">
                <input type="hidden" name="offer_id" value=offer_id/>
                <label for="offer-report-reason" class="sr-only">{td_string!(locale, social.whats_wrong)}</label>
                <input id="offer-report-reason" name="reason" required maxlength="200"
                    placeholder=td_string!(locale, social.whats_wrong_example)
                    class="grow rounded border border-gray-300 px-2 py-1"/>
                <button type="submit" formaction={back_to::<ReportOffer>("signaler")}
                    class="rounded bg-gray-800 px-3 py-1 text-white">{td_string!(locale, social.send)}</button>
            </ActionForm>
            <p class="mt-1 text-red-700" role="alert">{refusal}</p>
        </details>
    }
}
