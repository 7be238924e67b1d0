//! The one error type of the persistence layer. Database errors keep their source for
//! the logs; callers match on the meaningful variants and never show the rest.

use domain::admin::CorrectionRefusal;
use domain::booking::BookingRefusal;
use domain::payments::RunRefusal;
use domain::ticket::TicketRefusal;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A uniqueness rule of the schema refused the write (e.g. an e-mail already taken).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A per-person limit of the product (e.g. 100 favorites) is reached.
    #[error("limit reached")]
    LimitReached,
    /// A rule of the product refused the change, with the form field it concerns.
    #[error("invalid: {0}")]
    Invalid(domain::pro::FieldError),
    /// The request's session is unknown, expired, or its person suspended.
    #[error("no such session")]
    NoSession,
    #[error("booking refused: {0}")]
    BookingRefused(BookingRefusal),
    #[error("ticket refused: {0}")]
    TicketRefused(TicketRefusal),
    /// A reimbursement run cannot be prepared, paid or given up (the form's `run` field).
    #[error("run refused: {0}")]
    RunRefused(RunRefusal),
    /// A correction of a person's credit is refused (the form's `amount` field).
    #[error("correction refused: {0}")]
    CorrectionRefused(CorrectionRefusal),
    /// Stored data that the code cannot read (an unknown subcategory, a corrupt policy).
    #[error("corrupt data: {0}")]
    Corrupt(String),
    #[error("database error")]
    Database(#[source] sqlx::Error),
    #[error("migration error")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.constraint().unwrap_or(db.message()).to_owned())
            }
            _ => StoreError::Database(error),
        }
    }
}
