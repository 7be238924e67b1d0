//! The HTML document around the app: stylesheet, icons, hydration scripts (as islands or
//! as the whole app, per page: app/src/hydration.rs; each with its bundle:
//! server/src/delivery/bundles.rs).

use app::App;
use app::hydration::{HydratedMarker, preload_split, request_is_islands};
use app::i18n::td_string;
use app::lang::Locale;
use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::delivery::Bundles;
use crate::delivery::worker::REGISTER;
use std::sync::Arc;

pub fn shell(options: LeptosOptions, bundles: Arc<Bundles>) -> impl IntoView {
    let islands = request_is_islands();
    // Resolved once: `<html lang>` here, every component of the page below through the
    // context (`App` keeps the one it finds).
    let locale = app::lang::requested();
    provide_context(locale);
    // The page's bundle (server/src/delivery/bundles.rs): its scripts, then its split
    // manifest, which the preloads of its lazy functions read as the page renders.
    let bundle = bundles.for_page(islands);
    let scripts = view! { <HydrationScripts options=bundle.options() islands/> };
    bundle.provide_split_manifest();
    view! {
        <!DOCTYPE html>
        <html lang=app::lang::tag(locale) data-islands=islands.then_some("")>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="theme-color" content="#5b21b6"/>
                <link rel="stylesheet" href=style::for_page(islands).href()/>
                <link rel="icon" href="/favicon.ico" sizes="any"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <AutoReload options=options.clone()/>
                {scripts}
                {(!islands).then(|| view! { <PreloadTheApp/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
                {islands.then(|| view! { <HydratedMarker/> })}
                <UpdateBanner locale/>
                <LoadError locale/>
                // The service worker keeps the app and tickets for offline use and follows
                // deploys (server/src/delivery). Inline scripts run only with this answer's
                // nonce (the Content-Security-Policy).
                <script nonce=leptos::nonce::use_nonce() inner_html=REGISTER.as_str()></script>
            </body>
        </html>
    }
}

/// On a whole-app page, tells the browser to fetch the app's split files with the page,
/// rather than once the main module has run and asked for them. After the hydration
/// scripts, which read the build's split manifest; as the page renders, not as it is
/// built, when leptos_axum starts listing the files to preload.
#[component]
fn PreloadTheApp() -> impl IntoView {
    Suspend::new(async { preload_split("hydrate_the_app") })
}

/// Shown by the app when it stops (frontend/src/lib.rs): most often a page's code that
/// could not be downloaded (no network before the app was kept offline, or a deploy
/// replaced the files of an app left open). The page's script (register.js) makes
/// "Réessayer" load the page that was asked for. Outside the app, like [`UpdateBanner`].
#[component]
fn LoadError(locale: Locale) -> impl IntoView {
    view! {
        <ShellBanner
            id="load-error"
            role="alert"
            colours="bg-red-800"
            button_colours="text-red-800 hover:bg-red-100"
            message=td_string!(locale, shell.load_error)
            action=td_string!(locale, shell.retry)
        />
    }
}

/// Shown by the service worker's registration script when a new deploy is ready. It sits
/// outside the app (after it in the page), so that the app's hydration never sees it.
#[component]
fn UpdateBanner(locale: Locale) -> impl IntoView {
    view! {
        <ShellBanner
            id="update-banner"
            role="status"
            colours="bg-violet-900"
            button_colours="text-violet-900 hover:bg-violet-100"
            message=td_string!(locale, shell.update_available)
            action=td_string!(locale, shell.reload)
        />
    }
}

/// A hidden bar across the top of the page with a message and one button, which the
/// page's script (register.js) or the app shows and wires; its test id is its `id`.
#[component]
fn ShellBanner(
    id: &'static str,
    role: &'static str,
    colours: &'static str,
    button_colours: &'static str,
    message: &'static str,
    action: &'static str,
) -> impl IntoView {
    view! {
        <div id=id hidden>
            <div
                role=role
                data-testid=id
                class=format!(
                    "fixed inset-x-0 top-0 z-50 flex items-center justify-center gap-3 px-4 py-3 text-sm text-white shadow-lg {colours}",
                )
            >
                <span>{message}</span>
                <button
                    type="button"
                    class=format!("rounded-full bg-white px-4 py-1.5 font-semibold {button_colours}")
                >
                    {action}
                </button>
            </div>
        </div>
    }
}
