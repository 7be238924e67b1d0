//! The language of the page in the browser: the one the server rendered it in, as its
//! `<html lang>` says.

use super::Locale;

pub fn rendered() -> Locale {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| tag.parse().ok())
        .unwrap_or_default()
}
