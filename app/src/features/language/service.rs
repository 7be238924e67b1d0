//! Keeping a choice of language: the cookie every request is resolved with, the account
//! for the person's other devices (and, later, their mails).

use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::{COOKIE, Locale, tag};
use crate::ssr::{AppContext, app_context, session};
use cookie::{Cookie, SameSite};

/// How long the browser keeps the choice.
const KEPT_DAYS: i64 = 400;

pub async fn choose(chosen: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let locale: Locale = chosen.parse().map_err(|()| {
        let refusal = td_string!(crate::lang::requested(), account.language_not_offered);
        AppError::invalid("lang", refusal)
    })?;
    if let Some(user) = session::current_user(&ctx).await? {
        ctx.repo.set_language(user.id, tag(locale)).await?;
    }
    remember(&ctx, locale);
    Ok(())
}

/// Keeps `locale` in the browser: every page after this answer is in it.
fn remember(ctx: &AppContext, locale: Locale) {
    session::set_cookie(
        Cookie::build((COOKIE, tag(locale)))
            .path("/")
            .same_site(SameSite::Lax)
            .secure(ctx.settings.secure_cookie)
            .max_age(cookie::time::Duration::days(KEPT_DAYS))
            .build(),
    );
}

/// On signing in, the language the person chose on their account, if they chose one
/// the app still has.
pub fn follow_account(ctx: &AppContext, chosen: Option<&str>) {
    if let Some(locale) = chosen.and_then(|chosen| chosen.parse::<Locale>().ok()) {
        remember(ctx, locale);
    }
}
