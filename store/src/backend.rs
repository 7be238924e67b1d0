//! One store for both backends: [`Store<DB>`] holds a pool of either, and every query of
//! the crate is written once, generic over [`Db`]. What differs between SQLite and
//! PostgreSQL is small and lives in the two implementations of [`Db`] (`sqlite.rs`,
//! `postgres.rs`): how a write transaction starts, how a read locks its rows, the
//! migrations, and the two search fragments of [`SearchSql`].
//!
//! Both accept the same `$n` placeholders and, with Unix-second timestamps and cents as
//! 64-bit integers, the same statements; each backend is still its own type-checked
//! driver, without `sqlx::Any`.
//!
//! Each `impl` of an area trait repeats one `where` clause: the connection runs queries,
//! and the value types the area binds and reads are [`Value`]s of the backend. Rust does
//! not carry bounds on other types from a trait to its users (only supertraits), so the
//! clause cannot live in [`Db`] alone; it is the same list in every area, to copy as it
//! is into a new one.

use crate::search::SearchSql;
use sqlx::migrate::{Migrate, Migrator};
use sqlx::{Database, Decode, Encode, IntoArguments, Pool, SqlStr, Type};
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use tokio::sync::Mutex;

/// What each backend does its own way.
pub trait Db:
    SearchSql + Database<Arguments: IntoArguments<Self>, Connection: Migrate, QueryResult: Affected>
{
    /// SQLite lets one writer at a time: its writers queue in the process and start with
    /// `BEGIN IMMEDIATE`, which takes the write lock at once (so two bookings never
    /// interleave, and a read lock never fails to upgrade). PostgreSQL locks rows instead.
    const ONE_WRITER: bool;

    /// The schema's migrations, one folder per backend.
    fn migrator() -> Migrator;

    /// `sql`, a read whose rows stay locked until the transaction ends (`FOR UPDATE`);
    /// with `of`, only the rows of that table alias. SQLite's write transactions are
    /// exclusive already: it runs `sql` as it is.
    fn for_update(sql: &'static str, of: Option<&str>) -> SqlStr;
}

/// How many rows a statement changed (each driver has its own result type).
pub trait Affected {
    fn rows_affected(&self) -> u64;
}

impl Affected for sqlx::sqlite::SqliteQueryResult {
    fn rows_affected(&self) -> u64 {
        self.rows_affected()
    }
}

impl Affected for sqlx::postgres::PgQueryResult {
    fn rows_affected(&self) -> u64 {
        self.rows_affected()
    }
}

/// A type both backends store and read as it is (integers, floats, booleans, text,
/// bytes): one bound instead of three in the `where` clauses of the generic code.
pub trait Value<DB: Database>:
    for<'q> Encode<'q, DB> + for<'r> Decode<'r, DB> + Type<DB> + Send
{
}

impl<DB: Database, T> Value<DB> for T where
    T: for<'q> Encode<'q, DB> + for<'r> Decode<'r, DB> + Type<DB> + Send
{
}

/// The store of the application over one backend's pool. Its implementations of the
/// area traits ([`crate::Repository`] and its supertraits) are generic; `DB` is
/// [`sqlx::Sqlite`] or [`sqlx::Postgres`].
pub struct Store<DB: Database> {
    pub(crate) pool: Pool<DB>,
    /// SQLite's one writer: writers of this process wait here, in order, instead of in
    /// SQLite's busy handler, which sleeps with growing back-offs (measured: p99 730 ms
    /// and 1 400 bookings/s under 64 clients without it).
    writer: Option<Arc<Mutex<()>>>,
}

impl<DB: Db> Store<DB> {
    pub fn new(pool: Pool<DB>) -> Self {
        Store {
            pool,
            writer: DB::ONE_WRITER.then(|| Arc::new(Mutex::new(()))),
        }
    }

    /// Starts a write transaction, in this process's queue of writers when the backend
    /// has one writer at a time.
    pub(crate) async fn begin_write(&self) -> Result<WriteTx<DB>, sqlx::Error> {
        match &self.writer {
            Some(writer) => {
                let turn = writer.clone().lock_owned().await;
                let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
                Ok(WriteTx {
                    tx,
                    _turn: Some(turn),
                })
            }
            None => Ok(WriteTx {
                tx: self.pool.begin().await?,
                _turn: None,
            }),
        }
    }

    pub(crate) async fn run_migrations(&self) -> Result<(), crate::StoreError> {
        DB::migrator().run(&self.pool).await?;
        Ok(())
    }
}

/// A write transaction, holding the writer's turn when the backend has one. Dereferences
/// to the connection, so queries run on `&mut *tx`.
pub(crate) struct WriteTx<DB: Database> {
    tx: sqlx::Transaction<'static, DB>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl<DB: Database> WriteTx<DB> {
    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl<DB: Database> Deref for WriteTx<DB> {
    type Target = DB::Connection;
    fn deref(&self) -> &DB::Connection {
        &self.tx
    }
}

impl<DB: Database> DerefMut for WriteTx<DB> {
    fn deref_mut(&mut self) -> &mut DB::Connection {
        &mut self.tx
    }
}
