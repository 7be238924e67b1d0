//! A digital booking's access, on the ticket and in the booking's confirmation: the
//! link to the offer and its activation code with a copy button. No QR code and no
//! address: nothing happens at a counter. Rendered on the server, so the ticket kept
//! for offline use shows them too (offline, or before the page is interactive, the code
//! is selected by hand: it is one tap-and-hold, `select-all`).

use crate::components::browser_api::copy_text;
use crate::dto::DigitalAccess;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;

#[component]
pub fn DigitalAccessView(access: DigitalAccess) -> impl IntoView {
    let locale = use_locale();
    let copied = RwSignal::new(None::<&'static str>);
    let code_view = access.code.clone().map(|code| {
        let copy = {
            let code = code.clone();
            move |_| {
                let code = code.clone();
                leptos::task::spawn_local(async move {
                    copied.set(Some(if copy_text(&code).await {
                        td_string!(locale, booking.code_copied)
                    } else {
                        td_string!(locale, booking.copy_failed)
                    }));
                });
            }
        };
        view! {
            <p class="text-sm font-semibold text-gray-700">{td_string!(locale, booking.activation_code)}</p>
            <div class="mt-1 flex items-center gap-2">
                <p class="min-w-0 flex-1 select-all break-all rounded-lg bg-gray-100 px-3 py-2 font-mono text-xl font-bold text-gray-900"
                    data-testid="activation-code">{code}</p>
                <button type="button" on:click=copy data-testid="copy-code" aria-label=td_string!(locale, booking.copy_code)
                    class="min-h-11 shrink-0 rounded-lg px-3 font-semibold text-violet-800 ring-1 ring-violet-200">
                    {td_string!(locale, booking.copy)}
                </button>
            </div>
            {access.code_validity.clone().map(|validity| view! { <p class="mt-1 text-sm text-gray-600">{validity}</p> })}
            <p class="mt-1 text-sm text-gray-700" role="status" data-testid="copy-status">{move || copied.get()}</p>
        }
    });
    view! {
        <div class="mt-4 text-left" data-testid="digital-access">
            {code_view}
            <a href=access.url.clone() target="_blank" rel="noopener noreferrer" data-testid="offer-link"
                class="mt-3 block w-full rounded-lg bg-violet-700 px-4 py-3 text-center font-semibold text-white">
                {td_string!(locale, booking.open_offer)} <span class="sr-only">{td_string!(locale, booking.new_tab)}</span>
            </a>
            <p class="mt-1 break-all text-xs text-gray-600">{access.url}</p>
        </div>
    }
}
