//! The HTML document around the app: stylesheet, icons, hydration scripts.

use app::App;
use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::delivery::worker::REGISTER;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="fr">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="theme-color" content="#5b21b6"/>
                <link rel="stylesheet" href=style::href()/>
                <link rel="icon" href="/favicon.ico" sizes="any"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
                <UpdateBanner/>
                <LoadError/>
                // The service worker keeps the app and tickets for offline use and follows
                // deploys (server/src/delivery). Inline scripts run only with this answer's
                // nonce (the Content-Security-Policy).
                <script nonce=leptos::nonce::use_nonce() inner_html=REGISTER></script>
            </body>
        </html>
    }
}

/// Shown by the app when it stops (frontend/src/lib.rs): most often a page's code that
/// could not be downloaded (no network before the app was kept offline, or a deploy
/// replaced the files of an app left open). The page's script (register.js) makes
/// "Réessayer" load the page that was asked for. Outside the app, like [`UpdateBanner`].
#[component]
fn LoadError() -> impl IntoView {
    view! {
        <div id="load-error" hidden>
            <div
                role="alert"
                data-testid="load-error"
                class="fixed inset-x-0 top-0 z-50 flex items-center justify-center gap-3 bg-red-800 px-4 py-3 text-sm text-white shadow-lg"
            >
                <span>"Cette page n’a pas pu se charger. Vérifie ta connexion."</span>
                <button
                    type="button"
                    class="rounded-full bg-white px-4 py-1.5 font-semibold text-red-800 hover:bg-red-100"
                >
                    "Réessayer"
                </button>
            </div>
        </div>
    }
}

/// Shown by the service worker's registration script when a new deploy is ready. It sits
/// outside the app (after it in the page), so that the app's hydration never sees it.
#[component]
fn UpdateBanner() -> impl IntoView {
    view! {
        <div id="update-banner" hidden>
            <div
                role="status"
                data-testid="update-banner"
                class="fixed inset-x-0 top-0 z-50 flex items-center justify-center gap-3 bg-violet-900 px-4 py-3 text-sm text-white shadow-lg"
            >
                <span>"Nouvelle version disponible"</span>
                <button
                    type="button"
                    class="rounded-full bg-white px-4 py-1.5 font-semibold text-violet-900 hover:bg-violet-100"
                >
                    "Recharger"
                </button>
            </div>
        </div>
    }
}
