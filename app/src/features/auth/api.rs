//! Server functions of authentication.

use crate::dto::SessionUser;
use crate::error::AppError;
use leptos::prelude::*;

/// Signs in with e-mail and password; opens a fresh session and redirects to `next`
/// (a path of this site) or to the home of the account's role.
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<SessionUser, AppError> {
    crate::ssr::reply(super::service::login(email, password, next).await)
}

/// Ends the session.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    crate::ssr::reply(super::service::logout().await)
}

/// The person signed in, if any.
#[server(prefix = "/api", endpoint = "current_user")]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    crate::ssr::reply(super::service::current().await)
}
