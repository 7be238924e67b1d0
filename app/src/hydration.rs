//! How a page becomes the app in the browser, and when it has.
//!
//! Two ways, chosen per page by the server ([`as_islands`]):
//! - **Islands.** The page is server HTML with a few interactive parts, each an
//!   `#[island]` hydrated on its own (`leptos::mount::hydrate_islands`). The browser
//!   downloads the islands' code only, not the app's (frontend/src/lib.rs puts the whole
//!   app behind a split point): the young person's first visit weighs what its islands
//!   weigh. Links are plain page loads, which the service worker answers offline.
//! - **The whole app.** The router and every page hydrate (`hydrate_from_async(App)`),
//!   and taps navigate in the browser. The router hydrates a lazy page
//!   (app/src/pages.rs) only once its code has been downloaded, well after the frame's
//!   effects have run; until then the browser's state (the network, say) must not change
//!   what the page shows, or its HTML would differ from what hydration expects and the
//!   app would stop ("entered unreachable code" in tachys). The whole app in the browser
//!   holds none of the islands pages ([`islands_page!`](crate::islands_page)): the server
//!   serves them.

use leptos::prelude::*;

/// Whether the page at `path` is served as islands rather than as the whole app: it
/// matches one of [`ISLAND_PAGES`], where `:id` stands for any one segment, with or
/// without a final `/` (the router takes `/carte/` for `/carte`, so both must be served
/// alike: the whole app in the browser does not hold the islands pages).
pub fn as_islands(path: &str) -> bool {
    let path = match path.strip_suffix('/') {
        Some(trimmed) if !trimmed.is_empty() => trimmed,
        _ => path,
    };
    ISLAND_PAGES.iter().any(|page| matches_page(page, path))
}

fn matches_page(page: &str, path: &str) -> bool {
    let (mut page, mut path) = (page.split('/'), path.split('/'));
    loop {
        match (page.next(), path.next()) {
            (None, None) => return true,
            (Some(":id"), Some(segment)) if !segment.is_empty() => {}
            (Some(expected), Some(segment)) if expected == segment => {}
            _ => return false,
        }
    }
}

/// Whether the page being rendered on the server is served as islands ([`as_islands`]
/// of the request's path); `false` in the browser, where the app runs only as a whole.
pub fn request_is_islands() -> bool {
    use_context::<http::request::Parts>().is_some_and(|request| as_islands(request.uri.path()))
}

/// Makes the islands of a whole-app page ordinary parts of it, on the server and in the
/// browser alike: without their `<leptos-island>` element, which the whole app's
/// hydration would step into and not out of (tachys 0.2.19 hydrates an island's element
/// for an islands page only). Called once by the app's root.
pub fn islands_inline_unless_islands_page() {
    if !request_is_islands() {
        provide_context(leptos::reactive::owner::IsHydrating(true));
    }
}

/// Tells the browser to download the file of a lazy function with the page (`<link
/// rel="preload">` in its head), rather than once the main module has run and asked for
/// it. `function` is the function's name in snake case: `hydrate_the_app` for the whole
/// app, `<island>_loader` for an `#[island(lazy)]`. Only on the server, while a page
/// renders; nothing when the build is not split.
pub fn preload_split(function: &'static str) {
    split::preload(function);
}

/// Whether the page is served as islands, and so downloads its lazy islands' files; on
/// the server, for [`preload_split`] from a lazy island.
pub fn preload_island(loader: &'static str) {
    if request_is_islands() {
        preload_split(loader);
    }
}

#[cfg(feature = "ssr")]
mod split {
    use leptos::prelude::*;
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};

    /// The key of each function asked for in the build's split manifest, once found.
    static KEYS: LazyLock<Mutex<HashMap<&'static str, &'static str>>> =
        LazyLock::new(Mutex::default);

    pub fn preload(function: &'static str) {
        let mut keys = KEYS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let key = match keys.get(function) {
            Some(key) => Some(*key),
            None => key_of(function).inspect(|key| {
                keys.insert(function, key);
            }),
        };
        if let Some(key) = key {
            leptos::prefetch_lazy_fn_on_server(key);
        }
    }

    /// `<function>_<number>` in the split manifest, which the page's hydration scripts
    /// read and provide (`HydrationScripts`); leaked once per function, for the
    /// `&'static str` leptos keeps.
    fn key_of(function: &str) -> Option<&'static str> {
        let manifest = use_context::<leptos::WasmSplitManifest>()?;
        let (_, splits, _) = &*manifest.0.read_value();
        let key = splits.keys().find(|key| {
            key.strip_prefix(function)
                .and_then(|rest| rest.strip_prefix('_'))
                .is_some_and(|number| number.parse::<u64>().is_ok())
        })?;
        Some(key.clone().leak())
    }
}

#[cfg(not(feature = "ssr"))]
mod split {
    pub fn preload(_function: &'static str) {}
}

/// The pages served as islands: the home, the search, the offers, the map, the venues,
/// and the young person's favourites, followed venues and wallet so far
/// (docs/islands-plan.md says which follow).
const ISLAND_PAGES: &[&str] = &[
    "/",
    "/recherche",
    "/offres/:id",
    "/carte",
    "/lieux/:id",
    "/favoris",
    "/mes-lieux",
    "/portefeuille",
];

/// Whether the page in the browser was served as islands: the page shell marks it
/// `<html data-islands>` (server/src/shell.rs).
pub fn page_is_islands() -> bool {
    document()
        .document_element()
        .is_some_and(|root| root.has_attribute("data-islands"))
}

thread_local! {
    static HYDRATED: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// Whether the whole page is hydrated: `false` on the server and until
/// [`hydration_finished`] in the browser.
pub fn is_hydrated() -> ArcReadSignal<bool> {
    HYDRATED.with(|hydrated| hydrated.read_only())
}

/// Called once every part of the page is hydrated (by the browser's entry point for the
/// whole app, a lazy page's included; by [`HydratedMarker`] for islands): effects waiting
/// on [`is_hydrated`] run, and `<html data-hydrated="true">` tells tests that a tap now
/// reaches the app (before it, a tap on a lazy page's form posted it natively).
pub fn hydration_finished() {
    HYDRATED.with(|hydrated| hydrated.set(true));
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}

/// The route of a page served as islands, in the whole app: the page itself on the
/// server; in the browser, [`LoadFromServer`]. The whole app never draws such a page in the
/// browser (the server serves it as islands, and a link to it is the browser's own
/// navigation: frontend/src/lib.rs), so its code stays out of the browser's: the text of
/// its views too, which wasm-split would otherwise leave in the main module that every
/// page downloads.
#[macro_export]
macro_rules! islands_page {
    ($page:path) => {{
        #[cfg(feature = "ssr")]
        let view = $page;
        #[cfg(not(feature = "ssr"))]
        let view = $crate::hydration::LoadFromServer;
        view
    }};
}

/// Where the whole app's router comes to a page served as islands (a redirect after
/// signing in, say): the browser loads it from the server, as it does a link to it.
#[component]
pub fn LoadFromServer() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let pathname = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let query = if search.is_empty() {
        String::new()
    } else {
        format!("?{search}")
    };
    let target = format!("{pathname}{query}{}", location.hash.get_untracked());
    if !as_islands(&pathname) {
        // The route is marked but the server serves the page as the whole app: loading it
        // again would come back here.
        leptos::logging::error!("{target} is not served as islands (ISLAND_PAGES)");
        return;
    }
    let browser = window().location();
    // A redirect has already written the address: load it in its place.
    let result = if browser.pathname().as_deref() == Ok(pathname.as_str()) {
        browser.replace(&target)
    } else {
        browser.assign(&target)
    };
    if result.is_err() {
        leptos::logging::warn!("could not load {target}");
    }
}

/// The last island of an islands page (the page shell puts it after the app): islands
/// hydrate in the order of the page, so when its effect runs every other one has.
#[island]
pub fn HydratedMarker() -> impl IntoView {
    Effect::new(hydration_finished);
}

#[cfg(test)]
mod tests {
    use super::as_islands;

    #[test]
    fn every_page_listed_is_an_islands_page_with_or_without_a_final_slash() {
        for path in [
            "/",
            "/lieux/1",
            "/lieux/1/",
            "/favoris",
            "/mes-lieux",
            "/portefeuille",
            "/recherche",
            "/offres/1",
            "/offres/123456",
            "/carte",
            "/carte/",
            "/offres/1/",
        ] {
            assert!(as_islands(path), "{path}");
        }
    }

    #[test]
    fn other_pages_and_near_misses_are_the_whole_app() {
        for path in [
            "/carte/x",
            "/lieux",
            "/lieux/1/offres",
            "/favoris/1",
            "/offres",
            "/offres/",
            "/offres//",
            "/offres/1//",
            "/offres/1/x",
            "/recherche/x",
            "/pro",
            "",
        ] {
            assert!(!as_islands(path), "{path}");
        }
    }
}
