//! What the young find: searches and the map over the `offer_search` index, a venue and
//! its offers, an offer and its bookable stocks.

use crate::backend::{Db, Store};
use crate::error::StoreError;
use crate::models::*;
use crate::search::Reach;
use chrono::{DateTime, Utc};

type Result<T> = std::result::Result<T, StoreError>;

#[async_trait::async_trait]
pub trait Discovery: Send + Sync + 'static {
    /// Findable offers matching a search (one page of it).
    async fn search_offers(&self, search: &OfferSearch) -> Result<Vec<OfferCardRow>>;
    /// The map's per-cell counts of findable offers, zoomed out (levels up to
    /// [`domain::cluster::MAX_STORED_LEVEL`]).
    async fn offer_cells(&self, cells: domain::cluster::CellRange) -> Result<Vec<CellRow>>;
    /// Venues with findable offers inside a box, zoomed in, at most `limit`.
    async fn venues_within(
        &self,
        area: domain::geo::BoundingBox,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<VenuePointRow>>;
    async fn venue(&self, venue_id: i64) -> Result<Option<VenueRow>>;
    /// A venue's findable offers, next dates first.
    async fn offers_of_venue(
        &self,
        venue_id: i64,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<OfferCardRow>>;
    async fn offer(&self, offer_id: i64) -> Result<Option<OfferRow>>;
    /// The stocks of an offer that can still be booked at `now`.
    async fn bookable_stocks(&self, offer_id: i64, now: DateTime<Utc>) -> Result<Vec<StockRow>>;
}

#[async_trait::async_trait]
impl<DB: Db> Discovery for Store<DB> {
    #[tracing::instrument(skip(self), fields(terms = search.terms.len()))]
    async fn search_offers(&self, search: &OfferSearch) -> Result<Vec<OfferCardRow>> {
        // Nearest first within a radius: try small circles first, most pages fill
        // up in one; an offer outside a circle is farther than any inside it.
        // Digital offers count in the last circle only (see `Reach`).
        let last = |radius_km| Reach {
            radius_km,
            with_digital: true,
        };
        let smaller = |radius_km| Reach {
            radius_km,
            with_digital: false,
        };
        let steps: Vec<Option<Reach>> = match (search.sort, search.center, search.radius_km) {
            (domain::search::Sort::Distance, Some(_), Some(radius)) => [2.0, 5.0, 10.0, 25.0, 50.0]
                .into_iter()
                .filter(|step| *step < radius)
                .map(smaller)
                .chain([last(radius)])
                .map(Some)
                .collect(),
            (_, _, radius) => vec![radius.map(last)],
        };
        let mut rows = Vec::new();
        for reach in steps {
            rows = crate::search::offers::<DB>(search, reach)
                .build_query_as::<OfferCardRow>()
                .fetch_all(&self.pool)
                .await?;
            if rows.len() as i64 >= search.limit {
                break;
            }
        }
        Ok(rows)
    }

    async fn offer_cells(&self, cells: domain::cluster::CellRange) -> Result<Vec<CellRow>> {
        Ok(sqlx::query_as(
            "SELECT x, y, offers, latitude_sum, longitude_sum FROM offer_cells \
             WHERE level = $1 AND x BETWEEN $2 AND $3 AND y BETWEEN $4 AND $5 AND offers > 0 \
             ORDER BY x, y",
        )
        .bind(i32::from(cells.level))
        .bind(cells.min.x)
        .bind(cells.max.x)
        .bind(cells.min.y)
        .bind(cells.max.y)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn venues_within(
        &self,
        area: domain::geo::BoundingBox,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<VenuePointRow>> {
        Ok(crate::search::venues_within::<DB>(area, now, limit)
            .build_query_as::<VenuePointRow>()
            .fetch_all(&self.pool)
            .await?)
    }

    async fn venue(&self, venue_id: i64) -> Result<Option<VenueRow>> {
        Ok(sqlx::query_as(
            "SELECT v.id, v.name, v.venue_type, v.address, v.postal_code, v.city, v.latitude, \
             v.longitude, v.is_virtual, st.status AS structure_status \
             FROM venues v JOIN structures st ON st.id = v.structure_id WHERE v.id = $1",
        )
        .bind(venue_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn offers_of_venue(
        &self,
        venue_id: i64,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<OfferCardRow>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            crate::columns::card_columns!(),
            " FROM offer_search os \
             WHERE os.venue_id = $1 AND os.bookable_until > $2 \
             ORDER BY COALESCE(os.next_begins_at, 253402300799), os.offer_id LIMIT $3"
        ))
        .bind(venue_id)
        .bind(crate::time::to_db(now))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn offer(&self, offer_id: i64) -> Result<Option<OfferRow>> {
        Ok(sqlx::query_as(
            "SELECT o.id, o.title, o.description, o.artist, o.subcategory, o.url, o.is_duo, o.image_url, o.publish_at, \
             o.withdrawal_details, o.audio_accessible, o.mental_accessible, o.motor_accessible, \
             o.visual_accessible, o.status, v.id AS venue_id, v.name AS venue_name, v.address, \
             v.postal_code, v.city, v.latitude, v.longitude, st.status AS structure_status \
             FROM offers o JOIN venues v ON v.id = o.venue_id \
             JOIN structures st ON st.id = v.structure_id WHERE o.id = $1",
        )
        .bind(offer_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn bookable_stocks(&self, offer_id: i64, now: DateTime<Utc>) -> Result<Vec<StockRow>> {
        Ok(sqlx::query_as(
            "SELECT id, price_cents, quantity, booked, booking_limit_at, begins_at FROM stocks \
             WHERE offer_id = $1 AND is_deleted = FALSE \
             AND (booking_limit_at IS NULL OR booking_limit_at > $2) \
             AND (begins_at IS NULL OR begins_at > $2) \
             ORDER BY begins_at, price_cents, id",
        )
        .bind(offer_id)
        .bind(crate::time::to_db(now))
        .fetch_all(&self.pool)
        .await?)
    }
}
