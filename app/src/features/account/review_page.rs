//! `/admin/identites`: the identities waiting for an administrator.

use super::api::{DecideIdentity, pending_identities};
use crate::components::{Queue, query_cursor};
use crate::features::account::dto::IdentityView;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn IdentityReviewPage() -> impl IntoView {
    let locale = use_locale();
    let decide = ServerAction::<DecideIdentity>::new();
    let after = query_cursor("apres");
    let pending = Resource::new(
        move || (after.get(), decide.version().get()),
        |(after, _)| pending_identities(after),
    );
    view! {
        <Title text=td_string!(locale, admin_identities.title)/>
        <section class="mx-auto max-w-3xl p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, admin_identities.heading)}</h1>
            {move || decide.value().get().and_then(Result::err).map(|e| view! {
                <p class="mt-3 rounded-lg bg-red-50 p-3 text-red-800" role="alert">{e.message(locale)}</p>
            })}
            <Queue items=pending empty=td_string!(locale, admin_identities.none) empty_testid="no-pending"
                item=move |identity| view! { <Pending identity decide/> }/>
        </section>
    }
}

#[component]
fn Pending(identity: IdentityView, decide: ServerAction<DecideIdentity>) -> impl IntoView {
    let locale = use_locale();
    let id = identity.user_id;
    let IdentityView {
        email,
        birth_date: birth,
        departement,
        ..
    } = &identity;
    let line = td_string!(locale, admin_identities.line, email, birth, departement).to_string();
    view! {
        <li class="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="pending-identity">
            <div>
                <p class="font-semibold">{identity.name}</p>
                <p class="text-sm text-gray-600">{line}</p>
            </div>
            <div class="flex gap-2">
                <ActionForm action=decide>
                    <input type="hidden" name="user_id" value=id/>
                    <input type="hidden" name="approve" value="true"/>
                    <button type="submit" class="rounded-lg bg-green-700 px-3 py-1.5 text-sm font-semibold text-white">{td_string!(locale, admin_identities.validate)}</button>
                </ActionForm>
                <ActionForm action=decide>
                    <input type="hidden" name="user_id" value=id/>
                    <input type="hidden" name="approve" value="false"/>
                    <button type="submit" class="rounded-lg px-3 py-1.5 text-sm font-semibold text-red-700 ring-1 ring-red-200">{td_string!(locale, admin_identities.refuse)}</button>
                </ActionForm>
            </div>
        </li>
    }
}
