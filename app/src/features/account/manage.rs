//! "Mon compte": change the password or the address (the new one replaces the old when
//! the link mailed to it is opened), choose the mails received, delete the account.

use super::AddressNotice;
use super::api::{ChangeEmail, ChangePassword, DeleteAccount, my_address};
use crate::components::form::WIDE_BUTTON;
use crate::components::{Input, SignOut, field_message, general_message};
use crate::features::language::LanguageChoice;
use crate::features::notifications::{MailChoices, PushChoice};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let locale = use_locale();
    let change = ServerAction::<ChangePassword>::new();
    let change_email = ServerAction::<ChangeEmail>::new();
    let delete = ServerAction::<DeleteAccount>::new();
    let address = Resource::new(move || change_email.version().get(), |_| my_address());
    let change_errors = Signal::derive(move || change.value().get().and_then(Result::err));
    let email_errors = Signal::derive(move || change_email.value().get().and_then(Result::err));
    let delete_errors = Signal::derive(move || delete.value().get().and_then(Result::err));
    let change_field = move |name: &'static str| field_message(change_errors, name);
    let email_field = move |name: &'static str| field_message(email_errors, name);
    let delete_field = move |name: &'static str| field_message(delete_errors, name);
    let general = {
        let (change, email, delete) = (
            general_message(change_errors),
            general_message(email_errors),
            general_message(delete_errors),
        );
        move || change().or_else(&email).or_else(&delete)
    };
    view! {
        <Title text=td_string!(locale, account.title)/>
        <section class="mx-auto max-w-md p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, account.heading)}</h1>
            <nav aria-label=td_string!(locale, account.my_space) class="mt-3 grid grid-cols-2 gap-2 text-center text-sm font-medium">
                <a href="/portefeuille" class="rounded-lg bg-white px-3 py-2 text-violet-800 ring-1 ring-violet-200">{td_string!(locale, account.my_credit)}</a>
                <a href="/favoris" class="rounded-lg bg-white px-3 py-2 text-violet-800 ring-1 ring-violet-200">{td_string!(locale, account.my_favorites)}</a>
                <a href="/mes-lieux" class="rounded-lg bg-white px-3 py-2 text-violet-800 ring-1 ring-violet-200">{td_string!(locale, account.my_venues)}</a>
                <a href="/notifications" class="rounded-lg bg-white px-3 py-2 text-violet-800 ring-1 ring-violet-200">{td_string!(locale, chrome.notifications)}</a>
                <SignOut class="min-h-11 w-full rounded-lg bg-white px-3 py-2 text-red-700 ring-1 ring-red-200"/>
            </nav>
            <p class="mt-2 text-sm text-red-700" role="alert">{general}</p>
            <h2 class="mt-6 text-lg font-semibold">{td_string!(locale, account.change_password)}</h2>
            <ActionForm action=change attr:class="mt-2 space-y-4">
                <Input required=true label=td_string!(locale, account.current_password) id="current" name="current" kind="password" autocomplete="current-password" message=change_field("current")/>
                <Input required=true label=td_string!(locale, account.new_password) id="password" name="password" kind="password" autocomplete="new-password" message=change_field("password")/>
                <button type="submit" class=WIDE_BUTTON>{td_string!(locale, account.change)}</button>
            </ActionForm>
            {move || matches!(change.value().get(), Some(Ok(()))).then(|| view! {
                <p class="mt-2 text-green-800" role="status" data-testid="password-changed">{td_string!(locale, account.password_changed)}</p>
            })}
            <h2 class="mt-8 text-lg font-semibold" id="adresse">{td_string!(locale, account.email_heading)}</h2>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    address.await.ok().map(|address| view! {
                        <p class="mt-2" data-testid="my-address">
                            <span class="break-all">{address.email}</span>
                            <span class="whitespace-nowrap">{if address.verified { td_string!(locale, account.verified) } else { td_string!(locale, account.unverified) }}</span>
                        </p>
                        {(!address.verified).then(|| view! { <AddressNotice locale headline=td_string!(locale, account.confirm_your_email)/> })}
                        {address.awaiting.map(|awaiting| view! {
                            <p class="mt-2 text-sm text-gray-700" data-testid="address-awaiting">
                                {td_string!(locale, account.awaiting, awaiting).to_string()}
                            </p>
                        })}
                    })
                })}
            </Transition>
            <h3 class="mt-4 font-semibold">{td_string!(locale, account.change_email)}</h3>
            <ActionForm action=change_email attr:class="mt-2 space-y-4">
                <Input required=true label=td_string!(locale, account.new_email) id="new-email" name="email" kind="email" autocomplete="email" message=email_field("email")/>
                <Input required=true label=td_string!(locale, account.password) id="email-password" name="password" kind="password"
                    autocomplete="current-password" message=email_field("email-password")/>
                <button type="submit" class=WIDE_BUTTON>{td_string!(locale, account.change_email_button)}</button>
            </ActionForm>
            {move || change_email.value().get().and_then(Result::ok).map(|address| view! {
                <p class="mt-2 text-green-800" role="status" data-testid="email-changed">
                    {td_string!(locale, account.link_sent, address).to_string()}
                </p>
            })}
            <MailChoices/>
            <PushChoice/>
            <LanguageChoice/>
            <h2 class="mt-8 text-lg font-semibold">{td_string!(locale, account.my_data)}</h2>
            <p class="mt-1 text-sm text-gray-600">{td_string!(locale, account.my_data_explanation)}</p>
            <a href="/compte/mes-donnees.json" download data-testid="my-data"
                class="mt-2 block rounded-lg bg-white px-4 py-2 text-center font-semibold text-violet-800 ring-1 ring-violet-300">
                {td_string!(locale, account.download_my_data)}
            </a>
            <h2 class="mt-8 text-lg font-semibold">{td_string!(locale, account.terms_heading)}</h2>
            <ul class="mt-1 space-y-1 text-sm">
                <li><a class="underline" href="/conditions" data-testid="terms-link">{td_string!(locale, account.terms_of_use)}</a></li>
                <li><a class="underline" href="/confidentialite">{td_string!(locale, account.privacy_notice)}</a></li>
                <li><a class="underline" href="/conditions/accepter?next=/compte">{td_string!(locale, account.changes_since_acceptance)}</a></li>
            </ul>
            <h2 class="mt-8 text-lg font-semibold text-red-800">{td_string!(locale, account.delete_heading)}</h2>
            <p class="mt-1 text-sm text-gray-600">{td_string!(locale, account.delete_explanation)}</p>
            <ActionForm action=delete attr:class="mt-2 space-y-4">
                <Input required=true label=td_string!(locale, account.confirm_with_password) id="delete-password" name="password" kind="password"
                    autocomplete="current-password" message=delete_field("password")/>
                <button type="submit" class="w-full rounded-lg bg-red-700 px-4 py-2 font-semibold text-white">{td_string!(locale, account.delete_button)}</button>
            </ActionForm>
        </section>
    }
}
