//! The young people's public pages for signed-out visitors, rendered and compressed once
//! every few seconds per address instead of once per request. Such a visitor's page
//! depends on its address only (the place, the search, the offer), so one rendering
//! serves them all: the home page, the busiest, is then served as fast as a file.
//!
//! - Only `GET` of the pages anyone can see ([`kept`]) without a session cookie: a signed-in
//!   visitor's pages (their hearts, their credit) are always rendered for them.
//! - Only a `200` HTML answer that sets no cookie is kept; anything else is sent to the
//!   visitor it was rendered for and forgotten (those who asked for the same address
//!   meanwhile get their own rendering).
//! - Fresh for [`TTL`] seconds. Then, for as long again, it is still sent while its next
//!   version is rendered once, in the background: no visitor waits for a rendering of a
//!   busy page. A change therefore shows within [`TTL`] and a rendering, on top of the
//!   home's own offers cache ([`app::ssr::caches::HOME_TTL`]): about 10 s on the home,
//!   5 s elsewhere. A refresh that fails (a `5xx`) keeps the old page; one that finds
//!   the page gone (a `404`, a redirection) forgets it. Unasked that long, a page is
//!   forgotten; concurrent misses of one address render it once, the others wait.
//! - Compressed with brotli when rendered (off the async threads), with gzip when first
//!   asked for, so a hit costs no compression.
//! - Each rendering has its own nonce, which the Content-Security-Policy of every
//!   visitor of that page names: text stored before the rendering (a title, a comment)
//!   cannot carry it, as with a nonce per answer.
//! - The key is the page's language (`app::lang`: the visitor's `lang` cookie, else
//!   their browser's languages, else French) and the address as asked (path and query)
//!   less the campaign trackers (`utm_*`, `fbclid`, `gclid`), which no page reads: a link
//!   shared in a campaign is the same page. A page asked with other parameters is
//!   another page, within the memory bound. It is rendered for its language alone,
//!   whatever else the visitor's headers said.
//!
//! Each server instance keeps its own pages; nothing is shared between instances.

use super::encoding::Coding;
use crate::security::headers::CspNonce;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{
    ACCEPT_ENCODING, ACCEPT_LANGUAGE, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, COOKIE,
    SET_COOKIE, VARY,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use moka::future::Cache;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// How long a page is kept.
pub const TTL: Duration = Duration::from_secs(5);

/// At most this many bytes of pages (all their copies) per instance.
const CAPACITY_BYTES: u64 = 64 * 1024 * 1024;

/// A page is larger than this only by a bug; it is then answered with a `500`.
const LARGEST_PAGE: usize = 8 * 1024 * 1024;

/// Says on each kept page how it was found: rendered for this request (`miss`), kept and
/// fresh (`hit`), or kept and out of date while its next version is rendered (`stale`).
pub const STATUS_HEADER: HeaderName = HeaderName::from_static("x-page-cache");

/// One rendered page, ready for any visitor.
struct Page {
    status: StatusCode,
    headers: HeaderMap,
    plain: Bytes,
    brotli: Bytes,
    gzip: OnceLock<Bytes>,
    /// The nonce its inline scripts carry.
    nonce: CspNonce,
    rendered: Instant,
    /// Whether its next version is being rendered.
    refreshing: AtomicBool,
}

impl Page {
    fn new(
        status: StatusCode,
        headers: HeaderMap,
        plain: Bytes,
        brotli: Bytes,
        nonce: CspNonce,
    ) -> Page {
        Page {
            status,
            headers,
            plain,
            brotli,
            gzip: OnceLock::new(),
            nonce,
            rendered: Instant::now(),
            refreshing: AtomicBool::new(false),
        }
    }

    /// The gzip copy, made when first asked for (few browsers lack brotli).
    fn gzip(&self) -> &Bytes {
        self.gzip.get_or_init(|| gzip(&self.plain))
    }
}

/// A page rendered but not to be kept (an error, a redirection, a cookie).
#[derive(Debug)]
struct NotKept;

/// The pages of one instance, and how to tell a session.
#[derive(Clone)]
pub struct PageCache {
    pages: Cache<String, Arc<Page>>,
    /// How long a page is fresh ([`TTL`]; shorter in tests).
    ttl: Duration,
    /// The `secure_cookie` setting, which names the session cookie.
    secure_cookie: bool,
}

impl PageCache {
    pub fn new(secure_cookie: bool) -> PageCache {
        PageCache::with_ttl(secure_cookie, TTL)
    }

    fn with_ttl(secure_cookie: bool, ttl: Duration) -> PageCache {
        PageCache {
            pages: Cache::builder()
                .max_capacity(CAPACITY_BYTES)
                // The page and, about, its compressed copies (a third of it together).
                .weigher(|key: &String, page: &Arc<Page>| {
                    let bytes = key.len() + page.plain.len() + page.plain.len() / 3;
                    u32::try_from(bytes).unwrap_or(u32::MAX)
                })
                .time_to_live(ttl * 2)
                .build(),
            ttl,
            secure_cookie,
        }
    }
}

/// Whether the page at `path` is the same for every signed-out visitor: the home, search,
/// the map, an offer, a venue.
fn kept(path: &str) -> bool {
    let one_segment_under = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
    };
    matches!(path, "/" | "/recherche" | "/carte")
        || one_segment_under("/offres/")
        || one_segment_under("/lieux/")
}

/// The key of a page: its language's tag, then [`address`].
fn key(language: &str, uri: &Uri) -> String {
    format!("{language} {}", address(uri))
}

/// The page at `uri`: its path and query, less the campaign trackers.
fn address(uri: &Uri) -> String {
    let tracker = |pair: &&str| {
        let name = pair.split('=').next().unwrap_or_default();
        name.starts_with("utm_") || matches!(name, "fbclid" | "gclid")
    };
    let kept: Vec<&str> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty() && !tracker(pair))
        .collect();
    if kept.is_empty() {
        uri.path().to_owned()
    } else {
        format!("{}?{}", uri.path(), kept.join("&"))
    }
}

/// The middleware: a kept page if the request may have one, else the application.
pub async fn serve(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    let may_keep = request.method() == Method::GET
        && kept(request.uri().path())
        && !app::ssr::session::carries_session(cache.secure_cookie, request.headers());
    if !may_keep {
        return next.run(request).await;
    }
    let coding = Coding::preferred(request.headers());
    let language = app::lang::tag(app::lang::of_headers(request.headers()));
    let page_key = key(language, request.uri());
    if let Some(page) = cache.pages.get(&page_key).await {
        if page.rendered.elapsed() < cache.ttl {
            return answer(&page, coding, Some("hit"));
        }
        // Out of date: this visitor gets it as it is, and the first one to see it so
        // renders its next version for those who come after.
        if !page.refreshing.swap(true, Ordering::AcqRel) {
            tokio::spawn(refresh(
                cache.pages.clone(),
                page_key,
                page.clone(),
                (request, language),
                next,
            ));
        }
        return answer(&page, coding, Some("stale"));
    }
    // The request goes to whichever rendering uses it: the one shared with concurrent
    // visitors, or, if that one is not to be kept, this visitor's own.
    let mut own = Some((request, next));
    let mut not_kept = None;
    let shared = cache
        .pages
        .try_get_with(page_key, async {
            let (request, next) = own.take().ok_or(NotKept)?;
            let page = render(request, language, next).await;
            if keepable(&page) {
                Ok(Arc::new(page))
            } else {
                not_kept = Some(page);
                Err(NotKept)
            }
        })
        .await;
    match (shared, own, not_kept) {
        (Ok(page), None, _) => answer(&page, coding, Some("miss")),
        (Ok(page), Some(_), _) => answer(&page, coding, Some("hit")),
        // Not to be kept: the page rendered for this visitor, or their own rendering.
        (Err(_), _, Some(page)) => answer(&page, coding, None),
        (Err(_), Some((request, next)), None) => next.run(request).await,
        (Err(_), None, None) => answer(&failure(), coding, None),
    }
}

/// Renders the next version of a page out of date, in the background.
async fn refresh(
    pages: Cache<String, Arc<Page>>,
    page_key: String,
    old: Arc<Page>,
    (request, language): (Request, &'static str),
    next: Next,
) {
    let fresh = render(request, language, next).await;
    if keepable(&fresh) {
        pages.insert(page_key, Arc::new(fresh)).await;
    } else if fresh.status.is_server_error() {
        // A passing failure (the database away): the old page stays, and the next
        // visitor who finds it out of date tries again.
        old.refreshing.store(false, Ordering::Release);
    } else {
        pages.invalidate(&page_key).await;
    }
}

/// A `200` HTML page that sets no cookie.
fn keepable(page: &Page) -> bool {
    let html = page
        .headers
        .get(CONTENT_TYPE)
        .and_then(|kind| kind.to_str().ok())
        .is_some_and(|kind| kind.starts_with("text/html"));
    page.status == StatusCode::OK && html && !page.headers.contains_key(SET_COOKIE)
}

/// Renders the page for anyone who reads `language`: with a nonce of its own (not the
/// visitor's), without the visitor's cookies, uncompressed (compressed here, once).
async fn render(mut request: Request, language: &'static str, next: Next) -> Page {
    let nonce = CspNonce::fresh();
    request.extensions_mut().insert(nonce.clone());
    request
        .headers_mut()
        .insert(ACCEPT_ENCODING, HeaderValue::from_static("identity"));
    // Nothing of the visitor it was asked by: no cookie (a tracker's, or a session's
    // from before `secure_cookie` was set) can shape it or its `Cache-Control`.
    request.headers_mut().remove(COOKIE);
    // The language of its key, and no other.
    request
        .headers_mut()
        .insert(ACCEPT_LANGUAGE, HeaderValue::from_static(language));
    let (parts, body) = next.run(request).await.into_parts();
    let plain = match axum::body::to_bytes(body, LARGEST_PAGE).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(%error, "a page could not be read to be kept");
            return failure();
        }
    };
    let mut headers = parts.headers;
    for name in [CONTENT_LENGTH, CONTENT_ENCODING, VARY] {
        headers.remove(name);
    }
    let brotli = {
        let plain = plain.clone();
        tokio::task::spawn_blocking(move || brotli(&plain))
            .await
            .unwrap_or_default()
    };
    Page::new(parts.status, headers, plain, brotli, nonce)
}

fn failure() -> Page {
    Page::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        HeaderMap::new(),
        Bytes::new(),
        Bytes::new(),
        CspNonce::fresh(),
    )
}

/// Brotli at quality 5 (the on-the-fly compression of other answers uses 4): paid once
/// per page and [`TTL`], and by each request of an address no one asked before.
fn brotli(plain: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(plain.len() / 4);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 5,
        lgwin: 22,
        ..Default::default()
    };
    match brotli::BrotliCompress(&mut &plain[..], &mut out, &params) {
        Ok(_) => out.into(),
        Err(_) => Bytes::new(),
    }
}

fn gzip(plain: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(plain.len() / 3),
        flate2::Compression::new(6),
    );
    match encoder.write_all(plain).and_then(|()| encoder.finish()) {
        Ok(out) => out.into(),
        Err(_) => Bytes::new(),
    }
}

/// The page in the visitor's coding, saying in [`STATUS_HEADER`] how it was found
/// (`None`: not kept).
fn answer(page: &Page, coding: Coding, status: Option<&'static str>) -> Response {
    let (body, name) = match coding {
        _ if page.plain.is_empty() => (page.plain.clone(), None),
        Coding::Brotli if !page.brotli.is_empty() => (page.brotli.clone(), Some("br")),
        Coding::Brotli | Coding::Gzip if !page.gzip().is_empty() => {
            (page.gzip().clone(), Some("gzip"))
        }
        _ => (page.plain.clone(), None),
    };
    let mut response = (page.status, Body::from(body)).into_response();
    let headers = response.headers_mut();
    headers.extend(page.headers.clone());
    headers.insert(
        VARY,
        HeaderValue::from_static("accept-encoding, accept-language, cookie"),
    );
    if let Some(name) = name {
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static(name));
    }
    if let Some(status) = status {
        headers.insert(STATUS_HEADER, HeaderValue::from_static(status));
    }
    response.extensions_mut().insert(page.nonce.clone());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_pages_anyone_sees_are_kept() {
        for path in ["/", "/recherche", "/carte", "/offres/12", "/lieux/3"] {
            assert!(kept(path), "{path}");
        }
        for path in [
            "/offres/",
            "/offres/12/reserver",
            "/reservations",
            "/reservations/4",
            "/compte",
            "/portefeuille",
            "/favoris",
            "/pro",
            "/admin/moderation",
            "/api/home_rows",
            "/connexion",
            "/pkg/culture-pass.js",
        ] {
            assert!(!kept(path), "{path}");
        }
    }

    #[test]
    fn campaign_trackers_are_not_part_of_the_address() {
        let key = |uri: &str| address(&uri.parse::<Uri>().expect("uri"));
        assert_eq!(key("/"), "/");
        assert_eq!(key("/?utm_source=mail&utm_campaign=noel"), "/");
        assert_eq!(key("/offres/3?fbclid=abc"), "/offres/3");
        assert_eq!(
            key("/recherche?q=concert&utm_medium=social&gclid=x&categorie=musique"),
            "/recherche?q=concert&categorie=musique"
        );
        assert_eq!(key("/recherche?utm=1"), "/recherche?utm=1");
    }

    /// A test application whose offer page answers with `status` and counts its
    /// renderings, behind a page cache fresh for `ttl`.
    struct Site {
        base: String,
        status: Arc<std::sync::atomic::AtomicU16>,
        renderings: Arc<std::sync::atomic::AtomicUsize>,
        cache: PageCache,
        client: reqwest::Client,
    }

    impl Site {
        async fn start(ttl: Duration) -> Site {
            use std::sync::atomic::{AtomicU16, AtomicUsize};
            let status = Arc::new(AtomicU16::new(200));
            let renderings = Arc::new(AtomicUsize::new(0));
            let page = {
                let (status, renderings) = (status.clone(), renderings.clone());
                // In another language than French, the page says which it was asked in.
                move |headers: HeaderMap| async move {
                    let n = renderings.fetch_add(1, Ordering::SeqCst) + 1;
                    let language = headers
                        .get(ACCEPT_LANGUAGE)
                        .map_or("", |v| v.to_str().expect("ascii"))
                        .to_owned();
                    let status =
                        StatusCode::from_u16(status.load(Ordering::SeqCst)).expect("a status");
                    let html = [(CONTENT_TYPE, "text/html; charset=utf-8")];
                    let body = match language.as_str() {
                        "fr" => format!("<p>rendu {n}</p>"),
                        other => format!("<p lang=\"{other}\">rendu {n}</p>"),
                    };
                    (status, html, body)
                }
            };
            let cache = PageCache::with_ttl(false, ttl);
            let app = axum::Router::new()
                .route("/offres/{id}", axum::routing::get(page))
                .layer(axum::middleware::from_fn_with_state(cache.clone(), serve));
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("a port");
            let base = format!("http://{}", listener.local_addr().expect("address"));
            tokio::spawn(async move { axum::serve(listener, app).await });
            Site {
                base,
                status,
                renderings,
                cache,
                client: reqwest::Client::new(),
            }
        }

        /// The page's status, body and how the cache found it.
        async fn visit(&self) -> (u16, String, String) {
            self.visit_with(&[]).await
        }

        /// The same, for a visitor whose browser sends these headers.
        async fn visit_with(&self, headers: &[(&str, &str)]) -> (u16, String, String) {
            let mut request = self.client.get(format!("{}/offres/1", self.base));
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            let answer = request.send().await.expect("an answer");
            let found = answer
                .headers()
                .get(STATUS_HEADER)
                .map_or("not kept", |v| v.to_str().expect("ascii"))
                .to_owned();
            let status = answer.status().as_u16();
            (status, answer.text().await.expect("a body"), found)
        }

        /// Waits until the page has been rendered `n` times and the cache has taken that
        /// rendering in (kept, replaced or forgotten: no refresh under way).
        async fn rendered(&self, n: usize) {
            for _ in 0..500 {
                let settled = match self.cache.pages.get("fr /offres/1").await {
                    Some(page) => !page.refreshing.load(Ordering::Acquire),
                    None => true,
                };
                if self.renderings.load(Ordering::SeqCst) >= n && settled {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            panic!("the page was not rendered {n} times");
        }

        fn answers(&self, status: u16) {
            self.status.store(status, Ordering::SeqCst);
        }
    }

    fn seen(status: u16, body: &str, found: &str) -> (u16, String, String) {
        (status, body.to_owned(), found.to_owned())
    }

    #[tokio::test]
    async fn a_failed_refresh_keeps_the_old_page_and_a_gone_page_is_forgotten() {
        let ttl = Duration::from_secs(2);
        let site = Site::start(ttl).await;
        assert_eq!(site.visit().await, seen(200, "<p>rendu 1</p>", "miss"));
        assert_eq!(site.visit().await, seen(200, "<p>rendu 1</p>", "hit"));

        // Out of date while the database is away: the old page is sent, and each visitor
        // who finds it out of date tries its next version again.
        site.answers(500);
        tokio::time::sleep(ttl + Duration::from_millis(100)).await;
        assert_eq!(site.visit().await, seen(200, "<p>rendu 1</p>", "stale"));
        site.rendered(2).await;
        assert_eq!(site.visit().await, seen(200, "<p>rendu 1</p>", "stale"));
        site.rendered(3).await;

        // Back: the next refresh replaces it.
        site.answers(200);
        assert_eq!(site.visit().await, seen(200, "<p>rendu 1</p>", "stale"));
        site.rendered(4).await;
        assert_eq!(site.visit().await, seen(200, "<p>rendu 4</p>", "hit"));

        // Gone (the offer withdrawn): the refresh forgets it, and the 404 is not kept.
        site.answers(404);
        tokio::time::sleep(ttl + Duration::from_millis(100)).await;
        assert_eq!(site.visit().await, seen(200, "<p>rendu 4</p>", "stale"));
        site.rendered(5).await;
        assert_eq!(site.visit().await, seen(404, "<p>rendu 6</p>", "not kept"));
        assert_eq!(site.visit().await, seen(404, "<p>rendu 7</p>", "not kept"));
    }

    #[tokio::test]
    async fn each_language_has_its_page_rendered_in_that_language_alone() {
        let site = Site::start(Duration::from_secs(60)).await;
        assert_eq!(site.visit().await, seen(200, "<p>rendu 1</p>", "miss"));
        let english = r#"<p lang="en">rendu 2</p>"#;
        let found = site
            .visit_with(&[("accept-language", "en-GB,en;q=0.9")])
            .await;
        assert_eq!(found, seen(200, english, "miss"));
        // The visitor's choice wins over their browser's languages; the cookie itself is
        // not part of the page.
        let found = site
            .visit_with(&[("cookie", "lang=en"), ("accept-language", "fr")])
            .await;
        assert_eq!(found, seen(200, english, "hit"));
        // Languages the app does not have are French.
        let found = site
            .visit_with(&[("accept-language", "de, it;q=0.5")])
            .await;
        assert_eq!(found, seen(200, "<p>rendu 1</p>", "hit"));
        let found = site.visit_with(&[("cookie", "lang=xx")]).await;
        assert_eq!(found, seen(200, "<p>rendu 1</p>", "hit"));
    }

    #[test]
    fn compressed_copies_give_back_the_page() {
        use std::io::Read;
        let page = "<p>Autour de Paris</p>".repeat(1000);
        let mut from_gzip = String::new();
        flate2::read::GzDecoder::new(&gzip(page.as_bytes())[..])
            .read_to_string(&mut from_gzip)
            .expect("gzip");
        assert_eq!(from_gzip, page);
        let mut from_brotli = Vec::new();
        brotli::BrotliDecompress(&mut &brotli(page.as_bytes())[..], &mut from_brotli)
            .expect("brotli");
        assert_eq!(from_brotli, page.as_bytes());
    }
}
