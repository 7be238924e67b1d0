//! The HTTP server: the Leptos pages and server functions, the stylesheet, static files.

use crate::config::Config;
use crate::config::IdentityCheckKind;
use crate::shell::shell;
use app::App;
use app::ssr::identity::{AdminReview, DemoIdentityCheck, IdentityCheck};
use app::ssr::mail::Mailer;
use app::ssr::{AppContext, Clock, SystemClock};
use axum::Router;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::routing::get;
use axum::serve::ListenerExt;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::sync::Arc;
use store::Repo;
use tower_http::compression::CompressionLayer;

/// The Leptos options: from cargo-leptos's environment when it built or runs the
/// binary, otherwise from the workspace's Cargo.toml metadata.
fn leptos_options() -> Result<LeptosOptions, Box<dyn std::error::Error>> {
    let conf = match leptos::config::get_configuration(None) {
        Ok(conf) => conf,
        Err(_) => leptos::config::get_configuration(Some(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../Cargo.toml"
        )))?,
    };
    Ok(conf.leptos_options)
}

pub fn router(ctx: AppContext, options: LeptosOptions) -> Router {
    let routes = generate_route_list(App);
    let context = move || provide_context(ctx.clone());
    Router::new()
        .route(&style::href(), get(stylesheet))
        .route("/healthz", get(|| async { "ok" }))
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, shell,
        ))
        .layer(CompressionLayer::new())
        .with_state(options)
}

async fn stylesheet() -> impl axum::response::IntoResponse {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        style::CSS,
    )
}

pub async fn serve(repo: Repo, config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let options = leptos_options()?;
    let addr = options.site_addr;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let jobs = crate::jobs::spawn(repo.clone(), clock.clone());
    let identity: Arc<dyn IdentityCheck> = match config.identity_check {
        IdentityCheckKind::Demo => Arc::new(DemoIdentityCheck),
        IdentityCheckKind::Admin => Arc::new(AdminReview),
    };
    let mailer = match &config.smtp_url {
        Some(url) => Mailer::smtp(url, &config.mail_from)?,
        None => Mailer::OutboxOnly,
    };
    let ctx = AppContext {
        repo,
        clock,
        settings: Arc::new(config.settings),
        identity,
        mailer,
    };
    let app = router(ctx, options);
    // Without TCP_NODELAY, every response written in several pieces waits ~40 ms for
    // the client's delayed ACK.
    let listener = tokio::net::TcpListener::bind(addr).await?.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    tracing::info!("listening on http://{addr}");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await?;
    jobs.abort();
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
