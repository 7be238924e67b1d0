//! Being offline: a banner when the network is gone (tickets kept by the service worker
//! still open, but may be stale), and the page shown for anything not kept.

use leptos::ev;
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown while the browser reports no network.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let (offline, set_offline) = signal(false);
    // Effects run in the browser only: the server always renders the page as online.
    Effect::new(move || {
        set_offline.set(!window().navigator().on_line());
        let _ = window_event_listener(ev::offline, move |_| set_offline.set(true));
        let _ = window_event_listener(ev::online, move |_| set_offline.set(false));
    });
    view! {
        <Show when=move || offline.get()>
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
