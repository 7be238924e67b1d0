//! Turning failures into replies: persistence errors become typed application errors
//! (internal ones logged, never shown), and the HTTP status follows the error so that
//! API callers get a 4xx with a reason.

use crate::error::AppError;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use store::StoreError;

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => AppError::NotFound,
            StoreError::BookingRefused(refusal) => AppError::Booking(refusal),
            StoreError::TicketRefused(refusal) => AppError::Ticket(refusal),
            StoreError::Invalid(error) => AppError::Invalid {
                field: error.field,
                message: error.message,
            },
            other => {
                tracing::error!(error = ?other, "persistence failure");
                AppError::Internal
            }
        }
    }
}

/// Sets the response status of the current request.
pub fn set_status(status: http::StatusCode) {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(status);
    }
}

/// Passes a server function's result through, giving an error its HTTP status.
pub fn reply<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        set_status(error.status_code());
    }
    result
}
