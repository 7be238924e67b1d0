//! Being offline: a banner when the network is gone (tickets kept by the service worker
//! still open, but may be stale), and the page shown for anything not kept.

use leptos::ev;
use leptos::prelude::*;
use leptos_meta::Title;

/// Whether the browser has a network, for what needs one (the banner, cancelling a
/// booking). Provided once by the app's frame.
#[derive(Clone, Copy)]
pub struct Network {
    pub online: ReadSignal<bool>,
}

/// Provides [`Network`]. Effects run in the browser only: the server always renders the
/// page as online, and hydration starts from the same state.
pub fn provide_network() {
    let (online, set_online) = signal(true);
    Effect::new(move || {
        set_online.set(window().navigator().on_line());
        let _ = window_event_listener(ev::offline, move |_| set_online.set(false));
        let _ = window_event_listener(ev::online, move |_| set_online.set(true));
    });
    provide_context(Network { online });
}

/// Whether the browser has a network (online when nobody provided [`Network`]).
pub fn is_online() -> Signal<bool> {
    match use_context::<Network>() {
        Some(network) => network.online.into(),
        None => Signal::derive(|| true),
    }
}

/// Shown while the browser reports no network.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let online = is_online();
    view! {
        <Show when=move || !online.get()>
            <div role="status" data-testid="offline-banner" class="bg-amber-100 px-4 py-2 text-sm text-amber-900">
                "Hors ligne : ces informations peuvent dater. Tes contremarques restent utilisables."
            </div>
        </Show>
    }
}

/// What the service worker shows for a page it did not keep.
#[component]
pub fn OfflinePage() -> impl IntoView {
    view! {
        <Title text="Hors ligne — Culture Pass"/>
        <section class="mx-auto max-w-md p-6 text-center">
            <h1 class="text-2xl font-bold text-gray-900">"Pas de réseau"</h1>
            <p class="mt-2 text-gray-700">"Cette page a besoin d'une connexion. Tes réservations, elles, restent disponibles."</p>
            <a href="/reservations" class="mt-4 inline-block rounded-lg bg-violet-700 px-4 py-2 font-semibold text-white">"Mes réservations"</a>
        </section>
    }
}
