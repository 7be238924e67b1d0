//! Venues of a structure.

use crate::error::AppError;
use crate::features::pro::dto::PartnerVenueView;
use crate::i18n::td_string;
use crate::lang::{pro::venue_type, requested};
use crate::ssr::access::partner_of;
use crate::ssr::reply::WordRefusal;
use crate::ssr::{AppContext, app_context};
use domain::pro::venue::VenueForm;
use store::Owned;

/// The structure's venues, in the request's language.
pub async fn list(ctx: &AppContext, structure_id: i64) -> Result<Vec<PartnerVenueView>, AppError> {
    let locale = requested();
    Ok(ctx
        .repo
        .venues_of_structure(structure_id)
        .await?
        .into_iter()
        .map(|v| PartnerVenueView {
            id: v.id,
            address: if v.is_virtual {
                td_string!(locale, venues.digital_offers).to_owned()
            } else {
                format!("{}, {} {}", v.address, v.postal_code, v.city)
            },
            siret: v
                .siret
                .or(v
                    .siret_missing_reason
                    .map(|reason| td_string!(locale, venues.without_siret, reason).to_string()))
                .unwrap_or_default(),
            venue_type: venue_type(locale, &v.venue_type).to_owned(),
            name: v.name,
            is_virtual: v.is_virtual,
        })
        .collect())
}

pub async fn venues(structure_id: i64) -> Result<Vec<PartnerVenueView>, AppError> {
    let ctx = app_context()?;
    let partner = partner_of(&ctx, Owned::Structure(structure_id)).await?;
    list(&ctx, partner.structure_id).await
}

pub async fn add(structure_id: i64, form: VenueForm) -> Result<i64, AppError> {
    let ctx = app_context()?;
    let partner = partner_of(&ctx, Owned::Structure(structure_id)).await?;
    let draft = form.parse()?;
    ctx.repo
        .add_venue(partner.structure_id, &draft, ctx.now())
        .await
        .on_conflict("siret", td_string!(requested(), venues.siret_taken))
}
