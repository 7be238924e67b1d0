//! Persistence of the culture pass.
//!
//! One [`Repository`] trait describes everything the application asks of its database;
//! [`sqlite::SqliteRepository`] (the embedded default) and
//! [`postgres::PostgresRepository`] (production) implement it, each with its own
//! migrations. The backend is chosen once, from the URL scheme, by [`connect`]. All SQL
//! of the application lives in this crate.

mod backend;
mod connect;
mod dashboard;
mod error;
mod models;
mod repository;
mod search;
mod shared;
mod social;
mod time;

pub mod postgres;
pub mod sqlite;

pub use backend::Store;
pub use connect::{Backend, ConnectError, connect};
pub use dashboard::*;
pub use error::StoreError;
pub use models::*;
pub use repository::Repository;
pub use social::*;

/// The repository as the application holds it: shared, behind a trait object, because
/// the backend is only known at start-up.
pub type Repo = std::sync::Arc<dyn Repository>;
