//! The dashboard's SQL, written once for both backends over [`crate::backend::Db`]: the
//! `impl Dashboard` of the store, which reuses the transaction, re-index and
//! cancellation helpers of the bookings and index modules.

use crate::audit::ActionRecord;
use crate::backend::{Affected, Db, Store};
use crate::dashboard::*;
use crate::error::StoreError;
use crate::models::*;
use crate::outbox::Recipient;
use chrono::{DateTime, Utc};
use domain::admin::{AdminAction, Page};
use domain::notification::MailKind;
use domain::pro::state::{OfferState, StockCondition, StockSummary};
use sqlx::QueryBuilder;

type Result<T> = std::result::Result<T, StoreError>;

/// The columns of [`PartnerVenueRow`].
macro_rules! partner_venue_columns {
    () => {
        "id, name, siret, siret_missing_reason, venue_type, address, postal_code, city, latitude, \
         longitude, is_virtual, withdrawal_details, contact_email"
    };
}

/// Pushes the `FROM` and `WHERE` of a structure's bookings that `filter` selects (its
/// cursor aside).
fn push_bookings_of<DB: Db>(sql: &mut QueryBuilder<DB>, structure_id: i64, filter: &BookingFilter) {
    sql.push(
        " FROM bookings b JOIN offers o ON o.id = b.offer_id JOIN venues v ON v.id = o.venue_id \
         JOIN stocks s ON s.id = b.stock_id LEFT JOIN users u ON u.id = b.user_id \
         LEFT JOIN activation_codes ac ON ac.booking_id = b.id WHERE v.structure_id = ",
    )
    .push_bind(structure_id);
    if let Some(venue_id) = filter.venue_id {
        sql.push(" AND v.id = ").push_bind(venue_id);
    }
    if let Some(offer_id) = filter.offer_id {
        sql.push(" AND o.id = ").push_bind(offer_id);
    }
    if let Some(status) = &filter.status {
        sql.push(" AND b.status = ").push_bind(status.clone());
    }
    if let Some((from, until)) = filter.booked_between {
        sql.push(" AND b.booked_at >= ")
            .push_bind(crate::time::to_db(from))
            .push(" AND b.booked_at < ")
            .push_bind(crate::time::to_db(until));
    }
    if let Some((from, until)) = filter.event_between {
        sql.push(" AND s.begins_at >= ")
            .push_bind(crate::time::to_db(from))
            .push(" AND s.begins_at < ")
            .push_bind(crate::time::to_db(until));
    }
}

/// Whose offers a list reads.
#[derive(Clone, Copy)]
enum Listed {
    Structure(i64),
    Offer(i64),
}

/// Pushes the offers (of a structure, or one offer) that `query` selects, one row per
/// offer with what its state is computed from (the columns of [`PartnerOfferRow`], its
/// stocks' aggregates at `now`), as a subquery `listed` the caller opened with `(` and may
/// order, group or count; the state's stock condition is on the subquery's aggregates, its
/// status and the cursor inside it.
fn push_offers_of<DB: Db>(
    sql: &mut QueryBuilder<DB>,
    listed: Listed,
    query: &PartnerOfferQuery,
    now: DateTime<Utc>,
) {
    let now = crate::time::to_db(now);
    let open = "COALESCE(s.booking_limit_at, s.begins_at, 253402300799) > ";
    sql.push(
        "SELECT o.id, o.title, o.subcategory, o.venue_id, v.name AS venue_name, v.postal_code, \
         v.is_virtual, o.status, o.is_duo, o.url, o.description, o.artist, o.withdrawal_details, \
         o.booking_contact, o.image_url, o.publish_at, o.audio_accessible, o.mental_accessible, \
         o.motor_accessible, o.visual_accessible, o.rejection_reason, o.review_note, \
         COUNT(s.id) AS stocks, COUNT(CASE WHEN ",
    );
    sql.push(open).push_bind(now);
    sql.push(" THEN 1 END) AS open_stocks, COUNT(CASE WHEN ")
        .push(open)
        .push_bind(now);
    sql.push(
        " AND (s.quantity IS NULL OR s.booked < s.quantity) THEN 1 END) AS open_with_seats, \
         CAST(COALESCE(SUM(s.booked), 0) AS BIGINT) AS booked, MIN(CASE WHEN s.begins_at > ",
    )
    .push_bind(now);
    sql.push(
        " THEN s.begins_at END) AS next_begins_at \
         FROM offers o JOIN venues v ON v.id = o.venue_id \
         LEFT JOIN stocks s ON s.offer_id = o.id AND s.is_deleted = FALSE \
         WHERE ",
    );
    match listed {
        Listed::Structure(id) => sql.push("v.structure_id = ").push_bind(id),
        Listed::Offer(id) => sql.push("o.id = ").push_bind(id),
    };
    if let Some(venue_id) = query.venue_id {
        sql.push(" AND o.venue_id = ").push_bind(venue_id);
    }
    if let Some(after) = query.after {
        sql.push(" AND o.id < ").push_bind(after);
    }
    let condition = query.state.map(|state| {
        let (status, condition) = state.selection();
        sql.push(" AND o.status = ").push_bind(status.as_str());
        condition
    });
    sql.push(" GROUP BY o.id, v.name, v.postal_code, v.is_virtual) AS listed");
    sql.push(match condition.unwrap_or(StockCondition::Any) {
        StockCondition::Any => "",
        StockCondition::NoneOpen => " WHERE open_stocks = 0",
        StockCondition::OpenWithoutSeats => " WHERE open_stocks > 0 AND open_with_seats = 0",
        StockCondition::WithSeats => " WHERE open_with_seats > 0",
    });
}

#[async_trait::async_trait]
impl<DB: Db> crate::Dashboard for Store<DB> {
    async fn owner_of(&self, thing: Owned) -> Result<Option<i64>> {
        let (sql, id) = match thing {
            crate::Owned::Structure(id) => ("SELECT id FROM structures WHERE id = $1", id),
            crate::Owned::Venue(id) => ("SELECT structure_id FROM venues WHERE id = $1", id),
            crate::Owned::Offer(id) => (
                "SELECT v.structure_id FROM offers o JOIN venues v ON v.id = o.venue_id WHERE o.id = $1",
                id,
            ),
            crate::Owned::Ticket(token) => {
                return Ok(sqlx::query_scalar::<_, i64>(
                    "SELECT v.structure_id FROM bookings b JOIN offers o ON o.id = b.offer_id \
                     JOIN venues v ON v.id = o.venue_id WHERE b.token = $1",
                )
                .bind(token.as_str().to_owned())
                .fetch_optional(&self.pool)
                .await?);
            }
            crate::Owned::Stock(id) => (
                "SELECT v.structure_id FROM stocks s JOIN offers o ON o.id = s.offer_id \
                 JOIN venues v ON v.id = o.venue_id WHERE s.id = $1 AND s.is_deleted = FALSE",
                id,
            ),
        };
        Ok(sqlx::query_scalar::<_, i64>(sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn is_member(&self, structure_id: i64, user_id: i64) -> Result<bool> {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT structure_id FROM structure_members WHERE structure_id = $1 AND user_id = $2",
        )
        .bind(structure_id)
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?
        .is_some())
    }

    async fn register_structure(
        &self,
        user_id: i64,
        name: &str,
        siren: &domain::identifiers::Siren,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let at = crate::time::to_db(now);
        let mut tx = self.begin_write().await?;
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO structures (name, siren, status, created_at) VALUES ($1, $2, 'pending', $3) RETURNING id",
        )
        .bind(name)
        .bind(siren.as_str())
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO structure_members (structure_id, user_id, role) VALUES ($1, $2, 'admin')",
        )
        .bind(id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO venues (structure_id, name, venue_type, address, postal_code, city, is_virtual, created_at) \
             VALUES ($1, $2, $3, '', '', '', TRUE, $4)",
        )
        .bind(id)
        .bind(format!("{name} (offres numériques)"))
        .bind(domain::pro::venue::VIRTUAL_VENUE_TYPE)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn structures_of_member(&self, user_id: i64) -> Result<Vec<StructureRow>> {
        Ok(sqlx::query_as(
            "SELECT s.id, s.name, s.siren, s.status, s.created_at FROM structures s \
             JOIN structure_members m ON m.structure_id = s.id WHERE m.user_id = $1 ORDER BY s.name",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn structure(&self, structure_id: i64) -> Result<Option<StructureRow>> {
        Ok(sqlx::query_as(
            "SELECT id, name, siren, status, created_at FROM structures WHERE id = $1",
        )
        .bind(structure_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn pending_structures(
        &self,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Page<StructureRow>> {
        let total: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM structures WHERE status = 'pending'")
                .fetch_one(&self.pool)
                .await?;
        let mut query = QueryBuilder::<DB>::new(
            "SELECT id, name, siren, status, created_at FROM structures WHERE status = 'pending'",
        );
        if let Some(after) = after {
            query
                .push(" AND (created_at, id) > ((SELECT created_at FROM structures WHERE id = ")
                .push_bind(after)
                .push("), ")
                .push_bind(after)
                .push(")");
        }
        query.push(" ORDER BY created_at, id");
        Ok(self
            .read_page(query, limit, total, |s: &StructureRow| s.id)
            .await?)
    }

    async fn decide_structure(
        &self,
        structure_id: i64,
        validate: bool,
        admin_id: i64,
        mail: Option<&Letter>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let decided = sqlx::query(
            "UPDATE structures SET status = $1, decided_by = $2, decided_at = $3 \
             WHERE id = $4 AND status = 'pending'",
        )
        .bind(if validate { "validated" } else { "rejected" })
        .bind(admin_id)
        .bind(crate::time::to_db(now))
        .bind(structure_id)
        .execute(&mut *tx)
        .await?;
        if decided.rows_affected() != 1 {
            return Ok(false);
        }
        let action = if validate {
            AdminAction::StructureValidated
        } else {
            AdminAction::StructureRejected
        };
        Self::record_action(
            &mut tx,
            &ActionRecord::new(admin_id, action, structure_id),
            now,
        )
        .await?;
        let offers = sqlx::query_scalar::<_, i64>(
            "SELECT o.id FROM offers o JOIN venues v ON v.id = o.venue_id WHERE v.structure_id = $1",
        )
        .bind(structure_id)
        .fetch_all(&mut *tx)
        .await?;
        for offer_id in offers {
            self.reindex(&mut *tx, offer_id, offer_id, now).await?;
        }
        if let Some(mail) = mail {
            let members = sqlx::query_scalar::<_, i64>(
                "SELECT user_id FROM structure_members WHERE structure_id = $1 ORDER BY user_id",
            )
            .bind(structure_id)
            .fetch_all(&mut *tx)
            .await?;
            let kind = if validate {
                MailKind::StructureValidated
            } else {
                MailKind::StructureRejected
            };
            for member in members {
                self.queue_mail(&mut tx, kind, Recipient::Person(member), None, mail, now)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn create_invitation(
        &self,
        invitation: &NewInvitation,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let at = crate::time::to_db(now);
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO structure_invitations (token_hash, structure_id, email, invited_by, created_at, expires_at, role) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&invitation.token_hash)
        .bind(invitation.structure_id)
        .bind(&invitation.email)
        .bind(invitation.invited_by)
        .bind(at)
        .bind(crate::time::to_db(invitation.expires_at))
        .bind(invitation.role.to_stored())
        .execute(&mut *tx)
        .await?;
        self.queue_mail(
            &mut tx,
            MailKind::Invitation,
            Recipient::Address(&invitation.email),
            None,
            &Letter::from(invitation.mail.clone()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn accept_invitation(
        &self,
        token_hash: &str,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let at = crate::time::to_db(now);
        let mut tx = self.begin_write().await?;
        let structure = sqlx::query_scalar::<_, i64>(
            "UPDATE structure_invitations SET accepted_by = $1, accepted_at = $2 \
             WHERE token_hash = $3 AND accepted_at IS NULL AND expires_at > $2 \
             AND lower(email) = (SELECT lower(email) FROM users WHERE id = $1) RETURNING structure_id",
        )
        .bind(user_id)
        .bind(at)
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        if structure.is_some() {
            sqlx::query(
                "INSERT INTO structure_members (structure_id, user_id, role) \
                 SELECT structure_id, $1, role FROM structure_invitations WHERE token_hash = $2 \
                 ON CONFLICT DO NOTHING",
            )
            .bind(user_id)
            .bind(token_hash)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(structure)
    }

    async fn add_venue(
        &self,
        structure_id: i64,
        venue: &domain::pro::venue::VenueDraft,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO venues (structure_id, name, siret, siret_missing_reason, venue_type, address, \
             postal_code, city, latitude, longitude, is_virtual, withdrawal_details, contact_email, \
             audio_accessible, mental_accessible, motor_accessible, visual_accessible, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, FALSE, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
        )
        .bind(structure_id)
        .bind(&venue.name)
        .bind(venue.siret.as_ref().map(|s| s.as_str()))
        .bind(&venue.no_siret_reason)
        .bind(venue.venue_type)
        .bind(&venue.address)
        .bind(&venue.postal_code)
        .bind(&venue.city)
        .bind(venue.position.latitude)
        .bind(venue.position.longitude)
        .bind(&venue.withdrawal_details)
        .bind(venue.contact_email.as_ref().map(|e| e.as_str()))
        .bind(venue.accessibility.audio)
        .bind(venue.accessibility.mental)
        .bind(venue.accessibility.motor)
        .bind(venue.accessibility.visual)
        .bind(crate::time::to_db(now))
        .fetch_one(&self.pool)
        .await?)
    }

    async fn venues_of_structure(&self, structure_id: i64) -> Result<Vec<PartnerVenueRow>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            crate::dashboard::sql::partner_venue_columns!(),
            " FROM venues WHERE structure_id = $1 ORDER BY is_virtual, name"
        ))
        .bind(structure_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn add_offer(
        &self,
        venue_id: i64,
        offer: &domain::pro::offer::OfferDraft,
        publish_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let mut conn = self.pool.acquire().await?;
        Ok(self
            .insert_offer(
                &mut conn,
                venue_id,
                offer,
                OfferStatus::Draft,
                publish_at,
                now,
            )
            .await?)
    }

    async fn update_offer(
        &self,
        offer_id: i64,
        offer: &domain::pro::offer::OfferDraft,
        publish_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE offers SET title = $1, description = $2, artist = $3, url = $4, is_duo = $5, \
             withdrawal_details = $6, booking_contact = $7, publish_at = $8, audio_accessible = $9, \
             mental_accessible = $10, motor_accessible = $11, visual_accessible = $12 WHERE id = $13",
        )
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
        .bind(offer_id)
        .execute(&mut *tx)
        .await?;
        self.reindex(&mut *tx, offer_id, offer_id, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_offer_status(
        &self,
        offer_id: i64,
        status: OfferStatus,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // An offer the administrators withdrew stays withdrawn.
        let changed =
            sqlx::query("UPDATE offers SET status = $1, review_note = NULL WHERE id = $2 AND status <> 'rejected'")
                .bind(status.as_str())
                .bind(offer_id)
                .execute(&mut *tx)
                .await?;
        if changed.rows_affected() != 1 {
            return Err(StoreError::Invalid(domain::pro::FieldError {
                field: "status".to_owned(),
                reason: domain::pro::FieldRefusal::OfferWithdrawn,
            }));
        }
        self.reindex(&mut *tx, offer_id, offer_id, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn offers_page(
        &self,
        structure_id: i64,
        query: &PartnerOfferQuery,
        limit: i64,
        now: DateTime<Utc>,
    ) -> Result<Page<PartnerOfferRow>> {
        let every_page = PartnerOfferQuery {
            after: None,
            ..query.clone()
        };
        let mut count = QueryBuilder::<DB>::new("SELECT COUNT(*) FROM (");
        push_offers_of(
            &mut count,
            Listed::Structure(structure_id),
            &every_page,
            now,
        );
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;

        let mut rows = QueryBuilder::<DB>::new("SELECT * FROM (");
        push_offers_of(&mut rows, Listed::Structure(structure_id), query, now);
        rows.push(" ORDER BY id DESC");
        Ok(self
            .read_page(rows, limit, total, |row: &PartnerOfferRow| row.id)
            .await?)
    }

    async fn offer_state_counts(
        &self,
        structure_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<(OfferState, i64)>> {
        // Offers grouped by what their state is computed from; the domain names the state.
        let mut query = QueryBuilder::<DB>::new(
            "SELECT status, CASE WHEN open_stocks > 0 THEN 1 ELSE 0 END AS is_open, \
             CASE WHEN open_with_seats > 0 THEN 1 ELSE 0 END AS has_seats, COUNT(*) AS offers FROM (",
        );
        push_offers_of(
            &mut query,
            Listed::Structure(structure_id),
            &PartnerOfferQuery::default(),
            now,
        );
        query.push(" GROUP BY status, is_open, has_seats");
        let groups: Vec<(String, i32, i32, i64)> =
            query.build_query_as().fetch_all(&self.pool).await?;
        let mut counts: Vec<(OfferState, i64)> = OfferState::ALL.iter().map(|s| (*s, 0)).collect();
        for (status, open, with_seats, offers) in groups {
            let status =
                OfferStatus::try_from(status).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let stocks = StockSummary {
                open: i64::from(open),
                with_seats: i64::from(with_seats),
            };
            let state = OfferState::of(status, stocks);
            if let Some((_, count)) = counts.iter_mut().find(|(s, _)| *s == state) {
                *count += offers;
            }
        }
        counts.retain(|(_, count)| *count > 0);
        Ok(counts)
    }

    async fn booked_offers(&self, structure_id: i64) -> Result<Vec<(i64, String)>> {
        Ok(sqlx::query_as(
            "SELECT o.id, o.title FROM offers o JOIN venues v ON v.id = o.venue_id \
             WHERE v.structure_id = $1 AND EXISTS (SELECT 1 FROM stocks s JOIN bookings b ON b.stock_id = s.id \
             WHERE s.offer_id = o.id) ORDER BY o.title, o.id",
        )
        .bind(structure_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn partner_offer(
        &self,
        offer_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<PartnerOfferRow>> {
        let mut row = QueryBuilder::<DB>::new("SELECT * FROM (");
        push_offers_of(
            &mut row,
            Listed::Offer(offer_id),
            &PartnerOfferQuery::default(),
            now,
        );
        Ok(row.build_query_as().fetch_optional(&self.pool).await?)
    }

    async fn add_price_category(
        &self,
        offer_id: i64,
        label: &str,
        price_cents: i64,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO price_categories (offer_id, label, price_cents) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(offer_id)
        .bind(label)
        .bind(price_cents)
        .fetch_one(&self.pool)
        .await?)
    }

    async fn price_categories(&self, offer_id: i64) -> Result<Vec<PriceCategoryRow>> {
        Ok(sqlx::query_as(
            "SELECT id, label, price_cents FROM price_categories WHERE offer_id = $1 ORDER BY price_cents DESC, id",
        )
        .bind(offer_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn add_stocks(
        &self,
        offer_id: i64,
        stocks: &[NewStock],
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let mut tx = self.begin_write().await?;
        // Serialises concurrent additions to one offer on PostgreSQL.
        let subcategory = sqlx::query_scalar::<_, String>(DB::for_update(
            "SELECT subcategory FROM offers WHERE id = $1 ",
            None,
        ))
        .bind(offer_id)
        .fetch_one(&mut *tx)
        .await?;
        let is_event = domain::catalogue::subcategory(&subcategory).is_some_and(|s| s.is_event);
        let existing = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM stocks WHERE offer_id = $1 AND is_deleted = FALSE",
        )
        .bind(offer_id)
        .fetch_one(&mut *tx)
        .await?;
        domain::pro::stock::check_stock_count(
            is_event,
            usize::try_from(existing).unwrap_or(usize::MAX),
            stocks.len(),
        )
        .map_err(StoreError::Invalid)?;
        for stock in stocks {
            self.insert_stock(&mut tx, offer_id, stock, now).await?;
        }
        self.reindex(&mut *tx, offer_id, offer_id, now).await?;
        tx.commit().await?;
        Ok(stocks.len())
    }

    async fn stocks_of_offer(&self, offer_id: i64) -> Result<Vec<PartnerStockRow>> {
        Ok(sqlx::query_as(
            "SELECT s.id, s.price_cents, pc.label AS price_category, s.quantity, s.booked, \
             s.booking_limit_at, s.begins_at FROM stocks s \
             LEFT JOIN price_categories pc ON pc.id = s.price_category_id \
             WHERE s.offer_id = $1 AND s.is_deleted = FALSE \
             ORDER BY s.begins_at, s.price_cents DESC, s.id LIMIT 2500",
        )
        .bind(offer_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn offer_of_stock(&self, stock_id: i64) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT offer_id FROM stocks WHERE id = $1 AND is_deleted = FALSE",
        )
        .bind(stock_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn change_stock(
        &self,
        stock_id: i64,
        change: &StockChange,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let (offer_id, booked, old_start) = sqlx::query_as::<_, (i64, i64, Option<i64>)>(DB::for_update("SELECT offer_id, booked, begins_at FROM stocks WHERE id = $1 AND is_deleted = FALSE ", None))
        .bind(stock_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        domain::pro::stock::check_new_quantity(change.quantity, booked)
            .map_err(StoreError::Invalid)?;
        sqlx::query(
            "UPDATE stocks SET quantity = $1, booking_limit_at = $2, begins_at = $3 WHERE id = $4",
        )
        .bind(change.quantity)
        .bind(change.booking_limit.map(crate::time::to_db))
        .bind(change.begins_at.map(crate::time::to_db))
        .bind(stock_id)
        .execute(&mut *tx)
        .await?;
        // A new date moves the cancellation limit of the bookings already made, and
        // gives the young at least 48 h to cancel if they cannot come.
        let moved_to = change
            .begins_at
            .filter(|start| Some(crate::time::to_db(*start)) != old_start);
        let bookings = if moved_to.is_none() {
            Vec::new()
        } else {
            sqlx::query_as::<_, (i64, i64, Option<i64>)>(
                "SELECT id, booked_at, user_id FROM bookings WHERE stock_id = $1 AND status = 'confirmed'",
            )
            .bind(stock_id)
            .fetch_all(&mut *tx)
            .await?
        };
        for (booking_id, booked_at, user_id) in bookings {
            // The reminders of the old date go; those of the new one will come. The young
            // are told of the new date (the sender writes it from the booking).
            sqlx::query(
                "DELETE FROM outbox WHERE booking_id = $1 \
                 AND kind IN ('event_tomorrow', 'cancellation_closing') AND status <> 'sending'",
            )
            .bind(booking_id)
            .execute(&mut *tx)
            .await?;
            self.queue_about_booking(&mut tx, MailKind::DateMoved, user_id, booking_id, now)
                .await?;
            let limit = moved_to.map(|start| {
                domain::cancellation::cancellation_limit_after_move(
                    crate::time::from_db(booked_at),
                    start,
                    now,
                )
            });
            sqlx::query("UPDATE bookings SET cancellation_limit_at = $1 WHERE id = $2")
                .bind(limit.map(crate::time::to_db))
                .bind(booking_id)
                .execute(&mut *tx)
                .await?;
        }
        self.reindex(&mut *tx, offer_id, offer_id, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn delete_stock(&self, stock_id: i64, now: DateTime<Utc>) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let offer_id = sqlx::query_scalar::<_, i64>(DB::for_update(
            "SELECT offer_id FROM stocks WHERE id = $1 AND is_deleted = FALSE ",
            None,
        ))
        .bind(stock_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let reason =
            domain::ticket::CancellationCause::Partner("date supprimée".to_owned()).to_stored();
        let cancelled = self
            .cancel_all_in(
                &mut *tx,
                crate::steps::BookingScope::Stock(stock_id),
                &reason,
                now,
            )
            .await?;
        for booking in &cancelled {
            let kind = MailKind::BookingCancelled;
            self.queue_about_booking(&mut tx, kind, booking.user_id, booking.id, now)
                .await?;
        }
        let cancelled = cancelled.len() as u64;
        sqlx::query("UPDATE stocks SET is_deleted = TRUE WHERE id = $1")
            .bind(stock_id)
            .execute(&mut *tx)
            .await?;
        self.reindex(&mut *tx, offer_id, offer_id, now).await?;
        tx.commit().await?;
        Ok(cancelled)
    }

    async fn bookings_of_structure(
        &self,
        structure_id: i64,
        filter: &BookingFilter,
        limit: i64,
    ) -> Result<Page<PartnerBookingRow>> {
        let mut count = QueryBuilder::<DB>::new("SELECT COUNT(*)");
        push_bookings_of(&mut count, structure_id, filter);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;

        let mut rows = QueryBuilder::<DB>::new(
            "SELECT b.id, b.token, b.offer_id, o.title AS offer_title, v.name AS venue_name, \
             v.postal_code, COALESCE(u.first_name || ' ' || u.last_name, 'Compte supprimé') AS beneficiary_name, \
             u.email, b.quantity, b.amount_cents, b.status, b.cancellation_reason, b.booked_at, b.used_at, \
             s.begins_at, ac.code AS activation_code",
        );
        push_bookings_of(&mut rows, structure_id, filter);
        if let Some(after) = filter.after {
            rows.push(" AND (b.booked_at < (SELECT booked_at FROM bookings WHERE id = ")
                .push_bind(after)
                .push(") OR (b.booked_at = (SELECT booked_at FROM bookings WHERE id = ")
                .push_bind(after)
                .push(") AND b.id < ")
                .push_bind(after)
                .push("))");
        }
        rows.push(" ORDER BY b.booked_at DESC, b.id DESC");
        Ok(self
            .read_page(rows, limit, total, |row: &PartnerBookingRow| row.id)
            .await?)
    }

    async fn undo_validation(
        &self,
        partner_id: i64,
        token: &domain::token::Token,
        now: DateTime<Utc>,
    ) -> Result<BookingRow> {
        use domain::ticket::{BookingStatus, TicketRefusal};
        let refused = StoreError::TicketRefused;
        let mut tx = self.begin_write().await?;
        let booking = self.partner_ticket_in(&mut *tx, partner_id, token).await?;
        match booking.status {
            BookingStatus::Used if booking.is_digital() => {
                return Err(refused(TicketRefusal::DeliveredOnline));
            }
            BookingStatus::Used => {}
            BookingStatus::Cancelled => return Err(refused(TicketRefusal::Cancelled)),
            BookingStatus::Reimbursed => return Err(refused(TicketRefusal::NotCancellable)),
            _ => return Err(refused(TicketRefusal::NotValidated)),
        }
        if let Some(used_at) = booking.used_at {
            let closed_at = domain::ticket::undo_closes_at(used_at);
            if now > closed_at {
                return Err(refused(TicketRefusal::UndoClosed { closed_at }));
            }
        }
        // Not for an offer the administrators withdrew (its bookings are all settled), nor
        // for a booking a reimbursement run holds.
        let undone = sqlx::query(
            "UPDATE bookings SET status = 'confirmed', used_at = NULL WHERE id = $1 AND status = 'used' \
             AND EXISTS (SELECT 1 FROM offers o WHERE o.id = bookings.offer_id AND o.status <> 'rejected') \
             AND NOT EXISTS (SELECT 1 FROM reimbursement_lines l WHERE l.booking_id = bookings.id)",
        )
        .bind(booking.id)
        .execute(&mut *tx)
        .await?;
        if undone.rows_affected() != 1 {
            return Err(refused(TicketRefusal::NotCancellable));
        }
        let booking = self.booking_in(&mut *tx, booking.id).await?;
        tx.commit().await?;
        Ok(booking)
    }

    async fn cancel_by_partner(
        &self,
        partner_id: i64,
        token: &domain::token::Token,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<BookingRow> {
        use domain::ticket::{BookingStatus, TicketRefusal};
        let refused = StoreError::TicketRefused;
        let mut tx = self.begin_write().await?;
        let booking = self.partner_ticket_in(&mut *tx, partner_id, token).await?;
        match booking.status {
            BookingStatus::Confirmed => {}
            BookingStatus::Cancelled => return Err(refused(TicketRefusal::Cancelled)),
            _ => return Err(refused(TicketRefusal::AlreadyUsed)),
        }
        if !self
            .cancel_in(
                &mut *tx,
                &booking,
                &domain::ticket::CancellationCause::Partner(reason.to_owned()).to_stored(),
                now,
            )
            .await?
        {
            return Err(refused(TicketRefusal::Cancelled));
        }
        let kind = MailKind::BookingCancelled;
        self.queue_about_booking(&mut tx, kind, booking.user_id, booking.id, now)
            .await?;
        let booking = self.booking_in(&mut *tx, booking.id).await?;
        tx.commit().await?;
        Ok(booking)
    }

    async fn used_bookings(
        &self,
        structure_id: i64,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<UsedBookingRow>> {
        Ok(sqlx::query_as(
            "SELECT b.id AS booking_id, b.token, v.id AS venue_id, v.name AS venue_name, o.title AS offer_title, \
             o.subcategory, COALESCE(u.first_name || ' ' || u.last_name, 'Compte supprimé') AS beneficiary_name, \
             b.amount_cents, b.used_at \
             FROM bookings b JOIN offers o ON o.id = b.offer_id JOIN venues v ON v.id = o.venue_id \
             LEFT JOIN users u ON u.id = b.user_id \
             WHERE v.structure_id = $1 AND b.status IN ('used', 'reimbursed') \
             AND b.used_at >= $2 AND b.used_at < $3 ORDER BY b.used_at, b.id",
        )
        .bind(structure_id)
        .bind(crate::time::to_db(since))
        .bind(crate::time::to_db(until))
        .fetch_all(&self.pool)
        .await?)
    }

    async fn bookings_per_week(
        &self,
        structure_id: i64,
        origin: DateTime<Utc>,
    ) -> Result<Vec<WeekCount>> {
        Ok(sqlx::query_as(
            "SELECT (b.booked_at - $2) / 604800 AS week, COUNT(*) AS bookings \
             FROM bookings b JOIN offers o ON o.id = b.offer_id JOIN venues v ON v.id = o.venue_id \
             WHERE v.structure_id = $1 AND b.booked_at >= $2 GROUP BY 1 ORDER BY 1",
        )
        .bind(structure_id)
        .bind(crate::time::to_db(origin))
        .fetch_all(&self.pool)
        .await?)
    }
}

impl<DB: Db> Store<DB> {
    /// A booking by token, locked, if the partner is a member of its venue's structure.
    pub(crate) async fn partner_ticket_in(
        &self,
        conn: &mut DB::Connection,
        partner_id: i64,
        token: &domain::token::Token,
    ) -> Result<BookingRow> {
        sqlx::query_as::<_, BookingRow>(DB::for_update(
            concat!(
                crate::columns::booking_select!(),
                "WHERE b.token = $1",
                crate::columns::member_of_venue_structure!()
            ),
            Some("b"),
        ))
        .bind(token.as_str())
        .bind(partner_id)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::TicketRefused(
            domain::ticket::TicketRefusal::Unknown,
        ))
    }

    pub(crate) async fn booking_in(
        &self,
        conn: &mut DB::Connection,
        booking_id: i64,
    ) -> std::result::Result<BookingRow, sqlx::Error> {
        sqlx::query_as(concat!(
            crate::columns::booking_select!(),
            "WHERE b.id = $1"
        ))
        .bind(booking_id)
        .fetch_one(conn)
        .await
    }
}

pub(crate) use partner_venue_columns;
