//! How the browser gets the app's own files, so that a phone downloads each of them once
//! per deploy and never waits for the server to compress them:
//! - the build's files (`/pkg`, names hashed by cargo-leptos) and the vendored libraries
//!   (`/vendor`, versioned folders) are cached for a year, `immutable`;
//! - they are sent precompressed (brotli 11 or gzip, `.br`/`.gz` beside each file, made
//!   by `cargo leptos build --release --precompress`), as are the stylesheets (compressed
//!   by the `style` crate's build script); only pages, server functions and CSV exports
//!   are compressed on the fly ([`compression`]);
//! - the pages served as islands name the islands' own bundle when the build has one
//!   ([`bundles`]), and their own stylesheet, without the partner's and administrators'
//!   utilities;
//! - the service worker is written from the build ([`worker`]): its version and the
//!   files it keeps come from what is deployed, so that each deploy reaches installed apps;
//! - everything else is revalidated (`no-cache`, and `private` for a request with
//!   cookies), and server functions are never kept (`no-store`) ([`cache_policy`]);
//! - the public pages of signed-out visitors are rendered and compressed once every few
//!   seconds, not once per request ([`page_cache`]);
//! - the search form's address comes without its empty fields ([`search_address`]).

mod bundles;
mod encoding;
mod manifest;
pub mod page_cache;
pub mod search_address;
pub mod worker;

pub use bundles::Bundles;
pub use manifest::{Build, hash_file};

use axum::Router;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, COOKIE, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Version};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use encoding::Coding;
use http::Extensions;
use leptos::config::LeptosOptions;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{Predicate, SizeAbove};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// What a hashed or versioned file may be kept for: a year, without asking again.
pub const FOREVER: &str = "public, max-age=31536000, immutable";

/// The routes of the stylesheets, the service worker, the build's files, the vendored
/// libraries and the map's outlines and the app's icons.
pub fn router(build: Arc<Build>, options: &LeptosOptions) -> Router<LeptosOptions> {
    let root = std::path::Path::new(&*options.site_root);
    let pkg_cache = if build.hashed { FOREVER } else { "no-cache" };
    let worker_script: Arc<str> = worker::script(&build).into();
    let mut router = Router::new();
    for sheet in style::ALL {
        router = router.route(
            &sheet.href(),
            get(move |headers| stylesheet(sheet, headers)),
        );
    }
    router
        .route(
            worker::PATH,
            get(move || {
                let script = worker_script.clone();
                async move {
                    (
                        [
                            (CONTENT_TYPE, "text/javascript; charset=utf-8"),
                            (CACHE_CONTROL, "no-cache"),
                        ],
                        script.to_string(),
                    )
                }
            }),
        )
        .nest_service(
            &format!("/{}", options.site_pkg_dir),
            files(root.join(&*options.site_pkg_dir), pkg_cache),
        )
        .nest_service("/vendor", files(root.join("vendor"), FOREVER))
        // Same name from one deploy to the next: revalidated, and a reload that finds
        // them unchanged gets a `304` (the fallback's file handler answers them whole).
        .nest_service("/geo", files(root.join("geo"), "no-cache"))
        .nest_service("/icons", files(root.join("icons"), "no-cache"))
}

/// The files of `dir`, sent precompressed when the browser accepts it, with
/// `cache_control` on the files found (never on a miss: a file that is missing during
/// a deploy must not be remembered as missing), and `Vary: accept-encoding` so that a
/// cache between us and the browser never hands brotli to a browser that did not ask.
fn files(dir: std::path::PathBuf, cache_control: &'static str) -> Router {
    let keep = move |response: &Response| {
        let found = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
        found.then(|| HeaderValue::from_static(cache_control))
    };
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(SetResponseHeaderLayer::overriding(CACHE_CONTROL, keep))
        .layer(SetResponseHeaderLayer::if_not_present(
            VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
}

/// `GET /assets/<name>-<fingerprint>.css`: a stylesheet, compressed at build time.
async fn stylesheet(sheet: &'static style::Stylesheet, headers: HeaderMap) -> Response {
    let (body, coding): (&'static [u8], Option<&str>) = match Coding::preferred(&headers) {
        Coding::Brotli => (sheet.brotli, Some("br")),
        Coding::Gzip => (sheet.gzip, Some("gzip")),
        Coding::Identity => (sheet.css.as_bytes(), None),
    };
    let mut response = (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, FOREVER),
            (VARY, "accept-encoding"),
        ],
        body,
    )
        .into_response();
    if let Some(coding) = coding {
        response
            .headers_mut()
            .insert(CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    response
}

/// On-the-fly compression, only for what is made per request and worth it: pages,
/// server functions' JSON, CSV exports and drawn SVG posters, above a few hundred bytes.
/// Files on disk come precompressed and are never compressed again (an answer that
/// already has a `Content-Encoding` is left alone).
pub fn compression() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new().compress_when(SizeAbove::new(512).and(made_per_request))
}

fn made_per_request(_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions) -> bool {
    const KINDS: [&str; 5] = [
        "text/html",
        "application/json",
        "text/csv",
        "image/svg+xml",
        "text/plain",
    ];
    headers
        .get(CONTENT_TYPE)
        .and_then(|kind| kind.to_str().ok())
        .is_some_and(|kind| KINDS.iter().any(|k| kind.starts_with(k)))
}

/// The `Cache-Control` of an answer that set none: server functions are never kept
/// (they carry a person's data); anything else is kept but asked again each time, and
/// only by the browser (`private`) when the request carried cookies: a signed-in
/// person's page (their credit, their hearts) is never kept by a shared cache.
pub async fn cache_policy(request: Request, next: Next) -> Response {
    let never_keep = request.uri().path().starts_with("/api/");
    let personal = request.headers().contains_key(COOKIE);
    let mut response = next.run(request).await;
    if !response.headers().contains_key(CACHE_CONTROL) {
        let value = match (never_keep, personal) {
            (true, _) => "no-store",
            (false, true) => "private, no-cache",
            (false, false) => "no-cache",
        };
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}
