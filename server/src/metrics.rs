//! Prometheus metrics at `/metrics`, for the operator's scraper.
//!
//! - Requests, refused ones included (403, 429):
//!   `culture_pass_http_requests_total{route,method,status}` and the latency
//!   histogram `culture_pass_http_request_duration_seconds{route}`. The route is the
//!   router's pattern (`/offres/{id}`, a server function's path), never the URL as
//!   typed, so a crawler cannot grow the series; what no route matched is `other`. The
//!   time is until the response's head (a streamed page's body may follow).
//! - Bookings and refusals by reason, mails by outcome: [`app::ssr::counters`].
//! - Read at each scrape: the database pool of this instance (open, idle, most), the
//!   mails waiting in the outbox (shared by every instance), and the scheduler: how late
//!   its last pass started, how long it took, when its last successful one ended, how
//!   many failed.
//!
//! Off unless asked for (`crate::config::MetricsAccess`): on a listener of its own
//! (`METRICS_ADDR`, inside the private network), and/or on the public port behind
//! `Authorization: Bearer <METRICS_TOKEN>`. Without either, nothing is recorded and the
//! request path carries no extra work.

use crate::config::{MetricsAccess, Secret};
use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::Arc;
use std::time::Instant;
use store::Repo;

const REQUESTS: &str = "culture_pass_http_requests_total";
const REQUEST_SECONDS: &str = "culture_pass_http_request_duration_seconds";
const POOL_OPEN: &str = "culture_pass_db_pool_connections_open";
const POOL_IDLE: &str = "culture_pass_db_pool_connections_idle";
const POOL_MAX: &str = "culture_pass_db_pool_connections_max";
const MAILS_WAITING: &str = "culture_pass_mails_waiting";
/// How late the scheduler's last pass started after its tick was due.
pub const SCHEDULER_LAG: &str = "culture_pass_scheduler_lag_seconds";
/// How long the scheduler's last pass took.
pub const SCHEDULER_PASS: &str = "culture_pass_scheduler_pass_seconds";
/// When the scheduler's last successful pass ended (Unix seconds): `time() -` it is its
/// age, which grows while passes fail.
pub const SCHEDULER_LAST_PASS: &str = "culture_pass_scheduler_last_pass_timestamp_seconds";
/// Passes of the scheduler that failed (the database away, most often).
pub const SCHEDULER_FAILURES: &str = "culture_pass_scheduler_failures_total";
/// Rows the scheduler's jobs changed, by `job`: what several instances share without
/// doing twice.
pub const SCHEDULED_WORK: &str = "culture_pass_scheduled_work_total";

/// Upper bounds of the latency buckets: a page is expected in milliseconds.
const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// The scrape: the process's recorder and what is read from the database each time.
#[derive(Clone)]
pub struct Metrics {
    handle: PrometheusHandle,
    repo: Repo,
    token: Option<Arc<Secret>>,
}

impl Metrics {
    /// Installs the process's recorder when `access` asks for metrics (once per process).
    pub fn install(
        access: &MetricsAccess,
        repo: Repo,
    ) -> Result<Option<Metrics>, Box<dyn std::error::Error>> {
        if !access.enabled() {
            return Ok(None);
        }
        let handle = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.into()), &LATENCY_BUCKETS)?
            .install_recorder()?;
        Ok(Some(Metrics {
            handle,
            repo,
            token: access.token.clone().map(Arc::new),
        }))
    }

    /// The text a scraper reads.
    async fn render(&self) -> String {
        self.handle.run_upkeep();
        let pool = self.repo.pool_usage();
        metrics::gauge!(POOL_OPEN).set(pool.open);
        metrics::gauge!(POOL_IDLE).set(pool.idle);
        metrics::gauge!(POOL_MAX).set(pool.max);
        match self.repo.mails_waiting().await {
            Ok(waiting) => metrics::gauge!(MAILS_WAITING).set(waiting as f64),
            Err(error) => tracing::warn!(%error, "metrics: the outbox could not be counted"),
        }
        self.handle.render()
    }

    /// Whether `headers` carry the token (compared in constant time).
    fn authorized(&self, headers: &HeaderMap) -> bool {
        let Some(token) = &self.token else {
            return false;
        };
        // The scheme's name is case-insensitive (RFC 9110).
        let sent = headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map_or("", |(_, token)| token.trim());
        let expected = token.0.as_bytes();
        sent.len() == expected.len()
            && sent
                .bytes()
                .zip(expected)
                .fold(0u8, |differ, (a, b)| differ | (a ^ b))
                == 0
    }
}

fn exposition(body: String) -> Response {
    (
        [(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        body,
    )
        .into_response()
}

/// `/metrics` on the public port: only with the token (401 otherwise; 404 when no
/// token is set, as if there were no such page).
pub fn public_route<S: Clone + Send + Sync + 'static>(metrics: Option<Metrics>) -> Router<S> {
    let Some(metrics) = metrics.filter(|m| m.token.is_some()) else {
        return Router::new();
    };
    Router::new().route(
        "/metrics",
        get(move |headers: HeaderMap| {
            let metrics = metrics.clone();
            async move {
                if metrics.authorized(&headers) {
                    exposition(metrics.render().await)
                } else {
                    (
                        StatusCode::UNAUTHORIZED,
                        [(WWW_AUTHENTICATE, "Bearer")],
                        "a bearer token is required",
                    )
                        .into_response()
                }
            }
        }),
    )
}

/// `/metrics` on its own listener (`METRICS_ADDR`), without a token: that address is
/// reachable only from where the operator put it.
pub async fn serve_apart(
    addr: std::net::SocketAddr,
    metrics: Metrics,
) -> std::io::Result<tokio::task::JoinHandle<()>> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("metrics on http://{addr}/metrics");
    let app = Router::new().route(
        "/metrics",
        get(move || {
            let metrics = metrics.clone();
            async move { exposition(metrics.render().await) }
        }),
    );
    Ok(tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "the metrics listener stopped");
        }
    }))
}

/// Counts a request and times it, by the route that served it.
pub async fn record(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "other".to_owned(), |path| path.as_str().to_owned());
    // Any token is a method to hyper: only the standard ones get a series of their own.
    let method = match *request.method() {
        Method::GET
        | Method::HEAD
        | Method::POST
        | Method::PUT
        | Method::PATCH
        | Method::DELETE
        | Method::OPTIONS => request.method().to_string(),
        _ => "OTHER".to_owned(),
    };
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::histogram!(REQUEST_SECONDS, "route" => route.clone())
        .record(started.elapsed().as_secs_f64());
    metrics::counter!(REQUESTS, "route" => route, "method" => method, "status" => status)
        .increment(1);
    response
}
