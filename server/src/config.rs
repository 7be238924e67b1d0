//! Runtime settings: `Leptos.toml` (the server's settings file; cargo-leptos keeps its
//! build settings in Cargo.toml) overridden by environment variables. Every value is
//! checked here, once, with an error that names the setting and what is wrong.

use app::ssr::Settings;
use serde::Deserialize;
use std::path::Path;

const DEFAULT_FILE: &str = "Leptos.toml";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the settings file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the settings file {path} is invalid: {source}")]
    Parse {
        path: String,
        source: Box<toml::de::Error>,
    },
    #[error("{name}={value:?} is invalid: {reason}")]
    Invalid {
        name: &'static str,
        value: String,
        reason: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct File {
    server: ServerSection,
    database: DatabaseSection,
    sessions: SessionsSection,
    credit: CreditSection,
    discovery: DiscoverySection,
    mail: MailSection,
    social: SocialSection,
}

/// Where people reach the server, who stands in front of it, and the per-client limits.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct ServerSection {
    public_url: String,
    trusted_proxies: Vec<String>,
    client_limits: bool,
}

impl Default for ServerSection {
    fn default() -> Self {
        ServerSection {
            public_url: String::new(),
            trusted_proxies: Vec::new(),
            client_limits: true,
        }
    }
}

/// Comments: the words that send a comment to review before it appears, and the sites
/// links may point to.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct SocialSection {
    watch_words: Vec<String>,
    link_hosts: Vec<String>,
    offers_reviewed_first: i64,
}

impl Default for SocialSection {
    fn default() -> Self {
        File::default().social
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct MailSection {
    smtp_url: String,
    from: String,
    support: String,
    first_retry_seconds: i64,
    relay_timeout_seconds: u64,
}

impl Default for MailSection {
    fn default() -> Self {
        File::default().mail
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct DatabaseSection {
    url: String,
    max_connections: u32,
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct SessionsSection {
    days: i64,
    secure_cookie: bool,
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct CreditSection {
    policy: String,
    identity_check: IdentityCheckKind,
}

/// Who verifies identities before the credit is granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IdentityCheckKind {
    /// Approves at once (demo and tests).
    Demo,
    /// Waits for an administrator at /admin/identites.
    Admin,
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct DiscoverySection {
    default_place: String,
    map_tiles_url: String,
    map_attribution: String,
}

impl Default for File {
    fn default() -> Self {
        File {
            server: ServerSection::default(),
            database: DatabaseSection {
                url: "sqlite://data/culture-pass.db".into(),
                max_connections: 16,
            },
            sessions: SessionsSection {
                days: 30,
                secure_cookie: false,
            },
            credit: CreditSection {
                policy: domain::credit::DEMO_POLICY_CODE.into(),
                identity_check: IdentityCheckKind::Demo,
            },
            discovery: DiscoverySection {
                default_place: "strasbourg".into(),
                map_tiles_url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
                map_attribution: "&copy; <a href=\"https://www.openstreetmap.org/copyright\">les contributeurs d’OpenStreetMap</a>".into(),
            },
            mail: MailSection {
                smtp_url: String::new(),
                from: "Culture Pass <noreply@culture-pass.localhost>".into(),
                support: "support@culture-pass.localhost".into(),
                first_retry_seconds: 60,
                relay_timeout_seconds: 30,
            },
            social: SocialSection {
                watch_words: ["arnaque", "escroquerie", "connard", "connasse", "salope", "pute", "nazi"]
                    .map(String::from)
                    .to_vec(),
                link_hosts: ["culture.gouv.fr", "pass.culture.fr", "wikipedia.org", "openstreetmap.org"]
                    .map(String::from)
                    .to_vec(),
                offers_reviewed_first: 3,
            },
        }
    }
}

impl Default for DatabaseSection {
    fn default() -> Self {
        File::default().database
    }
}
impl Default for SessionsSection {
    fn default() -> Self {
        File::default().sessions
    }
}
impl Default for CreditSection {
    fn default() -> Self {
        File::default().credit
    }
}
impl Default for DiscoverySection {
    fn default() -> Self {
        File::default().discovery
    }
}

/// A secret setting, never shown by `{:?}` (the configuration may be logged whole).
#[derive(Clone)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// Who may read `/metrics`.
#[derive(Debug, Clone, Default)]
pub struct MetricsAccess {
    pub addr: Option<std::net::SocketAddr>,
    pub token: Option<Secret>,
}

impl MetricsAccess {
    pub fn enabled(&self) -> bool {
        self.addr.is_some() || self.token.is_some()
    }
}

/// The shortest `METRICS_TOKEN`: guessing it must be hopeless.
const METRICS_TOKEN_MIN_LENGTH: usize = 24;

/// The server's settings, checked.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub max_connections: u32,
    pub identity_check: IdentityCheckKind,
    /// The SMTP relay (`smtp://host:port`), if mail should leave the outbox.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// The wait after a first failed delivery (it doubles at each failure).
    pub mail_first_retry: chrono::Duration,
    /// The longest one delivery attempt may take.
    pub mail_relay_timeout: std::time::Duration,
    /// The address people reach the site at (`PUBLIC_URL`), when set; see
    /// [`Config::public_url`].
    pub public_url: Option<String>,
    /// Addresses of the reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Whether sign-ups, logins, mails, bookings and comments are limited per client
    /// (off only for load benchmarks, where one machine plays every client).
    pub client_limits: bool,
    /// How often the scheduled jobs run.
    pub jobs_period: std::time::Duration,
    /// How long `/readyz` answers 503 after SIGTERM before the server stops taking
    /// connections (`SHUTDOWN_DRAIN_SECONDS`, 0 by default): a balancer's polling period.
    pub shutdown_drain: std::time::Duration,
    /// Where `/metrics` is served (see [`crate::metrics`]): on a listener of its own
    /// (`METRICS_ADDR`, for a scraper inside the private network), and/or on the public
    /// port to whoever sends `Authorization: Bearer <METRICS_TOKEN>`. Neither: no metrics.
    pub metrics: MetricsAccess,
    /// Where offers' images are kept (`IMAGE_STORE`: `database`, `directory:<folder>`
    /// or `s3://<bucket>` with the `AWS_*` variables).
    pub image_store: app::ssr::image_store::ImageStore,
    /// The VAPID private key pushes are signed with (`VAPID_PRIVATE_KEY`, from
    /// `server keys`); without it, one made at the first start is kept in the database.
    pub vapid_private_key: Option<Secret>,
    /// Tests only: a file holding a number of seconds the server's clock is ahead of
    /// the machine's (`crate::clock::ShiftedClock`), so that a browser test can reach a
    /// birthday. Never set on a real server.
    pub clock_shift_file: Option<std::path::PathBuf>,
    pub settings: Settings,
}

impl Config {
    /// The site's public address, for links in e-mails and the same-origin check:
    /// `PUBLIC_URL`, or `http://<addr>` when serving on a loopback address (development,
    /// tests). A server reachable from elsewhere must be told its address: a link built
    /// from the request's `Host` header would go wherever a forged header says.
    pub fn public_url(&self, addr: std::net::SocketAddr) -> Result<String, ConfigError> {
        match &self.public_url {
            Some(url) => Ok(url.clone()),
            None if addr.ip().is_loopback() => Ok(format!("http://{addr}")),
            None => Err(invalid(
                "PUBLIC_URL",
                "",
                format!(
                    "required when serving on {addr} (not a loopback address): the address \
                     people reach the site at, such as https://pass.example.org"
                ),
            )),
        }
    }
}

/// Checks a public URL: `http(s)://host[:port]`, nothing after (no path, query or user).
fn parse_public_url(url: &str) -> Result<String, String> {
    let uri: http::Uri = url.parse().map_err(|_| "not a URL".to_owned())?;
    if !matches!(uri.scheme_str(), Some("http" | "https")) {
        return Err("expected http:// or https://".to_owned());
    }
    let authority = uri.authority().ok_or("no host")?;
    let bare_path = matches!(uri.path(), "" | "/") && uri.query().is_none();
    if authority.as_str().contains('@') || authority.host().is_empty() || !bare_path {
        return Err("expected http(s)://host[:port], without a path".to_owned());
    }
    Ok(format!(
        "{}://{}",
        uri.scheme_str().unwrap_or("https"),
        authority.as_str().to_ascii_lowercase()
    ))
}

/// Reads the file (an explicit path must exist; the default one may be absent), then
/// applies the environment.
pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
    let env = |name: &str| std::env::var(name).ok();
    load_from(path, env)
}

fn load_from(
    path: Option<&Path>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Config, ConfigError> {
    let file = match path {
        Some(path) => read(path)?,
        None if Path::new(DEFAULT_FILE).exists() => read(Path::new(DEFAULT_FILE))?,
        None => File::default(),
    };
    let database_url = env("DATABASE_URL").unwrap_or(file.database.url);
    store::Backend::of_url(&database_url).map_err(|e| invalid("DATABASE_URL", &database_url, e))?;
    let max_connections = number(
        &env,
        "DATABASE_MAX_CONNECTIONS",
        file.database.max_connections,
        1..=1000,
    )?;
    let session_days = number(&env, "SESSION_DAYS", file.sessions.days, 1..=365)?;
    let public_url = match env("PUBLIC_URL").unwrap_or(file.server.public_url) {
        url if url.trim().is_empty() => None,
        url => Some(
            parse_public_url(url.trim()).map_err(|reason| invalid("PUBLIC_URL", &url, reason))?,
        ),
    };
    // Behind an https:// address the cookie is Secure (and __Host- prefixed) unless the
    // environment says otherwise explicitly.
    let served_over_https = public_url
        .as_deref()
        .is_some_and(|url| url.starts_with("https://"));
    let secure_cookie = match env("SESSION_SECURE_COOKIE") {
        None => file.sessions.secure_cookie || served_over_https,
        Some(v) => v
            .parse()
            .map_err(|_| invalid("SESSION_SECURE_COOKIE", &v, "expected true or false"))?,
    };
    let credit_policy = env("CREDIT_POLICY").unwrap_or(file.credit.policy);
    if domain::credit::preset(&credit_policy).is_none() {
        let known: Vec<String> = domain::credit::presets()
            .into_iter()
            .map(|p| p.code)
            .collect();
        return Err(invalid(
            "CREDIT_POLICY",
            &credit_policy,
            format!("known policies: {}", known.join(", ")),
        ));
    }
    let identity_check = match env("IDENTITY_CHECK").as_deref() {
        None => file.credit.identity_check,
        Some("demo") => IdentityCheckKind::Demo,
        Some("admin") => IdentityCheckKind::Admin,
        Some(other) => return Err(invalid("IDENTITY_CHECK", other, "expected demo or admin")),
    };
    let default_place = env("DEFAULT_PLACE").unwrap_or(file.discovery.default_place);
    if domain::geo::place(&default_place).is_none() {
        let known: Vec<&str> = domain::geo::PLACES.iter().map(|p| p.key).collect();
        return Err(invalid(
            "DEFAULT_PLACE",
            &default_place,
            format!("known places: {}", known.join(", ")),
        ));
    }
    let map_tiles_url = env("MAP_TILES_URL").unwrap_or(file.discovery.map_tiles_url);
    let is_url = ["https://", "http://"]
        .iter()
        .any(|scheme| map_tiles_url.starts_with(scheme));
    if !(map_tiles_url.is_empty() || is_url) {
        return Err(invalid(
            "MAP_TILES_URL",
            &map_tiles_url,
            "expected an http(s) URL template, or nothing",
        ));
    }
    let map_attribution = env("MAP_ATTRIBUTION").unwrap_or(file.discovery.map_attribution);
    let list = |name: &str, default: Vec<String>| match env(name) {
        Some(text) => text
            .split(',')
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty())
            .collect(),
        None => default,
    };
    let watch_words = list("COMMENT_WATCH_WORDS", file.social.watch_words);
    let link_hosts = list("COMMENT_LINK_HOSTS", file.social.link_hosts);
    let offers_reviewed_first = number(
        &env,
        "OFFERS_REVIEWED_FIRST",
        file.social.offers_reviewed_first,
        0..=1000,
    )?;
    let smtp_url = env("SMTP_URL").unwrap_or(file.mail.smtp_url);
    let smtp_url = (!smtp_url.trim().is_empty()).then_some(smtp_url);
    let mail_from = env("MAIL_FROM").unwrap_or(file.mail.from);
    let support_email = env("SUPPORT_EMAIL").unwrap_or(file.mail.support);
    // At most 30 s: a round's five messages (`app::ssr::sender`) all end well within the
    // claim's five-minute lease (`domain::notification::claim_lease`), writes included.
    let mail_relay_timeout = std::time::Duration::from_secs(number(
        &env,
        "MAIL_RELAY_TIMEOUT_SECONDS",
        file.mail.relay_timeout_seconds,
        1..=30,
    )?);
    if let Some(url) = &smtp_url {
        app::ssr::mail::Mailer::smtp(url, &mail_from, mail_relay_timeout)
            .map_err(|reason| invalid("SMTP_URL", url, reason))?;
    }
    let trusted_proxies = match env("TRUSTED_PROXIES") {
        Some(text) => text
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect(),
        None => file.server.trusted_proxies,
    }
    .iter()
    .map(|proxy| {
        proxy.parse().map_err(|_| {
            invalid(
                "TRUSTED_PROXIES",
                proxy,
                "expected IP addresses, comma-separated",
            )
        })
    })
    .collect::<Result<Vec<_>, _>>()?;
    let mail_relay = smtp_url.is_some();
    let mail_first_retry = chrono::Duration::seconds(number(
        &env,
        "MAIL_FIRST_RETRY_SECONDS",
        file.mail.first_retry_seconds,
        1..=86_400,
    )?);
    let client_limits = match env("CLIENT_LIMITS").as_deref() {
        None => file.server.client_limits,
        Some("on" | "true") => true,
        Some("off" | "false") => false,
        Some(other) => return Err(invalid("CLIENT_LIMITS", other, "expected on or off")),
    };
    let jobs_period =
        std::time::Duration::from_secs(number(&env, "JOBS_PERIOD_SECONDS", 60, 1..=3600)?);
    let shutdown_drain =
        std::time::Duration::from_secs(number(&env, "SHUTDOWN_DRAIN_SECONDS", 0, 0..=300)?);
    let metrics = MetricsAccess {
        addr: match env("METRICS_ADDR").filter(|addr| !addr.trim().is_empty()) {
            Some(addr) => Some(addr.trim().parse().map_err(|_| {
                invalid(
                    "METRICS_ADDR",
                    &addr,
                    "expected an address such as 127.0.0.1:9100",
                )
            })?),
            None => None,
        },
        token: match env("METRICS_TOKEN").filter(|token| !token.trim().is_empty()) {
            Some(token) if token.trim().len() < METRICS_TOKEN_MIN_LENGTH => {
                return Err(invalid(
                    "METRICS_TOKEN",
                    "…",
                    format!("at least {METRICS_TOKEN_MIN_LENGTH} characters"),
                ));
            }
            Some(token) => Some(Secret(token.trim().to_owned())),
            None => None,
        },
    };
    let image_store = env("IMAGE_STORE").unwrap_or_default();
    let image_store = app::ssr::image_store::ImageStore::parse(&image_store)
        .map_err(|reason| invalid("IMAGE_STORE", &image_store, reason))?;
    let vapid_private_key = env("VAPID_PRIVATE_KEY").filter(|key| !key.trim().is_empty());
    if let Some(key) = &vapid_private_key {
        app::ssr::push::VapidKey::parse(key)
            .map_err(|reason| invalid("VAPID_PRIVATE_KEY", "…", reason))?;
    }
    let push_this_machine = match env("PUSH_TEST_ENDPOINTS").as_deref() {
        None | Some("off") => false,
        Some("on") => true,
        Some(other) => return Err(invalid("PUSH_TEST_ENDPOINTS", other, "expected on or off")),
    };
    let clock_shift_file = env("CLOCK_SHIFT_FILE")
        .filter(|path| !path.trim().is_empty())
        .map(std::path::PathBuf::from);
    Ok(Config {
        database_url,
        max_connections,
        identity_check,
        smtp_url,
        mail_from,
        mail_first_retry,
        mail_relay_timeout,
        public_url,
        trusted_proxies,
        client_limits,
        jobs_period,
        shutdown_drain,
        metrics,
        image_store,
        vapid_private_key: vapid_private_key.map(Secret),
        clock_shift_file,
        settings: Settings {
            session_days,
            secure_cookie,
            credit_policy,
            default_place,
            map_tiles_url,
            map_attribution,
            watch_words,
            link_hosts,
            offers_reviewed_first,
            // Known once the listening address is: `Config::public_url`.
            public_url: String::new(),
            mail_relay,
            support_email,
            push_public_key: None,
            push_this_machine,
        },
    })
}

fn read(path: &Path) -> Result<File, ConfigError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: name.clone(),
        source,
    })?;
    toml::from_str(&text).map_err(|source| ConfigError::Parse {
        path: name,
        source: Box::new(source),
    })
}

fn invalid(name: &'static str, value: &str, reason: impl ToString) -> ConfigError {
    ConfigError::Invalid {
        name,
        value: value.to_owned(),
        reason: reason.to_string(),
    }
}

fn number<T>(
    env: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: T,
    range: std::ops::RangeInclusive<T>,
) -> Result<T, ConfigError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    let value = match env(name) {
        None => default,
        Some(raw) => raw
            .trim()
            .parse()
            .map_err(|_| invalid(name, &raw, "expected a whole number"))?,
    };
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(invalid(
            name,
            &value.to_string(),
            format!("must be between {} and {}", range.start(), range.end()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn with(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    fn repo_file() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../Leptos.toml")
    }

    #[test]
    fn the_shipped_settings_file_is_valid_and_defaults_to_sqlite_and_the_2019_policy() {
        let config = load_from(Some(&repo_file()), with(&[])).expect("valid");
        assert!(config.database_url.starts_with("sqlite://"));
        assert_eq!(config.settings.credit_policy, "FR-2019");
        assert_eq!(config.identity_check, IdentityCheckKind::Demo);
    }

    #[test]
    fn the_environment_overrides_the_file() {
        let config = load_from(
            Some(&repo_file()),
            with(&[
                ("DATABASE_URL", "postgres://u@h/db"),
                ("SESSION_DAYS", "7"),
                ("CREDIT_POLICY", "FR-2025"),
            ]),
        )
        .expect("valid");
        assert_eq!(config.database_url, "postgres://u@h/db");
        assert_eq!(config.settings.session_days, 7);
        assert_eq!(config.settings.credit_policy, "FR-2025");
    }

    #[test]
    fn a_database_url_of_an_unknown_kind_is_refused_with_its_name() {
        let error =
            load_from(None, with(&[("DATABASE_URL", "mysql://h/db")])).expect_err("refused");
        assert!(error.to_string().contains("DATABASE_URL"), "{error}");
    }

    #[test]
    fn bad_numbers_and_unknown_policies_are_refused() {
        for vars in [
            [("SESSION_DAYS", "0")],
            [("SESSION_DAYS", "soon")],
            [("DATABASE_MAX_CONNECTIONS", "-3")],
            [("CREDIT_POLICY", "FR-1999")],
            [("DEFAULT_PLACE", "atlantis")],
            [("SESSION_SECURE_COOKIE", "maybe")],
            [("IDENTITY_CHECK", "trust-me")],
            [("SMTP_URL", "ftp://relay")],
            [("MAP_TILES_URL", "tiles/{z}/{x}/{y}.png")],
            [("PUBLIC_URL", "pass.example.org")],
            [("PUBLIC_URL", "ftp://pass.example.org")],
            [("PUBLIC_URL", "https://pass.example.org/chemin")],
            [("PUBLIC_URL", "https://moi@pass.example.org")],
            [("TRUSTED_PROXIES", "10.0.0.1, proxy.local")],
            [("CLIENT_LIMITS", "sometimes")],
            [("METRICS_ADDR", "localhost")],
            [("METRICS_TOKEN", "short")],
            [("IMAGE_STORE", "ftp://images")],
        ] {
            let error = load_from(None, with(&vars)).expect_err("refused");
            assert!(error.to_string().contains(vars[0].0), "{error}");
        }
    }

    #[test]
    fn links_are_built_from_the_configured_address_which_a_reachable_server_needs() {
        let loopback: std::net::SocketAddr = "127.0.0.1:3000".parse().expect("addr");
        let everywhere: std::net::SocketAddr = "0.0.0.0:80".parse().expect("addr");
        let config = load_from(None, with(&[])).expect("valid");
        assert_eq!(
            config.public_url(loopback).expect("loopback"),
            "http://127.0.0.1:3000"
        );
        let error = config.public_url(everywhere).expect_err("needed");
        assert!(error.to_string().contains("PUBLIC_URL"), "{error}");
        let config =
            load_from(None, with(&[("PUBLIC_URL", "https://Pass.Example.org/")])).expect("valid");
        assert_eq!(
            config.public_url(everywhere).expect("set"),
            "https://pass.example.org"
        );
        let config = load_from(None, with(&[("TRUSTED_PROXIES", "10.0.0.1, ::1")])).expect("valid");
        assert_eq!(config.trusted_proxies.len(), 2);
    }

    #[test]
    fn an_https_public_address_makes_the_session_cookie_secure_unless_told_otherwise() {
        let https =
            load_from(None, with(&[("PUBLIC_URL", "https://pass.example.org")])).expect("valid");
        assert!(https.settings.secure_cookie);
        let http =
            load_from(None, with(&[("PUBLIC_URL", "http://pass.example.org")])).expect("valid");
        assert!(!http.settings.secure_cookie);
        let told = load_from(
            None,
            with(&[
                ("PUBLIC_URL", "https://pass.example.org"),
                ("SESSION_SECURE_COOKIE", "false"),
            ]),
        )
        .expect("valid");
        assert!(!told.settings.secure_cookie);
    }

    #[test]
    fn metrics_are_off_unless_a_listener_or_a_token_is_set() {
        let none = load_from(None, with(&[])).expect("valid");
        assert!(!none.metrics.enabled());
        let apart = load_from(None, with(&[("METRICS_ADDR", "127.0.0.1:9100")])).expect("valid");
        assert_eq!(
            apart.metrics.addr,
            Some("127.0.0.1:9100".parse().expect("addr"))
        );
        let token = "a-token-long-enough-to-be-unguessable";
        let public = load_from(None, with(&[("METRICS_TOKEN", token)])).expect("valid");
        assert!(public.metrics.enabled());
        assert!(
            !format!("{public:?}").contains(token),
            "the token is never shown"
        );
    }

    #[test]
    fn an_explicit_file_that_does_not_exist_is_an_error() {
        assert!(matches!(
            load_from(Some(Path::new("/nope/Leptos.toml")), with(&[])),
            Err(ConfigError::Read { .. })
        ));
    }

    #[test]
    fn unknown_keys_in_the_file_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, "[database]\nurll = \"sqlite://x\"\n").expect("write");
        assert!(matches!(
            load_from(Some(&path), with(&[])),
            Err(ConfigError::Parse { .. })
        ));
    }
}
