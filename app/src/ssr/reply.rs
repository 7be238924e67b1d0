//! Turning failures into replies: persistence errors become typed application errors
//! (internal ones logged, never shown), and the HTTP status follows the error so that
//! API callers get a 4xx with a reason.

use crate::error::AppError;
use crate::lang::{admin, requested};
use leptos::prelude::use_context;
use leptos::server_fn::error::ServerFnErrorErr;
use leptos_axum::ResponseOptions;
use store::StoreError;

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => AppError::NotFound,
            StoreError::NoSession => AppError::Unauthenticated,
            StoreError::BookingRefused(refusal) => AppError::Booking(refusal),
            StoreError::TicketRefused(refusal) => AppError::Ticket(refusal),
            StoreError::Invalid(error) => error.into(),
            // The domain's typed refusals of an administrators' form, worded in the
            // request's language.
            StoreError::RunRefused(refusal) => {
                AppError::invalid("run", admin::run(requested(), refusal))
            }
            StoreError::CorrectionRefused(refusal) => {
                AppError::invalid("amount", admin::correction(requested(), refusal))
            }
            // Refusals a feature forgot to word still answer 409 and 429, never a 500.
            StoreError::Conflict(constraint) => {
                tracing::warn!(%constraint, "a conflict without wording");
                AppError::Conflict
            }
            StoreError::LimitReached => AppError::LimitReached,
            other => {
                tracing::error!(error = ?other, "persistence failure");
                AppError::Internal
            }
        }
    }
}

/// Arguments a server function cannot even decode (a missing field, a word where a
/// number goes, a body that is not a form) are the caller's mistake: the framework
/// answers 500, we answer 400 with the same typed error. Failing to encode our own answer
/// stays a 500.
pub fn refuse_undecodable(error: &ServerFnErrorErr) {
    if !matches!(
        error,
        ServerFnErrorErr::Serialization(_) | ServerFnErrorErr::ServerError(_)
    ) {
        refuse_with(http::StatusCode::BAD_REQUEST);
    }
}

/// Gives a server function's refusal its HTTP status, unless the browser sent the form
/// itself (without JavaScript, or on a page served as islands): it asks for HTML, and
/// the answer is then a redirect back to the page the form was on with the refusal in
/// its address (leptos's form redirects), which the page shows under the form. A status
/// there would replace that redirect with a page of JSON.
fn refuse_with(status: http::StatusCode) {
    let sent_by_the_browser = use_context::<http::request::Parts>().is_some_and(|request| {
        request
            .headers
            .get(http::header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    });
    if !sent_by_the_browser {
        set_status(status);
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
        refuse_with(error.status_code());
    }
    result
}

/// Words a refusal of the store for the form field it concerns: a uniqueness rule of
/// the schema (`on_conflict`: an e-mail or a SIRET already taken) or a per-person limit
/// (`on_limit`: 100 favorites). Other errors convert as usual.
pub trait WordRefusal<T> {
    fn on_conflict(self, field: &str, message: impl ToString) -> Result<T, AppError>;
    fn on_limit(self, field: &str, message: impl ToString) -> Result<T, AppError>;
}

impl<T> WordRefusal<T> for Result<T, StoreError> {
    fn on_conflict(self, field: &str, message: impl ToString) -> Result<T, AppError> {
        self.map_err(|error| match error {
            StoreError::Conflict(_) => AppError::invalid(field, message),
            other => other.into(),
        })
    }

    fn on_limit(self, field: &str, message: impl ToString) -> Result<T, AppError> {
        self.map_err(|error| match error {
            StoreError::LimitReached => AppError::invalid(field, message),
            other => other.into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_worded_for_their_field_and_unworded_ones_are_not_a_500() {
        let taken: Result<(), StoreError> = Err(StoreError::Conflict("users_email_key".into()));
        let worded = taken
            .on_conflict("email", "Déjà pris")
            .expect_err("refused");
        assert_eq!(worded.field_message("email").as_deref(), Some("Déjà pris"));
        let full: Result<(), StoreError> = Err(StoreError::LimitReached);
        assert_eq!(
            full.on_limit("favorite", "Trop")
                .expect_err("refused")
                .field_message("favorite")
                .as_deref(),
            Some("Trop")
        );
        // A limit worded as a conflict is not a conflict: it keeps its own status.
        let full: Result<(), StoreError> = Err(StoreError::LimitReached);
        assert_eq!(
            full.on_conflict("email", "Déjà pris")
                .expect_err("refused")
                .status_code(),
            http::StatusCode::TOO_MANY_REQUESTS
        );
        let unworded = AppError::from(StoreError::Conflict("offers_pkey".into()));
        assert_eq!(unworded.status_code(), http::StatusCode::CONFLICT);
        assert_eq!(
            AppError::from(StoreError::NotFound).status_code(),
            http::StatusCode::NOT_FOUND
        );
    }
}
