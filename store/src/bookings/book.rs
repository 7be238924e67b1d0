//! The steps of the booking transaction ([`super::Bookings::book`]): what it reads and
//! locks, the plain functions that turn that into the domain's rule inputs and into the
//! ticket, and its writes.

use crate::backend::{Affected, Db, Store};
use crate::codes::TakenCode;
use crate::error::StoreError;
use crate::models::{
    BookCommand, Booker, BookingRow, OfferStatus, StructureStatus, WalletRow, stored_acceptance,
};
use crate::time::{MaybeSeconds, to_db};
use chrono::{DateTime, NaiveDate, Utc};
use domain::Cents;
use domain::booking::{BookingFacts, BookingRefusal, StockFacts, WalletFacts};
use domain::catalogue::CapKind;
use domain::ticket::BookingStatus;
use domain::token::Token;

/// What the booking reads of the person: their row, the texts they accepted, their
/// wallet; the statement locks the user row.
macro_rules! person_select {
    () => {
        "SELECT u.id AS user_id, u.birth_date, u.suspended_at IS NOT NULL AS is_suspended, \
         u.email_verified_at IS NOT NULL AS email_verified, u.terms_version, \
         u.privacy_version, u.first_name || ' ' || u.last_name AS beneficiary_name, \
         d.id AS deposit_id, p.code AS policy_code, p.name AS policy_name, \
         p.version AS policy_version, d.amount_cents, d.balance_cents, \
         d.expires_at, p.digital_cap_cents, p.physical_cap_cents, \
         d.digital_spent_cents, d.physical_spent_cents "
    };
}

/// The person's wallet, joined to `u`.
macro_rules! wallet_joins {
    () => {
        "LEFT JOIN deposits d ON d.user_id = u.id \
         LEFT JOIN credit_policies p ON p.id = d.policy_id "
    };
}

/// The person `$1`.
const PERSON: &str = concat!(
    person_select!(),
    "FROM users u ",
    wallet_joins!(),
    "WHERE u.id = $1"
);

/// The person signed in by session `$1` (its stored id) still open at `$2`, unless
/// suspended: what `Accounts::session_user` finds, in the booking's first statement.
const SESSION_PERSON: &str = concat!(
    person_select!(),
    "FROM sessions s JOIN users u ON u.id = s.user_id ",
    wallet_joins!(),
    "WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.suspended_at IS NULL"
);

/// The stock `$1` with its offer and partner, and whether person `$2` already holds a
/// booking of the offer (a digital one is theirs for good once booked); locks the stock
/// row.
const STOCK: &str = "SELECT s.offer_id, s.price_cents, s.quantity, s.booked, s.booking_limit_at, \
    s.begins_at, s.is_deleted, o.subcategory, o.is_duo, o.url, o.status AS offer_status, \
    o.publish_at, st.status AS structure_status, o.title AS offer_title, \
    o.withdrawal_details, v.name AS venue_name, v.address, v.city, v.postal_code, \
    EXISTS (SELECT 1 FROM bookings b WHERE b.user_id = $2 AND b.offer_id = s.offer_id \
            AND (b.status = 'confirmed' \
                 OR (b.status IN ('used', 'reimbursed') AND o.url IS NOT NULL))) \
        AS has_active_booking \
    FROM stocks s JOIN offers o ON o.id = s.offer_id \
    JOIN venues v ON v.id = o.venue_id JOIN structures st ON st.id = v.structure_id \
    WHERE s.id = $1";

/// The booking, only while the offer is still published (on PostgreSQL this statement
/// sees an administrator's withdrawal committed while it waited for the stock), and
/// nothing when its token is taken, without aborting the transaction.
const INSERT_BOOKING: &str = "INSERT INTO bookings (token, user_id, stock_id, offer_id, \
    deposit_id, quantity, amount_cents, cap_kind, status, booked_at, cancellation_limit_at, \
    idempotency_key, used_at) \
    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $12, $9, $10, $11, $13 \
    WHERE EXISTS (SELECT 1 FROM offers WHERE id = $4 AND status = 'published') \
    ON CONFLICT (token) DO NOTHING RETURNING id";

/// Takes the seats, if there are enough left.
const TAKE_SEATS: &str = "UPDATE stocks SET booked = booked + $1 \
    WHERE id = $2 AND (quantity IS NULL OR booked + $1 <= quantity)";

/// Debits the deposit and counts the amount against its caps, if the balance covers it.
const DEBIT: &str = "UPDATE deposits SET balance_cents = balance_cents - $1, \
    digital_spent_cents = digital_spent_cents + $2, \
    physical_spent_cents = physical_spent_cents + $3 \
    WHERE id = $4 AND balance_cents >= $1";

const LEDGER_DEBIT: &str = "INSERT INTO credit_movements \
    (deposit_id, booking_id, kind, amount_cents, created_at) VALUES ($1, $2, 'debit', $3, $4)";

/// The stock, its offer and its partner, read (and locked) inside the booking transaction.
#[derive(sqlx::FromRow)]
pub(crate) struct StockForBooking {
    pub offer_id: i64,
    pub price_cents: i64,
    pub quantity: Option<i64>,
    pub booked: i64,
    #[sqlx(try_from = "MaybeSeconds")]
    pub booking_limit_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub begins_at: Option<DateTime<Utc>>,
    pub is_deleted: bool,
    pub subcategory: String,
    pub is_duo: bool,
    pub url: Option<String>,
    #[sqlx(try_from = "String")]
    pub offer_status: OfferStatus,
    /// Hidden from the young until then.
    #[sqlx(try_from = "MaybeSeconds")]
    pub publish_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "String")]
    pub structure_status: StructureStatus,
    pub offer_title: String,
    pub withdrawal_details: Option<String>,
    pub venue_name: String,
    pub address: String,
    pub city: String,
    pub postal_code: String,
    /// The person already has a confirmed booking of this offer (or a used one of a
    /// digital offer).
    pub has_active_booking: bool,
    /// Each booking takes one of the stock's activation codes ([`crate::codes`], read
    /// once the row is locked).
    #[sqlx(skip)]
    pub delivers_codes: bool,
    /// Its codes still to give.
    #[sqlx(skip)]
    pub free_codes: i64,
}

/// The person who books, with their wallet if they have one, read in one statement.
#[derive(sqlx::FromRow)]
pub(crate) struct PersonForBooking {
    pub user_id: i64,
    pub birth_date: Option<String>,
    pub is_suspended: bool,
    pub email_verified: bool,
    pub terms_version: Option<i64>,
    pub privacy_version: Option<i64>,
    pub beneficiary_name: String,
    pub deposit_id: Option<i64>,
    pub policy_code: Option<String>,
    pub policy_name: Option<String>,
    pub policy_version: Option<i64>,
    pub amount_cents: Option<i64>,
    pub balance_cents: Option<i64>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub expires_at: Option<DateTime<Utc>>,
    pub digital_cap_cents: Option<i64>,
    pub physical_cap_cents: Option<i64>,
    pub digital_spent_cents: Option<i64>,
    pub physical_spent_cents: Option<i64>,
}

impl PersonForBooking {
    pub fn wallet(&self) -> Option<WalletRow> {
        Some(WalletRow {
            deposit_id: self.deposit_id?,
            policy_code: self.policy_code.clone()?,
            policy_name: self.policy_name.clone()?,
            policy_version: self.policy_version?,
            amount_cents: self.amount_cents?,
            balance_cents: self.balance_cents?,
            expires_at: self.expires_at?,
            digital_cap_cents: self.digital_cap_cents,
            physical_cap_cents: self.physical_cap_cents,
            digital_spent_cents: self.digital_spent_cents?,
            physical_spent_cents: self.physical_spent_cents?,
        })
    }

    /// The deposit the booking is paid from, when the person has a wallet.
    pub fn deposit_id(&self) -> Option<i64> {
        self.wallet().map(|wallet| wallet.deposit_id)
    }

    fn is_minor_on(&self, day: NaiveDate) -> bool {
        self.birth_date
            .as_deref()
            .and_then(|date| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())
            .is_some_and(|birth| domain::credit::age_on(birth, day) < 18)
    }
}

/// What the booking writes, once the rules approved it.
pub(crate) struct NewBooking {
    pub deposit_id: i64,
    pub amount: Cents,
    pub cap: Option<CapKind>,
    pub cancellation_limit: Option<DateTime<Utc>>,
    /// A digital offer, delivered at once: used from the start.
    pub delivered: bool,
}

impl NewBooking {
    pub fn status(&self) -> BookingStatus {
        if self.delivered {
            BookingStatus::Used
        } else {
            BookingStatus::Confirmed
        }
    }
}

/// The domain's rule inputs, from what the transaction read.
pub(crate) fn facts(
    command: &BookCommand,
    person: &PersonForBooking,
    stock: &StockForBooking,
) -> Result<BookingFacts, StoreError> {
    let subcategory = domain::catalogue::subcategory(&stock.subcategory)
        .ok_or_else(|| StoreError::Corrupt(format!("subcategory {}", stock.subcategory)))?;
    Ok(BookingFacts {
        now: command.now,
        is_suspended: person.is_suspended,
        must_accept_texts: domain::legal::must_accept(stored_acceptance(
            person.terms_version,
            person.privacy_version,
        )),
        email_verified: person.email_verified,
        is_minor: person.is_minor_on(command.now.date_naive()),
        wallet: person.wallet().map(|wallet| WalletFacts {
            balance: wallet.balance(),
            expires_at: wallet.expires_at,
            digital_spent: Cents(wallet.digital_spent_cents),
            physical_spent: Cents(wallet.physical_spent_cents),
            digital_cap: wallet.digital_cap_cents.map(Cents),
            physical_cap: wallet.physical_cap_cents.map(Cents),
        }),
        stock: StockFacts {
            subcategory,
            offer_is_duo: stock.is_duo,
            offer_is_online: stock.url.is_some(),
            delivers_codes: stock.delivers_codes,
            offer_is_bookable: !stock.is_deleted
                && stock.offer_status == OfferStatus::Published
                && stock.publish_at.is_none_or(|at| at <= command.now)
                && stock.structure_status == StructureStatus::Validated,
            price: Cents(stock.price_cents),
            remaining: if stock.delivers_codes {
                Some(stock.free_codes)
            } else {
                stock.quantity.map(|quantity| quantity - stock.booked)
            },
            booking_limit: stock.booking_limit_at,
            event_start: stock.begins_at,
        },
        has_active_booking_for_offer: stock.has_active_booking,
        quantity: command.quantity,
    })
}

/// The ticket of the booking just made.
pub(crate) fn ticket(
    command: &BookCommand,
    person: PersonForBooking,
    stock: StockForBooking,
    booking: &NewBooking,
    booking_id: i64,
    token: Token,
    code: Option<TakenCode>,
) -> BookingRow {
    let (activation_code, code_expires_at) = match code {
        Some(code) => (Some(code.code), code.expires_at),
        None => (None, None),
    };
    BookingRow {
        id: booking_id,
        token: token.as_str().to_owned(),
        user_id: Some(person.user_id),
        stock_id: command.stock_id,
        offer_id: stock.offer_id,
        deposit_id: booking.deposit_id,
        offer_title: stock.offer_title,
        subcategory: stock.subcategory,
        withdrawal_details: stock.withdrawal_details,
        venue_name: stock.venue_name,
        address: stock.address,
        city: stock.city,
        postal_code: stock.postal_code,
        beneficiary_name: person.beneficiary_name,
        quantity: command.quantity,
        amount_cents: booking.amount.get(),
        cap_kind: cap_name(booking.cap).map(str::to_owned),
        status: booking.status(),
        cancellation_reason: None,
        booked_at: command.now,
        cancellation_limit_at: booking.cancellation_limit,
        used_at: booking.delivered.then_some(command.now),
        cancelled_at: None,
        begins_at: stock.begins_at,
        offer_url: stock.url,
        activation_code,
        code_expires_at,
    }
}

/// How much of `amount` counts against the digital and the physical cap.
pub(crate) fn cap_amounts(cap: Option<CapKind>, amount: i64) -> (i64, i64) {
    match cap {
        Some(CapKind::Digital) => (amount, 0),
        Some(CapKind::Physical) => (0, amount),
        None => (0, 0),
    }
}

pub(crate) fn cap_name(cap: Option<CapKind>) -> Option<&'static str> {
    cap.map(CapKind::code)
}

impl<DB: Db> Store<DB> {
    pub(crate) async fn person_for_booking(
        &self,
        conn: &mut DB::Connection,
        command: &BookCommand,
    ) -> Result<Option<PersonForBooking>, StoreError> {
        let query = match &command.booker {
            Booker::Person(user_id) => {
                sqlx::query_as(DB::for_update(PERSON, Some("u"))).bind(*user_id)
            }
            Booker::Session(id_hash) => sqlx::query_as(DB::for_update(SESSION_PERSON, Some("u")))
                .bind(id_hash.clone())
                .bind(to_db(command.now)),
        };
        Ok(query.fetch_optional(conn).await?)
    }

    /// The booking an earlier request with the same idempotency key made.
    pub(crate) async fn previous_booking(
        &self,
        conn: &mut DB::Connection,
        command: &BookCommand,
        user_id: i64,
    ) -> Result<Option<BookingRow>, StoreError> {
        let Some(key) = &command.idempotency_key else {
            return Ok(None);
        };
        Ok(sqlx::query_as(concat!(
            crate::columns::booking_select!(),
            "WHERE b.user_id = $1 AND b.idempotency_key = $2"
        ))
        .bind(user_id)
        .bind(key)
        .fetch_optional(conn)
        .await?)
    }

    pub(crate) async fn stock_for_booking(
        &self,
        conn: &mut DB::Connection,
        command: &BookCommand,
        user_id: i64,
    ) -> Result<Option<StockForBooking>, StoreError> {
        let stock: Option<StockForBooking> = sqlx::query_as(DB::for_update(STOCK, Some("s")))
            .bind(command.stock_id)
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(mut stock) = stock else {
            return Ok(None);
        };
        (stock.delivers_codes, stock.free_codes) = self
            .code_supply(conn, command.stock_id, command.now)
            .await?;
        Ok(Some(stock))
    }

    /// Inserts the booking under a fresh token: a token already taken inserts nothing and
    /// another is drawn; an offer withdrawn meanwhile refuses the booking.
    pub(crate) async fn insert_booking(
        &self,
        conn: &mut DB::Connection,
        command: &BookCommand,
        user_id: i64,
        stock: &StockForBooking,
        booking: &NewBooking,
    ) -> Result<(i64, Token), StoreError> {
        for _ in 0..domain::token::MAX_GENERATION_ATTEMPTS {
            let token = Token::generate(&mut rand::rng());
            let inserted = sqlx::query_scalar::<_, i64>(INSERT_BOOKING)
                .bind(token.as_str())
                .bind(user_id)
                .bind(command.stock_id)
                .bind(stock.offer_id)
                .bind(booking.deposit_id)
                .bind(command.quantity)
                .bind(booking.amount.get())
                .bind(cap_name(booking.cap))
                .bind(to_db(command.now))
                .bind(booking.cancellation_limit.map(to_db))
                .bind(&command.idempotency_key)
                .bind(booking.status().as_str())
                .bind(booking.delivered.then(|| to_db(command.now)))
                .fetch_optional(&mut *conn)
                .await?;
            if let Some(id) = inserted {
                return Ok((id, token));
            }
            let status = sqlx::query_scalar::<_, String>("SELECT status FROM offers WHERE id = $1")
                .bind(stock.offer_id)
                .fetch_one(&mut *conn)
                .await?;
            if OfferStatus::try_from(status) != Ok(OfferStatus::Published) {
                return Err(StoreError::BookingRefused(BookingRefusal::OfferUnavailable));
            }
        }
        Err(StoreError::Conflict("bookings.token".into()))
    }

    /// Takes the seats; the offer leaves the search when its last seat goes.
    pub(crate) async fn take_seats(
        &self,
        conn: &mut DB::Connection,
        command: &BookCommand,
        stock: &StockForBooking,
    ) -> Result<(), StoreError> {
        let sold_out = if stock.delivers_codes {
            // The booking holds its code already: the seat follows, and the quantity is
            // the codes left, whatever expired or was typed meanwhile.
            self.take_code_seat(conn, command.stock_id, command.now)
                .await?;
            stock.free_codes <= 1
        } else {
            let seats = sqlx::query(TAKE_SEATS)
                .bind(command.quantity)
                .bind(command.stock_id)
                .execute(&mut *conn)
                .await?;
            if seats.rows_affected() != 1 {
                return Err(StoreError::BookingRefused(BookingRefusal::SoldOut));
            }
            stock
                .quantity
                .is_some_and(|quantity| stock.booked + command.quantity >= quantity)
        };
        if sold_out {
            self.reindex(conn, stock.offer_id, stock.offer_id, command.now)
                .await?;
        }
        Ok(())
    }

    /// Debits the deposit (nothing for a free booking) and writes the ledger row.
    pub(crate) async fn debit(
        &self,
        conn: &mut DB::Connection,
        booking: &NewBooking,
        booking_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if booking.amount.is_zero() {
            return Ok(());
        }
        let (digital, physical) = cap_amounts(booking.cap, booking.amount.get());
        let debited = sqlx::query(DEBIT)
            .bind(booking.amount.get())
            .bind(digital)
            .bind(physical)
            .bind(booking.deposit_id)
            .execute(&mut *conn)
            .await?;
        if debited.rows_affected() != 1 {
            return Err(StoreError::BookingRefused(
                BookingRefusal::InsufficientCredit,
            ));
        }
        sqlx::query(LEDGER_DEBIT)
            .bind(booking.deposit_id)
            .bind(booking_id)
            .bind(-booking.amount.get())
            .bind(to_db(now))
            .execute(conn)
            .await?;
        Ok(())
    }
}
