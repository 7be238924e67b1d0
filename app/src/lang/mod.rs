//! The language of a page: French, the reference, or another of `locales/` (English).
//!
//! A visitor's choice (the `lang` cookie, set from the profile page and from their account
//! when they sign in) comes first, then what their browser asks for (`Accept-Language`),
//! then French. The server resolves it for each request and renders the page in it, with
//! `<html lang>` saying which; the browser takes it from there when it hydrates, so both
//! render the same words. Choosing another language reloads the page: nothing switches
//! in place, and a page kept for signed-out visitors is kept once per language.
//!
//! leptos_i18n's own context and cookie are not used: its cookie would set a
//! `Set-Cookie` on every page, which the page cache refuses to keep
//! (docs/i18n-plan.md §1.5). Its generated `Locale` and its `td!`/`td_string!` macros
//! are: every string is looked up at compile time.

pub mod admin;
pub mod catalogue;
#[cfg(not(feature = "ssr"))]
mod document;
#[cfg(feature = "ssr")]
pub mod export;
pub mod fields;
pub mod money;
pub mod offer_state;
#[cfg(feature = "ssr")]
mod person;
pub mod pitch;
pub mod pro;
pub mod refusals;
#[cfg(feature = "ssr")]
mod request;
pub mod search_refusals;
pub mod words;

pub use crate::i18n::Locale;
#[cfg(feature = "ssr")]
pub use person::of_person;
#[cfg(feature = "ssr")]
pub use request::{of_headers, requested};

use leptos::prelude::*;
use leptos_i18n::Locale as _;

/// The cookie that keeps a visitor's choice of language.
pub const COOKIE: &str = "lang";

/// The language for a visitor who chose `chosen` (the cookie's tag, if any) and whose
/// browser accepts `accepted` (an `Accept-Language` header): the choice if the app has
/// that language, else the best of the accepted ones it has, else French.
pub fn resolve(chosen: Option<&str>, accepted: Option<&str>) -> Locale {
    if let Some(locale) = chosen.and_then(|tag| tag.parse::<Locale>().ok()) {
        return locale;
    }
    let mut weighted: Vec<(&str, f32)> = accepted
        .unwrap_or_default()
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let weight = pieces
                .find_map(|piece| piece.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (!tag.is_empty() && tag != "*" && weight > 0.0).then_some((tag, weight))
        })
        .collect();
    // Most wanted first; equal weights keep the browser's order.
    weighted.sort_by(|a, b| b.1.total_cmp(&a.1));
    let tags: Vec<&str> = weighted.into_iter().map(|(tag, _)| tag).collect();
    Locale::find_locale(&tags)
}

/// Makes the page's language known to every component below (called once by the app's
/// root): the request's on the server (the one the shell already resolved for
/// `<html lang>`, if it did), the rendered page's in the browser.
pub fn provide_locale() {
    #[cfg(feature = "ssr")]
    if use_context::<Locale>().is_none() {
        provide_context(requested());
    }
    #[cfg(not(feature = "ssr"))]
    provide_context(document::rendered());
}

/// The page's language (French outside the app, in tests of a lone component).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The language a person chose on their account (its tag), if the app still has it;
/// else French.
pub fn of_account(chosen: Option<&str>) -> Locale {
    chosen
        .and_then(|tag| tag.parse::<Locale>().ok())
        .unwrap_or_default()
}

/// The tag of a language (`fr`, `en`), as `<html lang>` and the cookie hold it.
pub fn tag(locale: Locale) -> &'static str {
    locale.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choice_comes_first_then_the_browser_then_french() {
        assert_eq!(resolve(Some("en"), Some("fr-FR,fr")), Locale::en);
        assert_eq!(resolve(Some("fr"), Some("en-GB")), Locale::fr);
        assert_eq!(resolve(None, Some("en-GB,en;q=0.9")), Locale::en);
        assert_eq!(
            resolve(None, Some("de-DE,de;q=0.9,en;q=0.8,fr;q=0.7")),
            Locale::en
        );
        assert_eq!(resolve(None, None), Locale::fr);
    }

    #[test]
    fn weights_order_the_accepted_languages() {
        assert_eq!(resolve(None, Some("fr;q=0.5, en;q=0.8")), Locale::en);
        assert_eq!(resolve(None, Some("en;q=0, fr;q=0.1")), Locale::fr);
    }

    #[test]
    fn an_unknown_or_malformed_language_falls_back() {
        assert_eq!(
            resolve(Some("xx"), Some("en")),
            Locale::en,
            "an unknown cookie is ignored"
        );
        assert_eq!(resolve(Some("<script>"), None), Locale::fr);
        assert_eq!(resolve(None, Some("de, it;q=0.5")), Locale::fr);
        assert_eq!(resolve(None, Some(";;,,q=;*")), Locale::fr);
        assert_eq!(
            resolve(None, Some("en;q=abc")),
            Locale::fr,
            "a broken weight drops its tag"
        );
    }
}
