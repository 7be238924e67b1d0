//! The catalogue's writes that every path shares: one statement per table, used by the
//! partner's dashboard (an offer at a time) and by imports (the bench data, a thousand
//! published offers per transaction), so a new column is one more bind in one place.
//! Structures, venues and offers are checked by the partner's own rules
//! ([`domain::pro`]) before they get here, whoever writes them.

use crate::backend::{Db, Store};
use crate::error::StoreError;
use crate::models::*;
use chrono::{DateTime, Utc};
use domain::pro::offer::OfferDraft;

type Result<T> = std::result::Result<T, StoreError>;

/// An offer imported as published, with its stocks.
#[derive(Debug, Clone)]
pub struct ImportedOffer {
    pub venue_id: i64,
    pub offer: OfferDraft,
    pub stocks: Vec<NewStock>,
}

#[async_trait::async_trait]
pub trait Catalogue: Send + Sync + 'static {
    async fn structure_id_by_siren(&self, siren: &str) -> Result<Option<i64>>;
    async fn add_member(&self, structure_id: i64, user_id: i64) -> Result<()>;
    /// Offers published at once with their stocks, in one transaction, re-indexed
    /// together (bench data: a million offers in minutes).
    async fn import_offers(&self, offers: &[ImportedOffer], now: DateTime<Utc>) -> Result<()>;
    async fn count_offers(&self) -> Result<i64>;
}

#[async_trait::async_trait]
impl<DB: Db> Catalogue for Store<DB> {
    async fn structure_id_by_siren(&self, siren: &str) -> Result<Option<i64>> {
        Ok(
            sqlx::query_scalar::<_, i64>("SELECT id FROM structures WHERE siren = $1")
                .bind(siren)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn add_member(&self, structure_id: i64, user_id: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO structure_members (structure_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(structure_id)
        .bind(user_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn import_offers(&self, offers: &[ImportedOffer], now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let mut ids = None;
        for imported in offers {
            let offer_id = self
                .insert_offer(
                    &mut tx,
                    imported.venue_id,
                    &imported.offer,
                    OfferStatus::Published,
                    None,
                    now,
                )
                .await?;
            for stock in &imported.stocks {
                self.insert_stock(&mut tx, offer_id, stock, now).await?;
            }
            let (first, _) = ids.unwrap_or((offer_id, offer_id));
            ids = Some((first, offer_id));
        }
        if let Some((first, last)) = ids {
            self.reindex(&mut tx, first, last, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn count_offers(&self) -> Result<i64> {
        Ok(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM offers")
            .fetch_one(&self.pool)
            .await?)
    }
}

/// Writes an offer.
const INSERT_OFFER: &str = "INSERT INTO offers (venue_id, subcategory, title, description, \
     artist, url, is_duo, withdrawal_details, booking_contact, publish_at, audio_accessible, \
     mental_accessible, motor_accessible, visual_accessible, status, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id";

/// Writes a stock; an event's price category must be one of its offer's (else nothing
/// is written).
const INSERT_STOCK: &str = "INSERT INTO stocks (offer_id, price_cents, price_category_id, \
     quantity, booking_limit_at, begins_at, created_at) \
     SELECT $1, $2, $3, $4, $5, $6, $7 \
     WHERE $3 IS NULL OR EXISTS (SELECT 1 FROM price_categories WHERE id = $3 AND offer_id = $1)";

impl<DB: Db> Store<DB> {
    /// The one way an offer is written (not re-indexed: the caller does it, once).
    pub(crate) async fn insert_offer(
        &self,
        conn: &mut DB::Connection,
        venue_id: i64,
        offer: &OfferDraft,
        status: OfferStatus,
        publish_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> std::result::Result<i64, sqlx::Error> {
        sqlx::query_scalar::<_, i64>(INSERT_OFFER)
            .bind(venue_id)
            .bind(offer.subcategory.id)
            .bind(offer.title.as_str())
            .bind(&offer.description)
            .bind(&offer.artist)
            .bind(&offer.url)
            .bind(offer.is_duo)
            .bind(&offer.withdrawal_details)
            .bind(offer.booking_contact.as_ref().map(|e| e.as_str()))
            .bind(publish_at.map(crate::time::to_db))
            .bind(offer.accessibility.audio)
            .bind(offer.accessibility.mental)
            .bind(offer.accessibility.motor)
            .bind(offer.accessibility.visual)
            .bind(status.as_str())
            .bind(crate::time::to_db(now))
            .fetch_one(conn)
            .await
    }

    /// The one way a stock is written (not re-indexed: the caller does it, once).
    pub(crate) async fn insert_stock(
        &self,
        conn: &mut DB::Connection,
        offer_id: i64,
        stock: &NewStock,
        now: DateTime<Utc>,
    ) -> std::result::Result<(), sqlx::Error> {
        sqlx::query(INSERT_STOCK)
            .bind(offer_id)
            .bind(stock.price_cents)
            .bind(stock.price_category_id)
            .bind(stock.quantity)
            .bind(stock.booking_limit.map(crate::time::to_db))
            .bind(stock.begins_at.map(crate::time::to_db))
            .bind(crate::time::to_db(now))
            .execute(conn)
            .await?;
        Ok(())
    }
}
