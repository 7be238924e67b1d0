//! What every server function needs, provided once by the server for each request.
//! Nothing here is process-global: several instances behind a load balancer share only
//! the database.

use crate::error::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::use_context;
use std::sync::Arc;
use store::Repo;

/// The time, injectable so that tests can move it.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// The real clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Runtime settings the application reads (loaded by the server from `Leptos.toml`
/// and the environment).
#[derive(Debug, Clone)]
pub struct Settings {
    /// How long a session lasts without signing in again.
    pub session_days: i64,
    /// Mark the session cookie `Secure` (behind HTTPS).
    pub secure_cookie: bool,
    /// The credit policy granted to newly verified young people.
    pub credit_policy: String,
    /// The place the home page opens on.
    pub default_place: String,
    /// The map's tile URL template (empty: no tiles).
    pub map_tiles_url: String,
    /// The credit the tile provider requires (HTML).
    pub map_attribution: String,
    /// Words that send a comment to review before it appears.
    pub watch_words: Vec<String>,
    /// Sites a comment's links may point to (others stay plain text).
    pub link_hosts: Vec<String>,
    /// A structure's offers wait for the team while it has fewer published than this
    /// (`domain::pro::review`); 0 publishes at once.
    pub offers_reviewed_first: i64,
    /// The address people reach the site at (`https://pass.example.org`, no trailing
    /// slash): links in e-mails start with it.
    pub public_url: String,
    /// Whether a mail relay is configured: the outbox then hides the links of the mails
    /// it shows (they are someone's keys), and shows them only in development.
    pub mail_relay: bool,
    /// Where people write when something is wrong with their account.
    pub support_email: String,
    /// The VAPID public key devices subscribe with (`None`: no pushes).
    pub push_public_key: Option<String>,
    /// Tests only: devices may have this machine as their push service.
    pub push_this_machine: bool,
}

impl Settings {
    /// The watch words, as `domain::social::moderation::flagged` reads them.
    pub fn watch_words(&self) -> Vec<&str> {
        self.watch_words.iter().map(String::as_str).collect()
    }

    /// Settings for unit tests: the shipped defaults' shape with neutral values.
    #[cfg(test)]
    pub fn for_tests() -> Self {
        Settings {
            session_days: 30,
            secure_cookie: false,
            credit_policy: "FR-2019".into(),
            default_place: "strasbourg".into(),
            map_tiles_url: String::new(),
            map_attribution: String::new(),
            watch_words: Vec::new(),
            offers_reviewed_first: 0,
            link_hosts: Vec::new(),
            public_url: "http://127.0.0.1:3000".into(),
            mail_relay: false,
            support_email: "support@culture-pass.example".into(),
            push_public_key: None,
            push_this_machine: false,
        }
    }
}

#[derive(Clone)]
pub struct AppContext {
    pub repo: Repo,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
    pub identity: Arc<dyn crate::ssr::identity::IdentityCheck>,
    /// What this instance keeps in memory for a few seconds.
    pub caches: crate::ssr::Caches,
    /// The thread bookings run on.
    pub writer: crate::ssr::Writer,
    /// Where offers' images are kept (`IMAGE_STORE`).
    pub images: crate::ssr::image_store::ImageStore,
}

impl AppContext {
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

/// The context of the current request.
pub fn app_context() -> Result<AppContext, AppError> {
    use_context::<AppContext>().ok_or_else(|| {
        tracing::error!("AppContext was not provided to this request");
        AppError::Internal
    })
}
