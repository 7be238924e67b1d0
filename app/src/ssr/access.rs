//! The one ownership check: a signed-in partner who is a member of the structure that
//! owns what is asked for. Every dashboard server function and download starts here, and
//! so do the counter and a partner's answer to a comment.

use crate::error::AppError;
use crate::ssr::{AppContext, session};
use domain::account::Role;
use domain::pro::team::{MemberRole, may_change_bank_details, may_manage_team};
use store::{Owned, UserRow};

/// The partner, the structure they act for and their role in its team.
pub struct Partner {
    pub user: UserRow,
    pub structure_id: i64,
    pub role: MemberRole,
}

impl Partner {
    /// Refused (`403`) unless they administer the structure: the team is theirs to manage.
    pub fn manages_team(&self) -> Result<(), AppError> {
        may_manage_team(self.role).map_err(|_| AppError::Forbidden)
    }

    /// Refused (`403`) unless they administer the structure: where the pass pays it is
    /// theirs to say.
    pub fn manages_bank_details(&self) -> Result<(), AppError> {
        may_change_bank_details(self.role).map_err(|_| AppError::Forbidden)
    }
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
    let role = ctx
        .repo
        .member_role(structure_id, user.id)
        .await?
        .ok_or(AppError::Forbidden)?;
    Ok(Partner {
        user,
        structure_id,
        role,
    })
}
