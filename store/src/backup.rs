//! Copies of the SQLite database while the server runs, and putting one back.
//!
//! A backup is `VACUUM INTO`: one read transaction, so the copy is the database as it was
//! at one instant (every booking committed before it began is in it, none half-written),
//! while the server goes on writing beside it in WAL mode. A restore replaces the file
//! only when no server has it open: every serving process holds a shared lock on
//! `<database>.lock` ([`ServingLock`]), which the kernel releases whatever way the
//! process ends; the restore takes that lock exclusively, or refuses.
//!
//! PostgreSQL has its own tools (`pg_dump`, `pg_restore`: docs/deploy.md); both commands
//! say so rather than half-do it.

use crate::connect::{Backend, ConnectError};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "this command copies SQLite databases; for PostgreSQL use its own tools: \
         pg_dump --format=custom --file=PATH \"$DATABASE_URL\" (see docs/deploy.md)"
    )]
    Postgres,
    #[error(transparent)]
    Url(#[from] ConnectError),
    #[error("{0} already exists: a backup never overwrites a file")]
    Exists(String),
    #[error("{0} does not exist")]
    Missing(String),
    #[error(
        "a server is running on {0}: stop every server on this database before restoring \
         (a restore under a running server would lose what it writes)"
    )]
    Running(String),
    #[error("{0} is being restored: start the server once the restore is done")]
    BeingRestored(String),
    #[error("{path} is not a backup of this application: {reason}")]
    NotABackup { path: String, reason: String },
    #[error("{path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
    #[error("the database failed: {0}")]
    Sql(#[from] sqlx::Error),
}

fn file_error(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::File {
        path: path.display().to_string(),
        source,
    }
}

/// The file of an SQLite URL; an error for PostgreSQL.
fn sqlite_file(url: &str) -> Result<PathBuf, BackupError> {
    match Backend::of_url(url)? {
        Backend::Postgres => Err(BackupError::Postgres),
        Backend::Sqlite => Ok(SqliteConnectOptions::from_str(url)
            .map_err(|source| ConnectError::InvalidUrl {
                url: url.to_owned(),
                source,
            })?
            .get_filename()
            .to_path_buf()),
    }
}

/// Where the processes of one SQLite database take their lock.
fn lock_file(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

fn open_lock(database: &Path) -> Result<File, BackupError> {
    let path = lock_file(database);
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(file_error(&path))
}

/// Held by a serving process for as long as it runs on an SQLite database: a restore
/// refuses while any is held. Nothing for PostgreSQL.
pub struct ServingLock(#[allow(dead_code)] Option<File>);

impl ServingLock {
    pub fn take(url: &str) -> Result<ServingLock, BackupError> {
        let database = match sqlite_file(url) {
            Err(BackupError::Postgres) => return Ok(ServingLock(None)),
            other => other?,
        };
        if let Some(folder) = database.parent().filter(|f| !f.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(file_error(folder))?;
        }
        let file = open_lock(&database)?;
        match file.try_lock_shared() {
            Ok(()) => Ok(ServingLock(Some(file))),
            Err(TryLockError::WouldBlock) => {
                Err(BackupError::BeingRestored(database.display().to_string()))
            }
            Err(TryLockError::Error(source)) => Err(file_error(&lock_file(&database))(source)),
        }
    }
}

/// Opens an SQLite file as it is (never created, never migrated).
async fn open(path: &Path, read_only: bool) -> Result<sqlx::SqliteConnection, BackupError> {
    Ok(SqliteConnectOptions::new()
        .filename(path)
        .read_only(read_only)
        .busy_timeout(Duration::from_secs(30))
        .connect()
        .await?)
}

/// Whether `path` holds an intact database of this application.
async fn check_copy(path: &Path) -> Result<(), BackupError> {
    let not_a_backup = |reason: String| BackupError::NotABackup {
        path: path.display().to_string(),
        reason,
    };
    let mut copy = open(path, true)
        .await
        .map_err(|e| not_a_backup(e.to_string()))?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut copy)
        .await
        .map_err(|e| not_a_backup(e.to_string()))?;
    if integrity != "ok" {
        return Err(not_a_backup(integrity));
    }
    let migrations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&mut copy)
        .await
        .map_err(|_| not_a_backup("it has no migrations table".into()))?;
    if migrations == 0 {
        return Err(not_a_backup("no migration was ever applied to it".into()));
    }
    copy.close().await?;
    Ok(())
}

/// `path` with a suffix added to its name.
fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Makes a rename in the folder of `path` durable.
fn sync_folder(path: &Path) -> Result<(), BackupError> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    File::open(folder)
        .and_then(|folder| folder.sync_all())
        .map_err(file_error(folder))
}

/// Copies the SQLite database of `url` into the new file `to`, then checks the copy.
/// The database may be in use: the copy is one instant of it. The copy is written under
/// a temporary name, flushed to the disk, then given its name: a file of that name is
/// always a whole backup.
pub async fn backup(url: &str, to: &Path) -> Result<(), BackupError> {
    let database = sqlite_file(url)?;
    if to.exists() {
        return Err(BackupError::Exists(to.display().to_string()));
    }
    if !database.exists() {
        return Err(BackupError::Missing(database.display().to_string()));
    }
    // Open like a server: a restore waits for this copy to end.
    let _open = ServingLock::take(url)?;
    let partial = suffixed(to, ".partial");
    if partial.exists() {
        std::fs::remove_file(&partial).map_err(file_error(&partial))?;
    }
    let mut source = open(&database, false).await?;
    sqlx::query("VACUUM INTO $1")
        .bind(partial.display().to_string())
        .execute(&mut source)
        .await?;
    source.close().await?;
    check_copy(&partial).await?;
    File::open(&partial)
        .and_then(|file| file.sync_all())
        .map_err(file_error(&partial))?;
    std::fs::rename(&partial, to).map_err(file_error(to))?;
    sync_folder(to)
}

/// Puts the backup `from` in place of the SQLite database of `url`, if no process has it
/// open. The backup is checked first; the database is replaced by a rename, so that it is
/// either the old one or the backup, never a mix; the old log is kept beside it
/// (`-wal.before-restore`).
pub async fn restore(url: &str, from: &Path) -> Result<(), BackupError> {
    let database = sqlite_file(url)?;
    if !from.exists() {
        return Err(BackupError::Missing(from.display().to_string()));
    }
    let lock = open_lock(&database)?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return Err(BackupError::Running(database.display().to_string()));
        }
        Err(TryLockError::Error(source)) => {
            return Err(file_error(&lock_file(&database))(source));
        }
    }
    check_copy(from).await?;
    let incoming = suffixed(&database, ".restoring");
    std::fs::copy(from, &incoming).map_err(file_error(&incoming))?;
    File::open(&incoming)
        .and_then(|file| file.sync_all())
        .map_err(file_error(&incoming))?;
    // The old database's write-ahead log belongs to the old file: replayed over the
    // backup, it would corrupt it. It is merged into the old file when that still opens
    // (a damaged database may not: that is when one restores), and set aside, not
    // deleted, so that nothing of the old database is lost if the swap fails.
    if database.exists()
        && let Ok(mut old) = open(&database, false).await
    {
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut old)
            .await;
        let _ = old.close().await;
    }
    for suffix in ["-wal", "-shm"] {
        let path = suffixed(&database, suffix);
        if path.exists() {
            let aside = suffixed(&path, ".before-restore");
            std::fs::rename(&path, &aside).map_err(file_error(&path))?;
        }
    }
    std::fs::rename(&incoming, &database).map_err(file_error(&database))?;
    sync_folder(&database)?;
    // The backup was made in rollback-journal mode; the server reopens it in WAL.
    let mut restored = open(&database, false).await?;
    sqlx::query("PRAGMA journal_mode = WAL")
        .execute(&mut restored)
        .await?;
    restored.close().await?;
    drop(lock);
    Ok(())
}
