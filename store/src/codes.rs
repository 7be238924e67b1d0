//! Activation codes of digital offers (`domain::pro::codes`): a partner adds them to the
//! offer's stock, and the booking transaction ([`crate::Bookings::book`]) takes one per
//! booking. The stock's row serialises both: adding codes locks it like a booking does.
//! A stock that has codes sells its free codes: the booking checks them, not the
//! quantity, and sets the quantity to the seats booked plus the codes left (as adding
//! codes does, and the scheduler when codes expire), which is what the search and the
//! offer page read.

use crate::backend::{Affected, Db, Store};
use crate::error::StoreError;
use crate::time::{MaybeSeconds, to_db};
use chrono::{DateTime, Utc};
use sqlx::QueryBuilder;

type Result<T> = std::result::Result<T, StoreError>;

/// Codes per insert statement (four parameters each, well under both backends' limits).
const CODES_PER_STATEMENT: usize = 500;

/// The codes of one stock.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CodeCounts {
    pub stock_id: i64,
    /// Still to give.
    pub free: i64,
    pub given: i64,
    /// Not given before their last day.
    pub expired: i64,
}

/// A code given to a booking.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct TakenCode {
    pub code: String,
    #[sqlx(try_from = "MaybeSeconds")]
    pub expires_at: Option<DateTime<Utc>>,
}

/// The codes of stock `$1` still to give at `$2`.
macro_rules! free_codes {
    () => {
        "(SELECT COUNT(*) FROM activation_codes c WHERE c.stock_id = $1 \
         AND c.booking_id IS NULL AND (c.expires_at IS NULL OR c.expires_at > $2))"
    };
}

/// Whether stock `$1` gives codes, and how many it has left at `$2`: a statement of its
/// own after the stock's row is locked, so that on PostgreSQL it sees the codes a
/// transaction committed while the lock was awaited.
const SUPPLY: &str = concat!(
    "SELECT EXISTS (SELECT 1 FROM activation_codes c WHERE c.stock_id = $1) AS delivers, ",
    free_codes!(),
    " AS free"
);

/// The stock's quantity, once its codes changed: the seats booked and the codes free;
/// nothing when it says so already.
const QUANTITY_FROM_CODES: &str = concat!(
    "UPDATE stocks SET quantity = booked + ",
    free_codes!(),
    " WHERE id = $1 AND (quantity IS NULL OR quantity <> booked + ",
    free_codes!(),
    ")"
);

/// The seat of a booking that took a code: booked, and the quantity what is left.
const TAKE_CODE_SEAT: &str = concat!(
    "UPDATE stocks SET booked = booked + 1, quantity = booked + 1 + ",
    free_codes!(),
    " WHERE id = $1"
);

/// Stocks with a free code that expired in `($2, $1]`.
const EXPIRED_SINCE: &str = "SELECT DISTINCT stock_id FROM activation_codes \
    WHERE booking_id IS NULL AND expires_at <= $1 AND expires_at > $2";

/// How far back the scheduler looks for codes that expired (a stopped scheduler catches
/// up on a week).
const EXPIRY_LOOKBACK: chrono::Duration = chrono::Duration::days(8);

/// Gives booking `$1` the oldest free code of stock `$2` still valid at `$3`.
const TAKE_CODE: &str = "UPDATE activation_codes SET booking_id = $1 WHERE id = (\
    SELECT id FROM activation_codes WHERE stock_id = $2 AND booking_id IS NULL \
    AND (expires_at IS NULL OR expires_at > $3) ORDER BY id LIMIT 1) \
    AND booking_id IS NULL RETURNING code, expires_at";

const COUNTS: &str = "SELECT c.stock_id, \
    SUM(CASE WHEN c.booking_id IS NULL AND (c.expires_at IS NULL OR c.expires_at > $2) \
        THEN 1 ELSE 0 END) AS free, \
    SUM(CASE WHEN c.booking_id IS NOT NULL THEN 1 ELSE 0 END) AS given, \
    SUM(CASE WHEN c.booking_id IS NULL AND c.expires_at <= $2 THEN 1 ELSE 0 END) AS expired \
    FROM activation_codes c JOIN stocks s ON s.id = c.stock_id \
    WHERE s.offer_id = $1 AND s.is_deleted = FALSE GROUP BY c.stock_id ORDER BY c.stock_id";

#[async_trait::async_trait]
pub trait ActivationCodes: Send + Sync + 'static {
    /// Adds `codes` (each once, as `domain::pro::codes::parse_codes` gives them) to the
    /// stock, given until `expires_at` if set; codes the stock already has are left as
    /// they are. The stock then sells its booked seats plus its free codes, and the
    /// offer is findable again if it was sold out. Returns how many codes were added.
    async fn add_codes(
        &self,
        stock_id: i64,
        codes: &[String],
        expires_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<usize>;

    /// The codes of each stock of the offer that has any.
    async fn code_counts(&self, offer_id: i64, now: DateTime<Utc>) -> Result<Vec<CodeCounts>>;

    /// Stocks whose free codes expired lately sell only those left (and leave the search
    /// when none is); the scheduler's pass. Returns the stocks changed.
    async fn retire_expired_codes(&self, now: DateTime<Utc>) -> Result<u64>;
}

#[async_trait::async_trait]
impl<DB: Db> ActivationCodes for Store<DB> {
    #[tracing::instrument(skip(self, codes), fields(codes = codes.len()))]
    async fn add_codes(
        &self,
        stock_id: i64,
        codes: &[String],
        expires_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let mut tx = self.begin_write().await?;
        let (offer_id, is_deleted) = self
            .lock_code_stock(&mut tx, stock_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        if is_deleted {
            return Err(StoreError::NotFound);
        }
        let (expires_at, added_at) = (expires_at.map(to_db), to_db(now));
        let mut added = 0;
        for chunk in codes.chunks(CODES_PER_STATEMENT) {
            let mut insert = QueryBuilder::<DB>::new(
                "INSERT INTO activation_codes (stock_id, code, expires_at, added_at) ",
            );
            insert.push_values(chunk, |mut row, code| {
                row.push_bind(stock_id)
                    .push_bind(code.clone())
                    .push_bind(expires_at)
                    .push_bind(added_at);
            });
            insert.push(" ON CONFLICT (stock_id, code) DO NOTHING");
            added += insert.build().execute(&mut *tx).await?.rows_affected();
        }
        self.sell_free_codes(&mut tx, stock_id, offer_id, now)
            .await?;
        tx.commit().await?;
        Ok(usize::try_from(added).unwrap_or(usize::MAX))
    }

    async fn code_counts(&self, offer_id: i64, now: DateTime<Utc>) -> Result<Vec<CodeCounts>> {
        Ok(sqlx::query_as(COUNTS)
            .bind(offer_id)
            .bind(to_db(now))
            .fetch_all(&self.pool)
            .await?)
    }

    #[tracing::instrument(skip(self))]
    async fn retire_expired_codes(&self, now: DateTime<Utc>) -> Result<u64> {
        let stocks = sqlx::query_scalar::<_, i64>(EXPIRED_SINCE)
            .bind(to_db(now))
            .bind(to_db(now - EXPIRY_LOOKBACK))
            .fetch_all(&self.pool)
            .await?;
        let mut changed = 0;
        for stock_id in stocks {
            let mut tx = self.begin_write().await?;
            let Some((offer_id, _)) = self.lock_code_stock(&mut tx, stock_id).await? else {
                continue;
            };
            if self
                .sell_free_codes(&mut tx, stock_id, offer_id, now)
                .await?
            {
                changed += 1;
            }
            tx.commit().await?;
        }
        Ok(changed)
    }
}

impl<DB: Db> Store<DB> {
    /// Locks the stock (as a booking does) before its codes change; its offer and
    /// whether it was deleted.
    async fn lock_code_stock(
        &self,
        conn: &mut DB::Connection,
        stock_id: i64,
    ) -> Result<Option<(i64, bool)>> {
        Ok(sqlx::query_as(DB::for_update(
            "SELECT offer_id, is_deleted FROM stocks WHERE id = $1",
            None,
        ))
        .bind(stock_id)
        .fetch_optional(conn)
        .await?)
    }

    /// Sets the stock's quantity to its booked seats plus its codes still free at `now`,
    /// and re-derives the offer's search row when that changed; whether it did.
    async fn sell_free_codes(
        &self,
        conn: &mut DB::Connection,
        stock_id: i64,
        offer_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let updated = sqlx::query(QUANTITY_FROM_CODES)
            .bind(stock_id)
            .bind(to_db(now))
            .execute(&mut *conn)
            .await?;
        let changed = updated.rows_affected() == 1;
        if changed {
            self.reindex(conn, offer_id, offer_id, now).await?;
        }
        Ok(changed)
    }

    /// Whether the stock gives codes, and how many are left at `now`; in the booking
    /// transaction, once its row is locked.
    pub(crate) async fn code_supply(
        &self,
        conn: &mut DB::Connection,
        stock_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(bool, i64)> {
        Ok(sqlx::query_as(SUPPLY)
            .bind(stock_id)
            .bind(to_db(now))
            .fetch_one(conn)
            .await?)
    }

    /// Takes the seat of a booking that took a code; the quantity becomes what is left.
    pub(crate) async fn take_code_seat(
        &self,
        conn: &mut DB::Connection,
        stock_id: i64,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(TAKE_CODE_SEAT)
            .bind(stock_id)
            .bind(to_db(now))
            .execute(conn)
            .await?;
        Ok(())
    }

    /// Gives the booking one of the stock's free codes, inside the booking transaction
    /// (which holds the stock's row): none left refuses the booking, and everything it
    /// wrote is rolled back.
    pub(crate) async fn take_code(
        &self,
        conn: &mut DB::Connection,
        stock_id: i64,
        booking_id: i64,
        now: DateTime<Utc>,
    ) -> Result<TakenCode> {
        sqlx::query_as(TAKE_CODE)
            .bind(booking_id)
            .bind(stock_id)
            .bind(to_db(now))
            .fetch_optional(conn)
            .await?
            .ok_or(StoreError::BookingRefused(
                domain::booking::BookingRefusal::NoCodesLeft,
            ))
    }
}
