//! The browser's entry point: takes over the HTML the server rendered, either as islands
//! or as the whole app (app/src/hydration.rs says which and why).
//!
//! The crate builds two bundles. The default one holds both ways, and serves every page
//! in development (`cargo leptos watch`). The release build adds one for the pages served
//! as islands only (the `islands-only` feature, scripts/lib.sh `build_release`): without
//! the whole app, its router and its pages' text, a young person's first page downloads
//! a main module a fraction of the size (the server picks the bundle per page,
//! server/src/delivery/bundles.rs).

#[cfg(not(feature = "islands-only"))]
mod whole_app;
#[cfg(feature = "islands-only")]
mod whole_app {
    /// The islands' bundle holds no whole app: the server never names it for such a
    /// page; if it did, the page says it could not load.
    pub fn hydrate() {
        super::show_load_error();
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    std::panic::set_hook(Box::new(|panic| {
        console_error_panic_hook::hook(panic);
        show_load_error();
    }));
    if app::hydration::page_is_islands() {
        // The page's script then hydrates each island, in the order of the page.
        leptos::mount::hydrate_islands();
    } else {
        whole_app::hydrate();
    }
}

/// The app cannot go on after a panic; most often a page's code could not be downloaded
/// (leptos panics then). The page shell's banner says so and offers to try again.
fn show_load_error() {
    let banner = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("load-error"));
    if let Some(banner) = banner {
        let _ = banner.remove_attribute("hidden");
    }
}
