//! Where the keyboard's focus goes: a link that skips the header to the page's content,
//! and, after a navigation inside the app (the pages hydrated as the whole app), the new
//! page's heading, so that a screen reader announces the page and Tab goes on from its
//! top instead of from a link that is no longer there. Pages served as islands load as
//! documents: the browser starts them at the top by itself.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The id of the page's `<main>`, which the skip link points to.
pub const CONTENT: &str = "contenu";

/// The first stop of Tab on every page, visible only when focused.
#[component]
pub fn SkipLink() -> impl IntoView {
    let locale = crate::lang::use_locale();
    view! {
        <a href=format!("#{CONTENT}") class="skip-link">
            {crate::i18n::td_string!(locale, chrome.skip_to_content)}
        </a>
    }
}

/// How long a new page's heading is waited for (its data may still be on the way).
const HEADING_ATTEMPTS: u32 = 60;
const HEADING_STEP: Duration = Duration::from_millis(50);

/// After each change of page inside the app, moves the focus to the new page's first
/// heading (or to `<main>` if it has none), once it is on screen.
pub fn move_focus_on_navigation() {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|previous| previous != path) {
            let old = heading();
            focus_new_heading(old, HEADING_ATTEMPTS);
        }
        path
    });
}

fn heading() -> Option<web_sys::HtmlElement> {
    document()
        .query_selector(&format!("#{CONTENT} h1"))
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into().ok())
}

/// Focuses the page's heading once it is not the one of the page left (`old`); after
/// `attempts` steps without one, the content itself.
fn focus_new_heading(old: Option<web_sys::HtmlElement>, attempts: u32) {
    let target = match heading() {
        Some(new) if old.as_ref() != Some(&new) => Some(new),
        _ if attempts == 0 => document()
            .get_element_by_id(CONTENT)
            .and_then(|element| element.dyn_into().ok()),
        _ => None,
    };
    match target {
        Some(element) => {
            // Focusable by script only, not a stop of Tab.
            if !element.has_attribute("tabindex") {
                let _ = element.set_attribute("tabindex", "-1");
            }
            let _ = element.focus();
        }
        None => set_timeout(move || focus_new_heading(old, attempts - 1), HEADING_STEP),
    }
}
