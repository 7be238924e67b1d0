//! The social side's SQL, written once for both backends over [`crate::backend::Db`].

use crate::audit::ActionRecord;
use crate::backend::{Affected, Db, Store};
use crate::error::StoreError;
use crate::models::*;
use crate::outbox::Recipient;
use crate::social::*;
use chrono::{DateTime, Utc};
use domain::admin::AdminAction;
use domain::notification::MailKind;
use sqlx::QueryBuilder;

type Result<T> = std::result::Result<T, StoreError>;

/// Settles the open reports of offer `$2` at `$1` (kept or withdrawn).
pub(crate) const SETTLE_REPORTS: &str =
    "UPDATE offer_reports SET settled_at = $1 WHERE offer_id = $2 AND settled_at IS NULL";

/// A top-level comment shown to everyone (alias `c`).
macro_rules! visible_comment {
    () => {
        "c.reply_to IS NULL AND c.status = 'visible' AND c.deleted_at IS NULL"
    };
}

/// How many visible comments, and their average rating in tenths rounded the same way
/// on both backends (over `comments c`).
macro_rules! comment_stats_columns {
    () => {
        "COUNT(c.id), CAST(ROUND(AVG(c.rating) * 10) AS BIGINT)"
    };
}

/// A suspended author (`suspended_at` set) may neither post nor edit.
pub(crate) fn refuse_if_suspended(suspended_at: Option<i64>) -> Result<()> {
    match suspended_at {
        Some(_) => Err(StoreError::Invalid(domain::pro::FieldError {
            field: "body".to_owned(),
            reason: domain::pro::FieldRefusal::AuthorSuspended,
        })),
        None => Ok(()),
    }
}

#[async_trait::async_trait]
impl<DB: Db> crate::Social for Store<DB> {
    async fn add_comment(&self, comment: &NewComment, now: DateTime<Utc>) -> Result<i64> {
        use domain::social::moderation::{COMMENTS_PER_HOUR, visibility, within_limit};
        let at = crate::time::to_db(now);
        let mut tx = self.begin_write().await?;
        let suspended = sqlx::query_scalar::<_, Option<i64>>(DB::for_update(
            "SELECT suspended_at FROM users WHERE id = $1 ",
            None,
        ))
        .bind(comment.author_id)
        .fetch_one(&mut *tx)
        .await?;
        crate::social::sql::refuse_if_suspended(suspended)?;
        let recent = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM comments WHERE author_id = $1 AND created_at > $2",
        )
        .bind(comment.author_id)
        .bind(at - 3600)
        .fetch_one(&mut *tx)
        .await?;
        if !within_limit(recent, COMMENTS_PER_HOUR) {
            return Err(StoreError::LimitReached);
        }
        let (offer_id, venue_id) = match comment.target {
            crate::CommentTarget::Offer(id) => (Some(id), None),
            crate::CommentTarget::Venue(id) => (None, Some(id)),
        };
        let status = crate::social::models::stored(visibility(0, comment.flagged, None));
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO comments (author_id, offer_id, venue_id, body, rating, flagged, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(comment.author_id)
        .bind(offer_id)
        .bind(venue_id)
        .bind(&comment.body)
        .bind(comment.rating)
        .bind(comment.flagged)
        .bind(status)
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn edit_comment(&self, edit: &CommentEdit, now: DateTime<Utc>) -> Result<()> {
        use domain::social::moderation::{Decision, decision_after_edit, visibility};
        let mut tx = self.begin_write().await?;
        let suspended = sqlx::query_scalar::<_, Option<i64>>(DB::for_update(
            "SELECT suspended_at FROM users WHERE id = $1 ",
            None,
        ))
        .bind(edit.author_id)
        .fetch_one(&mut *tx)
        .await?;
        crate::social::sql::refuse_if_suspended(suspended)?;
        let (created_at, reports, decision) =
            sqlx::query_as::<_, (i64, i64, Option<String>)>(DB::for_update(
                "SELECT created_at, reports_since_decision, decision FROM comments WHERE id = $1 AND author_id = $2 AND deleted_at IS NULL ",
                None,
            ))
            .bind(edit.comment_id)
            .bind(edit.author_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        if !domain::social::comment::can_edit(crate::time::from_db(created_at), now) {
            return Err(StoreError::Invalid(domain::pro::FieldError {
                field: "body".to_owned(),
                reason: domain::pro::FieldRefusal::EditClosed,
            }));
        }
        let decision = decision_after_edit(crate::social::models::decision_of(decision.as_deref()));
        let status = crate::social::models::stored(visibility(reports, edit.flagged, decision));
        let stored_decision = decision.map(|d| match d {
            Decision::Approved => "approved",
            Decision::Hidden => "hidden",
        });
        sqlx::query(
            "UPDATE comments SET body = $1, rating = $2, flagged = $3, status = $4, edited_at = $5, decision = $6 \
             WHERE id = $7",
        )
        .bind(&edit.body)
        .bind(edit.rating)
        .bind(edit.flagged)
        .bind(status)
        .bind(crate::time::to_db(now))
        .bind(stored_decision)
        .bind(edit.comment_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn delete_comment(
        &self,
        author_id: i64,
        comment_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE comments SET deleted_at = $1 WHERE id = $2 AND author_id = $3 AND deleted_at IS NULL",
        )
        .bind(crate::time::to_db(now))
        .bind(comment_id)
        .bind(author_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn reply_to_comment(
        &self,
        partner_id: i64,
        comment_id: i64,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO comments (author_id, offer_id, venue_id, reply_to, body, status, created_at) \
             SELECT $1, offer_id, venue_id, id, $2, 'visible', $3 FROM comments \
             WHERE id = $4 AND reply_to IS NULL AND deleted_at IS NULL RETURNING id",
        )
        .bind(partner_id)
        .bind(body)
        .bind(crate::time::to_db(now))
        .bind(comment_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?)
    }

    async fn comments(
        &self,
        target: CommentTarget,
        order: domain::social::comment::CommentOrder,
        viewer_id: Option<i64>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<CommentRow>> {
        let (column, id) = target.column();
        let order = match order {
            domain::social::comment::CommentOrder::Newest => "c.created_at DESC, c.id DESC",
            domain::social::comment::CommentOrder::Helpful => {
                "c.helpful DESC, c.created_at DESC, c.id DESC"
            }
        };
        // The badge: a booking of this offer, or of any offer of this venue.
        let author_booked = |statuses: &str| {
            format!(
                "EXISTS (SELECT 1 FROM bookings b JOIN offers o ON o.id = b.offer_id \
                 WHERE b.user_id = c.author_id AND (b.offer_id = c.offer_id OR o.venue_id = c.venue_id) \
                 AND b.status IN ({statuses}))"
            )
        };
        let sql = format!(
            "SELECT c.id, c.author_id, u.first_name AS author_name, c.body, c.rating, c.created_at, c.edited_at, \
             {went} AS went, {booked} AS booked, \
             r.body AS reply_body, r.created_at AS reply_at, c.helpful, \
             EXISTS (SELECT 1 FROM comment_helpful h WHERE h.comment_id = c.id AND h.user_id = $4) AS marked_helpful \
             FROM comments c JOIN users u ON u.id = c.author_id \
             LEFT JOIN comments r ON r.reply_to = c.id AND r.deleted_at IS NULL \
             WHERE c.{column} = $1 AND {visible} ORDER BY {order} LIMIT $2 OFFSET $3",
            went = author_booked("'used', 'reimbursed'"),
            booked = author_booked("'confirmed'"),
            visible = crate::social::sql::visible_comment!(),
        );
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .bind(limit)
            .bind(offset)
            .bind(viewer_id.unwrap_or(0))
            .fetch_all(&self.pool)
            .await?)
    }

    async fn toggle_helpful(
        &self,
        user_id: i64,
        comment_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        use domain::social::moderation::{REACTIONS_PER_MINUTE, within_limit};
        let at = crate::time::to_db(now);
        let mut tx = self.begin_write().await?;
        let author_id = sqlx::query_scalar::<_, i64>(DB::for_update(
            "SELECT author_id FROM comments WHERE id = $1 AND reply_to IS NULL AND status = 'visible' AND deleted_at IS NULL ",
            None,
        ))
        .bind(comment_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        if author_id == user_id {
            return Err(StoreError::Invalid(domain::pro::FieldError {
                field: "comment_id".to_owned(),
                reason: domain::pro::FieldRefusal::OwnReview,
            }));
        }
        let removed =
            sqlx::query("DELETE FROM comment_helpful WHERE comment_id = $1 AND user_id = $2")
                .bind(comment_id)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        let on = if removed.rows_affected() == 1 {
            false
        } else {
            let recent = sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM comment_helpful WHERE user_id = $1 AND created_at > $2",
            )
            .bind(user_id)
            .bind(at - 60)
            .fetch_one(&mut *tx)
            .await?;
            if !within_limit(recent, REACTIONS_PER_MINUTE) {
                return Err(StoreError::LimitReached);
            }
            sqlx::query(
                "INSERT INTO comment_helpful (comment_id, user_id, created_at) VALUES ($1, $2, $3)",
            )
            .bind(comment_id)
            .bind(user_id)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            true
        };
        sqlx::query("UPDATE comments SET helpful = helpful + $1 WHERE id = $2")
            .bind(if on { 1i64 } else { -1 })
            .bind(comment_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(on)
    }

    async fn card_stats(&self, offer_ids: &[i64]) -> Result<Vec<CardStats>> {
        if offer_ids.is_empty() {
            return Ok(Vec::new());
        }
        // Ids are numbers bound one by one: `$1, $2, ...`.
        let places = (1..=offer_ids.len())
            .map(|n| format!("${n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT o.id, {stats}, \
             (SELECT COUNT(*) FROM reactions r WHERE r.offer_id = o.id AND r.kind = 'like') \
             FROM offers o LEFT JOIN comments c ON c.offer_id = o.id AND {visible} \
             WHERE o.id IN ({places}) GROUP BY o.id",
            stats = crate::social::sql::comment_stats_columns!(),
            visible = crate::social::sql::visible_comment!(),
        );
        let mut query = sqlx::query_as::<_, (i64, i64, Option<i64>, i64)>(sqlx::AssertSqlSafe(sql));
        for id in offer_ids {
            query = query.bind(*id);
        }
        Ok(query
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|(offer_id, comments, rating_tenths, likes)| CardStats {
                offer_id,
                comments,
                rating_tenths,
                likes,
            })
            .collect())
    }

    async fn comment_stats(&self, target: CommentTarget) -> Result<(i64, Option<i64>)> {
        let (column, id) = target.column();
        let sql = format!(
            "SELECT {stats} FROM comments c WHERE c.{column} = $1 AND {visible}",
            stats = crate::social::sql::comment_stats_columns!(),
            visible = crate::social::sql::visible_comment!(),
        );
        Ok(
            sqlx::query_as::<_, (i64, Option<i64>)>(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    async fn comment_target(&self, comment_id: i64) -> Result<Option<CommentTarget>> {
        let row = sqlx::query_as::<_, (Option<i64>, Option<i64>)>(
            "SELECT offer_id, venue_id FROM comments WHERE id = $1 AND deleted_at IS NULL",
        )
        .bind(comment_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|(offer, venue)| match (offer, venue) {
            (Some(id), _) => Some(crate::CommentTarget::Offer(id)),
            (None, Some(id)) => Some(crate::CommentTarget::Venue(id)),
            _ => None,
        }))
    }

    async fn report_comment(
        &self,
        comment_id: i64,
        reporter_id: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<domain::social::moderation::Visibility> {
        use domain::social::moderation::visibility;
        let mut tx = self.begin_write().await?;
        let (reports, flagged, decision) = sqlx::query_as::<_, (i64, bool, Option<String>)>(DB::for_update("SELECT reports_since_decision, flagged, decision FROM comments WHERE id = $1 AND deleted_at IS NULL ", None))
        .bind(comment_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        sqlx::query("INSERT INTO comment_reports (comment_id, reporter_id, reason, created_at) VALUES ($1, $2, $3, $4)")
            .bind(comment_id)
            .bind(reporter_id)
            .bind(reason)
            .bind(crate::time::to_db(now))
            .execute(&mut *tx)
            .await?;
        let shown = visibility(
            reports + 1,
            flagged,
            crate::social::models::decision_of(decision.as_deref()),
        );
        sqlx::query("UPDATE comments SET reports_since_decision = $1, status = $2 WHERE id = $3")
            .bind(reports + 1)
            .bind(crate::social::models::stored(shown))
            .bind(comment_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(shown)
    }

    async fn comments_to_review(
        &self,
        after: Option<i64>,
        limit: i64,
    ) -> Result<domain::admin::Page<ReviewRow>> {
        let total: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM comments WHERE status = 'pending' AND deleted_at IS NULL",
        )
        .fetch_one(&self.pool)
        .await?;
        let mut query = QueryBuilder::<DB>::new(
            "SELECT c.id, c.author_id, u.first_name || ' ' || u.last_name AS author_name, c.body, c.flagged, \
             c.reports_since_decision AS reports, c.offer_id, c.venue_id, c.created_at \
             FROM comments c JOIN users u ON u.id = c.author_id \
             WHERE c.status = 'pending' AND c.deleted_at IS NULL",
        );
        if let Some(after) = after {
            query
                .push(" AND (c.created_at, c.id) > ((SELECT created_at FROM comments WHERE id = ")
                .push_bind(after)
                .push("), ")
                .push_bind(after)
                .push(")");
        }
        query.push(" ORDER BY c.created_at, c.id");
        Ok(self
            .read_page(query, limit, total, |c: &ReviewRow| c.id)
            .await?)
    }

    async fn decide_comment(
        &self,
        comment_id: i64,
        decision: domain::social::moderation::Decision,
        admin_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        use domain::social::moderation::{Decision, visibility};
        let (stored, action) = match decision {
            Decision::Approved => ("approved", AdminAction::CommentRestored),
            Decision::Hidden => ("hidden", AdminAction::CommentHidden),
        };
        let status = crate::social::models::stored(visibility(0, false, Some(decision)));
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE comments SET decision = $1, reports_since_decision = 0, status = $2 \
             WHERE id = $3 AND deleted_at IS NULL \
             AND (decision IS NULL OR decision <> $1 OR reports_since_decision > 0)",
        )
        .bind(stored)
        .bind(status)
        .bind(comment_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        Self::record_action(
            &mut tx,
            &ActionRecord::new(admin_id, action, comment_id),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn toggle_reaction(
        &self,
        user_id: i64,
        offer_id: i64,
        kind: ReactionKind,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        use domain::social::moderation::{REACTIONS_PER_MINUTE, within_limit};
        let at = crate::time::to_db(now);
        let mut tx = self.begin_write().await?;
        sqlx::query(DB::for_update("SELECT id FROM users WHERE id = $1 ", None))
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
        let recent = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM reactions WHERE user_id = $1 AND created_at > $2",
        )
        .bind(user_id)
        .bind(at - 60)
        .fetch_one(&mut *tx)
        .await?;
        let removed =
            sqlx::query("DELETE FROM reactions WHERE user_id = $1 AND offer_id = $2 AND kind = $3")
                .bind(user_id)
                .bind(offer_id)
                .bind(kind.as_str())
                .execute(&mut *tx)
                .await?;
        let on = if removed.rows_affected() == 1 {
            false
        } else {
            if !within_limit(recent, REACTIONS_PER_MINUTE) {
                return Err(StoreError::LimitReached);
            }
            sqlx::query("INSERT INTO reactions (user_id, offer_id, kind, created_at) VALUES ($1, $2, $3, $4)")
                .bind(user_id)
                .bind(offer_id)
                .bind(kind.as_str())
                .bind(at)
                .execute(&mut *tx)
                .await?;
            true
        };
        tx.commit().await?;
        Ok(on)
    }

    async fn reactions(&self, offer_id: i64, user_id: Option<i64>) -> Result<Reactions> {
        let rows = sqlx::query_as::<_, (String, i64, i64)>(
            "SELECT kind, COUNT(*), COUNT(CASE WHEN user_id = $2 THEN 1 END) FROM reactions \
             WHERE offer_id = $1 GROUP BY kind",
        )
        .bind(offer_id)
        .bind(user_id.unwrap_or(0))
        .fetch_all(&self.pool)
        .await?;
        let mut reactions = crate::Reactions::default();
        for (kind, count, mine) in rows {
            match kind.as_str() {
                "like" => (reactions.likes, reactions.liked) = (count, mine > 0),
                _ => (reactions.wants, reactions.wanted) = (count, mine > 0),
            }
        }
        Ok(reactions)
    }

    async fn has_reported_offer(&self, offer_id: i64, reporter_id: i64) -> Result<bool> {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT offer_id FROM offer_reports WHERE offer_id = $1 AND reporter_id = $2",
        )
        .bind(offer_id)
        .bind(reporter_id)
        .fetch_optional(&self.pool)
        .await?
        .is_some())
    }

    async fn report_offer(
        &self,
        offer_id: i64,
        reporter_id: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let done = sqlx::query(
            "INSERT INTO offer_reports (offer_id, reporter_id, reason, created_at) \
             SELECT id, $2, $3, $4 FROM offers WHERE id = $1",
        )
        .bind(offer_id)
        .bind(reporter_id)
        .bind(reason)
        .bind(crate::time::to_db(now))
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    async fn offers_to_review(
        &self,
        after: Option<i64>,
        limit: i64,
    ) -> Result<domain::admin::Page<OfferReviewRow>> {
        let total: i64 = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT r.offer_id) FROM offer_reports r JOIN offers o ON o.id = r.offer_id \
             WHERE r.settled_at IS NULL AND o.status <> 'rejected'",
        )
        .fetch_one(&self.pool)
        .await?;
        // By offer: the cursor stays valid whatever becomes of its offer, so a page
        // follows even when the offer that ended the previous one was decided meanwhile.
        let mut rows = QueryBuilder::<DB>::new(
            "SELECT o.id AS offer_id, o.title, v.name AS venue_name, COUNT(*) AS reports, \
             (SELECT r2.reason FROM offer_reports r2 WHERE r2.offer_id = o.id AND r2.settled_at IS NULL \
              ORDER BY r2.created_at DESC LIMIT 1) AS last_reason, \
             MIN(r.created_at) AS first_reported_at, \
             (SELECT COUNT(*) FROM bookings b WHERE b.offer_id = o.id AND b.status = 'confirmed') AS active_bookings \
             FROM offer_reports r JOIN offers o ON o.id = r.offer_id JOIN venues v ON v.id = o.venue_id \
             WHERE r.settled_at IS NULL AND o.status <> 'rejected'",
        );
        if let Some(after) = after {
            rows.push(" AND o.id > ").push_bind(after);
        }
        rows.push(" GROUP BY o.id, o.title, v.name ORDER BY o.id");
        Ok(self
            .read_page(rows, limit, total, |row: &OfferReviewRow| row.offer_id)
            .await?)
    }

    async fn keep_offer(&self, offer_id: i64, admin_id: i64, now: DateTime<Utc>) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(crate::social::sql::SETTLE_REPORTS)
            .bind(crate::time::to_db(now))
            .bind(offer_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        let record = ActionRecord::new(admin_id, AdminAction::OfferKept, offer_id);
        Self::record_action(&mut tx, &record, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn withdraw_offer(
        &self,
        withdrawal: &OfferWithdrawal,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let at = crate::time::to_db(now);
        let offer_id = withdrawal.offer_id;
        let mut tx = self.begin_write().await?;
        // Locks in the order the other writers take them (bookings, then stocks,
        // then the offer), so that nothing waits in a circle on PostgreSQL. Bookings
        // in flight hold their stock's row: waiting for the stocks lets them commit
        // first (they are cancelled below), and the bookings that come after see
        // the offer withdrawn (`book` inserts only while the offer is published).
        sqlx::query(DB::for_update(
            "SELECT id FROM bookings WHERE offer_id = $1 AND status = 'confirmed' ORDER BY id ",
            None,
        ))
        .bind(offer_id)
        .fetch_all(&mut *tx)
        .await?;
        sqlx::query(DB::for_update(
            "SELECT id FROM stocks WHERE offer_id = $1 ORDER BY id ",
            None,
        ))
        .bind(offer_id)
        .fetch_all(&mut *tx)
        .await?;
        let withdrawn = sqlx::query(
            "UPDATE offers SET status = 'rejected', rejection_reason = $1 WHERE id = $2 AND status <> 'rejected'",
        )
        .bind(&withdrawal.reason)
        .bind(offer_id)
        .execute(&mut *tx)
        .await?;
        if withdrawn.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        let cause =
            domain::ticket::CancellationCause::Moderation(withdrawal.reason.clone()).to_stored();
        let cancelled = self
            .cancel_all_in(
                &mut *tx,
                crate::steps::BookingScope::Offer(offer_id),
                &cause,
                now,
            )
            .await?;
        for (booking, user_id) in cancelled.iter().filter_map(|b| Some((b, b.user_id?))) {
            self.queue_mail(
                &mut tx,
                MailKind::OfferWithdrawn,
                Recipient::Person(user_id),
                Some(booking.id),
                &withdrawal.mail,
                now,
            )
            .await?;
        }
        sqlx::query(crate::social::sql::SETTLE_REPORTS)
            .bind(at)
            .bind(offer_id)
            .execute(&mut *tx)
            .await?;
        self.reindex(&mut *tx, offer_id, offer_id, now).await?;
        let record = ActionRecord::new(withdrawal.admin_id, AdminAction::OfferWithdrawn, offer_id)
            .because(&withdrawal.reason)
            .detail(domain::text::counted(
                cancelled.len() as i64,
                "réservation annulée",
                "réservations annulées",
            ));
        Self::record_action(&mut tx, &record, now).await?;
        tx.commit().await?;
        Ok(cancelled.len() as u64)
    }

    async fn follow_venue(
        &self,
        user_id: i64,
        venue_id: i64,
        follow: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if follow {
            sqlx::query(
                "INSERT INTO venue_follows (user_id, venue_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(user_id)
            .bind(venue_id)
            .bind(crate::time::to_db(now))
            .execute(&self.pool)
            .await?;
        } else {
            sqlx::query("DELETE FROM venue_follows WHERE user_id = $1 AND venue_id = $2")
                .bind(user_id)
                .bind(venue_id)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    async fn follows(&self, user_id: i64, venue_id: i64) -> Result<bool> {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT venue_id FROM venue_follows WHERE user_id = $1 AND venue_id = $2",
        )
        .bind(user_id)
        .bind(venue_id)
        .fetch_optional(&self.pool)
        .await?
        .is_some())
    }

    async fn followed_offers(
        &self,
        user_id: i64,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<OfferCardRow>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            crate::columns::card_columns!(),
            " FROM offer_search os JOIN venue_follows f ON f.venue_id = os.venue_id \
             WHERE f.user_id = $1 AND os.bookable_until > $2 \
             ORDER BY os.created_at DESC, os.offer_id DESC LIMIT $3"
        ))
        .bind(user_id)
        .bind(crate::time::to_db(now))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}

pub(crate) use {comment_stats_columns, visible_comment};
