//! When the page the server rendered has become the app. The router hydrates a lazy page
//! (app/src/pages.rs) only once its code has been downloaded, well after the frame's
//! effects have run; until then the browser's state (the network, say) must not change
//! what the page shows, or its HTML would differ from what hydration expects and the app
//! would stop ("entered unreachable code" in tachys).

use leptos::prelude::*;

thread_local! {
    static HYDRATED: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// Whether the whole page is hydrated: `false` on the server and until
/// [`hydration_finished`] in the browser.
pub fn is_hydrated() -> ArcReadSignal<bool> {
    HYDRATED.with(|hydrated| hydrated.read_only())
}

/// Called by the browser's entry point once every part of the page, a lazy page's
/// included, is hydrated: effects waiting on [`is_hydrated`] run, and
/// `<html data-hydrated="true">` tells tests that a tap now reaches the app (before it,
/// a tap on a lazy page's form posted it natively).
pub fn hydration_finished() {
    HYDRATED.with(|hydrated| hydrated.set(true));
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}
