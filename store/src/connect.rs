//! Choosing and opening the database from its URL: `sqlite://path` (created on first
//! start, WAL, `synchronous=FULL` because it holds money and seats) or `postgres://...`.

use crate::Repo;
use crate::postgres::PostgresRepository;
use crate::sqlite::SqliteRepository;
use sqlx::Connection;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got {0:?})")]
    UnknownScheme(String),
    #[error("DATABASE_URL {url:?} is not a valid database URL: {source}")]
    InvalidUrl { url: String, source: sqlx::Error },
    #[error("cannot create the folder {path} for the SQLite database: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open the database {url:?}: {source}")]
    Open { url: String, source: sqlx::Error },
}

impl Backend {
    /// Whether the backend lets one writer at a time (SQLite).
    pub fn has_one_writer(self) -> bool {
        self == Backend::Sqlite
    }

    pub fn of_url(url: &str) -> Result<Backend, ConnectError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(ConnectError::UnknownScheme(redact(url)))
        }
    }
}

/// Hides the password of a URL before it is printed.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme_end + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Opens the database named by `url`. Migrations are run separately by
/// [`crate::Repository::migrate`].
pub async fn connect(url: &str, max_connections: u32) -> Result<Repo, ConnectError> {
    match Backend::of_url(url)? {
        Backend::Sqlite => {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|source| ConnectError::InvalidUrl {
                    url: redact(url),
                    source,
                })?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(30));
            if let Some(parent) = options.get_filename().parent()
                && !parent.as_os_str().is_empty()
            {
                std::fs::create_dir_all(parent).map_err(|source| ConnectError::Folder {
                    path: parent.display().to_string(),
                    source,
                })?;
            }
            // A local file does not drop connections: no ping before each use (it is a
            // round trip to the connection's thread, on every transaction).
            let pool = SqlitePoolOptions::new()
                .max_connections(max_connections)
                .test_before_acquire(false)
                .connect_with(options)
                .await
                .map_err(|source| ConnectError::Open {
                    url: redact(url),
                    source,
                })?;
            Ok(Arc::new(SqliteRepository::new(pool)))
        }
        Backend::Postgres => {
            // One plain connection first: a pool would report a refused or misspelt
            // server only as "timed out" after its acquire timeout.
            let probe =
                sqlx::PgConnection::connect(url)
                    .await
                    .map_err(|source| ConnectError::Open {
                        url: redact(url),
                        source,
                    })?;
            let _ = probe.close().await;
            // No ping before each use: it is a round trip per transaction (bookings went
            // from ~2 400/s to ~3 500/s without it). A connection the server dropped fails
            // its next query once and is replaced; `max_lifetime` renews them anyway.
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .test_before_acquire(false)
                .acquire_timeout(Duration::from_secs(30))
                .connect(url)
                .await
                .map_err(|source| ConnectError::Open {
                    url: redact(url),
                    source,
                })?;
            Ok(Arc::new(PostgresRepository::new(pool)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_appear_in_errors() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/pass"),
            "postgres://app:***@db:5432/pass"
        );
        assert_eq!(redact("sqlite://data/pass.db"), "sqlite://data/pass.db");
    }

    #[test]
    fn the_backend_follows_the_url_scheme() {
        assert_eq!(Backend::of_url("sqlite://x.db").ok(), Some(Backend::Sqlite));
        assert_eq!(
            Backend::of_url("postgresql://h/db").ok(),
            Some(Backend::Postgres)
        );
        assert!(matches!(
            Backend::of_url("mysql://h/db"),
            Err(ConnectError::UnknownScheme(_))
        ));
    }
}
