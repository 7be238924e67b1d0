//! The embedded default: one SQLite file. Write transactions start with
//! `BEGIN IMMEDIATE`, which takes the database's write lock at once, so two bookings can
//! never interleave their reads and writes, and never fail to upgrade a read lock.

use crate::backend::{Db, Store};
use sqlx::migrate::Migrator;
use sqlx::{SqlSafeStr, SqlStr, Sqlite};

pub type SqliteRepository = Store<Sqlite>;

impl Db for Sqlite {
    const ONE_WRITER: bool = true;
    const SNAPSHOT_READ: &'static str = "BEGIN";

    fn migrator() -> Migrator {
        sqlx::migrate!("./migrations/sqlite")
    }

    fn for_update(sql: &'static str, _of: Option<&str>) -> SqlStr {
        sql.into_sql_str()
    }
}
