//! The browser's entry point: takes over the HTML the server rendered, either as islands
//! or as the whole app (app/src/hydration.rs says which and why).

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
        wasm_bindgen_futures::spawn_local(hydrate_the_app());
    }
}

/// The whole app, router and pages: behind a split point (`cargo leptos build --split`
/// makes it a file of its own), so that an islands page never downloads it.
#[leptos::lazy]
async fn hydrate_the_app() {
    // `leptos::mount::hydrate_lazy`, and the app told when it is done: the router waits
    // for a lazy page's code before it hydrates that page, so the app is whole only then.
    let root = leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), app::App).await;
    root.forget();
    app::hydration::hydration_finished();
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
