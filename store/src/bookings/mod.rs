//! Bookings: the one booking transaction, a young person's cancellation, their tickets,
//! and the counter's look-up and validation.

pub(crate) mod book;

use crate::backend::{Db, Store};
use crate::error::StoreError;
use crate::models::*;
use chrono::{DateTime, Utc};
use domain::booking::BookingRefusal;
use domain::cancellation::cancellation_limit;
use domain::notification::MailKind;
use domain::token::Token;

type Result<T> = std::result::Result<T, StoreError>;

#[async_trait::async_trait]
pub trait Bookings: Send + Sync + 'static {
    /// The one booking path: locks, checks every rule, debits, in one transaction.
    async fn book(&self, command: &BookCommand) -> Result<BookingRow>;
    /// The young person cancels their own booking (credit and seats back).
    async fn cancel_by_young(
        &self,
        user_id: i64,
        booking_id: i64,
        now: DateTime<Utc>,
    ) -> Result<BookingRow>;
    async fn bookings_of_user(&self, user_id: i64) -> Result<Vec<BookingRow>>;
    /// One booking of the person (`None` for anyone else's).
    async fn booking_of_user(&self, user_id: i64, booking_id: i64) -> Result<Option<BookingRow>>;
    /// A booking as a partner member of the venue's structure sees it.
    async fn ticket_for_partner(&self, partner_id: i64, token: &Token) -> Result<BookingRow>;
    /// Marks the ticket used at the counter.
    async fn validate_ticket(
        &self,
        partner_id: i64,
        token: &Token,
        now: DateTime<Utc>,
    ) -> Result<BookingRow>;
}

#[async_trait::async_trait]
impl<DB: Db> Bookings for Store<DB> {
    #[tracing::instrument(skip(self), fields(stock_id = command.stock_id))]
    async fn book(&self, command: &BookCommand) -> Result<BookingRow> {
        let refused = StoreError::BookingRefused;
        let mut tx = self.begin_write().await?;
        // 1. The person (signed in by the request's session, or named), whose row
        //    serialises their bookings (caps, one per offer).
        let person =
            self.person_for_booking(&mut tx, command)
                .await?
                .ok_or(match command.booker {
                    Booker::Person(_) => refused(BookingRefusal::NotBeneficiary),
                    Booker::Session(_) => StoreError::NoSession,
                })?;
        let user_id = person.user_id;
        // 2. A retried request returns the booking the first one made.
        if let Some(previous) = self.previous_booking(&mut tx, command, user_id).await? {
            tx.commit().await?;
            return Ok(previous);
        }
        // 3. The stock, whose row serialises the seats.
        let stock = self
            .stock_for_booking(&mut tx, command, user_id)
            .await?
            .ok_or(refused(BookingRefusal::OfferUnavailable))?;
        // 4. Every rule, in the domain.
        let facts = book::facts(command, &person, &stock)?;
        let approved = domain::booking::check(&facts).map_err(refused)?;
        let deposit_id = person
            .deposit_id()
            .ok_or(refused(BookingRefusal::NotBeneficiary))?;
        // 5. The booking, under a token no other booking has.
        let delivered = approved.delivered_on_booking;
        let booking = book::NewBooking {
            deposit_id,
            amount: approved.total,
            cap: approved.cap,
            cancellation_limit: (!delivered)
                .then(|| cancellation_limit(command.now, facts.stock.event_start))
                .flatten(),
            delivered,
        };
        let (booking_id, token) = self
            .insert_booking(&mut tx, command, user_id, &stock, &booking)
            .await?;
        // 5b. A digital offer's activation code, one per booking.
        let code = match stock.delivers_codes {
            true => Some(
                self.take_code(&mut tx, command.stock_id, booking_id, command.now)
                    .await?,
            ),
            false => None,
        };
        // 6. The seats, then the credit (and the cap it counts against) with its ledger row.
        self.take_seats(&mut tx, command, &stock).await?;
        self.debit(&mut tx, &booking, booking_id, command.now)
            .await?;
        // 7. Its confirmation, and the partners' mail, which the sender writes from the
        //    booking and delivers.
        let confirmed = MailKind::BookingConfirmed;
        self.queue_about_booking(&mut tx, confirmed, Some(user_id), booking_id, command.now)
            .await?;
        self.queue_for_partners(&mut tx, stock.offer_id, booking_id, command.now)
            .await?;
        tx.commit().await?;
        // What the ticket shows, from what the transaction read (no re-read).
        Ok(book::ticket(
            command, person, stock, &booking, booking_id, token, code,
        ))
    }

    #[tracing::instrument(skip(self))]
    async fn cancel_by_young(
        &self,
        user_id: i64,
        booking_id: i64,
        now: DateTime<Utc>,
    ) -> Result<BookingRow> {
        use domain::ticket::{BookingStatus, TicketRefusal};
        let mut tx = self.begin_write().await?;
        sqlx::query(DB::for_update("SELECT id FROM users WHERE id = $1 ", None))
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let booking = sqlx::query_as::<_, BookingRow>(DB::for_update(
            concat!(
                crate::columns::booking_select!(),
                "WHERE b.id = $1 AND b.user_id = $2 "
            ),
            Some("b"),
        ))
        .bind(booking_id)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        match booking.status {
            BookingStatus::Confirmed => {}
            BookingStatus::Cancelled => {
                return Err(StoreError::TicketRefused(TicketRefusal::Cancelled));
            }
            _ => {
                return Err(StoreError::TicketRefused(TicketRefusal::NotCancellable));
            }
        }
        let limit = booking.cancellation_limit_at;
        if !domain::cancellation::young_can_cancel(limit, now) {
            let closed_at = limit.unwrap_or(now);
            return Err(StoreError::TicketRefused(
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
        let booking = sqlx::query_as::<_, BookingRow>(concat!(
            crate::columns::booking_select!(),
            "WHERE b.id = $1"
        ))
        .bind(booking_id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(booking)
    }

    async fn bookings_of_user(&self, user_id: i64) -> Result<Vec<BookingRow>> {
        Ok(sqlx::query_as(concat!(
            crate::columns::booking_select!(),
            "WHERE b.user_id = $1 ORDER BY b.booked_at DESC, b.id DESC"
        ))
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn booking_of_user(&self, user_id: i64, booking_id: i64) -> Result<Option<BookingRow>> {
        Ok(sqlx::query_as(concat!(
            crate::columns::booking_select!(),
            "WHERE b.id = $1 AND b.user_id = $2"
        ))
        .bind(booking_id)
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn ticket_for_partner(&self, partner_id: i64, token: &Token) -> Result<BookingRow> {
        sqlx::query_as(concat!(
            crate::columns::booking_select!(),
            "WHERE b.token = $1",
            crate::columns::member_of_venue_structure!()
        ))
        .bind(token.as_str())
        .bind(partner_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::TicketRefused(
            domain::ticket::TicketRefusal::Unknown,
        ))
    }

    #[tracing::instrument(skip(self))]
    async fn validate_ticket(
        &self,
        partner_id: i64,
        token: &Token,
        now: DateTime<Utc>,
    ) -> Result<BookingRow> {
        use domain::ticket::{BookingStatus, TicketRefusal};
        let refused = StoreError::TicketRefused;
        let mut tx = self.begin_write().await?;
        let booking = sqlx::query_as::<_, BookingRow>(DB::for_update(
            concat!(
                crate::columns::booking_select!(),
                "WHERE b.token = $1",
                crate::columns::member_of_venue_structure!()
            ),
            Some("b"),
        ))
        .bind(token.as_str())
        .bind(partner_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(refused(TicketRefusal::Unknown))?;
        match booking.status {
            BookingStatus::Confirmed => {}
            BookingStatus::Cancelled => return Err(refused(TicketRefusal::Cancelled)),
            _ => return Err(refused(TicketRefusal::AlreadyUsed)),
        }
        let limit = booking.cancellation_limit_at;
        if !domain::cancellation::partner_can_validate(limit, now) {
            let opens_at = limit.unwrap_or(now);
            return Err(refused(TicketRefusal::NotYetValidatable { opens_at }));
        }
        sqlx::query("UPDATE bookings SET status = 'used', used_at = $1 WHERE id = $2 AND status = 'confirmed'")
            .bind(crate::time::to_db(now))
            .bind(booking.id)
            .execute(&mut *tx)
            .await?;
        let booking = sqlx::query_as::<_, BookingRow>(concat!(
            crate::columns::booking_select!(),
            "WHERE b.id = $1"
        ))
        .bind(booking.id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(booking)
    }
}
