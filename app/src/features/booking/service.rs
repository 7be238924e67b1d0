//! Booking on behalf of the signed-in person: the repository finds them by their session
//! and applies every rule in one transaction; this only checks the shape of the input.

use crate::dto::BookingView;
use crate::error::AppError;
use crate::ssr::{app_context, present, session};
use store::{BookCommand, Booker};

pub async fn book(
    stock_id: i64,
    quantity: i64,
    idempotency_key: Option<String>,
) -> Result<BookingView, AppError> {
    let answer = book_as_signed_in(stock_id, quantity, idempotency_key).await;
    crate::ssr::counters::booking(&answer);
    answer
}

async fn book_as_signed_in(
    stock_id: i64,
    quantity: i64,
    idempotency_key: Option<String>,
) -> Result<BookingView, AppError> {
    let ctx = app_context()?;
    // The booking's first statement reads the session's person: no round trip before.
    let session = session::current_session_id(&ctx).ok_or(AppError::Unauthenticated)?;
    let idempotency_key =
        domain::booking::parse_idempotency_key(idempotency_key.as_deref().unwrap_or(""))
            .map_err(|e| AppError::invalid("idempotency_key", e))?;
    let now = ctx.now();
    let command = BookCommand {
        booker: Booker::Session(session),
        stock_id,
        quantity,
        idempotency_key,
        now,
    };
    let repo = ctx.repo.clone();
    let booking = ctx
        .writer
        .run(async move { repo.book(&command).await })
        .await
        .map_err(|error| {
            tracing::error!(%error, "the booking's task failed");
            AppError::Internal
        })??;
    Ok(present::booking(crate::lang::requested(), booking, now))
}

pub async fn cancel(booking_id: i64) -> Result<BookingView, AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    let now = ctx.now();
    Ok(present::booking(
        crate::lang::requested(),
        ctx.repo.cancel_by_young(user.id, booking_id, now).await?,
        now,
    ))
}

pub async fn mine() -> Result<Vec<BookingView>, AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    let now = ctx.now();
    let locale = crate::lang::requested();
    Ok(ctx
        .repo
        .bookings_of_user(user.id)
        .await?
        .into_iter()
        .map(|b| present::booking(locale, b, now))
        .collect())
}

pub async fn one(booking_id: i64) -> Result<BookingView, AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    let booking = ctx
        .repo
        .booking_of_user(user.id, booking_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(present::booking(
        crate::lang::requested(),
        booking,
        ctx.now(),
    ))
}
