//! The production backend. Rows are locked with `SELECT ... FOR UPDATE` in a fixed order
//! (the user, then the stock or the booking), so concurrent bookings of one person or one
//! stock wait for each other instead of overselling, and never deadlock.

use crate::StoreError;
use crate::shared::WriteTx;
use sqlx::{PgPool, Postgres};

pub struct PostgresRepository {
    pool: PgPool,
}

impl PostgresRepository {
    pub fn new(pool: PgPool) -> Self {
        PostgresRepository { pool }
    }

    async fn begin_write(&self) -> Result<WriteTx<Postgres>, sqlx::Error> {
        Ok(WriteTx::new(self.pool.begin().await?, None))
    }

    async fn run_migrations(&self) -> Result<(), StoreError> {
        sqlx::migrate!("./migrations/postgres")
            .run(&self.pool)
            .await?;
        Ok(())
    }
}

crate::shared::impl_repository!(
    PostgresRepository,
    Postgres,
    lock = "FOR UPDATE",
    lock_user = " FOR UPDATE OF u",
    lock_stock = " FOR UPDATE OF s",
    lock_booking = " FOR UPDATE OF b"
);

crate::dashboard::sql::impl_dashboard!(
    PostgresRepository,
    Postgres,
    lock = "FOR UPDATE",
    lock_booking = " FOR UPDATE OF b"
);

crate::social::sql::impl_social!(PostgresRepository, Postgres, lock = "FOR UPDATE");
