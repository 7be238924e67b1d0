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
