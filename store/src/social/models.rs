//! What goes in and out of the social queries.

use crate::time::{MaybeSeconds, Seconds};
use chrono::{DateTime, Utc};
use domain::social::moderation::Visibility;

/// What a comment is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentTarget {
    Offer(i64),
    Venue(i64),
}

impl CommentTarget {
    /// The column of `comments` naming the target, and its id.
    pub(crate) fn column(self) -> (&'static str, i64) {
        match self {
            CommentTarget::Offer(id) => ("offer_id", id),
            CommentTarget::Venue(id) => ("venue_id", id),
        }
    }
}

/// A comment to post: its text already cleaned by `domain::social::comment`.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub author_id: i64,
    pub target: CommentTarget,
    pub body: String,
    pub rating: Option<i64>,
    /// The word list flagged it: it waits for an administrator.
    pub flagged: bool,
}

#[derive(Debug, Clone)]
pub struct CommentEdit {
    pub author_id: i64,
    pub comment_id: i64,
    pub body: String,
    pub rating: Option<i64>,
    pub flagged: bool,
}

/// A visible comment, with what its author booked and the partner's answer.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub body: String,
    pub rating: Option<i64>,
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub edited_at: Option<DateTime<Utc>>,
    pub went: bool,
    pub booked: bool,
    pub reply_body: Option<String>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub reply_at: Option<DateTime<Utc>>,
    /// How many people found it helpful, and whether the viewer is one of them.
    pub helpful: i64,
    pub marked_helpful: bool,
}

/// What offer cards show of the social side: visible comments, their average rating
/// (in tenths) and the likes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardStats {
    pub offer_id: i64,
    pub comments: i64,
    pub rating_tenths: Option<i64>,
    pub likes: i64,
}

/// An offer that people reported, waiting for an administrator.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OfferReviewRow {
    pub offer_id: i64,
    pub title: String,
    pub venue_name: String,
    pub reports: i64,
    /// The latest report's reason.
    pub last_reason: String,
    #[sqlx(try_from = "Seconds")]
    pub first_reported_at: DateTime<Utc>,
    /// Bookings that withdrawing it would cancel.
    pub active_bookings: i64,
}

/// An administrator withdraws an offer: its bookings are cancelled with their credit
/// given back, and each young person gets this e-mail.
#[derive(Debug, Clone)]
pub struct OfferWithdrawal {
    pub offer_id: i64,
    /// The administrator who decided, for the audit log.
    pub admin_id: i64,
    pub reason: String,
    /// To each young person whose booking it cancels, in their language.
    pub mail: crate::Letter,
}

/// A comment waiting for an administrator.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReviewRow {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub body: String,
    pub flagged: bool,
    pub reports: i64,
    pub offer_id: Option<i64>,
    pub venue_id: Option<i64>,
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReactionKind {
    Like,
    Want,
}

impl ReactionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReactionKind::Like => "like",
            ReactionKind::Want => "want",
        }
    }
}

/// The reactions of an offer, and the viewer's own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reactions {
    pub likes: i64,
    pub wants: i64,
    pub liked: bool,
    pub wanted: bool,
}

/// How a visibility is stored.
pub(crate) fn stored(visibility: Visibility) -> &'static str {
    match visibility {
        Visibility::Visible => "visible",
        Visibility::PendingReview => "pending",
        Visibility::Hidden => "hidden",
    }
}

pub(crate) fn decision_of(stored: Option<&str>) -> Option<domain::social::moderation::Decision> {
    match stored {
        Some("approved") => Some(domain::social::moderation::Decision::Approved),
        Some("hidden") => Some(domain::social::moderation::Decision::Hidden),
        _ => None,
    }
}
