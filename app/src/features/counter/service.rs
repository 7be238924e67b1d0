//! Tickets as a partner sees them: only those of their own structures' venues.

use crate::dto::TicketView;
use crate::error::AppError;
use crate::lang::requested;
use crate::ssr::access;
use crate::ssr::{AppContext, app_context, present, session};
use domain::account::Role;
use domain::ticket::TicketRefusal;
use domain::token::Token;
use store::Owned;

fn parse(token: &str) -> Result<Token, AppError> {
    Token::parse(token)
        .map_err(|e| AppError::invalid("token", crate::lang::refusals::token(requested(), &e)))
}

/// The dashboard's ownership check, for a ticket: someone else's ticket reads as an
/// unknown one (its existence is not told).
async fn partner_of_ticket(
    ctx: &AppContext,
    user: store::UserRow,
    token: &Token,
) -> Result<store::UserRow, AppError> {
    match access::member(ctx, user, Owned::Ticket(token.clone())).await {
        Ok(partner) => Ok(partner.user),
        Err(AppError::NotFound | AppError::Forbidden) => {
            Err(AppError::Ticket(TicketRefusal::Unknown))
        }
        Err(error) => Err(error),
    }
}

/// The context, the partner and the token of a counter request: the role first (an
/// anonymous caller learns nothing about tokens), then the token, then its owner.
async fn counter(token: &str) -> Result<(AppContext, store::UserRow, Token), AppError> {
    let ctx = app_context()?;
    let user = session::require_role(&ctx, Role::Partner).await?;
    let token = parse(token)?;
    let partner = partner_of_ticket(&ctx, user, &token).await?;
    Ok((ctx, partner, token))
}

pub async fn find(token: String) -> Result<TicketView, AppError> {
    let (ctx, partner, token) = counter(&token).await?;
    Ok(present::ticket(
        crate::lang::requested(),
        ctx.repo.ticket_for_partner(partner.id, &token).await?,
    ))
}

pub async fn validate(token: String) -> Result<TicketView, AppError> {
    let (ctx, partner, token) = counter(&token).await?;
    Ok(present::ticket(
        crate::lang::requested(),
        ctx.repo
            .validate_ticket(partner.id, &token, ctx.now())
            .await?,
    ))
}

pub async fn undo(token: String) -> Result<TicketView, AppError> {
    let (ctx, partner, token) = counter(&token).await?;
    Ok(present::ticket(
        crate::lang::requested(),
        ctx.repo
            .undo_validation(partner.id, &token, ctx.now())
            .await?,
    ))
}

pub async fn cancel(token: String, why: String) -> Result<TicketView, AppError> {
    let (ctx, partner, token) = counter(&token).await?;
    let refused = |reason| domain::pro::refuse("reason", reason);
    let why = domain::cancellation::partner_reason(&why).map_err(refused)?;
    Ok(present::ticket(
        crate::lang::requested(),
        ctx.repo
            .cancel_by_partner(partner.id, &token, why, ctx.now())
            .await?,
    ))
}
