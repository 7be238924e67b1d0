//! Web Push end to end: a young person's two devices subscribe through the API, a
//! booking writes its notification, and the server's pusher delivers it to a push
//! service started here (an HTTP server that plays the browser vendor's: it decrypts
//! what it receives with the device's keys, as the phone would). The device whose push
//! service answers "gone" is forgotten.

mod support;

use app::features::booking::api as booking;
use app::features::notifications::api as notifications;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use base64ct::{Base64UrlUnpadded, Encoding};
use leptos::server_fn::ServerFn;
use p256::ecdsa::signature::Verifier;
use std::time::Duration;
use support::*;
use tokio::sync::mpsc;
use web_push_native::p256::SecretKey;
use web_push_native::p256::elliptic_curve::sec1::ToEncodedPoint;

const YOUNG: &str = "jeune@demo.culture-pass.fr";

/// What the push service received for one device.
struct Received {
    device: String,
    headers: HeaderMap,
    body: Vec<u8>,
}

/// A push service on a free port: `/push/gone` answers 410 Gone, any other device 201.
async fn push_service(sent: mpsc::UnboundedSender<Received>) -> u16 {
    async fn receive(
        State(sent): State<mpsc::UnboundedSender<Received>>,
        Path(device): Path<String>,
        headers: HeaderMap,
        body: axum::body::Bytes,
    ) -> StatusCode {
        let gone = device == "gone";
        let _ = sent.send(Received {
            device,
            headers,
            body: body.to_vec(),
        });
        if gone {
            StatusCode::GONE
        } else {
            StatusCode::CREATED
        }
    }
    let app = axum::Router::new()
        .route("/push/{device}", axum::routing::post(receive))
        .with_state(sent);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let port = listener.local_addr().expect("address").port();
    tokio::spawn(async move { axum::serve(listener, app).await });
    port
}

/// A device's keys, as a browser makes them: its P-256 key pair and auth secret.
struct DeviceKeys {
    secret: SecretKey,
    auth: [u8; 16],
}

impl DeviceKeys {
    fn new(seed: u8) -> Self {
        DeviceKeys {
            secret: SecretKey::from_slice(&[seed; 32]).expect("a P-256 scalar"),
            auth: [seed.wrapping_add(1); 16],
        }
    }

    fn form(&self, endpoint: &str) -> Vec<(&'static str, String)> {
        let public = self.secret.public_key().to_encoded_point(false);
        vec![
            ("endpoint", endpoint.to_owned()),
            (
                "p256dh",
                Base64UrlUnpadded::encode_string(public.as_bytes()),
            ),
            ("auth", Base64UrlUnpadded::encode_string(&self.auth)),
        ]
    }
}

async fn next(received: &mut mpsc::UnboundedReceiver<Received>) -> Received {
    tokio::time::timeout(Duration::from_secs(30), received.recv())
        .await
        .expect("a push within 30 s")
        .expect("the push service runs")
}

#[tokio::test]
async fn a_booking_is_pushed_encrypted_to_each_device_and_a_gone_device_is_forgotten() {
    let (sent, mut received) = mpsc::unbounded_channel();
    let port = push_service(sent).await;
    // This machine is a push service for this test only (`PUSH_TEST_ENDPOINTS`).
    let server = start_server_on(
        "sqlite",
        &[("CLIENT_LIMITS", "off"), ("PUSH_TEST_ENDPOINTS", "on")],
    )
    .await;
    let young = Visitor::new("young", &server.base);

    // The server says which key a young person subscribes with; not to the signed-out.
    let key = young.ok(notifications::PushKey::PATH, &[]).await;
    assert_eq!(key, serde_json::Value::Null, "signed out: no pushes");
    let phone = DeviceKeys::new(7);
    let endpoint = |device: &str| format!("http://127.0.0.1:{port}/push/{device}");
    let (status, _) = young
        .call(
            notifications::SubscribePush::PATH,
            &phone.form(&endpoint("phone")),
        )
        .await;
    assert_eq!(status, 401, "signed out");

    young.login(YOUNG, PASSWORD).await;
    let key = young.ok(notifications::PushKey::PATH, &[]).await;
    let key = Base64UrlUnpadded::decode_vec(key.as_str().expect("a key")).expect("base64url");
    assert_eq!((key.len(), key[0]), (65, 4), "an uncompressed P-256 point");
    // Bad input: not a browser's push service, a key that is not a point.
    for elsewhere in [
        "ftp://example.org/x",
        "https://169.254.169.254/latest",
        "http://127.0.0.1:5432@example.org/x",
    ] {
        let (status, body) = young
            .call(notifications::SubscribePush::PATH, &phone.form(elsewhere))
            .await;
        assert_eq!(status, 400, "{elsewhere}: {body}");
    }
    let mut bad = phone.form("ftp://example.org/x");
    let (status, body) = young.call(notifications::SubscribePush::PATH, &bad).await;
    assert_eq!(status, 400, "{body}");
    bad = phone.form(&endpoint("phone"));
    bad[1].1 = Base64UrlUnpadded::encode_string(&[4; 65]);
    let (status, body) = young.call(notifications::SubscribePush::PATH, &bad).await;
    assert_eq!(status, 400, "{body}");

    young
        .ok(
            notifications::SubscribePush::PATH,
            &phone.form(&endpoint("phone")),
        )
        .await;
    young
        .ok(
            notifications::SubscribePush::PATH,
            &DeviceKeys::new(9).form(&endpoint("gone")),
        )
        .await;

    let ticket = young
        .ok(
            booking::Book::PATH,
            &[
                ("stock_id", "1".to_owned()),
                ("quantity", "1".to_owned()),
                ("idempotency_key", "push-test-1".to_owned()),
            ],
        )
        .await;
    let booking_id = ticket["id"].as_i64().expect("a booking");

    let mut pushes = [next(&mut received).await, next(&mut received).await];
    pushes.sort_by(|a, b| a.device.cmp(&b.device));
    let (gone, push) = (&pushes[0], &pushes[1]);
    assert_eq!(
        (gone.device.as_str(), push.device.as_str()),
        ("gone", "phone")
    );
    // Signed with the server's key for the push service's origin (RFC 8292), encrypted
    // for the device alone (RFC 8291).
    let authorization = push.headers["authorization"].to_str().expect("text");
    let (token, public) = authorization
        .strip_prefix("vapid t=")
        .and_then(|rest| rest.split_once(", k="))
        .expect("a token and a key");
    assert_eq!(Base64UrlUnpadded::decode_vec(public).expect("key"), key);
    let (signed, signature) = token.rsplit_once('.').expect("a JWT");
    let signature = Base64UrlUnpadded::decode_vec(signature).expect("base64url");
    p256::ecdsa::VerifyingKey::from_sec1_bytes(&key)
        .expect("a key")
        .verify(
            signed.as_bytes(),
            &p256::ecdsa::Signature::from_slice(&signature).expect("a signature"),
        )
        .expect("signed by the server's key");
    let claims = signed.split('.').nth(1).expect("claims");
    let claims: serde_json::Value =
        serde_json::from_slice(&Base64UrlUnpadded::decode_vec(claims).expect("base64url"))
            .expect("JSON");
    assert_eq!(claims["aud"], format!("http://127.0.0.1:{port}"));
    assert!(
        claims["sub"]
            .as_str()
            .is_some_and(|s| s.starts_with("mailto:")),
        "{claims}"
    );
    assert_eq!(push.headers["content-encoding"], "aes128gcm");
    let clear = web_push_native::decrypt(push.body.clone(), &phone.secret, &phone.auth.into())
        .expect("the device reads it");
    let payload: serde_json::Value = serde_json::from_slice(&clear).expect("JSON");
    assert_eq!(payload["title"], "Réservation confirmée");
    assert_eq!(payload["url"], format!("/reservations/{booking_id}"));
    assert!(
        payload["body"].as_str().is_some_and(|b| !b.is_empty()),
        "{payload}"
    );

    // Pushed once, and the gone device is forgotten: it is no longer the person's.
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert!(received.try_recv().is_err(), "nothing pushed twice");
    let forgotten = young
        .ok(
            notifications::UnsubscribePush::PATH,
            &[("endpoint", endpoint("gone"))],
        )
        .await;
    assert_eq!(forgotten, false);
    let removed = young
        .ok(
            notifications::UnsubscribePush::PATH,
            &[("endpoint", endpoint("phone"))],
        )
        .await;
    assert_eq!(removed, true);
}
