//! The texts' pages, the page that asks for a new version's acceptance, and the box a
//! sign-up form ticks.

use super::api::{AcceptTerms, legal_changes, legal_text};
use crate::components::form::WIDE_BUTTON;
use crate::components::{ErrorView, field_message};
use crate::i18n::td_string;
use crate::lang::use_locale;
use domain::legal::Acceptance;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/conditions[/N]` and `/confidentialite[/N]`: a version of a text (the one in force
/// without `N`), and the list of every version with what changed.
#[component]
pub fn LegalPage(document: &'static str) -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let text = Resource::new(
        move || {
            params
                .get()
                .get("version")
                .map(|v| v.parse::<u32>().unwrap_or(0))
        },
        move |version| legal_text(document.to_owned(), version),
    );
    view! {
        <section class="mx-auto max-w-2xl p-4">
            <Suspense fallback=move || view! { <p class="text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        text.await.map(|text| view! {
                            <Title text=td_string!(locale, legal.page_title, title = text.title.clone()).to_string()/>
                            <h1 class="text-2xl font-bold text-gray-900">{text.title.clone()}</h1>
                            <p class="mt-1 text-sm text-gray-600" data-testid="legal-version">
                                {td_string!(locale, legal.version_in_force, number = text.number, date = text.effective.clone()).to_string()}
                                {(!text.current).then(|| td_string!(locale, legal.earlier_version))}
                            </p>
                            <div class="legal-text mt-4" inner_html=text.html.clone()></div>
                            <h2 class="mt-8 text-lg font-semibold">{td_string!(locale, legal.versions)}</h2>
                            <ul class="mt-2 divide-y divide-gray-200 rounded-xl bg-white ring-1 ring-gray-200">
                                {text.versions.into_iter().map(|(number, date, changes, path)| view! {
                                    <li class="p-3">
                                        <a class="font-medium underline" href=path>{td_string!(locale, legal.version_of, number, date).to_string()}</a>
                                        <p class="text-sm text-gray-600">{changes}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </section>
    }
}

/// `/conditions[/N]`: the terms of use.
#[component]
pub fn TermsPage() -> impl IntoView {
    view! { <LegalPage document="conditions"/> }
}

/// `/confidentialite[/N]`: the privacy notice.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! { <LegalPage document="confidentialite"/> }
}

/// `/conditions/accepter?next=…`: after signing in, what changed since the person last
/// accepted the texts, and the button that accepts them and goes on.
#[component]
pub fn AcceptTermsPage() -> impl IntoView {
    let changes = Resource::new(|| (), |_| legal_changes());
    let accept = ServerAction::<AcceptTerms>::new();
    let errors = Signal::derive(move || accept.value().get().and_then(Result::err));
    let next = crate::features::auth::use_next_path();
    let locale = use_locale();
    view! {
        <Title text=td_string!(locale, legal.accept_title)/>
        <section class="mx-auto max-w-md p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, legal.changed_heading)}</h1>
            <p class="mt-2 text-gray-700">{td_string!(locale, legal.changed_intro)}</p>
            <Suspense fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        changes.await.map(|changes| view! {
                            {changes.is_empty().then(|| view! {
                                <p class="mt-4 rounded-lg bg-green-50 p-3 text-green-900" role="status" data-testid="legal-up-to-date">
                                    {td_string!(locale, legal.up_to_date)}
                                </p>
                            })}
                            <ul class="mt-4 space-y-3" data-testid="legal-changes">
                                {changes.into_iter().map(|change| view! {
                                    <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200">
                                        <a class="font-semibold underline" href=change.path>
                                            {td_string!(locale, legal.change_title, title = change.title.clone(), number = change.number).to_string()}
                                        </a>
                                        <p class="text-sm text-gray-600">{td_string!(locale, legal.in_force_since, date = change.effective.clone()).to_string()}</p>
                                        <p class="mt-1 text-gray-800">{change.changes}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
            <ActionForm action=accept attr:class="mt-4">
                <input type="hidden" name="next" value=next/>
                <input type="hidden" name="terms_version" value=Acceptance::current().terms.to_string()/>
                <input type="hidden" name="privacy_version" value=Acceptance::current().privacy.to_string()/>
                <p class="text-sm text-red-700" role="alert" data-testid="accept-error">{field_message(errors, "accept_terms")}</p>
                <button type="submit" class=WIDE_BUTTON>{td_string!(locale, legal.accept)}</button>
            </ActionForm>
        </section>
    }
}

/// The box a sign-up ticks to accept the texts in force (`name` is its form field), with
/// the versions it shows (`versions`: the fields that carry them, from this build).
#[component]
pub fn TermsCheckbox(
    name: &'static str,
    versions: [&'static str; 2],
    message: Signal<Option<String>>,
) -> impl IntoView {
    let current = Acceptance::current();
    let locale = use_locale();
    view! {
        <div>
            <input type="hidden" name=versions[0] value=current.terms.to_string()/>
            <input type="hidden" name=versions[1] value=current.privacy.to_string()/>
            <div class="flex items-start gap-3 text-sm text-gray-800">
                <input type="checkbox" id="accept_terms" name=name value="true" required=true
                    aria-describedby="accept_terms-texts accept_terms-error"
                    aria-invalid=move || message.get().is_some().then_some("true")
                    class="mt-1 h-5 w-5 shrink-0 accent-violet-700"/>
                <div>
                    <label for="accept_terms">
                        {td_string!(locale, signup.accept_terms)}
                    </label>
                    <p id="accept_terms-texts" class="mt-1">
                        <a class="underline" href="/conditions" target="_blank">{td_string!(locale, signup.read_terms)}</a>
                        " · "
                        <a class="underline" href="/confidentialite" target="_blank">{td_string!(locale, signup.read_privacy)}</a>
                    </p>
                </div>
            </div>
            <p id="accept_terms-error" class="mt-1 text-sm text-red-700" role="alert" data-testid="accept_terms-error">
                {move || message.get()}
            </p>
        </div>
    }
}
