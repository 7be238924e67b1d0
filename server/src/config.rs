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
    database: DatabaseSection,
    sessions: SessionsSection,
    credit: CreditSection,
    discovery: DiscoverySection,
    mail: MailSection,
    social: SocialSection,
}

/// Comments: the words that send a comment to review before it appears, and the sites
/// links may point to.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct SocialSection {
    watch_words: Vec<String>,
    link_hosts: Vec<String>,
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
            },
            social: SocialSection {
                watch_words: ["arnaque", "escroquerie", "connard", "connasse", "salope", "pute", "nazi"]
                    .map(String::from)
                    .to_vec(),
                link_hosts: ["culture.gouv.fr", "pass.culture.fr", "wikipedia.org", "openstreetmap.org"]
                    .map(String::from)
                    .to_vec(),
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

/// The server's settings, checked.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub max_connections: u32,
    pub identity_check: IdentityCheckKind,
    /// The SMTP relay (`smtp://host:port`), if mail should leave the outbox.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub settings: Settings,
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
    let secure_cookie = match env("SESSION_SECURE_COOKIE") {
        None => file.sessions.secure_cookie,
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
    let smtp_url = env("SMTP_URL").unwrap_or(file.mail.smtp_url);
    let smtp_url = (!smtp_url.trim().is_empty()).then_some(smtp_url);
    let mail_from = env("MAIL_FROM").unwrap_or(file.mail.from);
    if let Some(url) = &smtp_url {
        app::ssr::mail::Mailer::smtp(url, &mail_from)
            .map_err(|reason| invalid("SMTP_URL", url, reason))?;
    }
    Ok(Config {
        database_url,
        max_connections,
        identity_check,
        smtp_url,
        mail_from,
        settings: Settings {
            session_days,
            secure_cookie,
            credit_policy,
            default_place,
            map_tiles_url,
            map_attribution,
            watch_words,
            link_hosts,
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
        ] {
            let error = load_from(None, with(&vars)).expect_err("refused");
            assert!(error.to_string().contains(vars[0].0), "{error}");
        }
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
