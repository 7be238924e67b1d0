//! A ticket's QR code, as the counter scans it. For who cannot see it, its name says the
//! code it holds: the token, which the counter can also type.

use leptos::prelude::*;

/// `svg` drawn by the server (`domain`'s token, encoded); `class` sizes it.
#[component]
pub fn TicketQr(svg: String, token: String, class: &'static str) -> impl IntoView {
    view! {
        <div class=class role="img" aria-label=format!("QR code de la contremarque {token}")
            data-testid="booking-qr" inner_html=svg></div>
    }
}
