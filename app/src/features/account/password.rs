//! "Mot de passe oublié" and the page its link opens.

use super::api::{RequestPasswordReset, ResetPassword};
use crate::components::form::WIDE_BUTTON;
use crate::components::{Input, field_message};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    let errors = Signal::derive(move || request.value().get().and_then(Result::err));
    let field = move |name: &'static str| field_message(errors, name);
    view! {
        <Title text="Mot de passe oublié — Culture Pass"/>
        <section class="mx-auto max-w-md p-4">
            <h1 class="text-2xl font-bold text-gray-900">"Mot de passe oublié"</h1>
            <ActionForm action=request attr:class="mt-4 space-y-4">
                <Input required=true label="E-mail" id="email" name="email" kind="email" autocomplete="email" message=field("email")/>
                <button type="submit" class=WIDE_BUTTON>"Recevoir un lien"</button>
            </ActionForm>
            {move || matches!(request.value().get(), Some(Ok(()))).then(|| view! {
                <p class="mt-4 rounded-lg bg-green-50 p-3 text-green-900" role="status" data-testid="reset-sent">
                    "Si un compte existe pour cette adresse, un lien vient de lui être envoyé."
                </p>
            })}
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let reset = ServerAction::<ResetPassword>::new();
    let query = use_query_map();
    let token = move || query.get().get("jeton").unwrap_or_default();
    let errors = Signal::derive(move || reset.value().get().and_then(Result::err));
    let field = move |name: &'static str| field_message(errors, name);
    view! {
        <Title text="Nouveau mot de passe — Culture Pass"/>
        <section class="mx-auto max-w-md p-4">
            <h1 class="text-2xl font-bold text-gray-900">"Nouveau mot de passe"</h1>
            <ActionForm action=reset attr:class="mt-4 space-y-4">
                <input type="hidden" name="token" value=token/>
                <Input required=true label="Nouveau mot de passe (12 caractères au moins)" id="password" name="password" kind="password"
                    autocomplete="new-password" message=field("password")/>
                <p class="text-sm text-red-700" role="alert" data-testid="token-error">{field("token")}</p>
                <button type="submit" class=WIDE_BUTTON>"Enregistrer"</button>
            </ActionForm>
        </section>
    }
}
