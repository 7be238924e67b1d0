//! Activation codes of a digital offer: the partner adds them to the offer's stock
//! (pasted, or a CSV file the browser reads into the same field), each booking then
//! takes one, and the editor says how many are left, given and expired.

use super::offers::offer_row;
use crate::error::AppError;
use crate::features::pro::dto::CodesView;
use crate::ssr::access::partner_of;
use crate::ssr::app_context;
use crate::ssr::time::{to_local, zone};
use domain::pro::codes::{parse_codes, parse_expiry, summary};
use store::Owned;

/// Adds the codes; answers what was taken, in one sentence.
pub async fn add(offer_id: i64, codes: String, expires_on: String) -> Result<String, AppError> {
    let ctx = app_context()?;
    partner_of(&ctx, Owned::Offer(offer_id)).await?;
    let row = offer_row(&ctx, offer_id).await?;
    if row.url.is_none() {
        return Err(AppError::invalid(
            "codes",
            "Seule une offre numérique a des codes d'activation",
        ));
    }
    let stock = ctx
        .repo
        .stocks_of_offer(offer_id)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::invalid("codes", "Enregistrez d'abord le prix de l'offre"))?;
    let zone = zone(&row.postal_code);
    let today = to_local(ctx.now(), zone).date();
    let last_day = parse_expiry(&expires_on, today)?;
    let list = parse_codes(&codes)?;
    // Given until the end of their last day, on the venue's clock.
    let expires_at = last_day
        .and_then(|day| day.succ_opt())
        .map(|next| domain::zones::start_of_day(next, zone));
    let added = ctx
        .repo
        .add_codes(stock.id, &list.codes, expires_at, ctx.now())
        .await?;
    Ok(summary(&list, added))
}

/// The codes of the offer's stock, if it has any.
pub async fn counts(
    ctx: &crate::ssr::AppContext,
    offer_id: i64,
) -> Result<Option<CodesView>, AppError> {
    let counts = ctx.repo.code_counts(offer_id, ctx.now()).await?;
    Ok(counts.into_iter().next().map(|c| CodesView {
        stock_id: c.stock_id,
        free: c.free,
        given: c.given,
        expired: c.expired,
    }))
}

/// A stock that has codes sells as many as it has: its quantity is not typed.
pub async fn refuse_typed_quantity(
    ctx: &crate::ssr::AppContext,
    offer_id: i64,
    stock_id: i64,
) -> Result<(), AppError> {
    if counts(ctx, offer_id)
        .await?
        .is_some_and(|c| c.stock_id == stock_id)
    {
        return Err(AppError::invalid(
            "quantity",
            "La quantité suit les codes d'activation : ajoutez des codes pour en vendre davantage",
        ));
    }
    Ok(())
}
