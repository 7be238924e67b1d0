//! Favorites on the server.

use crate::error::AppError;
use crate::features::favorites::dto::FavoriteView;
use crate::i18n::td_string;
use crate::ssr::reply::WordRefusal;
use crate::ssr::{app_context, session};

pub async fn toggle(offer_id: i64) -> Result<bool, AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    if ctx.repo.is_favorite(user.id, offer_id).await? {
        ctx.repo.remove_favorite(user.id, offer_id).await?;
        return Ok(false);
    }
    ctx.repo
        .add_favorite(user.id, offer_id, ctx.now())
        .await
        .on_limit(
            "favorite",
            td_string!(
                crate::lang::requested(),
                social.favorites_full,
                max = domain::account::MAX_FAVORITES
            ),
        )
        .map(|()| true)
}

pub async fn is_favorite(offer_id: i64) -> Result<bool, AppError> {
    let ctx = app_context()?;
    match session::current_user(&ctx).await? {
        Some(user) => Ok(ctx.repo.is_favorite(user.id, offer_id).await?),
        None => Ok(false),
    }
}

pub async fn mine() -> Result<Vec<FavoriteView>, AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    let locale = crate::lang::requested();
    Ok(ctx
        .repo
        .favorites(user.id)
        .await?
        .into_iter()
        .map(|f| FavoriteView {
            offer_id: f.offer_id,
            category: crate::lang::catalogue::subcategory(locale, &f.subcategory),
            title: f.title,
            venue: format!("{}, {}", f.venue_name, f.city),
        })
        .collect())
}

pub async fn ids() -> Result<Vec<i64>, AppError> {
    let ctx = app_context()?;
    match session::current_user(&ctx).await? {
        Some(user) => Ok(ctx
            .repo
            .favorites(user.id)
            .await?
            .into_iter()
            .map(|f| f.offer_id)
            .collect()),
        None => Ok(Vec::new()),
    }
}
