//! How errors look, and the HTTP status they give a server-rendered page.

use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;

/// Shows the errors caught by an `ErrorBoundary`; during SSR it also sets the status
/// of the response (404 for an unknown offer, 401 when signing in is needed, ...).
/// `page`: the errors are the page's own data, which the service worker may hold when
/// the network is gone (`super::offline::let_the_worker_answer`). `inline`: a line of
/// text in a row of controls, rather than a block of its own.
#[component]
pub fn ErrorView(
    errors: ArcRwSignal<Errors>,
    #[prop(optional)] page: bool,
    #[prop(optional)] inline: bool,
) -> impl IntoView {
    let errors: Vec<AppError> = errors
        .get_untracked()
        .into_iter()
        .map(|(_, error)| {
            error
                .downcast_ref::<AppError>()
                .cloned()
                .unwrap_or(AppError::Internal)
        })
        .collect();
    let first = errors.first().cloned().unwrap_or(AppError::Internal);
    let locale = use_locale();
    #[cfg(feature = "ssr")]
    crate::ssr::reply::set_status(first.status_code());
    if page && matches!(first, AppError::Transport(_)) {
        super::offline::let_the_worker_answer();
    }
    let needs_login = matches!(first, AppError::Unauthenticated);
    if inline {
        return view! {
            <p class="min-w-0 text-sm text-gray-800" role="alert" data-testid="error">{first.message(locale)}</p>
        }
        .into_any();
    }
    view! {
        <div class="mx-auto max-w-xl p-6 text-center" role="alert" data-testid="error">
            {first.shown_status().map(|status| view! {
                <p class="text-5xl font-bold text-violet-700" data-testid="error-status">{status}</p>
            })}
            <p class="mt-2 text-lg text-gray-800">{first.message(locale)}</p>
            {needs_login.then(|| view! {
                <a href="/connexion" class="mt-4 inline-block rounded-lg bg-violet-700 px-4 py-2 font-semibold text-white">{td_string!(locale, common.sign_in)}</a>
            })}
            <p class="mt-4"><a href="/" class="underline">{td_string!(locale, common.back_home)}</a></p>
        </div>
    }
    .into_any()
}

/// The page for unknown addresses.
#[component]
pub fn NotFound() -> impl IntoView {
    let errors = ArcRwSignal::new(Errors::default());
    errors.update(|e| e.insert_with_default_key(AppError::NotFound));
    view! { <ErrorView errors/> }
}
