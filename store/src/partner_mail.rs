//! What partners are told about the bookings of their offers: a mail per booking, queued
//! by the booking's own transaction for each member of the structure who wants one, or
//! a daily digest, queued by the scheduler when it is due on the partner's clock (the
//! choice is `domain::notification::BookingMail`, stored as two kinds of mail choices).

use crate::MailChoices;
use crate::backend::{Affected, Db, Store};
use crate::error::StoreError;
use crate::models::Letter;
use crate::outbox::Recipient;
use crate::time::{MaybeSeconds, Seconds};
use chrono::{DateTime, Utc};
use domain::notification::{BookingMail, MailKind};

type Result<T> = std::result::Result<T, StoreError>;

/// Where a digest's bookings come from: those of the structures `$1` is a member of,
/// made from `$2` until `$3`, and not cancelled since (the digest tells what is coming).
macro_rules! digest_bookings {
    () => {
        "FROM structure_members m \
         JOIN structures st ON st.id = m.structure_id \
         JOIN venues v ON v.structure_id = m.structure_id \
         JOIN offers o ON o.venue_id = v.id \
         JOIN bookings b ON b.offer_id = o.id \
         JOIN stocks s ON s.id = b.stock_id \
         LEFT JOIN users u ON u.id = b.user_id \
         WHERE m.user_id = $1 AND b.booked_at >= $2 AND b.booked_at < $3 \
         AND b.status <> 'cancelled' "
    };
}

/// The postal code of the first physical venue of the structures of `$user` (an SQL
/// expression): the clock their digest follows.
macro_rules! first_venue_postal_code {
    ($user:literal) => {
        concat!(
            "(SELECT v.postal_code FROM structure_members m \
             JOIN venues v ON v.structure_id = m.structure_id \
             WHERE NOT v.is_virtual AND m.user_id = ",
            $user,
            " ORDER BY v.id LIMIT 1)"
        )
    };
}

/// A partner whose daily digest is due.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct DueDigest {
    pub user_id: i64,
    /// Since when its bookings count (the previous digest, or the choice).
    #[sqlx(try_from = "Seconds")]
    pub since: DateTime<Utc>,
    /// When it was due.
    #[sqlx(try_from = "Seconds")]
    pub next_at: DateTime<Utc>,
    /// The postal code of the partner's first venue, whose clock the digest follows
    /// (none yet: Paris).
    pub postal_code: Option<String>,
}

/// A booking as a partner's digest lists it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct DigestLine {
    pub booking_id: i64,
    pub structure_id: i64,
    pub structure_name: String,
    pub offer_title: String,
    pub venue_name: String,
    /// The venue's postal code, for its time zone.
    pub postal_code: String,
    /// When the event starts, for events.
    #[sqlx(try_from = "MaybeSeconds")]
    pub begins_at: Option<DateTime<Utc>>,
    pub quantity: i64,
    pub beneficiary_name: String,
    #[sqlx(try_from = "Seconds")]
    pub booked_at: DateTime<Utc>,
}

/// The most bookings one digest lists; it says how many more there were.
pub const DIGEST_LINES: i64 = 100;

#[async_trait::async_trait]
pub trait PartnerMail: Send + Sync + 'static {
    /// How `user_id` chose to hear about bookings.
    async fn booking_mail(&self, user_id: i64) -> Result<BookingMail>;
    /// Records `choice` for `user_id`. A daily digest starts counting now and is first
    /// due at `first_digest` (kept if they had already chose it: their next digest still
    /// counts from the last one).
    async fn choose_booking_mail(
        &self,
        user_id: i64,
        choice: BookingMail,
        first_digest: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// The postal code of the first venue of `user_id`'s structures (their clock), if
    /// they have one.
    async fn first_venue_postal_code(&self, user_id: i64) -> Result<Option<String>>;
    /// Up to `limit` digests due at `now`, the longest due first (only of partners who
    /// still choose the digest: a one-click unsubscribe stops it).
    async fn due_digests(&self, now: DateTime<Utc>, limit: i64) -> Result<Vec<DueDigest>>;
    /// The bookings made from `since` until `until` of the structures `user_id` is a member
    /// of (at most [`DIGEST_LINES`], oldest first), and how many there were in all.
    async fn digest_bookings(
        &self,
        user_id: i64,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<(Vec<DigestLine>, i64)>;
    /// Queues, at `now`, the digest `due` (none when there was no booking) covering up to
    /// `until`, and moves the partner's next one to `next_at`, counting from `until`:
    /// false, and nothing done, if another scheduler did it first or the partner chose
    /// otherwise meanwhile.
    async fn queue_digest(
        &self,
        due: &DueDigest,
        mail: Option<&Letter>,
        until: DateTime<Utc>,
        next_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// The structure whose offer `offer_id` is, if `user_id` is one of its members: its
    /// id and name (a partner's mail links to its bookings; one who left is told nothing).
    async fn structure_of_offer_for_member(
        &self,
        offer_id: i64,
        user_id: i64,
    ) -> Result<Option<(i64, String)>>;
}

#[async_trait::async_trait]
impl<DB: Db> PartnerMail for Store<DB> {
    async fn booking_mail(&self, user_id: i64) -> Result<BookingMail> {
        let each = self.mail_choice(user_id, MailKind::NewBooking).await?;
        let digest = self.mail_choice(user_id, MailKind::BookingsDigest).await?;
        Ok(BookingMail::from_channels(each, digest))
    }

    async fn choose_booking_mail(
        &self,
        user_id: i64,
        choice: BookingMail,
        first_digest: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        for (kind, channel) in choice.channels() {
            self.record_choice(&mut tx, user_id, kind, channel).await?;
        }
        if choice == BookingMail::DailyDigest {
            sqlx::query(
                "INSERT INTO booking_digests (user_id, since, next_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (user_id) DO NOTHING",
            )
            .bind(user_id)
            .bind(crate::time::to_db(now))
            .bind(crate::time::to_db(first_digest))
            .execute(&mut *tx)
            .await?;
        } else {
            sqlx::query("DELETE FROM booking_digests WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn first_venue_postal_code(&self, user_id: i64) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar(concat!("SELECT ", first_venue_postal_code!("$1")))
                .bind(user_id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    async fn due_digests(&self, now: DateTime<Utc>, limit: i64) -> Result<Vec<DueDigest>> {
        Ok(sqlx::query_as(concat!(
            "SELECT d.user_id, d.since, d.next_at, ",
            first_venue_postal_code!("d.user_id"),
            " AS postal_code FROM booking_digests d \
             JOIN mail_choices c ON c.user_id = d.user_id AND c.kind = $3 AND c.channel = 'mail' \
             WHERE d.next_at <= $1 ORDER BY d.next_at LIMIT $2"
        ))
        .bind(crate::time::to_db(now))
        .bind(limit)
        .bind(MailKind::BookingsDigest.to_stored())
        .fetch_all(&self.pool)
        .await?)
    }

    async fn digest_bookings(
        &self,
        user_id: i64,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<(Vec<DigestLine>, i64)> {
        let (since, until) = (crate::time::to_db(since), crate::time::to_db(until));
        let lines = sqlx::query_as(concat!(
            "SELECT b.id AS booking_id, st.id AS structure_id, st.name AS structure_name, \
             o.title AS offer_title, v.name AS venue_name, v.postal_code, s.begins_at, \
             b.quantity, \
             COALESCE(u.first_name || ' ' || u.last_name, 'Compte supprimé') AS beneficiary_name, \
             b.booked_at ",
            digest_bookings!(),
            "ORDER BY b.booked_at, b.id LIMIT $4"
        ))
        .bind(user_id)
        .bind(since)
        .bind(until)
        .bind(DIGEST_LINES)
        .fetch_all(&self.pool)
        .await?;
        let total = sqlx::query_scalar(concat!("SELECT COUNT(*) ", digest_bookings!()))
            .bind(user_id)
            .bind(since)
            .bind(until)
            .fetch_one(&self.pool)
            .await?;
        Ok((lines, total))
    }

    async fn queue_digest(
        &self,
        due: &DueDigest,
        mail: Option<&Letter>,
        until: DateTime<Utc>,
        next_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        // Conditional on the moment it was due: a second scheduler, or a choice made
        // since, finds it changed and does nothing.
        let moved = sqlx::query(
            "UPDATE booking_digests SET since = $1, next_at = $2 \
             WHERE user_id = $3 AND next_at = $4",
        )
        .bind(crate::time::to_db(until))
        .bind(crate::time::to_db(next_at))
        .bind(due.user_id)
        .bind(crate::time::to_db(due.next_at))
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() != 1 {
            return Ok(false);
        }
        if let Some(mail) = mail {
            let kind = MailKind::BookingsDigest;
            let to = Recipient::Person(due.user_id);
            self.queue_mail(&mut tx, kind, to, None, mail, now).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn structure_of_offer_for_member(
        &self,
        offer_id: i64,
        user_id: i64,
    ) -> Result<Option<(i64, String)>> {
        Ok(sqlx::query_as(
            "SELECT st.id, st.name FROM offers o \
             JOIN venues v ON v.id = o.venue_id \
             JOIN structures st ON st.id = v.structure_id \
             JOIN structure_members m ON m.structure_id = st.id AND m.user_id = $2 \
             WHERE o.id = $1",
        )
        .bind(offer_id)
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?)
    }
}

impl<DB: Db> Store<DB> {
    /// Queues, in the booking's transaction, the mail that tells each member of the
    /// offer's structure about the booking, except those who turned it off (a digest,
    /// or nothing). The sender writes it from the booking, and asks their choice again.
    pub(crate) async fn queue_for_partners(
        &self,
        conn: &mut DB::Connection,
        offer_id: i64,
        booking_id: i64,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO outbox (kind, recipient, user_id, booking_id, subject, body, \
             created_at, due_at) \
             SELECT $1, u.email, u.id, $3, '', '', $4, $4 FROM offers o \
             JOIN venues v ON v.id = o.venue_id \
             JOIN structure_members m ON m.structure_id = v.structure_id \
             JOIN users u ON u.id = m.user_id \
             WHERE o.id = $2 AND u.email NOT LIKE '%@invalid' \
             AND NOT EXISTS (SELECT 1 FROM mail_choices c \
                 WHERE c.user_id = u.id AND c.kind = $1 AND c.channel = 'off')",
        )
        .bind(MailKind::NewBooking.to_stored())
        .bind(offer_id)
        .bind(booking_id)
        .bind(crate::time::to_db(now))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}
