//! A structure's team on the server: every member sees it; its administrators change
//! roles and take members out (the rule that one administrator stays is
//! `domain::pro::team`'s, checked by the store on the locked rows).

use crate::error::AppError;
use crate::features::pro::dto::{MemberView, TeamView};
use crate::i18n::td_string;
use crate::lang::{pro::member_role, requested};
use crate::ssr::access::partner_of;
use crate::ssr::app_context;
use domain::pro::team::MemberRole;
use store::Owned;

pub async fn team(structure_id: i64) -> Result<TeamView, AppError> {
    let ctx = app_context()?;
    let partner = partner_of(&ctx, Owned::Structure(structure_id)).await?;
    let manages = partner.manages_team().is_ok();
    let members = ctx.repo.team(structure_id).await?;
    let locale = requested();
    Ok(TeamView {
        manages,
        roles: MemberRole::ALL
            .iter()
            .map(|r| (r.to_stored().to_owned(), member_role(locale, *r).to_owned()))
            .collect(),
        members: members
            .into_iter()
            .map(|m| MemberView {
                user_id: m.user_id,
                name: format!("{} {}", m.first_name, m.last_name),
                email: m.email,
                role: m.role.to_stored().to_owned(),
                role_label: member_role(locale, m.role).to_owned(),
                is_me: m.user_id == partner.user.id,
            })
            .collect(),
    })
}

/// A role by its stored name, for the field `role`.
pub fn role(name: &str) -> Result<MemberRole, AppError> {
    MemberRole::parse(name)
        .ok_or_else(|| AppError::invalid("role", td_string!(requested(), team.unknown_role)))
}

/// Another role for a member (`role`), or out of the team (`role` empty).
pub async fn change(structure_id: i64, user_id: i64, new_role: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let partner = partner_of(&ctx, Owned::Structure(structure_id)).await?;
    partner.manages_team()?;
    let next = match new_role.trim() {
        "" => None,
        name => Some(role(name)?),
    };
    ctx.repo
        .change_member(structure_id, user_id, next)
        .await
        .map_err(AppError::from)
}
