//! The whole app in the browser: the router and every page, hydrated together. Only in
//! the default bundle (frontend/src/lib.rs).

use leptos::prelude::GetUntracked;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// Hydrates the whole app once its split file has come.
pub fn hydrate() {
    wasm_bindgen_futures::spawn_local(hydrate_the_app());
}

/// The whole app, router and pages: behind a split point (`cargo leptos build --split`
/// makes it a file of its own), so that an islands page never downloads it.
#[leptos::lazy]
async fn hydrate_the_app() {
    // `leptos::mount::hydrate_lazy`, and the app told when it is done: the router waits
    // for a lazy page's code before it hydrates that page, so the app is whole only then.
    links_stay_native_where_the_router_must_not_go();
    let root = leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), app::App).await;
    root.forget();
    app::hydration::hydration_finished();
}

/// A tap on a link is the browser's own navigation, as without JavaScript, wherever the
/// router must not take it:
/// - while the app hydrates. The router listens to clicks as soon as it hydrates, before
///   the page's lazy code has come: it would render the next page while the current one
///   was still being hydrated, and the app panicked on the mismatch (seen in CI on an
///   admin's first tap);
/// - to a page served as islands, which the whole app does not hold in the browser
///   (`app::islands_page!`): the server serves it.
///
/// A listener of the capture phase stops such a click before it reaches the router's;
/// the browser still follows the link. It stops it before any other listener too: a
/// link to an islands page can have no `on:click` of its own in the whole app.
fn links_stay_native_where_the_router_must_not_go() {
    let hydrated = app::hydration::is_hydrated();
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        let link = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        let Some(link) = link else { return };
        let here = leptos::prelude::window().location().origin().ok();
        let to_an_islands_page =
            Some(link.origin()) == here && app::hydration::as_islands(&link.pathname());
        if !hydrated.get_untracked() || to_an_islands_page {
            event.stop_propagation();
        }
    });
    let _ = leptos::prelude::window().add_event_listener_with_callback_and_bool(
        "click",
        listener.as_ref().unchecked_ref(),
        true,
    );
    listener.forget();
}
