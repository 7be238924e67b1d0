//! Web Push: the notifications of the centre (`features::notifications`), pushed to each
//! device their person turned notifications on for, signed with the server's VAPID key
//! (RFC 8292, with p256's ECDSA) and encrypted for the device (RFC 8291,
//! `web-push-native`). A loop in every instance
//! claims each notification before it pushes it (`store::Push::claim_push`), so none is
//! pushed twice; a device the push service says is gone (404, 410) or subscribed to
//! another key (401, 403) is forgotten. Only the browsers' push services are called
//! (`domain::push`), without following redirects. Pushes are nudges: the centre keeps
//! every notification, and mail goes on as chosen.

use crate::features::notifications::service::notice;
use crate::ssr::Clock;
use base64ct::{Base64UrlUnpadded, Encoding};
use domain::notification::MailKind;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use std::sync::Arc;
use store::{PushDevice, Repo, StoreError};
use web_push_native::p256::PublicKey;
use web_push_native::{Auth, WebPushBuilder};

/// How long a push's VAPID signature is valid (push services accept up to 24 hours).
const SIGNATURE_VALID_FOR: chrono::Duration = chrono::Duration::hours(12);

/// How long a notification stays worth pushing: older ones wait in the centre.
const FRESH_FOR: chrono::Duration = chrono::Duration::hours(1);
/// Notifications per round.
const BATCH: i64 = 50;
/// How often the pusher looks when there was nothing to push.
const PERIOD: std::time::Duration = std::time::Duration::from_secs(2);
/// The longest one push may take, and its connection.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);

/// The server's VAPID key: a P-256 signing key, kept as base64url of its scalar.
#[derive(Clone)]
pub struct VapidKey(SigningKey);

impl VapidKey {
    /// A new key, for `server keys` and for the first start without one.
    pub fn generate() -> Self {
        loop {
            let bytes: [u8; 32] = rand::random();
            // Almost every 32 bytes is a valid scalar; the others are drawn again.
            if let Ok(key) = SigningKey::from_slice(&bytes) {
                return VapidKey(key);
            }
        }
    }

    /// Reads a kept key; the reason when it is not one.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bytes =
            Base64UrlUnpadded::decode_vec(text.trim()).map_err(|_| "not base64url".to_owned())?;
        SigningKey::from_slice(&bytes)
            .map(VapidKey)
            .map_err(|_| "not a P-256 private key".to_owned())
    }

    /// The private key, to keep (configuration, database).
    pub fn to_base64(&self) -> String {
        Base64UrlUnpadded::encode_string(&self.0.to_bytes())
    }

    /// The public key browsers subscribe with (`applicationServerKey`): the uncompressed
    /// point, base64url.
    pub fn public_base64(&self) -> String {
        let point = self.0.verifying_key().to_encoded_point(false);
        Base64UrlUnpadded::encode_string(point.as_bytes())
    }

    /// The `Authorization` header of a push to `audience` (the push service's origin),
    /// RFC 8292: a JWT signed with ES256, and the public key.
    fn authorization(&self, audience: &str, subject: &str, expires: i64) -> String {
        let part =
            |json: serde_json::Value| Base64UrlUnpadded::encode_string(json.to_string().as_bytes());
        let header = part(serde_json::json!({ "typ": "JWT", "alg": "ES256" }));
        let claims = part(serde_json::json!({ "aud": audience, "exp": expires, "sub": subject }));
        let signed = format!("{header}.{claims}");
        let signature: Signature = self.0.sign(signed.as_bytes());
        let signature = Base64UrlUnpadded::encode_string(&signature.to_bytes());
        format!("vapid t={signed}.{signature}, k={}", self.public_base64())
    }
}

/// What one round did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PushRound {
    /// Notifications pushed (to one device at least).
    pub pushed: u64,
    /// Devices forgotten because their push service said they are gone.
    pub forgotten: u64,
    /// Pushes that failed otherwise (the notification stays in the centre).
    pub failed: u64,
}

/// Pushes the centre's notifications.
#[derive(Clone)]
pub struct Pusher {
    pub repo: Repo,
    pub clock: Arc<dyn Clock>,
    key: Arc<VapidKey>,
    /// Who runs the server, for push services (`mailto:` or an `https:` address).
    subject: String,
    /// Tests only: this machine is a push service too.
    this_machine: bool,
    client: reqwest::Client,
}

/// Why one push did not go.
enum Failed {
    /// The device is gone for good.
    Gone,
    Other(String),
}

impl Pusher {
    pub fn new(
        repo: Repo,
        clock: Arc<dyn Clock>,
        key: VapidKey,
        subject: String,
        this_machine: bool,
    ) -> Result<Self, String> {
        // A push service answers; it never sends the server elsewhere.
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| error.to_string())?;
        Ok(Pusher {
            repo,
            clock,
            key: Arc::new(key),
            subject,
            this_machine,
            client,
        })
    }

    /// One round: claims the fresh notifications and pushes each to its person's devices
    /// (all at once: a slow push service delays its own devices only). A notification
    /// whose devices cannot be read is left, the round goes on.
    pub async fn run_once(&self) -> Result<PushRound, StoreError> {
        let now = self.clock.now();
        self.repo.retire_unpushed(now - FRESH_FOR, now).await?;
        let due = self
            .repo
            .push_due(&MailKind::IN_APP, now - FRESH_FOR, BATCH)
            .await?;
        let mut round = PushRound::default();
        for item in due {
            if !self.repo.claim_push(item.notice.id, now).await? {
                continue;
            }
            let (user_id, written_at) = (item.user_id, item.notice.created_at);
            // Pushed outside any request: in the language the person chose.
            let locale = crate::lang::of_person(&self.repo, Some(user_id)).await?;
            let view = notice(locale, item.notice);
            let payload = serde_json::json!({
                "title": view.title,
                "body": view.about.unwrap_or_default(),
                "url": view.link,
                "tag": format!("notice-{}", view.id),
            })
            .to_string();
            let devices = match self.repo.push_devices(user_id, written_at).await {
                Ok(devices) => devices,
                Err(error) => {
                    tracing::error!(notice = view.id, ?error, "reading the devices failed");
                    continue;
                }
            };
            let mut pushes = tokio::task::JoinSet::new();
            for device in devices {
                let (pusher, payload) = (self.clone(), payload.clone());
                pushes.spawn(async move {
                    let outcome = pusher.push(&device, payload.as_bytes()).await;
                    (device, outcome)
                });
            }
            let mut reached = false;
            while let Some(Ok((device, outcome))) = pushes.join_next().await {
                match outcome {
                    Ok(()) => reached = true,
                    Err(Failed::Gone) => {
                        if let Err(error) = self.repo.forget_push_device(&device.endpoint).await {
                            tracing::error!(?error, "forgetting a device failed");
                        }
                        round.forgotten += 1;
                    }
                    Err(Failed::Other(reason)) => {
                        tracing::warn!(notice = view.id, %reason, "push not delivered");
                        round.failed += 1;
                    }
                }
            }
            if reached {
                round.pushed += 1;
            }
        }
        Ok(round)
    }

    /// Encrypts `payload` for the device and hands it to its push service.
    async fn push(&self, device: &PushDevice, payload: &[u8]) -> Result<(), Failed> {
        // Kept by an older version, or tests' devices on a real server: never called.
        if !domain::push::allowed_endpoint(&device.endpoint, self.this_machine) {
            return Err(Failed::Gone);
        }
        let request = self
            .request(device, payload)
            .map_err(|reason| Failed::Other(reason.to_string()))?;
        let request = reqwest::Request::try_from(request)
            .map_err(|error| Failed::Other(error.to_string()))?;
        let response = self
            .client
            .execute(request)
            .await
            .map_err(|error| Failed::Other(error.to_string()))?;
        match response.status().as_u16() {
            200..=299 => Ok(()),
            // Gone; or subscribed with another key (the server's key changed).
            401 | 403 | 404 | 410 => Err(Failed::Gone),
            status => Err(Failed::Other(format!("push service answered {status}"))),
        }
    }

    fn request(
        &self,
        device: &PushDevice,
        payload: &[u8],
    ) -> Result<http::Request<Vec<u8>>, Box<dyn std::error::Error>> {
        let public = PublicKey::from_sec1_bytes(&Base64UrlUnpadded::decode_vec(&device.p256dh)?)?;
        let auth: [u8; 16] = Base64UrlUnpadded::decode_vec(&device.auth)?
            .try_into()
            .map_err(|_| "the device's auth secret is not 16 bytes")?;
        let endpoint: http::Uri = device.endpoint.parse()?;
        let audience = match (endpoint.scheme_str(), endpoint.authority()) {
            (Some(scheme), Some(authority)) => format!("{scheme}://{authority}"),
            _ => return Err("the endpoint has no origin".into()),
        };
        // The push service's clock, not the app's (tests may shift the app's).
        let expires = (chrono::Utc::now() + SIGNATURE_VALID_FOR).timestamp();
        let mut request =
            WebPushBuilder::new(endpoint, public, Auth::from(auth)).build(payload.to_vec())?;
        let authorization = self.key.authorization(&audience, &self.subject, expires);
        request
            .headers_mut()
            .insert(http::header::AUTHORIZATION, authorization.parse()?);
        Ok(request)
    }

    /// Runs rounds forever in the background.
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                match self.run_once().await {
                    Ok(round) if round == PushRound::default() => {}
                    Ok(round) => tracing::info!(?round, "push delivery"),
                    Err(error) => tracing::error!(?error, "the pusher failed"),
                }
                tokio::time::sleep(PERIOD).await;
            }
        })
    }
}

/// A device as the browser describes it, checked: the address of a browser's push
/// service (`domain::push`; this machine too when `this_machine`, in tests), and keys of
/// the right shape.
pub fn device(
    endpoint: &str,
    p256dh: &str,
    auth: &str,
    this_machine: bool,
) -> Result<PushDevice, String> {
    let endpoint = endpoint.trim();
    if !domain::push::allowed_endpoint(endpoint, this_machine) {
        return Err("Ce navigateur passe par un service de notifications inconnu".into());
    }
    let key =
        Base64UrlUnpadded::decode_vec(p256dh.trim()).map_err(|_| "clé invalide".to_owned())?;
    PublicKey::from_sec1_bytes(&key).map_err(|_| "clé invalide".to_owned())?;
    let secret =
        Base64UrlUnpadded::decode_vec(auth.trim()).map_err(|_| "secret invalide".to_owned())?;
    if secret.len() != 16 {
        return Err("secret invalide".into());
    }
    Ok(PushDevice {
        endpoint: endpoint.to_owned(),
        p256dh: p256dh.trim().to_owned(),
        auth: auth.trim().to_owned(),
    })
}
