//! What the social side asks of the database: comments with their moderation status
//! (derived by `domain::social::moderation`, stored so lists filter on it), reports,
//! reactions and followed venues. A supertrait of [`crate::Repository`].

pub(crate) mod models;
pub(crate) mod sql;

pub use models::*;

use crate::error::StoreError;
use chrono::{DateTime, Utc};
use domain::social::comment::CommentOrder;
use domain::social::moderation::{Decision, Visibility};

type Result<T> = std::result::Result<T, StoreError>;

#[async_trait::async_trait]
pub trait Social: Send + Sync + 'static {
    /// Posts a comment (already cleaned and checked by the domain). Refused to a
    /// suspended author (`Invalid`) and beyond the hourly limit (`LimitReached`).
    async fn add_comment(&self, comment: &NewComment, now: DateTime<Utc>) -> Result<i64>;
    /// The author edits their comment within the edit window (`Invalid` after it,
    /// `NotFound` for anyone else's).
    async fn edit_comment(&self, edit: &CommentEdit, now: DateTime<Utc>) -> Result<()>;
    /// The author deletes their comment; `false` when it was not theirs or already gone.
    async fn delete_comment(
        &self,
        author_id: i64,
        comment_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// A partner's answer, once per comment (`Conflict` the second time).
    async fn reply_to_comment(
        &self,
        partner_id: i64,
        comment_id: i64,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    /// Visible comments of an offer or a venue in the order asked, with what the author
    /// booked there and whether the viewer found each helpful.
    async fn comments(
        &self,
        target: CommentTarget,
        order: CommentOrder,
        viewer_id: Option<i64>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<CommentRow>>;
    /// Marks (or unmarks) someone else's visible comment as helpful; returns whether it
    /// is now marked. `Invalid` for one's own comment, `LimitReached` beyond the
    /// per-minute limit of reactions.
    async fn toggle_helpful(
        &self,
        user_id: i64,
        comment_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Comments, ratings and likes of the offers on a list of cards.
    async fn card_stats(&self, offer_ids: &[i64]) -> Result<Vec<CardStats>>;
    /// How many visible comments, and their average rating (in tenths).
    async fn comment_stats(&self, target: CommentTarget) -> Result<(i64, Option<i64>)>;
    /// The offer or venue a comment is about.
    async fn comment_target(&self, comment_id: i64) -> Result<Option<CommentTarget>>;
    /// A report (once per person); returns the comment's visibility after it.
    async fn report_comment(
        &self,
        comment_id: i64,
        reporter_id: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Visibility>;
    /// Comments waiting for an administrator, oldest first: a page after the comment
    /// `after`, with how many wait.
    async fn comments_to_review(
        &self,
        after: Option<i64>,
        limit: i64,
    ) -> Result<domain::admin::Page<ReviewRow>>;
    /// An administrator's decision: the reports so far are settled.
    async fn decide_comment(
        &self,
        comment_id: i64,
        decision: Decision,
        admin_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Adds or removes a reaction; returns whether it is now on. `LimitReached` beyond
    /// the per-minute limit.
    async fn toggle_reaction(
        &self,
        user_id: i64,
        offer_id: i64,
        kind: ReactionKind,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    async fn reactions(&self, offer_id: i64, user_id: Option<i64>) -> Result<Reactions>;
    /// Whether the person has reported the offer (whatever the team decided since).
    async fn has_reported_offer(&self, offer_id: i64, reporter_id: i64) -> Result<bool>;
    /// A report on an offer (once per person, `Conflict` the second time).
    async fn report_offer(
        &self,
        offer_id: i64,
        reporter_id: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// Offers with reports not settled yet, by offer: a page after the offer `after`, with
    /// how many offers wait.
    async fn offers_to_review(
        &self,
        after: Option<i64>,
        limit: i64,
    ) -> Result<domain::admin::Page<OfferReviewRow>>;
    /// The administrator keeps the offer: its reports are settled.
    async fn keep_offer(&self, offer_id: i64, admin_id: i64, now: DateTime<Utc>) -> Result<bool>;
    /// The administrator withdraws an offer, in one transaction: rejected with its
    /// reason, out of the search index, every active booking cancelled with its credit
    /// given back, the young people told, the reports settled. Returns how many bookings
    /// were cancelled; `NotFound` if the offer is unknown or already rejected.
    async fn withdraw_offer(&self, withdrawal: &OfferWithdrawal, now: DateTime<Utc>)
    -> Result<u64>;
    /// Follows or stops following a venue.
    async fn follow_venue(
        &self,
        user_id: i64,
        venue_id: i64,
        follow: bool,
        now: DateTime<Utc>,
    ) -> Result<()>;
    async fn follows(&self, user_id: i64, venue_id: i64) -> Result<bool>;
    /// Findable offers of the venues a person follows, newest first.
    async fn followed_offers(
        &self,
        user_id: i64,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<crate::OfferCardRow>>;
}
