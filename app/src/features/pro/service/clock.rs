//! A structure's clock: its days (the bookings' filters, the statement's periods, the
//! weekly chart) begin at the midnight of its first physical venue, as its digest does,
//! so a Cayenne cinema's Monday is not cut at Paris's midnight. Paris while it has none.

use crate::error::AppError;
use crate::ssr::AppContext;
use domain::zones::{self, PARIS, Tz};

/// The time zone a structure's days are read in.
pub async fn of_structure(ctx: &AppContext, structure_id: i64) -> Result<Tz, AppError> {
    let venues = ctx.repo.venues_of_structure(structure_id).await?;
    Ok(venues
        .iter()
        .filter(|v| !v.is_virtual)
        .min_by_key(|v| v.id)
        .map_or(PARIS, |v| zones::of_postal_code(&v.postal_code)))
}
