//! `/pro`: the partner's structures, registering a new one, and how they hear of
//! bookings; `/pro/inscription`: the partner sign-up; `/pro/invitation`: joining a
//! structure by an e-mailed link.

use super::api::{AcceptInvitation, PartnerSignUp, RegisterStructure, my_structures};
use super::booking_mail::BookingMailChoice;
use super::ui::{PartnerOnly, badge};
use crate::components::ErrorView;
use crate::components::form::{BUTTON, Input, general_error, message_for};
use crate::features::legal::TermsCheckbox;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ProHomePage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=td_string!(locale, pro.title)/>
        <PartnerOnly>
            <StructureList/>
            <div class="mx-auto max-w-4xl px-6 pb-6">
                <BookingMailChoice/>
            </div>
        </PartnerOnly>
    }
}

#[component]
fn StructureList() -> impl IntoView {
    let locale = use_locale();
    let register = ServerAction::<RegisterStructure>::new();
    let structures = Resource::new(move || register.version().get(), |_| my_structures());
    // A partner of a network may belong to dozens of structures: a filter by name or SIREN.
    let filter = RwSignal::new(String::new());
    let shown = move |name: &str, siren: &str| {
        let wanted = filter.get().trim().to_lowercase();
        wanted.is_empty()
            || name.to_lowercase().contains(&wanted)
            || siren.replace(' ', "").contains(&wanted.replace(' ', ""))
    };
    view! {
        <section class="mx-auto max-w-4xl p-6">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, partner.my_structures)}</h1>
            <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        structures.await.map(|list| {
                            if list.is_empty() {
                                view! { <p class="mt-3 text-gray-600">{td_string!(locale, pro.none_yet)}</p> }.into_any()
                            } else {
                                view! {
                                    <label class="mt-4 block max-w-md">
                                        <span class="text-sm font-medium text-gray-700">{td_string!(locale, pro.search)}</span>
                                        <input type="search" data-testid="structure-filter" placeholder=td_string!(locale, pro.search_placeholder)
                                            class="mt-1 w-full rounded-lg border border-gray-300 px-3 py-2"
                                            on:input=move |ev| filter.set(event_target_value(&ev))/>
                                    </label>
                                    <ul class="mt-4 grid gap-3 sm:grid-cols-2">
                                        {list.into_iter().map(|s| {
                                            let (name, siren) = (s.name.clone(), s.siren.clone());
                                            view! {
                                            <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="structure"
                                                class:hidden=move || !shown(&name, &siren)>
                                                <a href=format!("/pro/structures/{}", s.id) class="text-lg font-semibold text-violet-800 hover:underline">{s.name.clone()}</a>
                                                <p class="mt-1 text-sm text-gray-600">{td_string!(locale, pro.siren_registered, siren = &s.siren, date = &s.created).to_string()}</p>
                                                <p class="mt-2">{badge(s.status.as_str(), s.status_label.clone())}</p>
                                            </li>
                                        }}).collect_view()}
                                    </ul>
                                }.into_any()
                            }
                        })
                    })}
                </ErrorBoundary>
            </Transition>
            <h2 class="mt-8 text-lg font-bold text-gray-900">{td_string!(locale, pro.register_heading)}</h2>
            <p class="text-sm text-gray-600">{td_string!(locale, pro.register_intro)}</p>
            <ActionForm action=register attr:class="mt-3 grid max-w-xl gap-3">
                <Input label=td_string!(locale, pro.structure_name) name="name" required=true message=message_for(register, "name")/>
                <Input label=td_string!(locale, pro.siren) name="siren" required=true placeholder="123 456 789" message=message_for(register, "siren")/>
                {general_error(register)}
                <button type="submit" class=BUTTON disabled=move || register.pending().get()>{td_string!(locale, pro.register)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn PartnerSignUpPage() -> impl IntoView {
    let locale = use_locale();
    let sign_up = ServerAction::<PartnerSignUp>::new();
    view! {
        <Title text=td_string!(locale, pro.sign_up_title)/>
        <section class="mx-auto max-w-md p-6">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, pro.create_partner_account)}</h1>
            <p class="mt-1 text-gray-600">{td_string!(locale, pro.sign_up_intro)}</p>
            <ActionForm action=sign_up attr:class="mt-4 space-y-3">
                <Input label=td_string!(locale, signup.first_name) name="first_name" required=true message=message_for(sign_up, "first_name")/>
                <Input label=td_string!(locale, signup.last_name) name="last_name" required=true message=message_for(sign_up, "last_name")/>
                <Input label=td_string!(locale, pro.work_email) name="email" kind="email" required=true message=message_for(sign_up, "email")/>
                <Input label=td_string!(locale, signup.password) name="password" kind="password" required=true message=message_for(sign_up, "password")/>
                <TermsCheckbox name="accept_terms" versions=["terms_version", "privacy_version"] message=Signal::derive(message_for(sign_up, "accept_terms"))/>
                {general_error(sign_up)}
                <button type="submit" class=format!("w-full {BUTTON}") disabled=move || sign_up.pending().get()>{td_string!(locale, signup.submit)}</button>
            </ActionForm>
            <p class="mt-4 text-sm">{td_string!(locale, signup.have_account)} <a class="underline" href="/connexion?next=/pro">{td_string!(locale, common.sign_in)}</a></p>
        </section>
    }
}

#[component]
pub fn InvitationPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let accept = ServerAction::<AcceptInvitation>::new();
    let token = move || query.get().get("jeton").unwrap_or_default();
    view! {
        <Title text=td_string!(locale, pro.invitation_title)/>
        <PartnerOnly>
            <section class="mx-auto max-w-md p-6">
                <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, pro.join_heading)}</h1>
                <p class="mt-2 text-gray-700">{td_string!(locale, pro.join_intro)}</p>
                <ActionForm action=accept attr:class="mt-4 space-y-3">
                    <input type="hidden" name="token" value=token/>
                    <p class="text-sm text-red-700" role="alert">{message_for(accept, "token")}</p>
                    <button type="submit" class=BUTTON>{td_string!(locale, pro.join)}</button>
                </ActionForm>
            </section>
        </PartnerOnly>
    }
}
