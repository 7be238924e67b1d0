//! Activation codes of digital offers (`domain::pro::codes`): a partner adds them to the
//! offer's stock, and the booking transaction ([`crate::Bookings::book`]) takes one per
//! booking. The stock's row serialises both: adding codes locks it like a booking does,
//! so a stock that has codes always sells exactly the seats booked plus its free codes.

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

/// The stock's quantity, once its codes changed: the seats booked and the codes free.
const QUANTITY_FROM_CODES: &str = "UPDATE stocks SET quantity = booked + (\
    SELECT COUNT(*) FROM activation_codes c WHERE c.stock_id = stocks.id \
    AND c.booking_id IS NULL AND (c.expires_at IS NULL OR c.expires_at > $2)) \
    WHERE id = $1";

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
    WHERE s.offer_id = $1 GROUP BY c.stock_id ORDER BY c.stock_id";

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
        let (offer_id, is_deleted) = sqlx::query_as::<_, (i64, bool)>(DB::for_update(
            "SELECT offer_id, is_deleted FROM stocks WHERE id = $1",
            None,
        ))
        .bind(stock_id)
        .fetch_optional(&mut *tx)
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
        sqlx::query(QUANTITY_FROM_CODES)
            .bind(stock_id)
            .bind(added_at)
            .execute(&mut *tx)
            .await?;
        self.reindex(&mut tx, offer_id, offer_id, now).await?;
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
}

impl<DB: Db> Store<DB> {
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
