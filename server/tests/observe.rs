//! What a load balancer and an operator see of one instance (server/src/observe.rs): the
//! readiness probe, its answer while the instance drains before stopping, and the id
//! every answer carries.

mod support;

use std::time::Duration;
use support::{backends, start_server_on};

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
