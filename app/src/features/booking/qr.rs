//! A ticket's QR code, as the counter scans it. For who cannot see it, its name says the
//! code it holds: the token, which the counter can also type.

use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;

/// `svg` drawn by the server (`domain`'s token, encoded); `class` sizes it.
#[component]
pub fn TicketQr(svg: String, token: String, class: &'static str) -> impl IntoView {
    let label = td_string!(use_locale(), booking.qr_label, token).to_string();
    view! {
        <div class=class role="img" aria-label=label
            data-testid="booking-qr" inner_html=svg></div>
    }
}
