//! The embedded default: one SQLite file. Write transactions start with
//! `BEGIN IMMEDIATE`, which takes the database's write lock at once, so two bookings can
//! never interleave their reads and writes, and never fail to upgrade a read lock.

use crate::StoreError;
use crate::shared::WriteTx;
use sqlx::{Sqlite, SqlitePool};
use std::sync::Arc;
use tokio::sync::Mutex;

pub struct SqliteRepository {
    pool: SqlitePool,
    /// SQLite has one writer at a time. Writers of this process wait here, in order,
    /// instead of in SQLite's busy handler, which sleeps with growing back-offs (measured:
    /// p99 730 ms and 1 400 bookings/s under 64 clients without it).
    writer: Arc<Mutex<()>>,
}

impl SqliteRepository {
    pub fn new(pool: SqlitePool) -> Self {
        SqliteRepository {
            pool,
            writer: Arc::new(Mutex::new(())),
        }
    }

    async fn begin_write(&self) -> Result<WriteTx<Sqlite>, sqlx::Error> {
        let writer = self.writer.clone().lock_owned().await;
        Ok(WriteTx::new(
            self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Some(writer),
        ))
    }

    async fn run_migrations(&self) -> Result<(), StoreError> {
        sqlx::migrate!("./migrations/sqlite")
            .run(&self.pool)
            .await?;
        Ok(())
    }
}

crate::shared::impl_repository!(
    SqliteRepository,
    Sqlite,
    lock = "",
    lock_user = "",
    lock_stock = "",
    lock_booking = ""
);

crate::dashboard::sql::impl_dashboard!(SqliteRepository, Sqlite, lock = "", lock_booking = "");

crate::social::sql::impl_social!(SqliteRepository, Sqlite, lock = "");
