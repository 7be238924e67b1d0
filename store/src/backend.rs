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
//! The generic code binds and reads a handful of plain types (integers, floats, booleans,
//! text, bytes) and runs its queries on `&mut` connections. Those are bounds on types
//! other than the backend (`i64: Encode<DB>`), which Rust does not carry from a trait to
//! its users; [`Db`] carries them anyway, as bounds on the associated types of
//! [`Carried`], so that `DB: Db` is the only bound any generic code of the crate writes.

use crate::search::SearchSql;
use sqlx::migrate::{Migrate, Migrator};
use sqlx::{ColumnIndex, Database, Decode, Encode, Executor, IntoArguments, Pool, SqlStr, Type};
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use tokio::sync::Mutex;

/// What each backend does its own way, and what the generic code may do with either.
///
/// Each `Carried<X = T, X: Bound>` below says "`T: Bound` for this backend"; the
/// equality lets the compiler see `T` where it reads `X`, so the bound holds for `T`
/// wherever `DB: Db` does.
pub trait Db:
    SearchSql
    + Database<Arguments: IntoArguments<Self>, Connection: Migrate, QueryResult: Affected>
    + for<'c> Carried<
        Executor<'c> = &'c mut <Self as Database>::Connection,
        Executor<'c>: Executor<'c, Database = Self>,
    > + for<'r> Carried<ColumnName<'r> = &'r str, ColumnName<'r>: ColumnIndex<Self::Row>>
    + Carried<ColumnNumber = usize, ColumnNumber: ColumnIndex<Self::Row>>
    + for<'q> Carried<Str<'q> = &'q str, Str<'q>: Encode<'q, Self> + Type<Self>>
    + for<'q> Carried<OptionStr<'q> = Option<&'q str>, OptionStr<'q>: Encode<'q, Self>>
    + Carried<I32 = i32, I32: Value<Self>>
    + Carried<I64 = i64, I64: Value<Self>>
    + Carried<F64 = f64, F64: Value<Self>>
    + Carried<Bool = bool, Bool: Value<Self>>
    + Carried<String = String, String: Value<Self>>
    + Carried<Bytes = Vec<u8>, Bytes: Value<Self>>
    + Carried<OptionI64 = Option<i64>, OptionI64: Value<Self>>
    + Carried<OptionF64 = Option<f64>, OptionF64: Value<Self>>
    + Carried<OptionString = Option<String>, OptionString: Value<Self>>
{
    /// SQLite lets one writer at a time: its writers queue in the process and start with
    /// `BEGIN IMMEDIATE`, which takes the write lock at once (so two bookings never
    /// interleave, and a read lock never fails to upgrade). PostgreSQL locks rows instead.
    const ONE_WRITER: bool;

    /// How a read that must see one moment begins: SQLite's reads see one snapshot
    /// already (WAL); PostgreSQL's default isolation would let each statement see a later
    /// commit.
    const SNAPSHOT_READ: &'static str;

    /// The schema's migrations, one folder per backend.
    fn migrator() -> Migrator;

    /// `sql`, a read whose rows stay locked until the transaction ends (`FOR UPDATE`);
    /// with `of`, only the rows of that table alias. SQLite's write transactions are
    /// exclusive already: it runs `sql` as it is.
    fn for_update(sql: &'static str, of: Option<&str>) -> SqlStr;
}

/// The types [`Db`] puts bounds on, one associated type each (the same for every
/// backend): bounds on associated types of a supertrait are implied, bounds on `i64`
/// are not.
pub trait Carried: Database {
    type Executor<'c>;
    type ColumnName<'r>;
    type ColumnNumber;
    type Str<'q>;
    type OptionStr<'q>;
    type I32;
    type I64;
    type F64;
    type Bool;
    type String;
    type Bytes;
    type OptionI64;
    type OptionF64;
    type OptionString;
}

impl<DB: Database> Carried for DB {
    type Executor<'c> = &'c mut DB::Connection;
    type ColumnName<'r> = &'r str;
    type ColumnNumber = usize;
    type Str<'q> = &'q str;
    type OptionStr<'q> = Option<&'q str>;
    type I32 = i32;
    type I64 = i64;
    type F64 = f64;
    type Bool = bool;
    type String = String;
    type Bytes = Vec<u8>;
    type OptionI64 = Option<i64>;
    type OptionF64 = Option<f64>;
    type OptionString = Option<String>;
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
/// bytes): one bound instead of three for each type [`Db`] carries.
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

    /// One page of a list read by keyset: `rows` selects the rows past the cursor in the
    /// list's order (its `ORDER BY` included); this reads `limit` of them and one more,
    /// which only says that another page follows, and names each page by `key`.
    pub(crate) async fn read_page<T>(
        &self,
        mut rows: sqlx::QueryBuilder<DB>,
        limit: i64,
        total: i64,
        key: impl Fn(&T) -> i64,
    ) -> Result<domain::admin::Page<T>, sqlx::Error>
    where
        T: for<'r> sqlx::FromRow<'r, DB::Row> + Send + Unpin,
    {
        rows.push(" LIMIT ").push_bind(limit + 1);
        let rows = rows.build_query_as::<T>().fetch_all(&self.pool).await?;
        Ok(domain::admin::Page::from_rows(
            rows,
            limit as usize,
            total,
            key,
        ))
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
