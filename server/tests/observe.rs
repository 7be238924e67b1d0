//! What a load balancer and an operator see of one instance (server/src/observe.rs and
//! metrics.rs): the readiness probe, its answer while the instance drains before
//! stopping, the id every answer carries, and the metrics a scraper reads.

mod support;

use std::time::Duration;
use support::{Visitor, backends, free_port, start_server_on};

async fn get(client: &reqwest::Client, url: String) -> (u16, String) {
    let answer = client.get(url).send().await.expect("an answer");
    let status = answer.status().as_u16();
    (status, answer.text().await.unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ready_while_its_database_answers_and_not_once_it_is_gone() {
    for backend in backends() {
        let server = start_server_on(backend, &[("CLIENT_LIMITS", "off")]).await;
        let client = reqwest::Client::new();
        assert_eq!(
            get(&client, format!("{}/readyz", server.base)).await,
            (200, "ready".to_owned()),
            "{backend}"
        );
        if server.drop_database() {
            assert_eq!(
                get(&client, format!("{}/readyz", server.base)).await,
                (503, "database unavailable".to_owned()),
                "{backend}: the database was dropped"
            );
            // The process itself still answers: it is alive, not ready.
            assert_eq!(
                get(&client, format!("{}/healthz", server.base)).await.0,
                200
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sigterm_it_says_it_is_not_ready_while_it_still_serves_then_stops() {
    let mut server = start_server_on(
        "sqlite",
        &[("CLIENT_LIMITS", "off"), ("SHUTDOWN_DRAIN_SECONDS", "3")],
    )
    .await;
    let client = reqwest::Client::new();
    assert_eq!(get(&client, format!("{}/readyz", server.base)).await.0, 200);

    server.terminate();
    let mut draining = false;
    for _ in 0..40 {
        if get(&client, format!("{}/readyz", server.base)).await
            == (503, "shutting down".to_owned())
        {
            draining = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(draining, "/readyz answers 503 once SIGTERM is received");
    // Meanwhile pages are still served, to the requests the balancer still sends.
    assert_eq!(
        get(&client, format!("{}/offres/1", server.base)).await.0,
        200
    );
    assert!(
        server.exited_within(Duration::from_secs(20)).await,
        "the server stops after its drain"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_names_its_request_and_keeps_an_id_a_proxy_gave() {
    let server = start_server_on("sqlite", &[("CLIENT_LIMITS", "off")]).await;
    let client = reqwest::Client::new();
    let mut seen = Vec::new();
    for path in ["/", "/healthz", "/nulle-part", "/api/search?params[q]=jazz"] {
        let answer = client
            .get(format!("{}{path}", server.base))
            .send()
            .await
            .expect("an answer");
        let id = answer
            .headers()
            .get("x-request-id")
            .and_then(|id| id.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        // A UUID: 36 characters, four dashes.
        assert_eq!(
            (id.len(), id.matches('-').count()),
            (36, 4),
            "{path}: {id:?}"
        );
        seen.push(id);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 4, "each request has its own id");

    let answer = client
        .get(format!("{}/", server.base))
        .header("x-request-id", "proxy-7f3a")
        .send()
        .await
        .expect("an answer");
    assert_eq!(
        answer
            .headers()
            .get("x-request-id")
            .and_then(|id| id.to_str().ok()),
        Some("proxy-7f3a")
    );
}

const METRICS_TOKEN: &str = "a-scraper-token-nobody-guesses";

/// The value of the series `name{labels}` in a scrape, if present (`labels` as the
/// exposition writes them, in order).
fn series(scrape: &str, name_and_labels: &str) -> Option<f64> {
    scrape
        .lines()
        .find_map(|line| line.strip_prefix(name_and_labels)?.strip_prefix(' '))
        .and_then(|value| value.trim().parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_bookings_refusals_and_requests_for_whoever_may_read_them() {
    for backend in backends() {
        let apart = format!("127.0.0.1:{}", free_port());
        let server = start_server_on(
            backend,
            &[
                ("CLIENT_LIMITS", "off"),
                ("METRICS_TOKEN", METRICS_TOKEN),
                ("METRICS_ADDR", apart.as_str()),
            ],
        )
        .await;
        let client = reqwest::Client::new();
        let metrics = format!("{}/metrics", server.base);

        // On the public port, only with the token.
        assert_eq!(
            client.get(&metrics).send().await.expect("answer").status(),
            401
        );
        let wrong = client
            .get(&metrics)
            .bearer_auth("a-scraper-token-nobody-guessez")
            .send()
            .await
            .expect("answer");
        assert_eq!(wrong.status(), 401, "{backend}");

        // A booking, then the same offer again: refused, already booked.
        let young = Visitor::signed_in("young", &server.base, "jeune@demo.culture-pass.fr").await;
        let book = [("stock_id", "7".to_owned()), ("quantity", "1".to_owned())];
        young.ok("/api/book", &book).await;
        let (status, body) = young.call("/api/book", &book).await;
        assert_eq!(status, 409, "{backend}: {body}");
        assert_eq!(
            get(&client, format!("{}/offres/1", server.base)).await.0,
            200
        );
        assert_eq!(
            get(&client, format!("{}/nulle-part", server.base)).await.0,
            404
        );
        // A refusal by the protections around the app is counted too.
        let cross_site = client
            .post(format!("{}/api/login", server.base))
            .header("Origin", "https://evil.example")
            .form(&[("email", "x@example.org"), ("password", "x")])
            .send()
            .await
            .expect("answer");
        assert_eq!(cross_site.status(), 403);

        let answer = client
            .get(&metrics)
            .bearer_auth(METRICS_TOKEN)
            .send()
            .await
            .expect("answer");
        assert_eq!(answer.status(), 200, "{backend}");
        let scrape = answer.text().await.expect("text");
        assert_eq!(
            series(&scrape, "culture_pass_bookings_total"),
            Some(1.0),
            "{scrape}"
        );
        assert_eq!(
            series(
                &scrape,
                "culture_pass_booking_refusals_total{reason=\"AlreadyBooked\"}"
            ),
            Some(1.0),
            "{scrape}"
        );
        // Requests by route pattern, never by the URL typed.
        assert_eq!(
            series(
                &scrape,
                "culture_pass_http_requests_total{route=\"/offres/{id}\",method=\"GET\",status=\"200\"}"
            ),
            Some(1.0),
            "{scrape}"
        );
        assert_eq!(
            series(
                &scrape,
                "culture_pass_http_requests_total{route=\"other\",method=\"GET\",status=\"404\"}"
            ),
            Some(1.0),
            "{scrape}"
        );
        assert!(!scrape.contains("nulle-part"), "{scrape}");
        assert!(
            scrape
                .lines()
                .any(|line| line.starts_with("culture_pass_http_requests_total")
                    && line.contains("method=\"POST\",status=\"403\"")),
            "{scrape}"
        );
        assert!(
            series(
                &scrape,
                "culture_pass_http_request_duration_seconds_bucket{route=\"/offres/{id}\",le=\"+Inf\"}"
            ) == Some(1.0),
            "a latency histogram: {scrape}"
        );
        // Read at the scrape: the pool, the outbox (the sign-in's mails and the booking's
        // confirmation wait for a relay this server does not have), the scheduler.
        assert_eq!(
            series(&scrape, "culture_pass_db_pool_connections_max"),
            Some(16.0),
            "{scrape}"
        );
        assert!(
            series(&scrape, "culture_pass_mails_waiting").is_some_and(|n| n >= 1.0),
            "{scrape}"
        );
        assert!(
            series(
                &scrape,
                "culture_pass_scheduler_last_pass_timestamp_seconds"
            )
            .is_some_and(|at| at > 1.7e9),
            "{scrape}"
        );

        // The listener of its own answers without a token, with the same counters.
        let inside = get(&client, format!("http://{apart}/metrics")).await;
        assert_eq!(inside.0, 200, "{backend}");
        assert_eq!(series(&inside.1, "culture_pass_bookings_total"), Some(1.0));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_metrics_setting_there_is_no_metrics_page() {
    let server = start_server_on("sqlite", &[("CLIENT_LIMITS", "off")]).await;
    let client = reqwest::Client::new();
    let answer = client
        .get(format!("{}/metrics", server.base))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status(), 404);
}
