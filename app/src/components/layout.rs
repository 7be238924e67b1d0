//! The frame around every page: a header with the account, and on phones a bottom
//! navigation bar.

use crate::app::Auth;
use crate::i18n::td_string;
use crate::lang::use_locale;
use domain::account::Role;
use leptos::prelude::*;

/// The header: the brand, the sections of the visitor's side (a young person's, a
/// partner's or an administrator's), and the account.
#[component]
pub fn Header() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let locale = use_locale();
    view! {
        <header class="sticky top-0 z-10 flex items-center justify-between gap-3 bg-violet-800 px-4 py-3 text-white">
            <Transition fallback=|| view! { <a href="/" class="text-lg font-bold">"Culture Pass"</a> }>
                {move || Suspend::new(async move {
                    match auth.shown().await {
                        Ok(Some(user)) if user.role == Role::Partner => view! {
                            <a href="/pro" class="text-lg font-bold">"Culture Pass " <span class="font-normal">"Pro"</span></a>
                            <nav aria-label=td_string!(locale, chrome.partner_space) class="hidden gap-4 text-sm sm:flex" data-testid="partner-nav">
                                <a href="/pro">{td_string!(locale, partner.my_structures)}</a>
                                <a href="/pro/guichet">{td_string!(locale, partner.counter)}</a>
                            </nav>
                            <Account name=user.first_name/>
                        }.into_any(),
                        Ok(Some(user)) if user.role == Role::Admin => view! {
                            <a href="/" class="text-lg font-bold">"Culture Pass " <span class="font-normal">"Admin"</span></a>
                            <nav aria-label=td_string!(locale, chrome.administration) class="hidden gap-4 text-sm sm:flex">
                                <a href="/admin/structures">{td_string!(locale, admin.structures)}</a>
                                <a href="/admin/identites">{td_string!(locale, admin.identities)}</a>
                                <a href="/admin/offres">{td_string!(locale, admin.offers)}</a>
                                <a href="/admin/moderation">{td_string!(locale, admin.moderation)}</a>
                                <a href="/admin/personnes">{td_string!(locale, admin.people)}</a>
                                <a href="/admin/remboursements">{td_string!(locale, admin.reimbursements)}</a>
                                <a href="/admin/politiques">{td_string!(locale, admin.policies)}</a>
                                <a href="/admin/journal">{td_string!(locale, admin.audit_log)}</a>
                                <a href="/admin/courriels">{td_string!(locale, admin.mails)}</a>
                            </nav>
                            <Account name=user.first_name/>
                        }.into_any(),
                        Ok(Some(user)) => view! {
                            <a href="/" class="text-lg font-bold">"Culture Pass"</a>
                            <YouthNav/>
                            <div class="flex items-center gap-3">
                                <Bell unread=user.unread_notifications/>
                                <Account name=user.first_name/>
                            </div>
                        }.into_any(),
                        Ok(None) => view! {
                            <a href="/" class="text-lg font-bold">"Culture Pass"</a>
                            <YouthNav/>
                            <div class="flex items-center gap-3 text-sm">
                                <a href="/inscription" class="underline">{td_string!(locale, chrome.sign_up)}</a>
                                <a href="/connexion" class="underline">{td_string!(locale, chrome.sign_in)}</a>
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
    let locale = use_locale();
    view! {
        <nav aria-label=td_string!(locale, chrome.sections) class="hidden gap-4 text-sm sm:flex" data-testid="youth-nav">
            <a href="/carte">{td_string!(locale, youth.map)}</a>
            <a href="/recherche">{td_string!(locale, youth.search)}</a>
            <a href="/favoris">{td_string!(locale, youth.favorites)}</a>
            <a href="/reservations">{td_string!(locale, youth.bookings)}</a>
            <a href="/portefeuille">{td_string!(locale, youth.credit)}</a>
        </nav>
    }
}

/// The notification centre's door, with how many are new: in the header, always in view
/// on a phone (the sticky header), so that the bottom bar keeps five thumb-wide tabs. On
/// the centre itself the count is gone: opening it reads them.
#[component]
fn Bell(unread: i64) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let here = move || location.pathname.get() == "/notifications";
    let shown = move || (unread > 0 && !here()).then_some(unread);
    let locale = use_locale();
    let label = move || match shown() {
        Some(1) => td_string!(locale, chrome.notifications_one_new).to_string(),
        Some(count) => td_string!(locale, chrome.notifications_new, count).to_string(),
        None => td_string!(locale, chrome.notifications).to_string(),
    };
    view! {
        <a href="/notifications" aria-label=label data-testid="bell" aria-current=move || here().then_some("page")
            class="relative flex h-11 w-11 items-center justify-center rounded-full hover:bg-violet-700 aria-[current=page]:bg-violet-700">
            <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2"
                stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" inner_html=icons::BELL></svg>
            {move || shown().map(|count| view! {
                <span data-testid="unread-count" aria-hidden="true"
                    class="absolute right-0.5 top-0.5 min-w-5 rounded-full bg-amber-400 px-1 text-center text-xs font-bold leading-5 text-gray-900">
                    {if count > 9 { "9+".to_owned() } else { count.to_string() }}
                </span>
            })}
        </a>
    }
}

/// The signed-in person's name (to their account) and, on a computer, signing out (on
/// a phone it is under Profil, away from the thumbs' way).
#[component]
fn Account(name: String) -> impl IntoView {
    view! {
        <div class="flex items-center gap-3 text-sm">
            <a href="/compte" data-testid="signed-in-as">{name}</a>
            <div class="hidden sm:block"><SignOut/></div>
        </div>
    }
}

/// Signing out: a plain form, so it works without JavaScript too.
#[component]
pub fn SignOut(#[prop(optional)] class: &'static str) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let locale = use_locale();
    let class = if class.is_empty() {
        "rounded bg-violet-900 px-2 py-1"
    } else {
        class
    };
    view! {
        <ActionForm action=auth.logout>
            <button type="submit" class=class>{td_string!(locale, chrome.sign_out)}</button>
        </ActionForm>
    }
}

/// The bottom bar's icons: the inside of a 24 × 24 stroked SVG.
mod icons {
    pub const DISCOVER: &str =
        r#"<path d="M3 11l9-8 9 8v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z"/>"#;
    pub const MAP: &str = r#"<path d="M9 4 3 6v14l6-2 6 2 6-2V4l-6 2zM9 4v14M15 6v14"/>"#;
    pub const SEARCH: &str = r#"<circle cx="11" cy="11" r="7"/><path d="m20 20-4-4"/>"#;
    pub const TICKET: &str = r#"<path d="M3 8a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v2a2 2 0 0 0 0 4v2a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-2a2 2 0 0 0 0-4z"/><path d="M14 6v12"/>"#;
    pub const BELL: &str = r#"<path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/>"#;
    pub const PROFILE: &str = r#"<circle cx="12" cy="8" r="4"/><path d="M4 21a8 8 0 0 1 16 0"/>"#;
    pub const STRUCTURES: &str = r#"<path d="M4 21V6l8-3 8 3v15M9 21v-6h6v6"/>"#;
    pub const COUNTER: &str = r#"<path d="M4 8V4h4M16 4h4v4M20 16v4h-4M8 20H4v-4M7 12h10"/>"#;
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
    let locale = use_locale();
    let tab = move |href: &'static str, label: &'static str, icon: &'static str| {
        let current = move || is_within(href, &location.pathname.get()).then_some("page");
        view! {
            <a href=href aria-current=current
                class="flex h-14 flex-col items-center justify-center gap-0.5 text-gray-600 aria-[current=page]:font-semibold aria-[current=page]:text-violet-800">
                <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2"
                    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" inner_html=icon></svg>
                {label}
            </a>
        }
    };
    let auth = expect_context::<Auth>();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let partner = matches!(auth.shown().await, Ok(Some(user)) if user.role == Role::Partner);
                if partner {
                    view! {
                        <nav aria-label=td_string!(locale, chrome.main_navigation) data-testid="partner-bottom-nav"
                            class="fixed inset-x-0 bottom-0 z-10 grid grid-cols-3 border-t border-gray-200 bg-white text-center text-xs sm:hidden">
                            {tab("/pro", td_string!(locale, partner.structures), icons::STRUCTURES)}
                            {tab("/pro/guichet", td_string!(locale, partner.counter), icons::COUNTER)}
                            {tab("/compte", td_string!(locale, youth.profile), icons::PROFILE)}
                        </nav>
                    }.into_any()
                } else {
                    view! {
                        <nav aria-label=td_string!(locale, chrome.main_navigation)
                            class="fixed inset-x-0 bottom-0 z-10 grid grid-cols-5 border-t border-gray-200 bg-white text-center text-xs sm:hidden">
                            {tab("/", td_string!(locale, youth.discover), icons::DISCOVER)}
                            {tab("/carte", td_string!(locale, youth.map), icons::MAP)}
                            {tab("/recherche", td_string!(locale, youth.search), icons::SEARCH)}
                            {tab("/reservations", td_string!(locale, youth.bookings), icons::TICKET)}
                            {tab("/compte", td_string!(locale, youth.profile), icons::PROFILE)}
                        </nav>
                    }.into_any()
                }
            })}
        </Transition>
    }
}
