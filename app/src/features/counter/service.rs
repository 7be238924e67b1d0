//! Tickets as a partner sees them: only those of their own structures' venues.

use crate::dto::TicketView;
use crate::error::AppError;
use crate::ssr::{app_context, present, session};
use domain::account::Role;
use domain::token::Token;

fn parse(token: &str) -> Result<Token, AppError> {
    Token::parse(token).map_err(|e| AppError::invalid("token", e))
}

pub async fn find(token: String) -> Result<TicketView, AppError> {
    let ctx = app_context()?;
    let partner = session::require_role(&ctx, Role::Partner).await?;
    let token = parse(&token)?;
    Ok(present::ticket(
        ctx.repo.ticket_for_partner(partner.id, &token).await?,
    ))
}

pub async fn validate(token: String) -> Result<TicketView, AppError> {
    let ctx = app_context()?;
    let partner = session::require_role(&ctx, Role::Partner).await?;
    let token = parse(&token)?;
    Ok(present::ticket(
        ctx.repo
            .validate_ticket(partner.id, &token, ctx.now())
            .await?,
    ))
}
