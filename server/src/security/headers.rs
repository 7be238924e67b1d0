//! The security headers of every answer. A Content-Security-Policy allows scripts only
//! from this site (plus WebAssembly compilation, and the inline scripts the page shell
//! needs, each carrying this answer's nonce), images from this site, `data:` and the map's
//! tile server, connections to this site only, no framing, no `<base>`, forms posting
//! here only: a script slipped into a page by some future escaping bug would not run.
//! A page kept for signed-out visitors ([`crate::delivery::page_cache`]) is sent to many
//! of them, so it carries no nonce: its policy names the SHA-256 of each of its inline
//! scripts instead ([`InlineScripts`]), which no other script can match.
//! The rest are fixed (tower-http): no MIME sniffing, referrers trimmed to the origin
//! across sites, camera and location for this site only, and HSTS behind HTTPS.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::Rng;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;

/// The nonce of one answer's inline scripts, put in the request's extensions for the
/// page shell ([`crate::shell`] passes it to Leptos).
#[derive(Clone)]
pub struct CspNonce(pub Arc<str>);

impl CspNonce {
    fn fresh() -> Self {
        let mut bytes = [0u8; 18];
        rand::rng().fill_bytes(&mut bytes);
        CspNonce(
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode(bytes)
                .into(),
        )
    }
}

/// The inline scripts of a page, as the policy's hash sources (` 'sha256-…'` each), put
/// in the extensions of an answer whose scripts carry no nonce of this request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlineScripts(Arc<str>);

impl InlineScripts {
    /// The hashes of every inline `<script>` of `html` (one without `src`), each once.
    /// The HTML is the server's own rendering: text of users is escaped in it, so the
    /// markup of a script is found by plain search.
    pub fn of(html: &str) -> InlineScripts {
        let mut sources: Vec<String> = Vec::new();
        let mut rest = html;
        while let Some(start) = rest.find("<script") {
            let after = &rest[start..];
            let Some(tag_end) = after.find('>') else {
                break;
            };
            let tag = &after[..tag_end];
            let body = &after[tag_end + 1..];
            let Some(body_end) = body.find("</script>") else {
                break;
            };
            if !tag.contains(" src=") {
                let digest = Sha256::digest(&body.as_bytes()[..body_end]);
                let source = format!(" 'sha256-{}'", STANDARD.encode(digest));
                if !sources.contains(&source) {
                    sources.push(source);
                }
            }
            rest = &body[body_end..];
        }
        InlineScripts(sources.concat().into())
    }
}

/// The headers, prepared once from the settings.
#[derive(Clone)]
pub struct Headers {
    /// The policy up to the sources of inline scripts, and after them.
    policy_start: Arc<str>,
    policy_end: Arc<str>,
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
            policy_start: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'".into(),
            policy_end: format!(
                "; style-src 'self'; img-src 'self' data:{tiles}; connect-src 'self'{reload}; \
                 font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; \
                 form-action 'self'"
            )
            .into(),
            https,
        }
    }

    /// The policy of an answer whose inline scripts carry `nonce`.
    fn policy(&self, nonce: &str) -> String {
        format!("{} 'nonce-{nonce}'{}", self.policy_start, self.policy_end)
    }

    /// The policy of an answer whose inline scripts are `scripts`, whatever their nonce.
    fn policy_for(&self, scripts: &InlineScripts) -> String {
        format!("{}{}{}", self.policy_start, scripts.0, self.policy_end)
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

/// Gives the request a fresh nonce and its answer the policy that names it, or the
/// hashes of its scripts when the answer says what they are (a kept page).
pub async fn content_security_policy(
    State(headers): State<Headers>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = CspNonce::fresh();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let policy = match response.extensions().get::<InlineScripts>() {
        Some(scripts) => headers.policy_for(scripts),
        None => headers.policy(&nonce.0),
    };
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
    fn a_kept_page_names_the_hash_of_each_inline_script_and_no_nonce() {
        let html = concat!(
            r#"<head><script type="module" nonce="x">hydrate()</script>"#,
            r#"<script src="/pkg/app.js"></script></head><body><p>&lt;script&gt;</p>"#,
            r#"<script>hydrate()</script><script nonce="y"></script></body>"#
        );
        let scripts = InlineScripts::of(html);
        // sha256("hydrate()") and sha256(""), each once; the script with `src` is not inline.
        assert_eq!(
            scripts.0.as_ref(),
            " 'sha256-1xOs+XHwrijB4CXngT5V2C4kbvzbTzKorKgL9XasfiI=' \
             'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
        let policy = Headers::new("", false, None).policy_for(&scripts);
        assert!(
            policy.starts_with(
                "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-1xOs"
            ),
            "{policy}"
        );
        assert!(!policy.contains("nonce"), "{policy}");
        assert!(policy.ends_with("form-action 'self'"), "{policy}");
    }

    #[test]
    fn hsts_is_sent_only_over_https() {
        assert_eq!(Headers::new("", false, None).fixed().len(), 4);
        assert_eq!(Headers::new("", true, None).fixed().len(), 5);
    }
}
