//! The catalogue as the seed and the benchmarks write it: structures, venues, offers and
//! stocks.

use crate::backend::{Db, Store};
use crate::error::StoreError;
use crate::models::*;
use chrono::{DateTime, Utc};

type Result<T> = std::result::Result<T, StoreError>;

#[async_trait::async_trait]
pub trait Catalogue: Send + Sync + 'static {
    async fn create_structure(
        &self,
        name: &str,
        siren: &domain::identifiers::Siren,
        status: StructureStatus,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    async fn structure_id_by_siren(&self, siren: &str) -> Result<Option<i64>>;
    async fn add_member(&self, structure_id: i64, user_id: i64) -> Result<()>;
    async fn create_venue(&self, venue: &NewVenue, now: DateTime<Utc>) -> Result<i64>;
    async fn create_offer(&self, offer: &NewOffer, now: DateTime<Utc>) -> Result<i64>;
    async fn create_stock(&self, stock: &NewStock, now: DateTime<Utc>) -> Result<i64>;
    /// Many offers with one stock each, in one transaction (bench data).
    async fn create_offers_with_stocks(
        &self,
        offers: &[(NewOffer, NewStock)],
        now: DateTime<Utc>,
    ) -> Result<()>;
    async fn count_offers(&self) -> Result<i64>;
}

#[async_trait::async_trait]
impl<DB: Db> Catalogue for Store<DB> {
    async fn create_structure(
        &self,
        name: &str,
        siren: &domain::identifiers::Siren,
        status: StructureStatus,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO structures (name, siren, status, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(name)
        .bind(siren.as_str())
        .bind(status.as_str())
        .bind(crate::time::to_db(now))
        .fetch_one(&self.pool)
        .await?)
    }

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

    async fn create_venue(&self, venue: &NewVenue, now: DateTime<Utc>) -> Result<i64> {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO venues (structure_id, name, siret, venue_type, address, postal_code, city, \
             latitude, longitude, is_virtual, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(venue.structure_id)
        .bind(&venue.name)
        .bind(&venue.siret)
        .bind(&venue.venue_type)
        .bind(&venue.address)
        .bind(&venue.postal_code)
        .bind(&venue.city)
        .bind(venue.position.map(|p| p.latitude))
        .bind(venue.position.map(|p| p.longitude))
        .bind(venue.position.is_none())
        .bind(crate::time::to_db(now))
        .fetch_one(&self.pool)
        .await?)
    }

    async fn create_offer(&self, offer: &NewOffer, now: DateTime<Utc>) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let id = self.insert_offer(&mut *tx, offer, now).await?;
        self.reindex(&mut *tx, id, id, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn create_stock(&self, stock: &NewStock, now: DateTime<Utc>) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let id = self
            .insert_stock(&mut *tx, stock, stock.offer_id, now)
            .await?;
        self.reindex(&mut *tx, stock.offer_id, stock.offer_id, now)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn create_offers_with_stocks(
        &self,
        offers: &[(NewOffer, NewStock)],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let mut ids = None;
        for (offer, stock) in offers {
            let offer_id = self.insert_offer(&mut *tx, offer, now).await?;
            self.insert_stock(&mut *tx, stock, offer_id, now).await?;
            let (first, _) = ids.unwrap_or((offer_id, offer_id));
            ids = Some((first, offer_id));
        }
        if let Some((first, last)) = ids {
            self.reindex(&mut *tx, first, last, now).await?;
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

impl<DB: Db> Store<DB> {
    pub(crate) async fn insert_offer(
        &self,
        conn: &mut DB::Connection,
        offer: &NewOffer,
        now: DateTime<Utc>,
    ) -> std::result::Result<i64, sqlx::Error> {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO offers (venue_id, subcategory, title, description, artist, url, is_duo, \
             withdrawal_details, audio_accessible, mental_accessible, motor_accessible, \
             visual_accessible, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        )
        .bind(offer.venue_id)
        .bind(offer.subcategory.id)
        .bind(offer.title.as_str())
        .bind(&offer.description)
        .bind(&offer.artist)
        .bind(&offer.url)
        .bind(offer.is_duo)
        .bind(&offer.withdrawal_details)
        .bind(offer.accessibility.audio)
        .bind(offer.accessibility.mental)
        .bind(offer.accessibility.motor)
        .bind(offer.accessibility.visual)
        .bind(offer.status.as_str())
        .bind(crate::time::to_db(now))
        .fetch_one(conn)
        .await
    }

    pub(crate) async fn insert_stock(
        &self,
        conn: &mut DB::Connection,
        stock: &NewStock,
        offer_id: i64,
        now: DateTime<Utc>,
    ) -> std::result::Result<i64, sqlx::Error> {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO stocks (offer_id, price_cents, quantity, booking_limit_at, begins_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(offer_id)
        .bind(stock.price.cents().get())
        .bind(stock.quantity)
        .bind(stock.booking_limit.map(crate::time::to_db))
        .bind(stock.begins_at.map(crate::time::to_db))
        .bind(crate::time::to_db(now))
        .fetch_one(conn)
        .await
    }
}
