//! Checking credentials and managing the session cookie.

use crate::dto::SessionUser;
use crate::error::AppError;
use crate::ssr::{app_context, passwords, session};
use domain::account::{LOGIN_WINDOW_MINUTES, Role, login_allowed};
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
    })
}

/// Only paths of this site: `/reservations` yes, `//evil.example` or `https://…` no.
fn local_path(next: Option<String>) -> Option<String> {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
}

pub async fn login(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<SessionUser, AppError> {
    let ctx = app_context()?;
    let email = Email::parse(&email).map_err(|e| AppError::invalid("email", e))?;
    if password.is_empty() {
        return Err(AppError::invalid(
            "password",
            "Le mot de passe est obligatoire",
        ));
    }
    let window_start = ctx.now() - chrono::Duration::minutes(LOGIN_WINDOW_MINUTES);
    if !login_allowed(
        ctx.repo
            .login_failures_since(email.as_str(), window_start)
            .await?,
    ) {
        return Err(AppError::TooManyAttempts);
    }
    let user = ctx.repo.user_by_email(&email).await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    if !passwords::verify(password, hash).await? {
        ctx.repo
            .record_login_failure(email.as_str(), ctx.now())
            .await?;
        return Err(AppError::BadCredentials);
    }
    ctx.repo.clear_login_failures(email.as_str()).await?;
    let user = user.ok_or(AppError::BadCredentials)?;
    let signed_in = session_user(&user)?;
    session::open(&ctx, user.id).await?;
    let home = match signed_in.role {
        Role::Young => "/",
        Role::Partner => "/pro/guichet",
        Role::Admin => "/",
    };
    leptos_axum::redirect(&local_path(next).unwrap_or_else(|| home.to_owned()));
    Ok(signed_in)
}

pub async fn logout() -> Result<(), AppError> {
    let ctx = app_context()?;
    session::close(&ctx).await?;
    leptos_axum::redirect("/");
    Ok(())
}

pub async fn current() -> Result<Option<SessionUser>, AppError> {
    let ctx = app_context()?;
    session::current_user(&ctx)
        .await?
        .as_ref()
        .map(session_user)
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_paths_of_this_site_are_followed_after_login() {
        assert_eq!(
            local_path(Some("/reservations".into())),
            Some("/reservations".into())
        );
        assert_eq!(local_path(Some("//evil.example".into())), None);
        assert_eq!(local_path(Some("https://evil.example".into())), None);
        assert_eq!(local_path(Some("/\\evil.example".into())), None);
        assert_eq!(local_path(None), None);
    }
}
