//! What a load balancer and an operator see of one instance.
//!
//! - `/healthz`: the process answers (it touches nothing).
//! - `/readyz`: the instance can serve: its database answers within 2 s and it is not
//!   shutting down. A balancer stops sending requests to an instance that answers 503.
//!   On SIGTERM the instance answers 503 there for `SHUTDOWN_DRAIN_SECONDS` while it
//!   still serves everything else, so that the balancer notices before the instance
//!   stops taking connections; then it finishes the requests in flight and stops.
//! - Every request has an id: the one a proxy in front sent in `X-Request-Id`, else a
//!   new one. Every log line written while the request is served names it, with the
//!   method and the path, and the response carries it back in `X-Request-Id`, so that a
//!   person's report ("it failed at 10:02, request 5f0c…") leads to the log lines.

use axum::Router;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use store::Repo;
use tower_http::classify::ServerErrorsFailureClass;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// How long `/readyz` waits for the database before it says the instance is not ready.
const PING_TIMEOUT: Duration = Duration::from_secs(2);

/// Whether this instance should get traffic.
#[derive(Clone)]
pub struct Readiness {
    repo: Repo,
    draining: Arc<AtomicBool>,
}

impl Readiness {
    pub fn new(repo: Repo) -> Self {
        Readiness {
            repo,
            draining: Arc::new(AtomicBool::new(false)),
        }
    }

    /// From now on `/readyz` answers 503: the instance is shutting down.
    pub fn drain(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    async fn answer(&self) -> (StatusCode, &'static str) {
        if self.draining.load(Ordering::SeqCst) {
            return (StatusCode::SERVICE_UNAVAILABLE, "shutting down");
        }
        match tokio::time::timeout(PING_TIMEOUT, self.repo.ping()).await {
            Ok(Ok(())) => (StatusCode::OK, "ready"),
            Ok(Err(error)) => {
                tracing::warn!(%error, "not ready: the database does not answer");
                (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
            }
            Err(_) => {
                tracing::warn!("not ready: the database did not answer within 2 s");
                (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
            }
        }
    }
}

/// `/healthz` and `/readyz`.
pub fn probes<S: Clone + Send + Sync + 'static>(readiness: Readiness) -> Router<S> {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route(
            "/readyz",
            get(move || {
                let readiness = readiness.clone();
                async move { readiness.answer().await }
            }),
        )
}

/// Gives every request an id, logs within its span, and sends the id back.
/// (The last layer added is the outermost: the id is set first.)
pub fn request_ids(app: Router) -> Router {
    app.layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_failure(log_failure),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// Server errors, logged in their request's span; not 503s, which `/readyz` answers on
/// purpose while the instance drains or its database is away (it logs the latter).
fn log_failure(failure: ServerErrorsFailureClass, latency: Duration, _span: &tracing::Span) {
    let unavailable = matches!(
        failure,
        ServerErrorsFailureClass::StatusCode(StatusCode::SERVICE_UNAVAILABLE)
    );
    if !unavailable {
        tracing::error!(%failure, latency_ms = latency.as_millis(), "request failed");
    }
}

/// The span of one request: its id, method and path (never its query, which may hold a
/// token).
fn request_span<B>(request: &Request<B>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|id| id.to_str().ok())
        .unwrap_or_default();
    // At the error level, so that it is on whatever RUST_LOG lets through: a warning
    // logged under RUST_LOG=warn names its request too.
    tracing::error_span!(
        "request",
        id,
        method = %request.method(),
        path = request.uri().path(),
    )
}
