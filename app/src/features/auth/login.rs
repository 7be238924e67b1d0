//! The sign-in page. A plain form that works without JavaScript; hydrated, it submits in
//! place and shows errors under the fields.

use crate::app::Auth;
use crate::components::form::WIDE_BUTTON;
use crate::components::{Input, field_message, general_message};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let locale = use_locale();
    // Only a path of this site goes back into the form (the server checks it again).
    let next = super::use_next_path();
    let errors = Signal::derive(move || auth.login.value().get().and_then(Result::err));
    let field = move |name: &'static str| field_message(errors, name);
    let general = general_message(errors);
    view! {
        <Title text=td_string!(locale, login.title)/>
        <section class="mx-auto max-w-md p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, login.heading)}</h1>
            <ActionForm action=auth.login attr:class="mt-4 space-y-4">
                <input type="hidden" name="next" value=next/>
                <Input required=true label=td_string!(locale, login.email) id="email" name="email" kind="email" autocomplete="username" message=field("email")/>
                <Input required=true label=td_string!(locale, login.password) id="password" name="password" kind="password" autocomplete="current-password" message=field("password")/>
                <p class="text-sm text-red-700" role="alert" data-testid="login-error">{general}</p>
                <button type="submit" class=WIDE_BUTTON
                    disabled=move || auth.login.pending().get()>
                    {td_string!(locale, login.submit)}
                </button>
            </ActionForm>
            <p class="mt-4 text-sm">
                <a class="underline" href="/mot-de-passe-oublie">{td_string!(locale, login.forgot)}</a>
                " · "
                <a class="underline" data-testid="sign-up-link" href=move || super::with_next("/inscription", &next.get())>{td_string!(locale, login.create_account)}</a>
            </p>
            <aside class="mt-6 rounded-lg bg-violet-50 p-3 text-sm text-violet-900">
                <p class="font-semibold">{td_string!(locale, login.demo_accounts)}</p>
                <p>"jeune@demo.culture-pass.fr, mineur@demo.culture-pass.fr, partenaire@demo.culture-pass.fr, admin@demo.culture-pass.fr"</p>
                <p>{td_string!(locale, login.demo_password)} <code>"demo-culture-pass"</code></p>
            </aside>
        </section>
    }
}
