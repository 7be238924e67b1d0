//! The production backend. Rows are locked with `SELECT ... FOR UPDATE` in a fixed order
//! (the user, then the stock or the booking), so concurrent bookings of one person or one
//! stock wait for each other instead of overselling, and never deadlock.

use crate::backend::{Db, Store};
use sqlx::migrate::Migrator;
use sqlx::{AssertSqlSafe, Postgres, SqlSafeStr, SqlStr};

pub type PostgresRepository = Store<Postgres>;

impl Db for Postgres {
    const ONE_WRITER: bool = false;
    const SNAPSHOT_READ: &'static str = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

    fn migrator() -> Migrator {
        sqlx::migrate!("./migrations/postgres")
    }

    fn for_update(sql: &'static str, of: Option<&str>) -> SqlStr {
        match of {
            Some(alias) => AssertSqlSafe(format!("{sql} FOR UPDATE OF {alias}")).into_sql_str(),
            None => AssertSqlSafe(format!("{sql} FOR UPDATE")).into_sql_str(),
        }
    }
}
