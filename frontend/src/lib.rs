//! The browser's entry point: takes over the HTML the server rendered, loading each
//! page's code when its route is first visited (app/src/pages.rs).

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    std::panic::set_hook(Box::new(|panic| {
        console_error_panic_hook::hook(panic);
        show_load_error();
    }));
    // `leptos::mount::hydrate_lazy`, and the app told when it is done: the router waits
    // for a lazy page's code before it hydrates that page, so the app is whole only then.
    wasm_bindgen_futures::spawn_local(async {
        let root = leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), app::App).await;
        root.forget();
        app::hydration::hydration_finished();
    });
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
