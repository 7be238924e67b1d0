//! The dashboard on the server: the one ownership check, then the domain's rules and
//! the repository. Server functions only call these.

pub mod bookings;
pub mod clock;
pub mod codes;
pub mod export;
pub mod home;
pub mod images;
pub mod offers;
pub mod structures;
pub mod team;
pub mod venues;

use crate::error::AppError;
use domain::pro::FieldError;

/// A field to fix, worded in the request's language.
impl From<FieldError> for AppError {
    fn from(error: FieldError) -> Self {
        AppError::Invalid {
            field: error.field,
            message: crate::lang::fields::field(crate::lang::requested(), &error.reason),
        }
    }
}
