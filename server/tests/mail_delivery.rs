//! Mail leaves through a real SMTP server (aiosmtpd), outside the requests that cause it:
//! a relay that is down never fails the request, the message waits in the outbox with the
//! reason of each failed attempt, and once the relay is back it is delivered exactly once;
//! a booking's confirmation is written by the sender from the booking. Administrators
//! preview every kind of mail, its HTML under a policy of its own.

use app::features::account::api as account;
use app::features::booking::api as booking;
use leptos::server_fn::ServerFn;
use serde_json::Value;
use std::time::Duration;

mod support;
use support::*;

const YOUNG: &str = "jeune@demo.culture-pass.fr";
const ADMIN: &str = "admin@demo.culture-pass.fr";

/// The outbox's messages of `kind`, as the administrators' page reads them.
async fn mails_of(admin: &Visitor, kind: &str) -> Vec<Value> {
    outbox_read_by(admin)
        .await
        .into_iter()
        .filter(|m| m["kind"] == kind)
        .collect()
}

/// Waits (at most a minute) until the one message of `kind` satisfies `done`.
async fn wait_for_mail(admin: &Visitor, kind: &str, done: impl Fn(&Value) -> bool) -> Value {
    let mut last = Vec::new();
    for _ in 0..240 {
        last = mails_of(admin, kind).await;
        if let [mail] = last.as_slice()
            && done(mail)
        {
            return mail.clone();
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the message never got there: {last:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relay_that_is_down_delays_mail_and_it_is_delivered_once_when_back() {
    for backend in backends() {
        eprintln!("-- on {backend}");
        let relay_port = free_port();
        let smtp = format!("smtp://127.0.0.1:{relay_port}");
        let server = start_server_on(
            backend,
            &[
                ("CLIENT_LIMITS", "off"),
                ("SMTP_URL", &smtp),
                ("MAIL_FIRST_RETRY_SECONDS", "1"),
            ],
        )
        .await;
        let admin = Visitor::new("admin", &server.base);
        admin.login(ADMIN, PASSWORD).await;

        // Nothing listens on the relay's port: the requests succeed all the same.
        let young = Visitor::new("young", &server.base);
        young
            .ok(
                account::RequestPasswordReset::PATH,
                &[("email", YOUNG.to_owned())],
            )
            .await;
        young.login(YOUNG, PASSWORD).await;
        let ticket = young
            .ok(
                booking::Book::PATH,
                &[
                    ("stock_id", "1".to_owned()),
                    ("quantity", "1".to_owned()),
                    ("idempotency_key", "mail-test-1".to_owned()),
                ],
            )
            .await;
        let token = ticket["token"].as_str().expect("a ticket").to_owned();
        for kind in ["password_reset", "booking_confirmed"] {
            let waiting = wait_for_mail(&admin, kind, |m| {
                m["status"] == "pending" && m["attempts"].as_i64() >= Some(1)
            })
            .await;
            assert_eq!(waiting["recipient"], YOUNG);
            let delivery = waiting["delivery"].as_str().unwrap_or_default();
            assert!(delivery.starts_with("Nouvel essai prévu"), "{delivery}");
        }

        // The relay comes up: the next attempts deliver them.
        let maildir = tempfile::tempdir().expect("maildir");
        let relay = Relay::start(relay_port, maildir.path());
        let reset = wait_for_mail(&admin, "password_reset", |m| m["status"] == "sent").await;
        assert!(reset["attempts"].as_i64() >= Some(2), "{reset}");
        // The confirmation was written by the sender from the booking.
        let confirmation =
            wait_for_mail(&admin, "booking_confirmed", |m| m["status"] == "sent").await;
        let body = confirmation["body"].as_str().unwrap_or_default();
        assert!(
            body.contains(&format!("Ton code de réservation : {token}")),
            "{body}"
        );
        assert!(body.contains("/reservations/"), "{body}");
        // Exactly one delivery each, even after more rounds of the sender.
        tokio::time::sleep(Duration::from_secs(5)).await;
        let received = relay.received();
        assert_eq!(received.len(), 2, "{received:?}");
        assert!(
            received.iter().all(|m| m.contains(&format!("To: {YOUNG}"))),
            "{received:?}"
        );
        assert!(
            received
                .iter()
                .any(|m| m.contains("Subject: Choisis un nouveau mot de passe")),
            "{received:?}"
        );
        // The confirmation carries a plain-text and an HTML part.
        assert!(
            received.iter().any(|m| m.contains("multipart/alternative")),
            "{received:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn administrators_preview_every_kind_of_mail_and_no_one_else() {
    let server = start_server().await;
    let admin = Visitor::new("admin", &server.base);
    admin.login(ADMIN, PASSWORD).await;
    let samples = admin.ok(account::MailSamples::PATH, &[]).await;
    let kinds: Vec<&str> = samples
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|s| s["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"booking_confirmed"), "{kinds:?}");
    assert!(kinds.contains(&"event_tomorrow"), "{kinds:?}");

    let preview = |visitor: &Visitor, kind: &str| {
        visitor
            .client
            .get(format!("{}/admin/courriels/apercu/{kind}", server.base))
            .send()
    };
    let page = preview(&admin, "booking_confirmed").await.expect("preview");
    assert_eq!(page.status().as_u16(), 200);
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        policy.starts_with("default-src 'none'; style-src 'unsafe-inline'"),
        "{policy}"
    );
    assert!(!policy.contains("script-src"), "{policy}");
    let html = page.text().await.expect("html");
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(html.contains("Réservation confirmée"), "{html}");
    assert_eq!(
        preview(&admin, "nothing")
            .await
            .expect("unknown")
            .status()
            .as_u16(),
        404
    );

    let young = Visitor::new("young", &server.base);
    assert_eq!(
        preview(&young, "booking_confirmed")
            .await
            .expect("anonymous")
            .status()
            .as_u16(),
        401
    );
    young.login(YOUNG, PASSWORD).await;
    assert_eq!(
        preview(&young, "booking_confirmed")
            .await
            .expect("young")
            .status()
            .as_u16(),
        403
    );
    let (status, _) = young.call(account::MailSamples::PATH, &[]).await;
    assert_eq!(status, 403);
}
