//! The sign-up page: a young person opens an account; with the identity verified, the
//! credit of the active policy is granted at once.

use super::api::SignUp;
use crate::components::form::WIDE_BUTTON;
use crate::components::{Input, field_message, general_message};
use crate::features::legal::TermsCheckbox;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let locale = use_locale();
    let sign_up = ServerAction::<SignUp>::new();
    let errors = Signal::derive(move || sign_up.value().get().and_then(Result::err));
    let field = move |name: &'static str| field_message(errors, name);
    let general = general_message(errors);
    // Where the person was going (an offer to book): back there once the account is open.
    let next = crate::features::auth::use_next_path();
    view! {
        <Title text=td_string!(locale, signup.title)/>
        <section class="mx-auto max-w-md p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, signup.heading)}</h1>
            <p class="mt-1 text-gray-600">{td_string!(locale, signup.intro)}</p>
            <ActionForm action=sign_up attr:class="mt-4 space-y-4">
                <input type="hidden" name="next" value=next/>
                <Input required=true label=td_string!(locale, signup.first_name) id="first_name" name="account[first_name]" kind="text" autocomplete="given-name" message=field("first_name")/>
                <Input required=true label=td_string!(locale, signup.last_name) id="last_name" name="account[last_name]" kind="text" autocomplete="family-name" message=field("last_name")/>
                <Input required=true label=td_string!(locale, login.email) id="email" name="account[email]" kind="email" autocomplete="email" message=field("email")/>
                <Input required=true label=td_string!(locale, signup.password) id="password" name="account[password]" kind="password" autocomplete="new-password" message=field("password")/>
                <Input required=true label=td_string!(locale, signup.birth_date) id="birth_date" name="account[birth_date]" kind="date" autocomplete="bday" message=field("birth_date")/>
                <Input required=true label=td_string!(locale, signup.departement) id="departement" name="account[departement]" kind="text" autocomplete="off" message=field("departement")/>
                <TermsCheckbox name="account[accept_terms]" versions=["account[terms_version]", "account[privacy_version]"] message=Signal::derive(field("accept_terms"))/>
                <p class="text-sm text-red-700" role="alert">{general}</p>
                <button type="submit" class=WIDE_BUTTON
                    disabled=move || sign_up.pending().get()>
                    {td_string!(locale, signup.submit)}
                </button>
            </ActionForm>
            <p class="mt-4 text-sm">{td_string!(locale, signup.have_account)} <a class="underline" href="/connexion">{td_string!(locale, login.submit)}</a></p>
        </section>
    }
}
