//! What every request goes through before the application sees it, outermost first:
//! who the client is ([`client`]), the security headers of every answer ([`headers`]),
//! the refusal of writes from other sites ([`origin`]) and the per-client limits of the
//! actions worth flooding ([`limits`]).

pub mod client;
pub mod headers;
pub mod limits;
pub mod origin;

use app::error::AppError;
use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};

/// Everything the layers need to know, from the settings.
#[derive(Clone)]
pub struct Policy {
    pub client: client::Proxies,
    pub headers: headers::Headers,
    pub site: origin::Site,
    pub limits: limits::Limits,
}

/// `router` behind every layer of protection.
pub fn protect(router: Router, policy: Policy) -> Router {
    let router = router
        .layer(from_fn_with_state(policy.limits, limits::limit))
        .layer(from_fn_with_state(
            policy.site,
            origin::refuse_cross_site_writes,
        ))
        .layer(from_fn_with_state(
            policy.headers.clone(),
            headers::content_security_policy,
        ));
    policy
        .headers
        .fixed()
        .into_iter()
        .fold(router, |router, layer| router.layer(layer))
        .layer(from_fn_with_state(policy.client, client::identify))
}

/// A refusal from a layer, as server functions answer theirs: the error's status and
/// the typed error as JSON, so the browser shows its French message.
pub fn refusal(error: &AppError) -> Response {
    (
        error.status_code(),
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        serde_json::to_string(error).unwrap_or_default(),
    )
        .into_response()
}
