//! Verified addresses, on the page: what a link opens (one button, so that a mail
//! client's link checker opening it uses nothing), the page that says it is done, and the
//! notice shown where an unverified address stops someone (the wallet after signing up,
//! the booking sheet, the profile), with its button to mail the link again.

use super::api::{ConfirmAddress, ResendAddressLink};
use crate::components::field_message;
use crate::components::form::WIDE_BUTTON;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/adresse/confirmer?jeton=…`: where the link of a welcome or address mail opens.
#[component]
pub fn ConfirmAddressPage() -> impl IntoView {
    let locale = use_locale();
    let confirm = ServerAction::<ConfirmAddress>::new();
    let query = use_query_map();
    let token = move || query.get().get("jeton").unwrap_or_default();
    let errors = Signal::derive(move || confirm.value().get().and_then(Result::err));
    view! {
        <Title text=td_string!(locale, address.confirm_title)/>
        <section class="mx-auto max-w-md p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, address.confirm_heading)}</h1>
            <p class="mt-2 text-gray-700">{td_string!(locale, address.last_step)}</p>
            <ActionForm action=confirm attr:class="mt-4 space-y-4">
                <input type="hidden" name="token" value=token/>
                <p class="text-sm text-red-700" role="alert" data-testid="address-token-error">{field_message(errors, "token")}</p>
                <button type="submit" class=WIDE_BUTTON>{td_string!(locale, address.confirm)}</button>
            </ActionForm>
        </section>
    }
}

/// `/adresse/confirmee`: where a link that worked leads (`?nouvelle=1` when a new
/// address replaced the old one).
#[component]
pub fn AddressConfirmedPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let replaced = move || query.get().get("nouvelle").is_some();
    view! {
        <Title text=td_string!(locale, address.confirmed_title)/>
        <section class="mx-auto max-w-md p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, address.confirmed)}</h1>
            <p class="mt-3 rounded-lg bg-green-50 p-3 text-green-900" role="status" data-testid="address-confirmed">
                {move || if replaced() {
                    td_string!(locale, address.new_confirmed)
                } else {
                    td_string!(locale, address.can_book)
                }}
            </p>
            <a href="/" class="mt-4 block rounded-lg bg-violet-700 px-4 py-3 text-center font-semibold text-white">{td_string!(locale, booking.discover_offers)}</a>
        </section>
    }
}

/// Tells a person whose address is not verified what waits for it (`headline`), and
/// mails the link again on request, saying where in place. A lazy island: on a page
/// served as islands (an offer), its code is a file of its own that only the people it
/// stops download. Given the page's language, as islands are.
#[island(lazy)]
pub fn AddressNotice(locale: crate::lang::Locale, #[prop(into)] headline: String) -> impl IntoView {
    crate::hydration::preload_island("address_notice_loader");
    let resend = ServerAction::<ResendAddressLink>::new();
    let errors = Signal::derive(move || resend.value().get().and_then(Result::err));
    let sent = move || resend.value().get().and_then(Result::ok);
    view! {
        <div class="mt-4 rounded-lg bg-amber-50 p-4 text-amber-950 ring-1 ring-amber-200" data-testid="address-notice">
            <p class="font-semibold">{headline}</p>
            <p class="mt-1 text-sm">{td_string!(locale, address.open_link)}</p>
            <ActionForm action=resend attr:class="mt-3">
                <button type="submit" class="min-h-11 rounded-lg bg-white px-4 py-2 font-semibold text-violet-800 ring-1 ring-violet-300">
                    {td_string!(locale, address.resend)}
                </button>
            </ActionForm>
            <p class="mt-2 text-sm" role="status" data-testid="address-link-sent">
                {move || sent().map(|address| td_string!(locale, address.sent, address).to_string())}
            </p>
            <p class="mt-2 text-sm text-red-700" role="alert">{field_message(errors, "address")}</p>
        </div>
    }
}
