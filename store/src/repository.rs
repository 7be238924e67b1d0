//! Everything the application asks of its database, as one trait over the area traits.
//! Server functions are not generic, so the app holds an `Arc<dyn Repository>` chosen at
//! start-up; the methods of every area are callable on it.

use crate::backend::{Db, Store, Value};
use crate::error::StoreError;
use crate::{Accounts, Bookings, Catalogue, Credit, Dashboard, Discovery, Favorites, Jobs, Social};

#[async_trait::async_trait]
pub trait Repository:
    Accounts + Credit + Catalogue + Discovery + Bookings + Favorites + Jobs + Dashboard + Social
{
    /// Brings the schema up to date (each backend has its own migrations).
    async fn migrate(&self) -> Result<(), StoreError>;
}

#[async_trait::async_trait]
impl<DB: Db> Repository for Store<DB>
where
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    for<'r> &'r str: sqlx::ColumnIndex<DB::Row>,
    usize: sqlx::ColumnIndex<DB::Row>,
    for<'q> &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> Option<&'q str>: sqlx::Encode<'q, DB>,
    i32: Value<DB>,
    i64: Value<DB>,
    f64: Value<DB>,
    bool: Value<DB>,
    String: Value<DB>,
    Vec<u8>: Value<DB>,
    Option<i64>: Value<DB>,
    Option<f64>: Value<DB>,
    Option<String>: Value<DB>,
{
    async fn migrate(&self) -> Result<(), StoreError> {
        self.run_migrations().await
    }
}
