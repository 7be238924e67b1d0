//! The HTTP server: the Leptos pages and server functions, the app's files
//! ([`crate::delivery`]), the partners' downloads and the offers' images.

use crate::config::Config;
use crate::config::IdentityCheckKind;
use crate::delivery::{self, Build, Bundles};
use crate::metrics::Metrics;
use crate::observe::{self, Readiness};
use crate::security::client::Proxies;
use crate::security::headers::Headers;
use crate::security::limits::Limits;
use crate::security::origin::Site;
use crate::security::{self, Policy};
use crate::shell::shell;
use app::App;
use app::ssr::identity::{AdminReview, DemoIdentityCheck, IdentityCheck};
use app::ssr::mail::Mailer;
use app::ssr::push::Pusher;
use app::ssr::sender::Sender;
use app::ssr::{AppContext, Caches, Settings, Writer};
use axum::Router;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::routing::get;
use axum::serve::ListenerExt;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::sync::Arc;
use store::Repo;

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
    let mut options = conf.leptos_options;
    // cargo-leptos names the build's files by their hashes (`hash-files` in Cargo.toml)
    // and writes the names beside the binary; a binary started by hand (not by
    // cargo-leptos, which sets LEPTOS_HASH_FILES) finds them there too.
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        options.hash_files = crate::delivery::hash_file(&options).is_some_and(|f| f.is_file());
    }
    Ok(options)
}

pub fn router(
    ctx: AppContext,
    options: LeptosOptions,
    build: Arc<Build>,
    bundles: Arc<Bundles>,
    readiness: Readiness,
    metrics: Option<Metrics>,
) -> Router {
    let routes = generate_route_list(App);
    let downloads = downloads(ctx.clone());
    let pages = delivery::page_cache::PageCache::new(ctx.settings.secure_cookie);
    let context = move || {
        provide_context(ctx.clone());
        crate::security::headers::provide_nonce();
    };
    Router::new()
        .merge(observe::probes(readiness))
        .merge(crate::metrics::public_route(metrics))
        .merge(delivery::router(build, &options))
        .merge(downloads)
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            let bundles = bundles.clone();
            move || shell(options.clone(), bundles.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context,
            move |options| shell(options, bundles.clone()),
        ))
        .layer(delivery::compression())
        .layer(axum::middleware::from_fn(delivery::cache_policy))
        .layer(axum::middleware::from_fn_with_state(
            pages,
            delivery::page_cache::serve,
        ))
        .layer(axum::middleware::from_fn(delivery::search_address::tidy))
        .with_state(options)
}

/// The partners' CSV files and offer images (checked by the dashboard's ownership
/// check, like its server functions), the images as the young see them, the HTML
/// previews of mails for administrators, and the one-click unsubscribe of mails.
fn downloads(ctx: AppContext) -> Router<LeptosOptions> {
    use app::features::pro::dto::{BookingQuery, StatementQuery};
    use app::features::pro::service::{export, images};
    use axum::extract::{DefaultBodyLimit, Path, Query};
    use axum::http::{HeaderMap, StatusCode};
    use axum::response::IntoResponse;
    use axum::routing::post;
    let bookings = {
        let ctx = ctx.clone();
        move |Path(id): Path<i64>, Query(query): Query<BookingQuery>, headers: HeaderMap| async move {
            export::bookings_csv(ctx, headers, id, query).await
        }
    };
    let statement = {
        let ctx = ctx.clone();
        move |Path(id): Path<i64>, Query(query): Query<StatementQuery>, headers: HeaderMap| async move {
            export::statement_csv(ctx, headers, id, query).await
        }
    };
    let payment_file = {
        let ctx = ctx.clone();
        move |Path(id): Path<i64>, headers: HeaderMap| async move {
            app::features::payments::service::file::payment_file(ctx, headers, id).await
        }
    };
    let mail_preview = {
        let ctx = ctx.clone();
        move |Path(kind): Path<String>, headers: HeaderMap| async move {
            app::features::account::mail_preview::html(ctx, headers, kind).await
        }
    };
    let my_data = {
        let ctx = ctx.clone();
        move |headers: HeaderMap| async move {
            app::features::account::my_data::download(ctx, headers).await
        }
    };
    let upload = {
        let ctx = ctx.clone();
        move |Path(id): Path<i64>, headers: HeaderMap, multipart: axum::extract::Multipart| async move {
            let locale = app::lang::of_headers(&headers);
            images::upload(ctx, headers, id, image_field(locale, multipart)).await
        }
    };
    // The one-click unsubscribe of mail clients (RFC 8058): a POST to the link's address
    // stops its kind at once; a browser opening the link gets the page, which asks first.
    let one_click = {
        let ctx = ctx.clone();
        move |Query(link): Query<std::collections::HashMap<String, String>>, headers: HeaderMap| async move {
            let field = |name: &str| link.get(name).map(String::as_str).unwrap_or_default();
            let (key, kind, now) = (field("jeton"), field("type"), ctx.now());
            app::ssr::unsubscribe::one_click(&ctx.repo, &headers, key, kind, now).await
        }
    };
    let image = move |Path((id, name)): Path<(i64, String)>, headers: HeaderMap| async move {
        use domain::pro::image::{LARGE_FILE, THUMBNAIL_FILE};
        match name.as_str() {
            LARGE_FILE => images::serve(ctx, headers, id, true)
                .await
                .map(axum::body::Body::from)
                .into_response(),
            THUMBNAIL_FILE => images::serve(ctx, headers, id, false)
                .await
                .map(axum::body::Body::from)
                .into_response(),
            _ => StatusCode::NOT_FOUND.into_response(),
        }
    };
    Router::new()
        .route("/pro/structures/{id}/reservations.csv", get(bookings))
        .route("/pro/structures/{id}/remboursements.csv", get(statement))
        .route(
            "/admin/remboursements/{id}/virements.csv",
            get(payment_file),
        )
        .route(
            "/pro/offres/{id}/image",
            post(upload).layer(DefaultBodyLimit::max(
                domain::pro::image::MAX_BYTES + 64 * 1024,
            )),
        )
        .route("/images/offres/{id}/{name}", get(image))
        .route("/images/categories/{name}", get(category_poster))
        .route("/admin/courriels/apercu/{kind}", get(mail_preview))
        .route(app::features::account::my_data::PATH, get(my_data))
        .route(app::ssr::unsubscribe::PATH, post(one_click))
}

/// `GET /images/categories/<group>.svg`: the poster of a category (offers without an
/// image of their own).
async fn category_poster(
    axum::extract::Path(name): axum::extract::Path<String>,
) -> axum::response::Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    let group = name
        .strip_suffix(".svg")
        .and_then(domain::catalogue::SearchGroup::from_key);
    match group {
        Some(group) => (
            [
                (CONTENT_TYPE, "image/svg+xml"),
                (CACHE_CONTROL, "public, max-age=86400"),
            ],
            app::ssr::illustration::svg(group),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The bytes of the `image` field of an upload form; its refusals in `locale`.
async fn image_field(
    locale: app::lang::Locale,
    mut multipart: axum::extract::Multipart,
) -> Result<Vec<u8>, app::error::AppError> {
    use app::error::AppError;
    use app::lang::fields::field;
    use domain::pro::FieldRefusal;
    let refused = |reason| AppError::invalid("image", field(locale, &reason));
    let too_big = || refused(FieldRefusal::ImageTooHeavy);
    while let Some(part) = multipart.next_field().await.map_err(|_| too_big())? {
        if part.name() == Some("image") {
            return Ok(part.bytes().await.map_err(|_| too_big())?.to_vec());
        }
    }
    Err(refused(FieldRefusal::NoImage))
}

pub async fn serve(repo: Repo, config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let options = leptos_options()?;
    let addr = options.site_addr;
    let build = Arc::new(Build::read(&options, delivery::worker::CODE)?);
    tracing::info!(version = %build.version, files = build.files.len(), "serving build");
    let bundles = Arc::new(Bundles::read(&options));
    // Before the scheduler and the sender start, so that their first passes count.
    let metrics = Metrics::install(&config.metrics, repo.clone())?;
    let clock = crate::clock::from_settings(config.clock_shift_file.as_ref());
    let writer =
        Writer::for_backend(store::Backend::of_url(&config.database_url)?.has_one_writer())?;
    let identity: Arc<dyn IdentityCheck> = match config.identity_check {
        IdentityCheckKind::Demo => Arc::new(DemoIdentityCheck),
        IdentityCheckKind::Admin => Arc::new(AdminReview),
    };
    let vapid = match &config.vapid_private_key {
        Some(key) => app::ssr::push::VapidKey::parse(&key.0)?,
        None => {
            let fresh = app::ssr::push::VapidKey::generate().to_base64();
            app::ssr::push::VapidKey::parse(&repo.vapid_key(&fresh, clock.now()).await?)?
        }
    };
    let settings = Settings {
        public_url: config.public_url(addr)?,
        push_public_key: Some(vapid.public_base64()),
        ..config.settings
    };
    let subject = format!("mailto:{}", settings.support_email);
    let this_machine = settings.push_this_machine;
    Pusher::new(repo.clone(), clock.clone(), vapid, subject, this_machine)?.spawn();
    let jobs = crate::jobs::spawn(
        repo.clone(),
        clock.clone(),
        crate::jobs::Settings {
            public_url: settings.public_url.clone(),
            credit_policy: settings.credit_policy.clone(),
            period: config.jobs_period,
        },
    );
    let mailer = match &config.smtp_url {
        Some(url) => Mailer::smtp(url, &config.mail_from, config.mail_relay_timeout)?,
        None => Mailer::OutboxOnly,
    };
    let sender = Sender {
        repo: repo.clone(),
        mailer,
        clock: clock.clone(),
        first_wait: config.mail_first_retry,
        public_url: settings.public_url.clone(),
    }
    .spawn();
    let limits = Limits::new(config.client_limits);
    let policy = Policy {
        client: Proxies(Arc::new(config.trusted_proxies)),
        headers: Headers::new(
            &settings.map_tiles_url,
            settings.secure_cookie,
            live_reload_port(&options),
        ),
        site: Site(settings.public_url.as_str().into()),
        limits: limits.clone(),
    };
    let forget_idle_clients = tokio::spawn(async move {
        let mut ticks = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            ticks.tick().await;
            limits.forget_idle();
        }
    });
    let readiness = Readiness::new(repo.clone());
    let metrics_apart = match (config.metrics.addr, &metrics) {
        (Some(addr), Some(metrics)) => {
            Some(crate::metrics::serve_apart(addr, metrics.clone()).await?)
        }
        _ => None,
    };
    let ctx = AppContext {
        repo,
        clock,
        settings: Arc::new(settings),
        identity,
        caches: Caches::new(),
        writer,
        images: config.image_store.clone(),
    };
    let counted = metrics.is_some();
    let app = security::protect(
        router(ctx, options, build, bundles, readiness.clone(), metrics),
        policy,
    );
    // Around the protections, so that their refusals (403, 429) are counted, and around
    // the page cache, so that pages served from it are too.
    let app = if counted {
        app.layer(axum::middleware::from_fn(crate::metrics::record))
    } else {
        app
    };
    let app = observe::request_ids(app);
    // Without TCP_NODELAY, every response written in several pieces waits ~40 ms for
    // the client's delayed ACK.
    let listener = tokio::net::TcpListener::bind(addr).await?.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    tracing::info!("listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown(readiness, config.shutdown_drain))
    .await?;
    jobs.abort();
    if let Some(sender) = sender {
        sender.abort();
    }
    forget_idle_clients.abort();
    if let Some(listener) = metrics_apart {
        listener.abort();
    }
    Ok(())
}

/// `cargo leptos watch`'s live-reload websocket port, when running under it.
fn live_reload_port(options: &LeptosOptions) -> Option<u32> {
    std::env::var_os("LEPTOS_WATCH")
        .map(|_| options.reload_external_port.unwrap_or(options.reload_port))
}

/// Waits for Ctrl-C or SIGTERM, then answers `/readyz` with 503 for `drain` while still
/// serving (see [`crate::observe`]); the server then stops taking connections and
/// finishes those in flight.
async fn shutdown(readiness: Readiness, drain: std::time::Duration) {
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
    readiness.drain();
    tracing::info!(drain_seconds = drain.as_secs(), "shutting down");
    tokio::time::sleep(drain).await;
}
