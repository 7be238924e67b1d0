//! Offers the team reads before the young can find them (`domain::pro::review`): an
//! offer waits "en validation" with its cause, out of the search; an administrator
//! publishes it or gives it back to its partner as a draft with a reason. Each decision
//! writes its row of the audit log in the same transaction. The team also finds any
//! offer by its words, its structure's or venue's name and its status.

use crate::audit::ActionRecord;
use crate::backend::{Affected, Db, Store};
use crate::error::StoreError;
use crate::like::{literal, push_lower_like};
use chrono::{DateTime, Utc};
use domain::admin::Page;
use domain::pro::review::ReviewCause;
use domain::pro::status::OfferStatus;
use sqlx::QueryBuilder;

type Result<T> = std::result::Result<T, StoreError>;

/// An offer as the team's list shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TeamOfferRow {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub structure_id: i64,
    pub structure_name: String,
    pub venue_name: String,
    #[sqlx(try_from = "String")]
    pub status: OfferStatus,
    /// Why it waits, as stored (`ReviewCause::try_from` reads it).
    pub review_cause: Option<String>,
    #[sqlx(try_from = "crate::time::Seconds")]
    pub created_at: DateTime<Utc>,
}

/// Which offers the team looks for: words of the title, the structure's or the venue's
/// name (lower-cased), a status; oldest first, after a cursor.
#[derive(Debug, Clone, Default)]
pub struct TeamOfferQuery {
    pub words: Option<String>,
    pub status: Option<OfferStatus>,
    pub after: Option<i64>,
}

#[async_trait::async_trait]
pub trait OfferReview: Send + Sync + 'static {
    /// How many offers of the structure were published (still shown or paused).
    async fn published_offers(&self, structure_id: i64) -> Result<i64>;
    /// Puts a draft, paused or published offer (edited with a watch word) in the team's
    /// queue, with why; the search stops showing it. A withdrawn or waiting offer is
    /// refused (`Invalid` on `status`).
    async fn submit_offer(
        &self,
        offer_id: i64,
        cause: ReviewCause,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// The team's decision on a waiting offer: published, or a draft again with `note`
    /// for its partner. False when the offer was not waiting.
    async fn decide_offer(
        &self,
        offer_id: i64,
        approve: bool,
        record: &ActionRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Offers for the team, a page at a time, with how many match.
    async fn team_offers(&self, query: &TeamOfferQuery, limit: i64) -> Result<Page<TeamOfferRow>>;
}

const TEAM_OFFERS: &str = "SELECT o.id, o.title, o.description, s.id AS structure_id, \
     s.name AS structure_name, v.name AS venue_name, o.status, o.review_cause, o.created_at \
     FROM offers o JOIN venues v ON v.id = o.venue_id JOIN structures s ON s.id = v.structure_id \
     WHERE TRUE";

fn push_query<DB: Db>(query: &mut QueryBuilder<DB>, team: &TeamOfferQuery) {
    if let Some(status) = team.status {
        query.push(" AND o.status = ").push_bind(status.as_str());
    }
    if let Some(words) = team
        .words
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        let pattern = format!("%{}%", literal(&words.to_lowercase()));
        query.push(" AND (");
        for (i, column) in ["o.title", "s.name", "v.name"].into_iter().enumerate() {
            if i > 0 {
                query.push(" OR ");
            }
            push_lower_like(query, column, pattern.clone());
        }
        query.push(")");
    }
}

#[async_trait::async_trait]
impl<DB: Db> OfferReview for Store<DB> {
    async fn published_offers(&self, structure_id: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM offers o JOIN venues v ON v.id = o.venue_id \
             WHERE v.structure_id = $1 AND o.status IN ('published', 'paused')",
        )
        .bind(structure_id)
        .fetch_one(&self.pool)
        .await?)
    }

    async fn submit_offer(
        &self,
        offer_id: i64,
        cause: ReviewCause,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let submitted = sqlx::query(
            "UPDATE offers SET status = 'pending', review_cause = $1, review_note = NULL \
             WHERE id = $2 AND status IN ('draft', 'paused', 'published')",
        )
        .bind(cause.to_stored())
        .bind(offer_id)
        .execute(&mut *tx)
        .await?;
        if submitted.rows_affected() != 1 {
            return Err(StoreError::Invalid(domain::pro::FieldError {
                field: "status".to_owned(),
                reason: domain::pro::FieldRefusal::NotSubmittable,
            }));
        }
        self.reindex(&mut *tx, offer_id, offer_id, now).await?;
        tx.commit().await?;
        Ok(())
    }

    #[tracing::instrument(skip(self, record))]
    async fn decide_offer(
        &self,
        offer_id: i64,
        approve: bool,
        record: &ActionRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let (status, note) = if approve {
            ("published", None)
        } else {
            ("draft", Some(record.reason))
        };
        let decided = sqlx::query(
            "UPDATE offers SET status = $1, review_note = $2, review_cause = NULL \
             WHERE id = $3 AND status = 'pending'",
        )
        .bind(status)
        .bind(note)
        .bind(offer_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !decided {
            return Ok(false);
        }
        self.reindex(&mut *tx, offer_id, offer_id, now).await?;
        Self::record_action(&mut tx, record, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn team_offers(&self, team: &TeamOfferQuery, limit: i64) -> Result<Page<TeamOfferRow>> {
        let mut count = QueryBuilder::<DB>::new(
            "SELECT COUNT(*) FROM offers o JOIN venues v ON v.id = o.venue_id \
             JOIN structures s ON s.id = v.structure_id WHERE TRUE",
        );
        push_query(&mut count, team);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;

        let mut rows = QueryBuilder::<DB>::new(TEAM_OFFERS);
        push_query(&mut rows, team);
        if let Some(after) = team.after {
            rows.push(" AND o.id > ").push_bind(after);
        }
        rows.push(" ORDER BY o.id");
        Ok(self
            .read_page(rows, limit, total, |row: &TeamOfferRow| row.id)
            .await?)
    }
}
