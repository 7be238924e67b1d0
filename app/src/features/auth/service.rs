//! Checking credentials and managing the session cookie.

use crate::dto::SessionUser;
use crate::error::AppError;
use crate::ssr::{app_context, passwords, session};
use domain::account::Role;
use domain::notification::MailKind;
use domain::text::Email;
use store::UserRow;

fn session_user(user: &UserRow) -> Result<SessionUser, AppError> {
    let role = user.role().ok_or_else(|| {
        tracing::error!(user_id = user.id, role = %user.role, "unknown role");
        AppError::Internal
    })?;
    Ok(SessionUser {
        id: user.id,
        first_name: user.first_name.clone(),
        role,
        unread_notifications: 0,
        email_verified: user.email_verified,
        must_accept_terms: domain::legal::must_accept(user.legal_acceptance()),
    })
}

pub async fn login(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<SessionUser, AppError> {
    let ctx = app_context()?;
    let email = Email::parse(&email).map_err(|e| {
        AppError::invalid(
            "email",
            crate::lang::fields::text(crate::lang::requested(), &e),
        )
    })?;
    if password.is_empty() {
        return Err(AppError::invalid(
            "password",
            crate::lang::fields::text(
                crate::lang::requested(),
                &domain::text::TextError::PasswordEmpty,
            ),
        ));
    }
    let user = ctx.repo.user_by_email(&email).await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    if !passwords::verify_counted(&ctx, email.as_str(), password, hash).await? {
        return Err(AppError::BadCredentials);
    }
    let user = user.ok_or(AppError::BadCredentials)?;
    // Said only to whoever knows the password.
    if user.suspended {
        return Err(AppError::Suspended {
            support: ctx.settings.support_email.clone(),
        });
    }
    let signed_in = session_user(&user)?;
    session::open(&ctx, user.id).await?;
    crate::features::language::service::follow_account(&ctx, user.language.as_deref());
    let home = match signed_in.role {
        Role::Young => "/",
        Role::Partner => "/pro",
        Role::Admin => "/",
    };
    let next = next
        .as_deref()
        .and_then(domain::text::same_site_path)
        .unwrap_or_else(|| home.to_owned());
    // A new version of the texts is accepted first, then the person goes on.
    if signed_in.must_accept_terms {
        leptos_axum::redirect(&crate::features::legal::acceptance_path(&next));
    } else {
        leptos_axum::redirect(&next);
    }
    Ok(signed_in)
}

pub async fn logout() -> Result<(), AppError> {
    let ctx = app_context()?;
    session::close(&ctx).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Who is signed in, with a young person's unread notifications (asked at every
/// navigation, so the count follows).
pub async fn current() -> Result<Option<SessionUser>, AppError> {
    let ctx = app_context()?;
    let Some(row) = session::current_user(&ctx).await? else {
        return Ok(None);
    };
    let mut user = session_user(&row)?;
    if user.role == Role::Young {
        // A count that fails leaves the bell quiet, never the page broken.
        user.unread_notifications = ctx
            .repo
            .unread_notifications(user.id, &MailKind::IN_APP)
            .await
            .unwrap_or_else(|error| {
                tracing::error!(?error, user_id = user.id, "counting unread notifications");
                0
            });
    }
    Ok(Some(user))
}
