//! The SQL both backends share.
//!
//! SQLite and PostgreSQL accept the same `$n` placeholders and, with Unix-second
//! timestamps and cents as 64-bit integers, the same queries. What differs is passed to
//! [`impl_repository!`]: how a write transaction starts (SQLite takes the write lock at
//! `BEGIN IMMEDIATE`; PostgreSQL locks rows with `FOR UPDATE`) and the migrations. The
//! macro writes one full implementation per backend, so each is an ordinary, separately
//! type-checked `impl Repository`, without `sqlx::Any`.

use crate::backend::{Affected, Db, Store, Value};
use crate::error::StoreError;
use domain::credit::{AgeGrant, CreditPolicy, Validity};

/// The columns of [`crate::UserRow`].
macro_rules! user_columns {
    () => {
        "u.id, u.email, u.password_hash, u.first_name, u.last_name, u.role, u.birth_date, u.departement"
    };
}

/// A booking with its offer, venue and beneficiary, as [`crate::BookingRow`].
macro_rules! booking_select {
    () => {
        "SELECT b.id, b.token, b.user_id, b.stock_id, b.offer_id, b.deposit_id, o.title AS offer_title, \
         o.subcategory, o.withdrawal_details, v.name AS venue_name, v.address, v.city, v.postal_code, \
         COALESCE(u.first_name || ' ' || u.last_name, 'Compte supprimé') AS beneficiary_name, \
         b.quantity, b.amount_cents, b.cap_kind, b.status, b.cancellation_reason, b.booked_at, \
         b.cancellation_limit_at, b.used_at, b.cancelled_at, s.begins_at \
         FROM bookings b \
         JOIN stocks s ON s.id = b.stock_id \
         JOIN offers o ON o.id = b.offer_id \
         JOIN venues v ON v.id = o.venue_id \
         LEFT JOIN users u ON u.id = b.user_id "
    };
}

/// The card columns of `offer_search os`, as [`crate::OfferCardRow`].
macro_rules! card_columns {
    () => {
        "os.offer_id AS id, os.title, os.subcategory, os.venue_name, os.city, os.postal_code, \
         os.latitude, os.longitude, os.is_duo, os.min_price_cents, os.next_begins_at, os.thumbnail_url"
    };
}

/// Derives the search-index rows of offers `$1..=$2` that are findable at `$3`:
/// published, of a validated structure, with a stock not deleted, not sold out and still
/// open for booking. (Migration 0007 ran the same for the offers already there.)
pub(crate) const REINDEX: &str = "INSERT INTO offer_search (\
    offer_id, venue_id, latitude, longitude, subcategory, title, artist, description, \
    venue_name, city, postal_code, is_duo, is_digital, audio_accessible, mental_accessible, \
    motor_accessible, visual_accessible, min_price_cents, next_begins_at, bookable_until, created_at, \
    thumbnail_url) \
    SELECT o.id, v.id, v.latitude, v.longitude, o.subcategory, o.title, COALESCE(o.artist, ''), \
    o.description, v.name, v.city, v.postal_code, o.is_duo, (o.url IS NOT NULL OR v.is_virtual), \
    o.audio_accessible, o.mental_accessible, o.motor_accessible, o.visual_accessible, \
    MIN(s.price_cents), MIN(s.begins_at), \
    MAX(COALESCE(s.booking_limit_at, s.begins_at, 253402300799)), o.created_at, o.thumbnail_url \
    FROM offers o \
    JOIN venues v ON v.id = o.venue_id \
    JOIN structures st ON st.id = v.structure_id \
    JOIN stocks s ON s.offer_id = o.id \
    WHERE o.id BETWEEN $1 AND $2 AND st.status = 'validated' AND o.status = 'published' \
    AND s.is_deleted = FALSE AND (s.quantity IS NULL OR s.booked < s.quantity) \
    AND COALESCE(s.booking_limit_at, s.begins_at, 253402300799) > $3 \
    AND (o.publish_at IS NULL OR o.publish_at <= $3) \
    GROUP BY o.id, v.id";

/// Only partners of the structure that owns the venue see a booking at the counter.
macro_rules! member_of_venue_structure {
    () => {
        " AND EXISTS (SELECT 1 FROM structure_members m \
         WHERE m.structure_id = v.structure_id AND m.user_id = $2) "
    };
}

/// A policy as stored.
#[derive(sqlx::FromRow)]
pub(crate) struct PolicyRow {
    pub id: i64,
    pub code: String,
    pub version: i64,
    pub name: String,
    pub grants: String,
    pub digital_cap_cents: Option<i64>,
    pub physical_cap_cents: Option<i64>,
    pub validity_months: Option<i64>,
    pub expires_at_age: Option<i64>,
}

impl PolicyRow {
    pub(crate) fn into_policy(self) -> Result<(i64, CreditPolicy), StoreError> {
        let corrupt =
            |what: &str| StoreError::Corrupt(format!("credit policy {}: {what}", self.code));
        let grants: Vec<AgeGrant> =
            serde_json::from_str(&self.grants).map_err(|_| corrupt("grants"))?;
        let validity = match (self.validity_months, self.expires_at_age) {
            (Some(months), None) => {
                Validity::Months(u32::try_from(months).map_err(|_| corrupt("months"))?)
            }
            (None, Some(age)) => {
                Validity::UntilAge(u32::try_from(age).map_err(|_| corrupt("age"))?)
            }
            _ => return Err(corrupt("validity")),
        };
        let policy = CreditPolicy {
            code: self.code.clone(),
            version: i32::try_from(self.version).map_err(|_| corrupt("version"))?,
            name: self.name.clone(),
            grants,
            digital_cap: self.digital_cap_cents.map(domain::Cents),
            physical_cap: self.physical_cap_cents.map(domain::Cents),
            validity,
        };
        Ok((self.id, policy))
    }
}

/// The stock, its offer and its partner, read (and locked) inside the booking transaction.
#[derive(sqlx::FromRow)]
pub(crate) struct StockForBooking {
    pub offer_id: i64,
    pub price_cents: i64,
    pub quantity: Option<i64>,
    pub booked: i64,
    pub booking_limit_at: Option<i64>,
    pub begins_at: Option<i64>,
    pub is_deleted: bool,
    pub subcategory: String,
    pub is_duo: bool,
    pub url: Option<String>,
    pub offer_status: String,
    /// Hidden from the young until then.
    pub publish_at: Option<i64>,
    pub structure_status: String,
    pub offer_title: String,
    pub withdrawal_details: Option<String>,
    pub venue_name: String,
    pub address: String,
    pub city: String,
    pub postal_code: String,
    /// The person already has a confirmed booking of this offer.
    pub has_active_booking: bool,
}

/// Which confirmed bookings [`cancel_all_in`] cancels.
#[derive(Debug, Clone, Copy)]
pub(crate) enum BookingScope {
    Stock(i64),
    Offer(i64),
}

/// The person who books, with their wallet if they have one, read in one statement.
#[derive(sqlx::FromRow)]
pub(crate) struct PersonForBooking {
    pub birth_date: Option<String>,
    pub is_suspended: bool,
    pub beneficiary_name: String,
    pub deposit_id: Option<i64>,
    pub policy_code: Option<String>,
    pub amount_cents: Option<i64>,
    pub balance_cents: Option<i64>,
    pub expires_at: Option<i64>,
    pub digital_cap_cents: Option<i64>,
    pub physical_cap_cents: Option<i64>,
    pub digital_spent_cents: Option<i64>,
    pub physical_spent_cents: Option<i64>,
}

impl PersonForBooking {
    pub fn wallet(&self) -> Option<crate::WalletRow> {
        Some(crate::WalletRow {
            deposit_id: self.deposit_id?,
            policy_code: self.policy_code.clone()?,
            amount_cents: self.amount_cents?,
            balance_cents: self.balance_cents?,
            expires_at: self.expires_at?,
            digital_cap_cents: self.digital_cap_cents,
            physical_cap_cents: self.physical_cap_cents,
            digital_spent_cents: self.digital_spent_cents?,
            physical_spent_cents: self.physical_spent_cents?,
        })
    }
}

/// How much of `amount` counts against the digital and the physical cap.
pub(crate) fn cap_amounts(cap: Option<domain::catalogue::CapKind>, amount: i64) -> (i64, i64) {
    match cap {
        Some(domain::catalogue::CapKind::Digital) => (amount, 0),
        Some(domain::catalogue::CapKind::Physical) => (0, amount),
        None => (0, 0),
    }
}

pub(crate) fn cap_name(cap: Option<domain::catalogue::CapKind>) -> Option<&'static str> {
    cap.map(|cap| match cap {
        domain::catalogue::CapKind::Digital => "digital",
        domain::catalogue::CapKind::Physical => "physical",
    })
}

#[async_trait::async_trait]
impl<DB: Db> crate::Repository for Store<DB>
where
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    for<'r> &'r str: sqlx::ColumnIndex<DB::Row>,
    usize: sqlx::ColumnIndex<DB::Row>,
    for<'q> &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> Option<&'q str>: sqlx::Encode<'q, DB>,
    i32: Value<DB>,
    i64: Value<DB>,
    f64: Value<DB>,
    bool: Value<DB>,
    String: Value<DB>,
    Vec<u8>: Value<DB>,
    Option<i64>: Value<DB>,
    Option<f64>: Value<DB>,
    Option<bool>: Value<DB>,
    Option<String>: Value<DB>,
{
    async fn migrate(&self) -> Result<(), crate::StoreError> {
        self.run_migrations().await
    }

    #[tracing::instrument(skip_all, fields(code = %policy.code))]
    async fn ensure_policy(
        &self,
        policy: &domain::credit::CreditPolicy,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<i64, crate::StoreError> {
        const FIND: &str = "SELECT id FROM credit_policies WHERE code = $1 AND version = $2";
        let find = || {
            sqlx::query_scalar::<_, i64>(FIND)
                .bind(&policy.code)
                .bind(i64::from(policy.version))
        };
        if let Some(id) = find().fetch_optional(&self.pool).await? {
            return Ok(id);
        }
        let grants = serde_json::to_string(&policy.grants)
            .map_err(|e| crate::StoreError::Corrupt(e.to_string()))?;
        let (months, age) = match policy.validity {
            domain::credit::Validity::Months(m) => (Some(i64::from(m)), None),
            domain::credit::Validity::UntilAge(a) => (None, Some(i64::from(a))),
        };
        let inserted = sqlx::query_scalar::<_, i64>(
            "INSERT INTO credit_policies (code, version, name, grants, digital_cap_cents, \
             physical_cap_cents, validity_months, expires_at_age, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(&policy.code)
        .bind(i64::from(policy.version))
        .bind(&policy.name)
        .bind(grants)
        .bind(policy.digital_cap.map(domain::Cents::get))
        .bind(policy.physical_cap.map(domain::Cents::get))
        .bind(months)
        .bind(age)
        .bind(crate::time::to_db(now))
        .fetch_one(&self.pool)
        .await;
        match inserted.map_err(crate::StoreError::from) {
            // Another instance stored it first.
            Err(crate::StoreError::Conflict(_)) => Ok(find().fetch_one(&self.pool).await?),
            other => other,
        }
    }

    async fn policy(
        &self,
        code: &str,
    ) -> Result<Option<(i64, domain::credit::CreditPolicy)>, crate::StoreError> {
        let row = sqlx::query_as::<_, crate::shared::PolicyRow>(
            "SELECT id, code, version, name, grants, digital_cap_cents, physical_cap_cents, \
             validity_months, expires_at_age FROM credit_policies WHERE code = $1 \
             ORDER BY version DESC LIMIT 1",
        )
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        row.map(crate::shared::PolicyRow::into_policy).transpose()
    }

    #[tracing::instrument(skip_all)]
    async fn create_user(
        &self,
        user: &crate::NewUser,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<i64, crate::StoreError> {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO users (email, password_hash, first_name, last_name, role, birth_date, \
             departement, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(user.email.as_str())
        .bind(&user.password_hash)
        .bind(&user.first_name)
        .bind(&user.last_name)
        .bind(user.role.as_str())
        .bind(user.birth_date.map(|d| d.format("%Y-%m-%d").to_string()))
        .bind(&user.departement)
        .bind(crate::time::to_db(now))
        .fetch_one(&self.pool)
        .await?)
    }

    async fn user_by_email(
        &self,
        email: &domain::text::Email,
    ) -> Result<Option<crate::UserRow>, crate::StoreError> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            crate::shared::user_columns!(),
            " FROM users u WHERE u.email = $1"
        ))
        .bind(email.as_str())
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn user(&self, user_id: i64) -> Result<Option<crate::UserRow>, crate::StoreError> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            crate::shared::user_columns!(),
            " FROM users u WHERE u.id = $1"
        ))
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn create_session(
        &self,
        id_hash: &str,
        user_id: i64,
        now: chrono::DateTime<chrono::Utc>,
        expires_at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), crate::StoreError> {
        sqlx::query("INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(id_hash)
            .bind(user_id)
            .bind(crate::time::to_db(now))
            .bind(crate::time::to_db(expires_at))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn session_user(
        &self,
        id_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<crate::UserRow>, crate::StoreError> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            crate::shared::user_columns!(),
            " FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.id_hash = $1 AND s.expires_at > $2"
        ))
        .bind(id_hash)
        .bind(crate::time::to_db(now))
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn delete_session(&self, id_hash: &str) -> Result<(), crate::StoreError> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn set_email(
        &self,
        user_id: i64,
        email: &domain::text::Email,
    ) -> Result<(), crate::StoreError> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
            .bind(email.as_str())
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() != 1 {
            return Err(crate::StoreError::NotFound);
        }
        // Links mailed to the old address must not open the account any more.
        sqlx::query("DELETE FROM password_resets WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_password(
        &self,
        user_id: i64,
        password_hash: &str,
    ) -> Result<(), crate::StoreError> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() != 1 {
            return Err(crate::StoreError::NotFound);
        }
        // Every other session, and every reset link still open, ends with the old password.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM password_resets WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn anonymize_user(&self, user_id: i64) -> Result<(), crate::StoreError> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE users SET email = 'supprime-' || CAST(id AS TEXT) || '@invalid', password_hash = '!', \
             first_name = 'Compte', last_name = 'supprimé', birth_date = NULL, departement = NULL \
             WHERE id = $1",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() != 1 {
            return Err(crate::StoreError::NotFound);
        }
        for table in [
            "DELETE FROM sessions WHERE user_id = $1",
            "DELETE FROM favorites WHERE user_id = $1",
            "DELETE FROM password_resets WHERE user_id = $1",
        ] {
            sqlx::query(table).bind(user_id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn create_password_reset(
        &self,
        reset: &crate::NewPasswordReset,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), crate::StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(&reset.token_hash)
            .bind(reset.user_id)
            .bind(crate::time::to_db(now))
            .bind(crate::time::to_db(reset.expires_at))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO outbox (recipient, subject, body, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&reset.recipient)
        .bind(&reset.subject)
        .bind(&reset.body)
        .bind(crate::time::to_db(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn consume_password_reset(
        &self,
        token_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<i64>, crate::StoreError> {
        let now = crate::time::to_db(now);
        Ok(sqlx::query_scalar::<_, i64>(
            "UPDATE password_resets SET used_at = $1 \
             WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
        )
        .bind(now)
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn outbox(&self, limit: i64) -> Result<Vec<crate::MailRow>, crate::StoreError> {
        Ok(sqlx::query_as(
            "SELECT id, recipient, subject, body, created_at FROM outbox ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn submit_identity(
        &self,
        user_id: i64,
        approved: bool,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), crate::StoreError> {
        let now = crate::time::to_db(now);
        sqlx::query(
            "INSERT INTO identity_checks (user_id, status, submitted_at, decided_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(user_id)
        .bind(if approved { "approved" } else { "pending" })
        .bind(now)
        .bind(approved.then_some(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn pending_identities(
        &self,
        limit: i64,
    ) -> Result<Vec<crate::UserRow>, crate::StoreError> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            crate::shared::user_columns!(),
            " FROM identity_checks c JOIN users u ON u.id = c.user_id \
             WHERE c.status = 'pending' ORDER BY c.submitted_at, u.id LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn decide_identity(
        &self,
        user_id: i64,
        approve: bool,
        admin_id: i64,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, crate::StoreError> {
        let decided = sqlx::query(
            "UPDATE identity_checks SET status = $1, decided_at = $2, decided_by = $3 \
             WHERE user_id = $4 AND status = 'pending'",
        )
        .bind(if approve { "approved" } else { "rejected" })
        .bind(crate::time::to_db(now))
        .bind(admin_id)
        .bind(user_id)
        .execute(&self.pool)
        .await?;
        Ok(decided.rows_affected() == 1)
    }

    async fn count_attempt(
        &self,
        counter: &str,
        now: chrono::DateTime<chrono::Utc>,
        window_start: chrono::DateTime<chrono::Utc>,
    ) -> Result<i64, crate::StoreError> {
        let mut tx = self.begin_write().await?;
        let attempts = sqlx::query_scalar::<_, i64>(
            "INSERT INTO attempt_counters (counter, window_start, attempts) VALUES ($1, $2, 1) \
             ON CONFLICT (counter) DO UPDATE SET \
             attempts = CASE WHEN attempt_counters.window_start < $3 THEN 1 ELSE attempt_counters.attempts + 1 END, \
             window_start = CASE WHEN attempt_counters.window_start < $3 THEN $2 ELSE attempt_counters.window_start END \
             RETURNING attempts",
        )
        .bind(counter)
        .bind(crate::time::to_db(now))
        .bind(crate::time::to_db(window_start))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(attempts)
    }

    async fn forgive_attempt(&self, counter: &str) -> Result<(), crate::StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE attempt_counters SET attempts = attempts - 1 WHERE counter = $1 AND attempts > 0")
            .bind(counter)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn clear_attempts(&self, counter: &str) -> Result<(), crate::StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM attempt_counters WHERE counter = $1")
            .bind(counter)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn purge_expired(
        &self,
        now: chrono::DateTime<chrono::Utc>,
        window_start: chrono::DateTime<chrono::Utc>,
    ) -> Result<u64, crate::StoreError> {
        let now = crate::time::to_db(now);
        let mut tx = self.begin_write().await?;
        let mut purged = 0;
        for (statement, at) in [
            ("DELETE FROM sessions WHERE expires_at <= $1", now),
            (
                "DELETE FROM password_resets WHERE used_at IS NOT NULL OR expires_at <= $1",
                now,
            ),
            (
                "DELETE FROM structure_invitations WHERE expires_at <= $1 AND accepted_at IS NULL",
                now,
            ),
            (
                "DELETE FROM attempt_counters WHERE window_start < $1",
                crate::time::to_db(window_start),
            ),
        ] {
            purged += sqlx::query(statement)
                .bind(at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        tx.commit().await?;
        Ok(purged)
    }

    #[tracing::instrument(skip(self))]
    async fn grant_deposit(
        &self,
        user_id: i64,
        policy_id: i64,
        amount: domain::Cents,
        expires_at: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<i64, crate::StoreError> {
        let mut tx = self.begin_write().await?;
        let existing = sqlx::query_scalar::<_, i64>(DB::for_update(
            "SELECT id FROM deposits WHERE user_id = $1 ",
            None,
        ))
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
        let deposit_id = match existing {
            Some(id) => {
                sqlx::query(
                    "UPDATE deposits SET amount_cents = amount_cents + $1, \
                     balance_cents = balance_cents + $1, expires_at = $2 WHERE id = $3",
                )
                .bind(amount.get())
                .bind(crate::time::to_db(expires_at))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                id
            }
            None => {
                sqlx::query_scalar::<_, i64>(
                    "INSERT INTO deposits (user_id, policy_id, amount_cents, balance_cents, \
                     granted_at, expires_at) VALUES ($1, $2, $3, $3, $4, $5) RETURNING id",
                )
                .bind(user_id)
                .bind(policy_id)
                .bind(amount.get())
                .bind(crate::time::to_db(now))
                .bind(crate::time::to_db(expires_at))
                .fetch_one(&mut *tx)
                .await?
            }
        };
        sqlx::query(
            "INSERT INTO credit_movements (deposit_id, booking_id, kind, amount_cents, created_at) \
             VALUES ($1, NULL, 'grant', $2, $3)",
        )
        .bind(deposit_id)
        .bind(amount.get())
        .bind(crate::time::to_db(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(deposit_id)
    }

    async fn wallet(&self, user_id: i64) -> Result<Option<crate::WalletRow>, crate::StoreError> {
        Ok(self
            .wallet_in(&mut *self.pool.acquire().await?, user_id)
            .await?)
    }

    async fn movements(&self, user_id: i64) -> Result<Vec<crate::MovementRow>, crate::StoreError> {
        Ok(sqlx::query_as(
            "SELECT m.id, m.booking_id, m.kind, m.amount_cents, m.created_at, o.title AS offer_title \
             FROM credit_movements m JOIN deposits d ON d.id = m.deposit_id \
             LEFT JOIN bookings b ON b.id = m.booking_id LEFT JOIN offers o ON o.id = b.offer_id \
             WHERE d.user_id = $1 ORDER BY m.id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn create_structure(
        &self,
        name: &str,
        siren: &domain::identifiers::Siren,
        status: crate::StructureStatus,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<i64, crate::StoreError> {
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

    async fn structure_id_by_siren(&self, siren: &str) -> Result<Option<i64>, crate::StoreError> {
        Ok(
            sqlx::query_scalar::<_, i64>("SELECT id FROM structures WHERE siren = $1")
                .bind(siren)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn add_member(&self, structure_id: i64, user_id: i64) -> Result<(), crate::StoreError> {
        sqlx::query(
            "INSERT INTO structure_members (structure_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(structure_id)
        .bind(user_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn create_venue(
        &self,
        venue: &crate::NewVenue,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<i64, crate::StoreError> {
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

    async fn create_offer(
        &self,
        offer: &crate::NewOffer,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<i64, crate::StoreError> {
        let mut tx = self.begin_write().await?;
        let id = self.insert_offer(&mut *tx, offer, now).await?;
        self.reindex(&mut *tx, id, id, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn create_stock(
        &self,
        stock: &crate::NewStock,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<i64, crate::StoreError> {
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
        offers: &[(crate::NewOffer, crate::NewStock)],
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), crate::StoreError> {
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

    async fn count_offers(&self) -> Result<i64, crate::StoreError> {
        Ok(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM offers")
            .fetch_one(&self.pool)
            .await?)
    }

    #[tracing::instrument(skip(self), fields(terms = search.terms.len()))]
    async fn search_offers(
        &self,
        search: &crate::OfferSearch,
    ) -> Result<Vec<crate::OfferCardRow>, crate::StoreError> {
        // Nearest first within a radius: try small circles first, most pages fill
        // up in one; an offer outside a circle is farther than any inside it.
        let steps: Vec<Option<f64>> = match (search.sort, search.center, search.radius_km) {
            (domain::search::Sort::Distance, Some(_), Some(radius)) => [2.0, 5.0, 10.0, 25.0, 50.0]
                .into_iter()
                .filter(|step| *step < radius)
                .chain([radius])
                .map(Some)
                .collect(),
            (_, _, radius) => vec![radius],
        };
        let mut rows = Vec::new();
        for radius in steps {
            rows = crate::search::offers::<DB>(search, radius)
                .build_query_as::<crate::OfferCardRow>()
                .fetch_all(&self.pool)
                .await?;
            if rows.len() as i64 >= search.limit {
                break;
            }
        }
        Ok(rows)
    }

    async fn offer_cells(
        &self,
        cells: domain::cluster::CellRange,
    ) -> Result<Vec<crate::CellRow>, crate::StoreError> {
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
        now: chrono::DateTime<chrono::Utc>,
        limit: i64,
    ) -> Result<Vec<crate::VenuePointRow>, crate::StoreError> {
        Ok(crate::search::venues_within::<DB>(area, now, limit)
            .build_query_as::<crate::VenuePointRow>()
            .fetch_all(&self.pool)
            .await?)
    }

    async fn venue(&self, venue_id: i64) -> Result<Option<crate::VenueRow>, crate::StoreError> {
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
        now: chrono::DateTime<chrono::Utc>,
        limit: i64,
    ) -> Result<Vec<crate::OfferCardRow>, crate::StoreError> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            crate::shared::card_columns!(),
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

    #[tracing::instrument(skip(self))]
    async fn reindex_past_offers(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<u64, crate::StoreError> {
        // Offers whose next date passed (their first stock closed, maybe their
        // last), and offers whose publication date came in the last day.
        let due = sqlx::query_scalar::<_, i64>(
            "SELECT offer_id FROM offer_search WHERE COALESCE(next_begins_at, 253402300799) <= $1 \
             UNION SELECT offer_id FROM offer_search WHERE bookable_until <= $1 \
             UNION SELECT o.id FROM offers o WHERE o.publish_at <= $1 AND o.publish_at > $2 \
             AND o.status = 'published' AND NOT EXISTS (SELECT 1 FROM offer_search os WHERE os.offer_id = o.id) \
             ORDER BY 1 LIMIT 1000",
        )
        .bind(crate::time::to_db(now))
        .bind(crate::time::to_db(now) - 86_400)
        .fetch_all(&self.pool)
        .await?;
        for offer_id in &due {
            let mut tx = self.begin_write().await?;
            self.reindex(&mut *tx, *offer_id, *offer_id, now).await?;
            tx.commit().await?;
        }
        Ok(due.len() as u64)
    }

    async fn offer(&self, offer_id: i64) -> Result<Option<crate::OfferRow>, crate::StoreError> {
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

    async fn bookable_stocks(
        &self,
        offer_id: i64,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<crate::StockRow>, crate::StoreError> {
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

    #[tracing::instrument(skip(self), fields(user_id = command.user_id, stock_id = command.stock_id))]
    async fn book(
        &self,
        command: &crate::BookCommand,
    ) -> Result<crate::BookingRow, crate::StoreError> {
        use domain::booking::{BookingFacts, BookingRefusal, StockFacts, WalletFacts};
        let refused = crate::StoreError::BookingRefused;
        let now = crate::time::to_db(command.now);
        let mut tx = self.begin_write().await?;

        // 1. The user row, which serialises this person's bookings (caps, one per
        // offer), read with their wallet.
        let person = sqlx::query_as::<_, crate::shared::PersonForBooking>(DB::for_update(
            "SELECT u.birth_date, u.suspended_at IS NOT NULL AS is_suspended, u.first_name || ' ' || u.last_name AS beneficiary_name, d.id AS deposit_id, p.code AS policy_code, d.amount_cents, d.balance_cents, d.expires_at, p.digital_cap_cents, p.physical_cap_cents, d.digital_spent_cents, d.physical_spent_cents FROM users u LEFT JOIN deposits d ON d.user_id = u.id LEFT JOIN credit_policies p ON p.id = d.policy_id WHERE u.id = $1 ",
            Some("u"),
        ))
        .bind(command.user_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(refused(BookingRefusal::NotBeneficiary))?;
        let birth_date = person.birth_date.clone();

        // 2. A retried request returns the booking the first one made.
        if let Some(key) = &command.idempotency_key {
            let previous = sqlx::query_as::<_, crate::BookingRow>(concat!(
                crate::shared::booking_select!(),
                "WHERE b.user_id = $1 AND b.idempotency_key = $2"
            ))
            .bind(command.user_id)
            .bind(key)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(previous) = previous {
                tx.commit().await?;
                return Ok(previous);
            }
        }

        // 3. The stock row: serialises the seats.
        let stock = sqlx::query_as::<_, crate::shared::StockForBooking>(DB::for_update(
            "SELECT s.offer_id, s.price_cents, s.quantity, s.booked, s.booking_limit_at, s.begins_at, s.is_deleted, o.subcategory, o.is_duo, o.url, o.status AS offer_status, o.publish_at, st.status AS structure_status, o.title AS offer_title, o.withdrawal_details, v.name AS venue_name, v.address, v.city, v.postal_code, EXISTS (SELECT 1 FROM bookings b WHERE b.user_id = $2 AND b.offer_id = s.offer_id AND b.status = 'confirmed') AS has_active_booking FROM stocks s JOIN offers o ON o.id = s.offer_id JOIN venues v ON v.id = o.venue_id JOIN structures st ON st.id = v.structure_id WHERE s.id = $1 ",
            Some("s"),
        ))
        .bind(command.stock_id)
        .bind(command.user_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(refused(BookingRefusal::OfferUnavailable))?;
        let subcategory = domain::catalogue::subcategory(&stock.subcategory).ok_or_else(|| {
            crate::StoreError::Corrupt(format!("subcategory {}", stock.subcategory))
        })?;

        let wallet = person.wallet();
        let has_active_booking = stock.has_active_booking;
        let is_minor = birth_date
            .as_deref()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .is_some_and(|birth| domain::credit::age_on(birth, command.now.date_naive()) < 18);

        // 4. Every rule, in the domain.
        let facts = BookingFacts {
            now: command.now,
            is_suspended: person.is_suspended,
            is_minor,
            wallet: wallet.as_ref().map(|w| WalletFacts {
                balance: w.balance(),
                expires_at: w.expires_at(),
                digital_spent: domain::Cents(w.digital_spent_cents),
                physical_spent: domain::Cents(w.physical_spent_cents),
                digital_cap: w.digital_cap_cents.map(domain::Cents),
                physical_cap: w.physical_cap_cents.map(domain::Cents),
            }),
            stock: StockFacts {
                subcategory,
                offer_is_duo: stock.is_duo,
                offer_is_online: stock.url.is_some(),
                offer_is_bookable: !stock.is_deleted
                    && stock.offer_status == "published"
                    && stock
                        .publish_at
                        .is_none_or(|at| at <= crate::time::to_db(command.now))
                    && stock.structure_status == "validated",
                price: domain::Cents(stock.price_cents),
                remaining: stock.quantity.map(|q| q - stock.booked),
                booking_limit: stock.booking_limit_at.map(crate::time::from_db),
                event_start: stock.begins_at.map(crate::time::from_db),
            },
            has_active_booking_for_offer: has_active_booking,
            quantity: command.quantity,
        };
        let approved = domain::booking::check(&facts).map_err(refused)?;
        let deposit_id = wallet
            .as_ref()
            .map(|w| w.deposit_id)
            .ok_or(refused(BookingRefusal::NotBeneficiary))?;

        // 5. The booking, with a token no other booking has: a colliding token makes
        // the insert do nothing (without aborting the transaction), and another is drawn.
        let limit = domain::cancellation::cancellation_limit(command.now, facts.stock.event_start);
        let mut inserted = None;
        let mut token_used = String::new();
        for _ in 0..domain::token::MAX_GENERATION_ATTEMPTS {
            let token = domain::token::Token::generate(&mut rand::rng());
            // Only while the offer is still published: on PostgreSQL this statement
            // sees an administrator's withdrawal committed while it waited for the stock.
            inserted = sqlx::query_scalar::<_, i64>(
                "INSERT INTO bookings (token, user_id, stock_id, offer_id, deposit_id, quantity, \
                 amount_cents, cap_kind, status, booked_at, cancellation_limit_at, idempotency_key) \
                 SELECT $1, $2, $3, $4, $5, $6, $7, $8, 'confirmed', $9, $10, $11 \
                 WHERE EXISTS (SELECT 1 FROM offers WHERE id = $4 AND status = 'published') \
                 ON CONFLICT (token) DO NOTHING RETURNING id",
            )
            .bind(token.as_str())
            .bind(command.user_id)
            .bind(command.stock_id)
            .bind(stock.offer_id)
            .bind(deposit_id)
            .bind(command.quantity)
            .bind(approved.total.get())
            .bind(crate::shared::cap_name(approved.cap))
            .bind(now)
            .bind(limit.map(crate::time::to_db))
            .bind(&command.idempotency_key)
            .fetch_optional(&mut *tx)
            .await?;
            if inserted.is_some() {
                token_used = token.as_str().to_owned();
                break;
            }
            // Nothing inserted: a token already taken (draw another), or the offer
            // was withdrawn meanwhile.
            let status = sqlx::query_scalar::<_, String>("SELECT status FROM offers WHERE id = $1")
                .bind(stock.offer_id)
                .fetch_one(&mut *tx)
                .await?;
            if status != "published" {
                return Err(refused(BookingRefusal::OfferUnavailable));
            }
        }
        let booking_id =
            inserted.ok_or_else(|| crate::StoreError::Conflict("bookings.token".into()))?;

        // 6. Seats, credit (and the cap it counts against), ledger.
        let seats = sqlx::query(
            "UPDATE stocks SET booked = booked + $1 \
             WHERE id = $2 AND (quantity IS NULL OR booked + $1 <= quantity)",
        )
        .bind(command.quantity)
        .bind(command.stock_id)
        .execute(&mut *tx)
        .await?;
        if seats.rows_affected() != 1 {
            return Err(refused(BookingRefusal::SoldOut));
        }
        if stock
            .quantity
            .is_some_and(|q| stock.booked + command.quantity >= q)
        {
            self.reindex(&mut *tx, stock.offer_id, stock.offer_id, command.now)
                .await?;
        }
        if !approved.total.is_zero() {
            let (digital, physical) =
                crate::shared::cap_amounts(approved.cap, approved.total.get());
            let debited = sqlx::query(
                "UPDATE deposits SET balance_cents = balance_cents - $1, \
                 digital_spent_cents = digital_spent_cents + $2, physical_spent_cents = physical_spent_cents + $3 \
                 WHERE id = $4 AND balance_cents >= $1",
            )
            .bind(approved.total.get())
            .bind(digital)
            .bind(physical)
            .bind(deposit_id)
            .execute(&mut *tx)
            .await?;
            if debited.rows_affected() != 1 {
                return Err(refused(BookingRefusal::InsufficientCredit));
            }
            sqlx::query(
                "INSERT INTO credit_movements (deposit_id, booking_id, kind, amount_cents, created_at) \
                 VALUES ($1, $2, 'debit', $3, $4)",
            )
            .bind(deposit_id)
            .bind(booking_id)
            .bind(-approved.total.get())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        // What the ticket shows, from what the transaction read (no re-read).
        Ok(crate::BookingRow {
            id: booking_id,
            token: token_used,
            user_id: Some(command.user_id),
            stock_id: command.stock_id,
            offer_id: stock.offer_id,
            deposit_id,
            offer_title: stock.offer_title,
            subcategory: stock.subcategory,
            withdrawal_details: stock.withdrawal_details,
            venue_name: stock.venue_name,
            address: stock.address,
            city: stock.city,
            postal_code: stock.postal_code,
            beneficiary_name: person.beneficiary_name,
            quantity: command.quantity,
            amount_cents: approved.total.get(),
            cap_kind: crate::shared::cap_name(approved.cap).map(str::to_owned),
            status: domain::ticket::BookingStatus::Confirmed.as_str().to_owned(),
            cancellation_reason: None,
            booked_at: now,
            cancellation_limit_at: limit.map(crate::time::to_db),
            used_at: None,
            cancelled_at: None,
            begins_at: stock.begins_at,
        })
    }

    #[tracing::instrument(skip(self))]
    async fn cancel_by_young(
        &self,
        user_id: i64,
        booking_id: i64,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<crate::BookingRow, crate::StoreError> {
        use domain::ticket::{BookingStatus, TicketRefusal};
        let mut tx = self.begin_write().await?;
        sqlx::query(DB::for_update("SELECT id FROM users WHERE id = $1 ", None))
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(crate::StoreError::NotFound)?;
        let booking = sqlx::query_as::<_, crate::BookingRow>(DB::for_update(
            concat!(
                crate::shared::booking_select!(),
                "WHERE b.id = $1 AND b.user_id = $2 "
            ),
            Some("b"),
        ))
        .bind(booking_id)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(crate::StoreError::NotFound)?;
        match booking.status() {
            Some(BookingStatus::Confirmed) => {}
            Some(BookingStatus::Cancelled) => {
                return Err(crate::StoreError::TicketRefused(TicketRefusal::Cancelled));
            }
            _ => {
                return Err(crate::StoreError::TicketRefused(
                    TicketRefusal::NotCancellable,
                ));
            }
        }
        let limit = booking.cancellation_limit();
        if !domain::cancellation::young_can_cancel(limit, now) {
            let closed_at = limit.unwrap_or(now);
            return Err(crate::StoreError::TicketRefused(
                TicketRefusal::CancellationClosed { closed_at },
            ));
        }
        self.cancel_in(
            &mut *tx,
            &booking,
            &domain::ticket::CancellationCause::Beneficiary.to_stored(),
            now,
        )
        .await?;
        let booking = sqlx::query_as::<_, crate::BookingRow>(concat!(
            crate::shared::booking_select!(),
            "WHERE b.id = $1"
        ))
        .bind(booking_id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(booking)
    }

    async fn bookings_of_user(
        &self,
        user_id: i64,
    ) -> Result<Vec<crate::BookingRow>, crate::StoreError> {
        Ok(sqlx::query_as(concat!(
            crate::shared::booking_select!(),
            "WHERE b.user_id = $1 ORDER BY b.booked_at DESC, b.id DESC"
        ))
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn booking_of_user(
        &self,
        user_id: i64,
        booking_id: i64,
    ) -> Result<Option<crate::BookingRow>, crate::StoreError> {
        Ok(sqlx::query_as(concat!(
            crate::shared::booking_select!(),
            "WHERE b.id = $1 AND b.user_id = $2"
        ))
        .bind(booking_id)
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn ticket_for_partner(
        &self,
        partner_id: i64,
        token: &domain::token::Token,
    ) -> Result<crate::BookingRow, crate::StoreError> {
        sqlx::query_as(concat!(
            crate::shared::booking_select!(),
            "WHERE b.token = $1",
            crate::shared::member_of_venue_structure!()
        ))
        .bind(token.as_str())
        .bind(partner_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(crate::StoreError::TicketRefused(
            domain::ticket::TicketRefusal::Unknown,
        ))
    }

    #[tracing::instrument(skip(self))]
    async fn validate_ticket(
        &self,
        partner_id: i64,
        token: &domain::token::Token,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<crate::BookingRow, crate::StoreError> {
        use domain::ticket::{BookingStatus, TicketRefusal};
        let refused = crate::StoreError::TicketRefused;
        let mut tx = self.begin_write().await?;
        let booking = sqlx::query_as::<_, crate::BookingRow>(DB::for_update(
            concat!(
                crate::shared::booking_select!(),
                "WHERE b.token = $1",
                crate::shared::member_of_venue_structure!()
            ),
            Some("b"),
        ))
        .bind(token.as_str())
        .bind(partner_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(refused(TicketRefusal::Unknown))?;
        match booking.status() {
            Some(BookingStatus::Confirmed) => {}
            Some(BookingStatus::Cancelled) => return Err(refused(TicketRefusal::Cancelled)),
            _ => return Err(refused(TicketRefusal::AlreadyUsed)),
        }
        let limit = booking.cancellation_limit();
        if !domain::cancellation::partner_can_validate(limit, now) {
            let opens_at = limit.unwrap_or(now);
            return Err(refused(TicketRefusal::NotYetValidatable { opens_at }));
        }
        sqlx::query("UPDATE bookings SET status = 'used', used_at = $1 WHERE id = $2 AND status = 'confirmed'")
            .bind(crate::time::to_db(now))
            .bind(booking.id)
            .execute(&mut *tx)
            .await?;
        let booking = sqlx::query_as::<_, crate::BookingRow>(concat!(
            crate::shared::booking_select!(),
            "WHERE b.id = $1"
        ))
        .bind(booking.id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(booking)
    }

    async fn add_favorite(
        &self,
        user_id: i64,
        offer_id: i64,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), crate::StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(DB::for_update("SELECT id FROM users WHERE id = $1 ", None))
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(crate::StoreError::NotFound)?;
        let already = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM favorites WHERE user_id = $1 AND offer_id = $2",
        )
        .bind(user_id)
        .bind(offer_id)
        .fetch_one(&mut *tx)
        .await?;
        if already > 0 {
            return Ok(());
        }
        let count =
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM favorites WHERE user_id = $1")
                .bind(user_id)
                .fetch_one(&mut *tx)
                .await?;
        if count >= domain::account::MAX_FAVORITES {
            return Err(crate::StoreError::LimitReached);
        }
        sqlx::query("INSERT INTO favorites (user_id, offer_id, created_at) VALUES ($1, $2, $3)")
            .bind(user_id)
            .bind(offer_id)
            .bind(crate::time::to_db(now))
            .execute(&mut *tx)
            .await
            .map_err(|e| match e {
                sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                    crate::StoreError::NotFound
                }
                other => crate::StoreError::from(other),
            })?;
        tx.commit().await?;
        Ok(())
    }

    async fn remove_favorite(&self, user_id: i64, offer_id: i64) -> Result<(), crate::StoreError> {
        sqlx::query("DELETE FROM favorites WHERE user_id = $1 AND offer_id = $2")
            .bind(user_id)
            .bind(offer_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn is_favorite(&self, user_id: i64, offer_id: i64) -> Result<bool, crate::StoreError> {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM favorites WHERE user_id = $1 AND offer_id = $2",
        )
        .bind(user_id)
        .bind(offer_id)
        .fetch_one(&self.pool)
        .await?
            > 0)
    }

    async fn favorites(&self, user_id: i64) -> Result<Vec<crate::FavoriteRow>, crate::StoreError> {
        Ok(sqlx::query_as(
            "SELECT o.id AS offer_id, o.title, o.subcategory, v.name AS venue_name, v.city \
             FROM favorites f JOIN offers o ON o.id = f.offer_id JOIN venues v ON v.id = o.venue_id \
             WHERE f.user_id = $1 ORDER BY f.created_at DESC, o.id DESC",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?)
    }

    #[tracing::instrument(skip(self))]
    async fn expire_uncollected(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<u64, crate::StoreError> {
        // Candidates: confirmed bookings of things older than the shortest delay;
        // the subcategory decides the exact one.
        let shortest = domain::catalogue::SUBCATEGORIES
            .iter()
            .filter_map(|s| s.expiry_days())
            .min()
            .unwrap_or(10);
        let candidates = sqlx::query_as::<_, (i64, String, i64)>(
            "SELECT b.id, o.subcategory, b.booked_at FROM bookings b \
             JOIN stocks s ON s.id = b.stock_id JOIN offers o ON o.id = b.offer_id \
             WHERE b.status = 'confirmed' AND b.booked_at <= $1 AND s.begins_at IS NULL \
             ORDER BY b.booked_at LIMIT 500",
        )
        .bind(crate::time::to_db(now - chrono::Duration::days(shortest)))
        .fetch_all(&self.pool)
        .await?;
        let mut expired = 0;
        for (booking_id, sub, booked_at) in candidates {
            let Some(days) = domain::catalogue::subcategory(&sub).and_then(|s| s.expiry_days())
            else {
                continue;
            };
            if crate::time::from_db(booked_at) + chrono::Duration::days(days) > now {
                continue;
            }
            let mut tx = self.begin_write().await?;
            let booking = sqlx::query_as::<_, crate::BookingRow>(DB::for_update(
                concat!(crate::shared::booking_select!(), "WHERE b.id = $1 "),
                Some("b"),
            ))
            .bind(booking_id)
            .fetch_one(&mut *tx)
            .await?;
            if self
                .cancel_in(
                    &mut *tx,
                    &booking,
                    &domain::ticket::CancellationCause::Expired.to_stored(),
                    now,
                )
                .await?
            {
                expired += 1;
            }
            tx.commit().await?;
        }
        Ok(expired)
    }

    #[tracing::instrument(skip(self))]
    async fn mark_past_events_used(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<u64, crate::StoreError> {
        let cutoff = now - domain::cancellation::EVENT_DELAY;
        let done = sqlx::query(
            "UPDATE bookings SET status = 'used', used_at = $1 WHERE status = 'confirmed' \
             AND stock_id IN (SELECT id FROM stocks WHERE begins_at IS NOT NULL AND begins_at <= $2)",
        )
        .bind(crate::time::to_db(now))
        .bind(crate::time::to_db(cutoff))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}

/// Queries used by several methods, inside or outside a transaction.
impl<DB: Db> Store<DB>
where
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    for<'r> &'r str: sqlx::ColumnIndex<DB::Row>,
    usize: sqlx::ColumnIndex<DB::Row>,
    for<'q> &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> Option<&'q str>: sqlx::Encode<'q, DB>,
    i32: Value<DB>,
    i64: Value<DB>,
    f64: Value<DB>,
    bool: Value<DB>,
    String: Value<DB>,
    Vec<u8>: Value<DB>,
    Option<i64>: Value<DB>,
    Option<f64>: Value<DB>,
    Option<bool>: Value<DB>,
    Option<String>: Value<DB>,
{
    /// Re-derives the search-index rows of offers `first..=last` from offers, venues
    /// and stocks (deleted, then re-inserted when still findable at `now`).
    pub(crate) async fn reindex(
        &self,
        conn: &mut DB::Connection,
        first: i64,
        last: i64,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM offer_search WHERE offer_id BETWEEN $1 AND $2")
            .bind(first)
            .bind(last)
            .execute(&mut *conn)
            .await?;
        sqlx::query(crate::shared::REINDEX)
            .bind(first)
            .bind(last)
            .bind(crate::time::to_db(now))
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    pub(crate) async fn wallet_in(
        &self,
        conn: &mut DB::Connection,
        user_id: i64,
    ) -> Result<Option<crate::WalletRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT d.id AS deposit_id, p.code AS policy_code, d.amount_cents, d.balance_cents, \
             d.expires_at, p.digital_cap_cents, p.physical_cap_cents, \
             d.digital_spent_cents, d.physical_spent_cents \
             FROM deposits d JOIN credit_policies p ON p.id = d.policy_id WHERE d.user_id = $1",
        )
        .bind(user_id)
        .fetch_optional(conn)
        .await
    }

    pub(crate) async fn insert_offer(
        &self,
        conn: &mut DB::Connection,
        offer: &crate::NewOffer,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<i64, sqlx::Error> {
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
        stock: &crate::NewStock,
        offer_id: i64,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<i64, sqlx::Error> {
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

    /// Cancels a confirmed booking: status, seats back, credit back with its ledger row,
    /// the offer re-indexed. Returns `false` (and changes nothing) when the booking
    /// was no longer confirmed.
    pub(crate) async fn cancel_in(
        &self,
        conn: &mut DB::Connection,
        booking: &crate::BookingRow,
        reason: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, sqlx::Error> {
        let cancelled = self.release_in(&mut *conn, booking, reason, now).await?;
        if cancelled {
            self.reindex(&mut *conn, booking.offer_id, booking.offer_id, now)
                .await?;
        }
        Ok(cancelled)
    }

    /// Cancels every confirmed booking of a stock or of an offer (their ids, oldest
    /// first, locked on PostgreSQL), like [`Self::cancel_in`] but re-indexing the
    /// offer once, by the caller. Returns the bookings cancelled.
    pub(crate) async fn cancel_all_in(
        &self,
        conn: &mut DB::Connection,
        scope: crate::shared::BookingScope,
        reason: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<crate::BookingRow>, sqlx::Error> {
        let (sql, id) = match scope {
            crate::shared::BookingScope::Stock(id) => (
                concat!(
                    crate::shared::booking_select!(),
                    "WHERE b.stock_id = $1 AND b.status = 'confirmed' ORDER BY b.id"
                ),
                id,
            ),
            crate::shared::BookingScope::Offer(id) => (
                concat!(
                    crate::shared::booking_select!(),
                    "WHERE b.offer_id = $1 AND b.status = 'confirmed' ORDER BY b.id"
                ),
                id,
            ),
        };
        let bookings = sqlx::query_as::<_, crate::BookingRow>(DB::for_update(sql, Some("b")))
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
        let mut cancelled = Vec::with_capacity(bookings.len());
        for booking in bookings {
            if self.release_in(&mut *conn, &booking, reason, now).await? {
                cancelled.push(booking);
            }
        }
        Ok(cancelled)
    }

    /// The writes of a cancellation, without re-indexing.
    pub(crate) async fn release_in(
        &self,
        conn: &mut DB::Connection,
        booking: &crate::BookingRow,
        reason: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, sqlx::Error> {
        let now = crate::time::to_db(now);
        let claimed = sqlx::query(
            "UPDATE bookings SET status = 'cancelled', cancelled_at = $1, cancellation_reason = $2 \
             WHERE id = $3 AND status = 'confirmed'",
        )
        .bind(now)
        .bind(reason)
        .bind(booking.id)
        .execute(&mut *conn)
        .await?;
        // Another instance (or request) got there first: nothing to give back twice.
        if claimed.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("UPDATE stocks SET booked = booked - $1 WHERE id = $2")
            .bind(booking.quantity)
            .bind(booking.stock_id)
            .execute(&mut *conn)
            .await?;
        if booking.amount_cents > 0 {
            let cap = match booking.cap_kind.as_deref() {
                Some("digital") => Some(domain::catalogue::CapKind::Digital),
                Some("physical") => Some(domain::catalogue::CapKind::Physical),
                _ => None,
            };
            let (digital, physical) = crate::shared::cap_amounts(cap, booking.amount_cents);
            sqlx::query(
                "UPDATE deposits SET balance_cents = balance_cents + $1, \
                 digital_spent_cents = digital_spent_cents - $2, physical_spent_cents = physical_spent_cents - $3 \
                 WHERE id = $4",
            )
                .bind(booking.amount_cents)
                .bind(digital)
                .bind(physical)
                .bind(booking.deposit_id)
                .execute(&mut *conn)
                .await?;
            sqlx::query(
                "INSERT INTO credit_movements (deposit_id, booking_id, kind, amount_cents, created_at) \
                 VALUES ($1, $2, 'refund', $3, $4)",
            )
            .bind(booking.deposit_id)
            .bind(booking.id)
            .bind(booking.amount_cents)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
        Ok(true)
    }
}

pub(crate) use booking_select;
pub(crate) use card_columns;
pub(crate) use member_of_venue_structure;
pub(crate) use user_columns;
