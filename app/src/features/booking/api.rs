//! Server functions of booking. `book` and `cancel_booking` have stable paths
//! (`/api/book`, `/api/cancel_booking`): they are part of the public API.

use crate::dto::BookingView;
use crate::error::AppError;
use leptos::prelude::*;

/// Books `quantity` seats (1, or 2 on a duo offer) of a stock with the signed-in young
/// person's credit. A retry with the same `idempotency_key` returns the same booking.
#[server(prefix = "/api", endpoint = "book")]
pub async fn book(
    stock_id: i64,
    quantity: i64,
    idempotency_key: Option<String>,
) -> Result<BookingView, AppError> {
    crate::ssr::reply(super::service::book(stock_id, quantity, idempotency_key).await)
}

/// Cancels one of the signed-in young person's bookings, within the rules.
#[server(prefix = "/api", endpoint = "cancel_booking")]
pub async fn cancel_booking(booking_id: i64) -> Result<BookingView, AppError> {
    crate::ssr::reply(super::service::cancel(booking_id).await)
}

/// The signed-in young person's bookings, newest first.
#[server(prefix = "/api", endpoint = "my_bookings")]
pub async fn my_bookings() -> Result<Vec<BookingView>, AppError> {
    crate::ssr::reply(super::service::mine().await)
}

/// One of the signed-in person's bookings: the ticket.
#[server(prefix = "/api", endpoint = "my_booking")]
pub async fn my_booking(booking_id: i64) -> Result<BookingView, AppError> {
    crate::ssr::reply(super::service::one(booking_id).await)
}
