//! The HTML document around the app: stylesheet, icons, hydration scripts.

use app::App;
use leptos::prelude::*;
use leptos_meta::MetaTags;

const REGISTER_SERVICE_WORKER: &str =
    "if ('serviceWorker' in navigator) { navigator.serviceWorker.register('/sw.js'); }";

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
                // The service worker keeps tickets for offline use (public/sw.js). Inline
                // scripts run only with this answer's nonce (the Content-Security-Policy).
                <script nonce=leptos::nonce::use_nonce() inner_html=REGISTER_SERVICE_WORKER></script>
            </body>
        </html>
    }
}
