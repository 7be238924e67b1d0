//! Being offline: a banner when the network is gone (tickets kept by the service worker
//! still open, but may be stale), and the page shown for anything not kept.

use leptos::ev;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use leptos_router::location::Location;

/// Whether the browser has a network, for what needs one (the banner, cancelling a
/// booking). Provided once by the app's frame.
#[derive(Clone, Copy)]
pub struct Network {
    pub online: ReadSignal<bool>,
}

/// Provides [`Network`] to the whole app.
pub fn provide_network() {
    provide_context(Network {
        online: watch_network(),
    });
}

/// The browser's network. The server always renders the page as online, and hydration
/// starts from the same state: the browser's own state is read once the whole page is
/// hydrated (a lazy page hydrates after the frame's effects have run).
fn watch_network() -> ReadSignal<bool> {
    let (online, set_online) = signal(true);
    let hydrated = crate::hydration::is_hydrated();
    Effect::new(move || {
        if !hydrated.get() {
            return;
        }
        set_online.set(window().navigator().on_line());
        let _ = window_event_listener(ev::offline, move |_| set_online.set(false));
        let _ = window_event_listener(ev::online, move |_| set_online.set(true));
    });
    online
}

/// Whether the browser has a network (online when nobody provided [`Network`]).
pub fn is_online() -> Signal<bool> {
    match use_context::<Network>() {
        Some(network) => network.online.into(),
        None => Signal::derive(|| true),
    }
}

/// The address the app shows, as its router knows it (path and query): while a page
/// reached by a tap renders, the browser's address may still be the previous page's.
fn address_shown(location: &Location) -> String {
    let search = location.search.get_untracked();
    let path = location.pathname.get_untracked();
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}

thread_local! {
    /// Whether the router has changed pages since the document loaded.
    static NAVIGATED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Notes each change of page the router makes, for [`reached_by_a_tap`]. Called once by
/// the app's frame; its first run is the page the document was loaded for.
pub fn note_navigations() {
    let location = use_location();
    Effect::new(move |first_run_done: Option<()>| {
        location.pathname.track();
        location.search.track();
        if first_run_done.is_some() {
            NAVIGATED.with(|navigated| navigated.set(true));
        }
    });
}

/// Whether the page at `address` was reached by a tap in the app, rather than loaded for
/// its own address: only a loaded page went through the service worker. The document
/// was loaded for another address, or the router has changed pages since (a document
/// loaded for `/reservations`, left by a tap and come back to by another).
fn reached_by_a_tap(address: &str) -> bool {
    if NAVIGATED.with(std::cell::Cell::get) {
        return true;
    }
    let window = window();
    let origin = window.location().origin().unwrap_or_default();
    let loaded_for = window
        .performance()
        .and_then(|performance| {
            performance
                .get_entries_by_type("navigation")
                .get(0)
                .dyn_into::<web_sys::PerformanceEntry>()
                .ok()
        })
        .map(|entry| entry.name());
    loaded_for.is_some_and(|loaded| {
        let loaded = loaded.split('#').next().unwrap_or_default();
        loaded.strip_prefix(&origin).unwrap_or(loaded) != address
    })
}

/// The service worker in charge of the page, if one is. Browsers without workers (a
/// plain-HTTP address, a policy that turns them off) have no `navigator.serviceWorker`.
fn worker() -> Option<web_sys::ServiceWorker> {
    let navigator = window().navigator();
    js_sys::Reflect::get(navigator.as_ref(), &"serviceWorker".into())
        .ok()?
        .dyn_into::<web_sys::ServiceWorkerContainer>()
        .ok()?
        .controller()
}

/// Hands a page whose data could not reach the server to the service worker, once.
///
/// A tap in the app changes pages without loading them, and the new page asks the server
/// for its data: with no network that fails, although the worker may hold the whole page
/// (the tickets, kept for the basement at the counter). Loading the address for real lets
/// the worker answer: its kept copy, or its offline page. Only with no network, only for
/// a page's own data (a
/// form that failed keeps what was typed in it), only after a tap (a page loaded for its
/// own address is what the worker already gave), only under a worker (without one, the
/// browser would show its own error page, not ours), and once per address in half a
/// minute, whatever the browser reports of its loads.
pub fn let_the_worker_answer() {
    const RELOADED: &str = "culture-pass-reloaded";
    let location = use_location();
    Effect::new(move || {
        let address = address_shown(&location);
        let window = window();
        // Online, the server answered something else (a proxy's 502 during a deploy):
        // the kept copy would only hide it.
        if window.navigator().on_line() || worker().is_none() || !reached_by_a_tap(&address) {
            return;
        }
        let Ok(Some(storage)) = window.session_storage() else {
            return;
        };
        let now = js_sys::Date::now();
        let recently = storage
            .get_item(RELOADED)
            .ok()
            .flatten()
            .and_then(|kept| {
                let (at, kept_address) = kept.split_once(' ')?;
                Some(kept_address == address && now - at.parse::<f64>().ok()? < 30_000.0)
            })
            .unwrap_or(false);
        if !recently
            && storage
                .set_item(RELOADED, &format!("{now} {address}"))
                .is_ok()
        {
            let _ = window.location().replace(&address);
        }
    });
}

/// Asks the service worker to keep this page of tickets for offline use, as it keeps
/// those it loads itself: a page reached by a tap never went through it, and would not
/// open in the basement. After each change of the page's bookings (`changes`: a
/// cancellation), it renews every kept page of tickets, so that none shows a cancelled
/// ticket as valid. Again when the page shows another address (one ticket, then another).
pub fn keep_for_offline(changes: Signal<usize>) {
    let location = use_location();
    Effect::new(move || {
        let path = location.pathname.get();
        let message = match changes.get() {
            0 if reached_by_a_tap(&address_shown(&location)) => "keep",
            0 => return,
            _ => "renew",
        };
        tell_worker(&format!("{message}:{path}"));
    });
}

/// Asks the service worker to keep the page of tickets at `path` now (with the list of
/// tickets: the "Réservations" tab is how one finds a ticket offline): a booking just
/// made opens offline even if its ticket is never opened online.
pub fn keep_tickets_at(path: &str) {
    tell_worker(&format!("keep:{path}"));
}

/// Posts `message` to the service worker controlling the page, if one does.
fn tell_worker(message: &str) {
    if let Some(worker) = worker() {
        let _ = worker.post_message(&message.into());
    }
}

/// Shown while the browser reports no network. An island, so that an islands page
/// (app/src/hydration.rs) has it too: there it watches the network itself; in the whole
/// app it follows the app's [`Network`]. Said in the page's language, which an island
/// is given.
#[island]
pub fn OfflineBanner(locale: crate::lang::Locale) -> impl IntoView {
    let online: Signal<bool> = match use_context::<Network>() {
        Some(network) => network.online.into(),
        None => watch_network().into(),
    };
    view! {
        <Show when=move || !online.get()>
            <div role="status" data-testid="offline-banner" class="bg-amber-100 px-4 py-2 text-sm text-amber-900">
                {crate::i18n::td_string!(locale, offline.banner)}
            </div>
        </Show>
    }
}

/// What the service worker shows for a page it did not keep.
#[component]
pub fn OfflinePage() -> impl IntoView {
    use crate::i18n::td_string;
    let locale = crate::lang::use_locale();
    view! {
        <Title text=td_string!(locale, offline.title)/>
        <section class="mx-auto max-w-md p-6 text-center">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, offline.heading)}</h1>
            <p class="mt-2 text-gray-700">{td_string!(locale, offline.text)}</p>
            <a href="/reservations" class="mt-4 inline-block rounded-lg bg-violet-700 px-4 py-2 font-semibold text-white">{td_string!(locale, booking.my_bookings)}</a>
        </section>
    }
}
