//! Writes only from this site's own pages. Session cookies are `SameSite=Lax`, which
//! stops most forged requests, but not a cross-site form signing someone into the
//! attacker's account (login CSRF), nor a sibling site. So every request that can change
//! something (anything but GET, HEAD and OPTIONS) is refused with 403 when the browser
//! says it comes from another site: `Sec-Fetch-Site: cross-site`, or an `Origin` that is
//! neither the public address nor the host the request was sent to. Browsers send one
//! or the other on every write; programs that send neither (curl, the test clients) are
//! not browsers carrying someone's cookies, and keep working. The one exception is a
//! mail's one-click unsubscribe, which carries its own key and no cookie.

use super::refusal;
use app::error::AppError;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// This site's origin (`https://pass.example.org`).
#[derive(Clone)]
pub struct Site(pub Arc<str>);

pub async fn refuse_cross_site_writes(
    State(site): State<Site>,
    request: Request,
    next: Next,
) -> Response {
    // A mail's one-click unsubscribe is posted by mail clients, from anywhere and with no
    // cookie: its link's key is what it needs, and all it can do is stop a kind of mail.
    let one_click = request.uri().path() == app::ssr::unsubscribe::PATH;
    if one_click || allowed(request.method(), request.headers(), &site.0) {
        next.run(request).await
    } else {
        tracing::warn!(
            path = request.uri().path(),
            origin = ?request.headers().get(header::ORIGIN),
            "cross-site write refused"
        );
        refusal(&AppError::CrossSite)
    }
}

fn allowed(method: &Method, headers: &HeaderMap, site: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if text("sec-fetch-site") == Some("cross-site") {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let origin = origin.to_str().unwrap_or("null").to_ascii_lowercase();
    let host = text(header::HOST.as_str()).map(str::to_ascii_lowercase);
    let origin_host = origin.split_once("://").map(|(_, host)| host);
    origin == site || (origin_host.is_some() && origin_host == host.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().expect("value"));
        }
        map
    }

    const SITE: &str = "https://pass.example.org";

    #[test]
    fn writes_from_this_site_or_from_programs_pass() {
        for pairs in [
            vec![("origin", SITE), ("sec-fetch-site", "same-origin")],
            vec![
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000"),
            ],
            vec![("sec-fetch-site", "same-origin")],
            vec![("sec-fetch-site", "none")],
            vec![],
        ] {
            assert!(allowed(&Method::POST, &headers(&pairs), SITE), "{pairs:?}");
        }
    }

    #[test]
    fn writes_from_other_sites_are_refused_and_reads_pass() {
        for pairs in [
            vec![
                ("origin", "https://evil.example"),
                ("host", "pass.example.org"),
            ],
            vec![("origin", "null"), ("host", "pass.example.org")],
            vec![("sec-fetch-site", "cross-site")],
            vec![("origin", SITE), ("sec-fetch-site", "cross-site")],
            vec![("origin", "https://pass.example.org.evil.example")],
        ] {
            assert!(!allowed(&Method::POST, &headers(&pairs), SITE), "{pairs:?}");
            assert!(allowed(&Method::GET, &headers(&pairs), SITE), "{pairs:?}");
        }
    }
}
