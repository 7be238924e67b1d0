//! The security headers of every answer. A Content-Security-Policy allows scripts only
//! from this site (plus WebAssembly compilation, and the inline scripts the page shell
//! needs, each carrying this answer's nonce), images from this site, `data:` and the map's
//! tile server, connections to this site only, no framing, no `<base>`, forms posting
//! here only: a script slipped into a page by some future escaping bug would not run.
//! A page kept for signed-out visitors ([`crate::delivery::page_cache`]) is sent to many
//! of them for a few seconds: it carries the nonce of its rendering, fresh at each
//! rendering, so that text stored before it (a title, a comment) still cannot carry it.
//! The rest are fixed (tower-http): no MIME sniffing, referrers trimmed to the origin
//! across sites, camera and location for this site only, and HSTS behind HTTPS.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use rand::Rng;
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;

/// The nonce of one answer's inline scripts, put in the request's extensions for the
/// page shell ([`crate::shell`] passes it to Leptos).
#[derive(Clone)]
pub struct CspNonce(pub Arc<str>);

impl CspNonce {
    pub fn fresh() -> Self {
        let mut bytes = [0u8; 18];
        rand::rng().fill_bytes(&mut bytes);
        CspNonce(
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode(bytes)
                .into(),
        )
    }
}

/// The headers, prepared once from the settings.
#[derive(Clone)]
pub struct Headers {
    /// The policy around the nonce: `...'nonce-` + nonce + `'...`.
    policy_before_nonce: Arc<str>,
    policy_after_nonce: Arc<str>,
    /// HSTS is sent only when the site is served over HTTPS (secure cookies).
    https: bool,
}

impl Headers {
    /// `tiles_url`: the map's tile template (its host may serve images);
    /// `live_reload_port`: `cargo leptos watch`'s websocket, in development only.
    pub fn new(tiles_url: &str, https: bool, live_reload_port: Option<u32>) -> Self {
        let tiles = tile_source(tiles_url)
            .map(|s| format!(" {s}"))
            .unwrap_or_default();
        let reload = live_reload_port
            .map(|port| format!(" ws://*:{port}"))
            .unwrap_or_default();
        Headers {
            policy_before_nonce: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-"
                .into(),
            policy_after_nonce: format!(
                "'; style-src 'self'; img-src 'self' data:{tiles}; connect-src 'self'{reload}; \
                 font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; \
                 form-action 'self'"
            )
            .into(),
            https,
        }
    }

    /// The policy of an answer whose inline scripts carry `nonce`.
    fn policy(&self, nonce: &str) -> String {
        format!(
            "{}{nonce}{}",
            self.policy_before_nonce, self.policy_after_nonce
        )
    }

    /// The headers that are the same on every answer.
    pub fn fixed(&self) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
        let mut fixed = vec![
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
            (
                HeaderName::from_static("permissions-policy"),
                "camera=(self), geolocation=(self), microphone=(), payment=(), usb=()",
            ),
            (header::X_FRAME_OPTIONS, "DENY"),
        ];
        if self.https {
            fixed.push((header::STRICT_TRANSPORT_SECURITY, "max-age=63072000"));
        }
        fixed
            .into_iter()
            .map(|(name, value)| {
                SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
            })
            .collect()
    }
}

/// The tile server's origin as a CSP source (`https://tile.openstreetmap.org`; a
/// `{s}` subdomain becomes `*`), if tiles are configured.
fn tile_source(tiles_url: &str) -> Option<String> {
    let (scheme, rest) = tiles_url.split_once("://")?;
    let host = rest.split('/').next()?.replace("{s}", "*");
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

/// Gives the request a fresh nonce and its answer the policy that names it, or the nonce
/// the answer says it was rendered with (a kept page, in its extensions).
pub async fn content_security_policy(
    State(headers): State<Headers>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = CspNonce::fresh();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let rendered_with = response.extensions().get::<CspNonce>().unwrap_or(&nonce);
    // An answer marked as having a policy of its own keeps it (a mail's preview: its
    // inline styles and no script at all); any other answer gets the site's.
    let own_policy = response
        .extensions()
        .get::<app::features::account::mail_preview::OwnPolicy>()
        .is_some();
    if own_policy
        && response
            .headers()
            .contains_key(header::CONTENT_SECURITY_POLICY)
    {
        return response;
    }
    let policy = headers.policy(&rendered_with.0);
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

/// Gives Leptos the nonce of the current request, so that the scripts it writes into
/// the page (hydration, resolved resources) carry it. Called in the request's context.
pub fn provide_nonce() {
    use leptos::prelude::{provide_context, use_context};
    if let Some(nonce) = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned())
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_the_nonce_the_tile_server_and_nothing_inline() {
        let headers = Headers::new("https://{s}.tile.example.org/{z}/{x}/{y}.png", false, None);
        let policy = headers.policy("abc");
        assert!(
            policy.starts_with(
                "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-abc';"
            ),
            "{policy}"
        );
        assert!(
            policy.contains("img-src 'self' data: https://*.tile.example.org;"),
            "{policy}"
        );
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        assert!(!policy.contains("ws://"), "{policy}");
        let without_tiles = Headers::new("", true, Some(3001)).policy("n");
        assert!(
            without_tiles.contains("img-src 'self' data:;"),
            "{without_tiles}"
        );
        assert!(
            without_tiles.contains("connect-src 'self' ws://*:3001;"),
            "{without_tiles}"
        );
    }

    #[test]
    fn hsts_is_sent_only_over_https() {
        assert_eq!(Headers::new("", false, None).fixed().len(), 4);
        assert_eq!(Headers::new("", true, None).fixed().len(), 5);
    }
}
