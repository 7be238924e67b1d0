//! The built-in identity review, on the server: administrators approve (and the credit
//! is granted) or reject what young people declared.

use crate::dto::QueuePage;
use crate::error::AppError;
use crate::features::account::dto::IdentityView;
use crate::i18n::td_string;
use crate::lang::requested;
use crate::ssr::{app_context, present, session};
use domain::account::Role;

const PAGE: i64 = 50;

pub async fn pending(after: Option<i64>) -> Result<QueuePage<IdentityView>, AppError> {
    let ctx = app_context()?;
    session::require_role(&ctx, Role::Admin).await?;
    let locale = requested();
    let page = ctx.repo.pending_identities(after, PAGE).await?;
    let line = |u: store::UserRow| IdentityView {
        user_id: u.id,
        name: format!("{} {}", u.first_name, u.last_name),
        birth_date: u.birth_date.clone().unwrap_or_default(),
        departement: u.departement.clone().unwrap_or_default(),
        email: u.email,
    };
    Ok(present::queue_page(
        locale,
        page,
        line,
        (
            td_string!(locale, admin_identities.waiting_one),
            td_string!(locale, admin_identities.waiting_many),
        ),
        "/admin/identites",
    ))
}

pub async fn decide(user_id: i64, approve: bool) -> Result<(), AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    let now = ctx.now();
    if !ctx
        .repo
        .decide_identity(user_id, approve, admin.id, now)
        .await?
    {
        return Err(AppError::invalid(
            "user_id",
            td_string!(requested(), admin_identities.already_decided),
        ));
    }
    if approve {
        crate::ssr::credit::grant_now(&ctx, user_id).await;
    }
    Ok(())
}
