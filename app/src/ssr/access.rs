//! The one ownership check: a signed-in partner who is a member of the structure that
//! owns what is asked for. Every dashboard server function and download starts here, and
//! so do the counter and a partner's answer to a comment.

use crate::error::AppError;
use crate::ssr::{AppContext, session};
use domain::account::Role;
use store::{Owned, UserRow};

/// The partner and the structure they act for.
pub struct Partner {
    pub user: UserRow,
    pub structure_id: i64,
}

/// The signed-in partner of this request, if they own `thing`.
pub async fn partner_of(ctx: &AppContext, thing: Owned) -> Result<Partner, AppError> {
    let user = session::require_user(ctx).await?;
    member(ctx, user, thing).await
}

/// `user`, if they are a partner member of the structure that owns `thing`.
pub async fn member(ctx: &AppContext, user: UserRow, thing: Owned) -> Result<Partner, AppError> {
    if user.role() != Some(Role::Partner) {
        return Err(AppError::Forbidden);
    }
    let structure_id = ctx.repo.owner_of(thing).await?.ok_or(AppError::NotFound)?;
    if !ctx.repo.is_member(structure_id, user.id).await? {
        return Err(AppError::Forbidden);
    }
    Ok(Partner { user, structure_id })
}
