//! The frame around every page: a header with the account, and on phones a bottom
//! navigation bar.

use crate::app::Auth;
use domain::account::Role;
use leptos::prelude::*;

/// The header: the brand, the sections of the visitor's side (a young person's, a
/// partner's or an administrator's), and the account.
#[component]
pub fn Header() -> impl IntoView {
    let auth = expect_context::<Auth>();
    view! {
        <header class="sticky top-0 z-10 flex items-center justify-between gap-3 bg-violet-800 px-4 py-3 text-white">
            <Transition fallback=|| view! { <a href="/" class="text-lg font-bold">"Culture Pass"</a> }>
                {move || Suspend::new(async move {
                    match auth.user.await {
                        Ok(Some(user)) if user.role == Role::Partner => view! {
                            <a href="/pro" class="text-lg font-bold">"Culture Pass " <span class="font-normal">"Pro"</span></a>
                            <nav aria-label="Espace partenaire" class="hidden gap-4 text-sm sm:flex" data-testid="partner-nav">
                                <a href="/pro">"Mes structures"</a>
                                <a href="/pro/guichet">"Guichet"</a>
                            </nav>
                            <Account name=user.first_name/>
                        }.into_any(),
                        Ok(Some(user)) if user.role == Role::Admin => view! {
                            <a href="/" class="text-lg font-bold">"Culture Pass " <span class="font-normal">"Admin"</span></a>
                            <nav aria-label="Administration" class="hidden gap-4 text-sm sm:flex">
                                <a href="/admin/structures">"Structures"</a>
                                <a href="/admin/identites">"Identités"</a>
                                <a href="/admin/moderation">"Modération"</a>
                                <a href="/admin/courriels">"Courriels"</a>
                            </nav>
                            <Account name=user.first_name/>
                        }.into_any(),
                        Ok(Some(user)) => view! {
                            <a href="/" class="text-lg font-bold">"Culture Pass"</a>
                            <YouthNav/>
                            <Account name=user.first_name/>
                        }.into_any(),
                        Ok(None) => view! {
                            <a href="/" class="text-lg font-bold">"Culture Pass"</a>
                            <YouthNav/>
                            <div class="flex items-center gap-3 text-sm">
                                <a href="/inscription" class="underline">"Inscription"</a>
                                <a href="/connexion" class="underline">"Connexion"</a>
                            </div>
                        }.into_any(),
                        // Not known (no network): no account links rather than wrong ones.
                        Err(_) => view! {
                            <a href="/" class="text-lg font-bold">"Culture Pass"</a>
                            <YouthNav/>
                        }.into_any(),
                    }
                })}
            </Transition>
        </header>
    }
}

/// The young people's sections, on a computer (phones have the bottom bar).
#[component]
fn YouthNav() -> impl IntoView {
    view! {
        <nav aria-label="Rubriques" class="hidden gap-4 text-sm sm:flex" data-testid="youth-nav">
            <a href="/carte">"Carte"</a>
            <a href="/recherche">"Recherche"</a>
            <a href="/favoris">"Favoris"</a>
            <a href="/reservations">"Réservations"</a>
            <a href="/portefeuille">"Crédit"</a>
        </nav>
    }
}

/// The signed-in person's name (to their account) and signing out.
#[component]
fn Account(name: String) -> impl IntoView {
    let auth = expect_context::<Auth>();
    view! {
        <div class="flex items-center gap-3 text-sm">
            <a href="/compte" data-testid="signed-in-as">{name}</a>
            <ActionForm action=auth.logout>
                <button type="submit" class="rounded bg-violet-900 px-2 py-1">"Déconnexion"</button>
            </ActionForm>
        </div>
    }
}

/// Whether `path` is within the section at `href` (the home only for itself; the
/// partner's structures, not their counter).
fn is_within(href: &str, path: &str) -> bool {
    match href {
        "/" => path == "/",
        "/pro" => {
            path == "/pro" || path.starts_with("/pro/structures") || path.starts_with("/pro/offres")
        }
        _ => path == href || path.starts_with(&format!("{href}/")),
    }
}

/// The phone's bottom bar: five destinations, 56 px high, the current one marked (for
/// the eye and for screen readers).
#[component]
pub fn BottomNav() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let tab = move |href: &'static str, label: &'static str, icon: &'static str| {
        let current = move || is_within(href, &location.pathname.get()).then_some("page");
        view! {
            <a href=href aria-current=current
                class="flex h-14 flex-col items-center justify-center gap-0.5 text-gray-600 aria-[current=page]:font-semibold aria-[current=page]:text-violet-800">
                <span class="text-lg leading-none" aria-hidden="true">{icon}</span>
                {label}
            </a>
        }
    };
    let auth = expect_context::<Auth>();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let partner = matches!(auth.user.await, Ok(Some(user)) if user.role == Role::Partner);
                if partner {
                    view! {
                        <nav aria-label="Navigation principale" data-testid="partner-bottom-nav"
                            class="fixed inset-x-0 bottom-0 z-10 grid grid-cols-3 border-t border-gray-200 bg-white text-center text-xs sm:hidden">
                            {tab("/pro", "Structures", "▦")}
                            {tab("/pro/guichet", "Guichet", "⌗")}
                            {tab("/compte", "Profil", "◉")}
                        </nav>
                    }.into_any()
                } else {
                    view! {
                        <nav aria-label="Navigation principale"
                            class="fixed inset-x-0 bottom-0 z-10 grid grid-cols-5 border-t border-gray-200 bg-white text-center text-xs sm:hidden">
                            {tab("/", "Découvrir", "✦")}
                            {tab("/carte", "Carte", "⌖")}
                            {tab("/recherche", "Recherche", "⌕")}
                            {tab("/reservations", "Réservations", "▤")}
                            {tab("/compte", "Profil", "◉")}
                        </nav>
                    }.into_any()
                }
            })}
        </Transition>
    }
}
