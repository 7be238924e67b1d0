//! Server-side sessions. The browser holds a random 256-bit id in an HttpOnly,
//! SameSite=Lax cookie; the database holds only its SHA-256, so a leaked table opens
//! no account. A new id is issued at every login (no session fixation). Behind HTTPS
//! the cookie is `__Host-` prefixed: browsers then accept it only if it is `Secure`, for
//! the whole site and from this very host, so no sibling subdomain can plant one.

use crate::error::AppError;
use crate::ssr::AppContext;
use chrono::Duration;
use cookie::{Cookie, SameSite};
use domain::account::Role;
use http::header::{COOKIE, SET_COOKIE};
use http::request::Parts;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use rand::Rng;
use sha2::{Digest, Sha256};
use store::UserRow;

/// The cookie's name: `__Host-cp_session` behind HTTPS, `cp_session` otherwise (the
/// prefix requires `Secure`).
fn cookie_name(secure_cookie: bool) -> &'static str {
    if secure_cookie {
        "__Host-cp_session"
    } else {
        "cp_session"
    }
}

/// What the database holds of a session id.
pub fn hash_id(id: &str) -> String {
    hex::encode(Sha256::digest(id.as_bytes()))
}

/// The stored id (hash) of the request's session, if the browser sent one.
pub fn current_session_id(ctx: &AppContext) -> Option<String> {
    cookie_id(ctx).map(|id| hash_id(&id))
}

/// The session id the browser sent, if any.
fn cookie_id(ctx: &AppContext) -> Option<String> {
    cookie_id_in(ctx, &use_context::<Parts>()?.headers)
}

fn cookie_id_in(ctx: &AppContext, headers: &http::HeaderMap) -> Option<String> {
    cookie_value(cookie_name(ctx.settings.secure_cookie), headers)
}

/// The value of the request's cookie `name`, if it sent one.
pub(crate) fn cookie_value(name: &str, headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// Sets a cookie in the answer to this request.
pub(crate) fn set_cookie(cookie: Cookie<'_>) {
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        http::HeaderValue::from_str(&cookie.to_string()),
    ) {
        response.append_header(SET_COOKIE, value);
    }
}

/// The signed-in user of this request, if any.
pub async fn current_user(ctx: &AppContext) -> Result<Option<UserRow>, AppError> {
    match cookie_id(ctx) {
        Some(id) => Ok(ctx.repo.session_user(&hash_id(&id), ctx.now()).await?),
        None => Ok(None),
    }
}

/// The signed-in user of a request handled outside Leptos (file downloads).
pub async fn user_of_headers(
    ctx: &AppContext,
    headers: &http::HeaderMap,
) -> Result<Option<UserRow>, AppError> {
    match cookie_id_in(ctx, headers) {
        Some(id) => Ok(ctx.repo.session_user(&hash_id(&id), ctx.now()).await?),
        None => Ok(None),
    }
}

/// Whether a request handled outside Leptos carries a session cookie (valid or not):
/// such a request may be someone's, never a page kept for signed-out visitors.
/// `secure_cookie` is the setting of the same name.
pub fn carries_session(secure_cookie: bool, headers: &http::HeaderMap) -> bool {
    cookie_value(cookie_name(secure_cookie), headers).is_some()
}

/// The signed-in user, or `Unauthenticated`.
pub async fn require_user(ctx: &AppContext) -> Result<UserRow, AppError> {
    current_user(ctx).await?.ok_or(AppError::Unauthenticated)
}

/// The signed-in user if they have `role`: the one check every protected server
/// function goes through.
pub async fn require_role(ctx: &AppContext, role: Role) -> Result<UserRow, AppError> {
    let user = require_user(ctx).await?;
    if user.role() == Some(role) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Starts a fresh session for `user_id`, ending the one the browser had.
pub async fn open(ctx: &AppContext, user_id: i64) -> Result<(), AppError> {
    if let Some(old) = cookie_id(ctx) {
        ctx.repo.delete_session(&hash_id(&old)).await?;
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let id = hex::encode(bytes);
    let now = ctx.now();
    let lifetime = Duration::days(ctx.settings.session_days);
    ctx.repo
        .create_session(&hash_id(&id), user_id, now, now + lifetime)
        .await?;
    set_cookie(
        Cookie::build((cookie_name(ctx.settings.secure_cookie), id))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(ctx.settings.secure_cookie)
            .max_age(cookie::time::Duration::days(ctx.settings.session_days))
            .build(),
    );
    Ok(())
}

/// Ends the current session, in the database and in the browser.
pub async fn close(ctx: &AppContext) -> Result<(), AppError> {
    if let Some(id) = cookie_id(ctx) {
        ctx.repo.delete_session(&hash_id(&id)).await?;
    }
    set_cookie(
        Cookie::build((cookie_name(ctx.settings.secure_cookie), ""))
            .path("/")
            .secure(ctx.settings.secure_cookie)
            .max_age(cookie::time::Duration::ZERO)
            .build(),
    );
    Ok(())
}
