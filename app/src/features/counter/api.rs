//! Server functions of the counter. `validate_ticket` has a stable path
//! (`/api/validate_ticket`): partners' tools call it.

use crate::dto::TicketView;
use crate::error::AppError;
use leptos::prelude::*;

/// A ticket of one of the signed-in partner's venues, by its token (any case).
#[server(prefix = "/api", endpoint = "find_ticket")]
pub async fn find_ticket(token: String) -> Result<TicketView, AppError> {
    crate::ssr::reply(super::service::find(token).await)
}

/// Marks a ticket used: the young person has come.
#[server(prefix = "/api", endpoint = "validate_ticket")]
pub async fn validate_ticket(token: String) -> Result<TicketView, AppError> {
    crate::ssr::reply(super::service::validate(token).await)
}

/// Puts a validated ticket back to "confirmed" (validated by mistake).
#[server(prefix = "/api/pro", endpoint = "undo_validation")]
pub async fn undo_validation(token: String) -> Result<TicketView, AppError> {
    crate::ssr::reply(super::service::undo(token).await)
}

/// Cancels a booking with a reason: the young person gets the credit back.
#[server(prefix = "/api/pro", endpoint = "cancel_booking")]
pub async fn cancel_booking(token: String, reason: String) -> Result<TicketView, AppError> {
    crate::ssr::reply(super::service::cancel(token, reason).await)
}
