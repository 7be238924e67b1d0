//! The embedded default: one SQLite file. Write transactions start with
//! `BEGIN IMMEDIATE`, which takes the database's write lock at once, so two bookings can
//! never interleave their reads and writes, and never fail to upgrade a read lock.

use crate::StoreError;
use sqlx::{Sqlite, SqlitePool, Transaction};

pub struct SqliteRepository {
    pool: SqlitePool,
}

impl SqliteRepository {
    pub fn new(pool: SqlitePool) -> Self {
        SqliteRepository { pool }
    }

    async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
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
    lock_stock = "",
    lock_booking = ""
);
