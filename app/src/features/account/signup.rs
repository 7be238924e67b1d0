//! The sign-up page: a young person opens an account; with the identity verified, the
//! credit of the active policy is granted at once.

use super::api::SignUp;
use crate::components::form::WIDE_BUTTON;
use crate::components::{Input, field_message, general_message};
use crate::features::legal::TermsCheckbox;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let sign_up = ServerAction::<SignUp>::new();
    let errors = Signal::derive(move || sign_up.value().get().and_then(Result::err));
    let field = move |name: &'static str| field_message(errors, name);
    let general = general_message(errors);
    // Where the person was going (an offer to book): back there once the account is open.
    let next = crate::features::auth::use_next_path();
    view! {
        <Title text="Créer un compte — Culture Pass"/>
        <section class="mx-auto max-w-md p-4">
            <h1 class="text-2xl font-bold text-gray-900">"Créer mon compte"</h1>
            <p class="mt-1 text-gray-600">"Ton crédit culture t'attend dès que ton identité est vérifiée."</p>
            <ActionForm action=sign_up attr:class="mt-4 space-y-4">
                <input type="hidden" name="next" value=next/>
                <Input required=true label="Prénom" id="first_name" name="account[first_name]" kind="text" autocomplete="given-name" message=field("first_name")/>
                <Input required=true label="Nom" id="last_name" name="account[last_name]" kind="text" autocomplete="family-name" message=field("last_name")/>
                <Input required=true label="E-mail" id="email" name="account[email]" kind="email" autocomplete="email" message=field("email")/>
                <Input required=true label="Mot de passe (12 caractères au moins)" id="password" name="account[password]" kind="password" autocomplete="new-password" message=field("password")/>
                <Input required=true label="Date de naissance" id="birth_date" name="account[birth_date]" kind="date" autocomplete="bday" message=field("birth_date")/>
                <Input required=true label="Département (ex. 67, 973)" id="departement" name="account[departement]" kind="text" autocomplete="off" message=field("departement")/>
                <TermsCheckbox name="account[accept_terms]" versions=["account[terms_version]", "account[privacy_version]"] message=Signal::derive(field("accept_terms"))/>
                <p class="text-sm text-red-700" role="alert">{general}</p>
                <button type="submit" class=WIDE_BUTTON
                    disabled=move || sign_up.pending().get()>
                    "Créer mon compte"
                </button>
            </ActionForm>
            <p class="mt-4 text-sm">"Déjà un compte ? " <a class="underline" href="/connexion">"Se connecter"</a></p>
        </section>
    }
}
