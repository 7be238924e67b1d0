//! The outbox as a queue: messages are written by the transactions of the events that
//! cause them (a reset link, an invitation, a withdrawn offer), and a sender claims the
//! due ones, delivers them and records how it went. A claim is one conditional update, so
//! senders on several instances sharing one PostgreSQL never take the same message: the
//! second sees the row claimed when its own update re-reads it, and passes it by.

use crate::backend::{Affected, Db, Store};
use crate::error::StoreError;
use crate::models::{Letter, MailRow, OutgoingMail};
use chrono::{DateTime, Duration, Utc};
use domain::admin::Page;
use domain::notification::{Delivery, MailKind};
use sqlx::QueryBuilder;

type Result<T> = std::result::Result<T, StoreError>;

/// The columns of [`MailRow`], as every query here reads them.
macro_rules! mail_columns {
    () => {
        "id, recipient, subject, body, html_body, kind, user_id, booking_id, created_at, \
         status, attempts, sent_at, last_error "
    };
}

/// One claim of a message: its id and the attempt the claim made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    pub id: i64,
    pub attempt: i64,
}

impl MailRow {
    /// The claim under which a sender holds this row, as `claim_mails` returned it.
    pub fn claim(&self) -> Claim {
        Claim {
            id: self.id,
            attempt: self.attempts,
        }
    }
}

/// The end of a reminder's candidates: bookings after `$4` without that reminder yet
/// (`$3`), a page of them in the order of their ids.
macro_rules! not_reminded {
    () => {
        "AND b.id > $4 \
         AND NOT EXISTS (SELECT 1 FROM outbox m WHERE m.booking_id = b.id AND m.kind = $3) \
         ORDER BY b.id LIMIT 500"
    };
}

#[async_trait::async_trait]
pub trait Outbox: Send + Sync + 'static {
    /// Claims up to `limit` messages due at `now` (pending and due, or claimed by a sender
    /// whose lease ran out) for `lease`: they are counted as one more attempt and no other
    /// sender can claim them until the lease ends. Oldest first.
    async fn claim_mails(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<MailRow>>;
    /// Writes the message of a claimed row the sender writes itself (`MailKind::
    /// written_by_sender`), before it is sent. Every outcome names the claim by its
    /// attempt (`MailRow::attempts` as claimed): a sender whose lease ran out, and whose
    /// message another sender claimed since, changes nothing.
    async fn write_mail(&self, claim: Claim, mail: &OutgoingMail) -> Result<bool>;
    /// The booking a message is about, as its ticket shows it.
    async fn booking_of_mail(&self, booking_id: i64) -> Result<Option<crate::BookingRow>>;
    /// Records that the relay accepted a claimed message. False if the claim is not
    /// the message's current one.
    async fn mail_sent(&self, claim: Claim, now: DateTime<Utc>) -> Result<bool>;
    /// Records a failed attempt at a claimed message: tried again from `retry_at`, or
    /// given up without it. False if the claim is not the message's current one.
    async fn mail_not_sent(
        &self,
        claim: Claim,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Confirmed bookings that may be due for the reminder `kind` at `now` (the caller
    /// decides, in the venue's time zone) and have not had it: events starting within two
    /// days, windows to cancel closing within one, things to collect (no date) booked
    /// long enough ago to expire within five days. A page of them, by booking id, after
    /// `after_booking`: the caller pages until none is left (most candidates of a page
    /// may not be due yet).
    async fn reminder_candidates(
        &self,
        kind: MailKind,
        now: DateTime<Utc>,
        after_booking: i64,
    ) -> Result<Vec<crate::BookingRow>>;
    /// Queues the reminder `kind` about a booking, once: false if it already was.
    async fn queue_reminder(
        &self,
        kind: MailKind,
        booking_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Queues the reminders that credit is about to expire, due at `now`
    /// (`domain::notification::credit_reminders`), once per person and kind: for credit
    /// left, granted before the reminder's moment. Returns how many.
    async fn queue_credit_reminders(&self, now: DateTime<Utc>) -> Result<u64>;
    /// The messages `query` selects, newest first, with how their delivery stands: a page
    /// after the message `query.after`, with how many it selects.
    async fn outbox_page(&self, query: &OutboxQuery, limit: i64) -> Result<Page<MailRow>>;
    /// Messages not delivered yet and not given up (due now or waiting for a retry).
    async fn mails_waiting(&self) -> Result<i64>;
    /// The latest `limit` messages, newest first.
    async fn outbox(&self, limit: i64) -> Result<Vec<MailRow>> {
        Ok(self.outbox_page(&OutboxQuery::default(), limit).await?.rows)
    }
}

/// What the team's outbox page asks for: the messages to one address (or to anyone), and
/// the page after a message.
#[derive(Debug, Clone, Default)]
pub struct OutboxQuery {
    pub recipient: Option<String>,
    pub after: Option<i64>,
}

/// Pushes the condition of the messages `query` selects (its cursor aside).
fn push_outbox_query<DB: Db>(sql: &mut QueryBuilder<DB>, query: &OutboxQuery) {
    sql.push(" FROM outbox WHERE TRUE");
    if let Some(recipient) = &query.recipient {
        sql.push(" AND recipient = ").push_bind(recipient.clone());
    }
}

#[async_trait::async_trait]
impl<DB: Db> Outbox for Store<DB> {
    async fn claim_mails(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<MailRow>> {
        let now = crate::time::to_db(now);
        // A read first: most of the time nothing is due, and on SQLite the claim would
        // take the one writer's turn for nothing.
        let due = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending') AND due_at <= $1",
        )
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        if due == 0 {
            return Ok(Vec::new());
        }
        let mut tx = self.begin_write().await?;
        // The outer condition repeats the inner one: on PostgreSQL, a sender whose
        // update waited for another's re-reads the row, finds it claimed, and skips it.
        let mut claimed = sqlx::query_as::<_, MailRow>(concat!(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1, due_at = $2 \
             WHERE id IN (SELECT id FROM outbox \
                 WHERE status IN ('pending', 'sending') AND due_at <= $1 ORDER BY id LIMIT $3) \
             AND status IN ('pending', 'sending') AND due_at <= $1 \
             RETURNING ",
            mail_columns!()
        ))
        .bind(now)
        .bind(now + lease.num_seconds())
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        claimed.sort_by_key(|mail| mail.id);
        Ok(claimed)
    }

    async fn write_mail(&self, claim: Claim, mail: &OutgoingMail) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE outbox SET subject = $1, body = $2, html_body = $3 \
             WHERE id = $4 AND attempts = $5 AND status = 'sending'",
        )
        .bind(&mail.subject)
        .bind(&mail.text)
        .bind(mail.html.as_deref())
        .bind(claim.id)
        .bind(claim.attempt)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    async fn booking_of_mail(&self, booking_id: i64) -> Result<Option<crate::BookingRow>> {
        Ok(sqlx::query_as(concat!(
            crate::columns::booking_select!(),
            "WHERE b.id = $1"
        ))
        .bind(booking_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn mail_sent(&self, claim: Claim, now: DateTime<Utc>) -> Result<bool> {
        self.record_outcome(claim, Delivery::Sent, now, Some(now), None)
            .await
    }

    async fn mail_not_sent(
        &self,
        claim: Claim,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        match retry_at {
            Some(at) => {
                self.record_outcome(claim, Delivery::Pending, at, None, Some(error))
                    .await
            }
            None => {
                self.record_outcome(claim, Delivery::Failed, now, None, Some(error))
                    .await
            }
        }
    }

    async fn reminder_candidates(
        &self,
        kind: MailKind,
        now: DateTime<Utc>,
        after_booking: i64,
    ) -> Result<Vec<crate::BookingRow>> {
        let now = crate::time::to_db(now);
        let day = Duration::days(1).num_seconds();
        let closing = domain::notification::cancellation_reminder_lead().num_seconds();
        let (sql, from, to) = match kind {
            MailKind::EventTomorrow => (
                concat!(
                    crate::columns::booking_select!(),
                    "WHERE b.status = 'confirmed' AND s.begins_at > $1 AND s.begins_at <= $2 ",
                    not_reminded!()
                ),
                now,
                now + 2 * day,
            ),
            MailKind::CancellationClosing => (
                concat!(
                    crate::columns::booking_select!(),
                    "WHERE b.status = 'confirmed' \
                     AND b.cancellation_limit_at > $1 AND b.cancellation_limit_at <= $2 ",
                    not_reminded!()
                ),
                now,
                now + closing,
            ),
            MailKind::CollectBeforeExpiry => {
                let (shortest, longest) = domain::catalogue::expiry_days_bounds();
                let lead = domain::notification::collect_reminder_lead().num_seconds();
                (
                    concat!(
                        crate::columns::booking_select!(),
                        "WHERE b.status = 'confirmed' AND s.begins_at IS NULL \
                         AND b.booked_at > $1 AND b.booked_at <= $2 ",
                        not_reminded!()
                    ),
                    now - longest * day,
                    now - shortest * day + lead,
                )
            }
            _ => return Ok(Vec::new()),
        };
        Ok(sqlx::query_as(sql)
            .bind(from)
            .bind(to)
            .bind(kind.to_stored())
            .bind(after_booking)
            .fetch_all(&self.pool)
            .await?)
    }

    async fn queue_reminder(
        &self,
        kind: MailKind,
        booking_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let now = crate::time::to_db(now);
        // The unique index on (kind, booking_id) of reminders makes a second insert, by
        // this scheduler or another instance's, do nothing.
        let mut tx = self.begin_write().await?;
        let queued = sqlx::query(
            "INSERT INTO outbox (kind, recipient, user_id, booking_id, subject, body, \
             created_at, due_at) \
             SELECT $1, u.email, u.id, b.id, '', '', $3, $3 FROM bookings b \
             JOIN users u ON u.id = b.user_id \
             WHERE b.id = $2 AND u.email NOT LIKE '%@invalid' \
             ON CONFLICT DO NOTHING",
        )
        .bind(kind.to_stored())
        .bind(booking_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(queued.rows_affected() == 1)
    }

    async fn queue_credit_reminders(&self, now: DateTime<Utc>) -> Result<u64> {
        let now = crate::time::to_db(now);
        let mut queued = 0;
        let mut tx = self.begin_write().await?;
        for (kind, before, until) in domain::notification::credit_reminders() {
            // Expiring between `until` and `before` from now, granted before the moment;
            // the unique index on (kind, user_id) keeps a second scheduler from queuing
            // it again.
            let done = sqlx::query(
                "INSERT INTO outbox (kind, recipient, user_id, subject, body, created_at, due_at) \
                 SELECT $1, u.email, u.id, '', '', $2, $2 FROM deposits d \
                 JOIN users u ON u.id = d.user_id \
                 WHERE d.balance_cents > 0 AND d.expires_at > $2 + $3 AND d.expires_at <= $2 + $4 \
                 AND d.granted_at < d.expires_at - $4 AND u.email NOT LIKE '%@invalid' \
                 AND NOT EXISTS (SELECT 1 FROM outbox m WHERE m.kind = $1 AND m.user_id = u.id) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(kind.to_stored())
            .bind(now)
            .bind(until.num_seconds())
            .bind(before.num_seconds())
            .execute(&mut *tx)
            .await?;
            queued += done.rows_affected();
        }
        tx.commit().await?;
        Ok(queued)
    }

    async fn outbox_page(&self, query: &OutboxQuery, limit: i64) -> Result<Page<MailRow>> {
        let mut count = QueryBuilder::<DB>::new("SELECT COUNT(*)");
        push_outbox_query(&mut count, query);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;

        let mut rows = QueryBuilder::<DB>::new(concat!("SELECT ", mail_columns!()));
        push_outbox_query(&mut rows, query);
        if let Some(after) = query.after {
            rows.push(" AND id < ").push_bind(after);
        }
        rows.push(" ORDER BY id DESC");
        Ok(self
            .read_page(rows, limit, total, |row: &MailRow| row.id)
            .await?)
    }

    async fn mails_waiting(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')",
            )
            .fetch_one(&self.pool)
            .await?,
        )
    }
}

/// Where a queued message goes: an address given as such (an invitation), or a person's
/// address as it is when the message is queued (none for a deleted account).
pub(crate) enum Recipient<'a> {
    Address(&'a str),
    Person(i64),
}

impl<DB: Db> Store<DB> {
    /// Records how an attempt under `claim` ended, if the claim is still the message's.
    async fn record_outcome(
        &self,
        claim: Claim,
        status: Delivery,
        due_at: DateTime<Utc>,
        sent_at: Option<DateTime<Utc>>,
        error: Option<&str>,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE outbox SET status = $1, due_at = $2, sent_at = $3, last_error = $4 \
             WHERE id = $5 AND attempts = $6 AND status = 'sending'",
        )
        .bind(status.to_stored())
        .bind(crate::time::to_db(due_at))
        .bind(sent_at.map(crate::time::to_db))
        .bind(error)
        .bind(claim.id)
        .bind(claim.attempt)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    /// Queues a message about a booking that the sender writes from the booking (a
    /// confirmation, a cancellation, a moved date), to its person if the booking still
    /// has one.
    pub(crate) async fn queue_about_booking(
        &self,
        conn: &mut DB::Connection,
        kind: MailKind,
        user_id: Option<i64>,
        booking_id: i64,
        now: DateTime<Utc>,
    ) -> Result<()> {
        debug_assert!(kind.written_by_sender());
        let Some(user_id) = user_id else {
            return Ok(());
        };
        let to_be_written = Letter::from(OutgoingMail::text("", ""));
        self.queue_mail(
            conn,
            kind,
            Recipient::Person(user_id),
            Some(booking_id),
            &to_be_written,
            now,
        )
        .await
    }

    /// Queues a message in the transaction of its cause: it is delivered if, and only if,
    /// the cause is committed. `booking_id` names the booking it is about, if any. A
    /// person gets the version of `letter` in the language they chose.
    pub(crate) async fn queue_mail(
        &self,
        conn: &mut DB::Connection,
        kind: MailKind,
        recipient: Recipient<'_>,
        booking_id: Option<i64>,
        letter: &Letter,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let language = match recipient {
            Recipient::Person(user_id) if letter.0.len() > 1 => {
                sqlx::query_scalar::<_, Option<String>>("SELECT language FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_optional(&mut *conn)
                    .await?
                    .flatten()
            }
            _ => None,
        };
        let Some(mail) = letter.in_language(language.as_deref()) else {
            return Ok(());
        };
        let query = match recipient {
            Recipient::Address(address) => sqlx::query(
                "INSERT INTO outbox (kind, recipient, user_id, booking_id, subject, body, \
                 html_body, created_at, due_at) \
                 VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $7)",
            )
            .bind(kind.to_stored())
            .bind(address),
            Recipient::Person(user_id) => sqlx::query(
                "INSERT INTO outbox (kind, recipient, user_id, booking_id, subject, body, \
                 html_body, created_at, due_at) \
                 SELECT $1, email, id, $3, $4, $5, $6, $7, $7 FROM users \
                 WHERE id = $2 AND email NOT LIKE '%@invalid'",
            )
            .bind(kind.to_stored())
            .bind(user_id),
        };
        query
            .bind(booking_id)
            .bind(&mail.subject)
            .bind(&mail.text)
            .bind(mail.html.as_deref())
            .bind(crate::time::to_db(now))
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}
