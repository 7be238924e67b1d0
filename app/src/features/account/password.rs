//! "Mot de passe oublié" and the page its link opens.

use super::api::{RequestPasswordReset, ResetPassword};
use crate::components::form::WIDE_BUTTON;
use crate::components::{Input, field_message};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let locale = use_locale();
    let request = ServerAction::<RequestPasswordReset>::new();
    let errors = Signal::derive(move || request.value().get().and_then(Result::err));
    let field = move |name: &'static str| field_message(errors, name);
    view! {
        <Title text=td_string!(locale, password.forgot_title)/>
        <section class="mx-auto max-w-md p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, password.forgot)}</h1>
            <ActionForm action=request attr:class="mt-4 space-y-4">
                <Input required=true label=td_string!(locale, login.email) id="email" name="email" kind="email" autocomplete="email" message=field("email")/>
                <button type="submit" class=WIDE_BUTTON>{td_string!(locale, password.get_link)}</button>
            </ActionForm>
            {move || matches!(request.value().get(), Some(Ok(()))).then(|| view! {
                <p class="mt-4 rounded-lg bg-green-50 p-3 text-green-900" role="status" data-testid="reset-sent">
                    {td_string!(locale, password.link_sent)}
                </p>
            })}
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let locale = use_locale();
    let reset = ServerAction::<ResetPassword>::new();
    let query = use_query_map();
    let token = move || query.get().get("jeton").unwrap_or_default();
    let errors = Signal::derive(move || reset.value().get().and_then(Result::err));
    let field = move |name: &'static str| field_message(errors, name);
    view! {
        <Title text=td_string!(locale, password.new_title)/>
        <section class="mx-auto max-w-md p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, password.new_heading)}</h1>
            <ActionForm action=reset attr:class="mt-4 space-y-4">
                <input type="hidden" name="token" value=token/>
                <Input required=true label=td_string!(locale, password.new_label) id="password" name="password" kind="password"
                    autocomplete="new-password" message=field("password")/>
                <p class="text-sm text-red-700" role="alert" data-testid="token-error">{field("token")}</p>
                <button type="submit" class=WIDE_BUTTON>{td_string!(locale, password.save)}</button>
            </ActionForm>
        </section>
    }
}
