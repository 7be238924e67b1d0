//! The language of a request, on the server: from its `lang` cookie and its
//! `Accept-Language` header.

use super::{COOKIE, Locale, resolve};
use http::HeaderMap;
use http::header::ACCEPT_LANGUAGE;

/// The language of a request's headers (also read outside Leptos: the page cache keeps
/// one page per language).
pub fn of_headers(headers: &HeaderMap) -> Locale {
    let chosen = crate::ssr::session::cookie_value(COOKIE, headers);
    let accepted = headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    resolve(chosen.as_deref(), accepted)
}

/// The language of the request being rendered or served (French outside a request).
pub fn requested() -> Locale {
    leptos::prelude::use_context::<http::request::Parts>()
        .map(|request| of_headers(&request.headers))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;
    use http::header::COOKIE as COOKIE_HEADER;

    #[test]
    fn the_cookie_wins_over_the_browser() {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_static("en-US,en"));
        assert_eq!(of_headers(&headers), Locale::en);
        headers.insert(
            COOKIE_HEADER,
            HeaderValue::from_static("cp_session=abc; lang=fr"),
        );
        assert_eq!(of_headers(&headers), Locale::fr);
        headers.insert(COOKIE_HEADER, HeaderValue::from_static("lang=tlh"));
        assert_eq!(
            of_headers(&headers),
            Locale::en,
            "an unknown choice is no choice"
        );
    }
}
