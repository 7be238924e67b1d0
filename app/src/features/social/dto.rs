//! What the social side's server functions send to the pages.

use domain::social::comment::{CommentOrder, Segment};
use serde::{Deserialize, Serialize};

/// What comments are about: an offer or a venue (`offer`/`venue` in a form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum About {
    Offer,
    Venue,
}

impl About {
    /// As a form sends it (the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            About::Offer => "offer",
            About::Venue => "venue",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    pub author: String,
    /// Text and allowed links; the view escapes the text.
    pub body: Vec<Segment>,
    pub rating: Option<i64>,
    pub date: String,
    pub edited: bool,
    pub badge: Option<String>,
    pub reply: Option<Vec<Segment>>,
    /// Written by the viewer: they may delete it.
    pub mine: bool,
    /// The viewer's own, still within the edit window: its text as written, to edit.
    pub editable: Option<String>,
    /// People who found it helpful, and whether the viewer did.
    pub helpful: i64,
    pub marked_helpful: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentsView {
    pub comments: Vec<CommentView>,
    pub count: i64,
    /// "4,5 / 5".
    pub average: Option<String>,
    /// A signed-in young person may write (and mark others' comments helpful).
    pub can_post: bool,
    /// A partner of the offer's structure may answer.
    pub can_reply: bool,
    pub order: CommentOrder,
    pub page: u32,
    pub has_next: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReactionsView {
    pub likes: i64,
    pub wants: i64,
    pub liked: bool,
    pub wanted: bool,
}

/// A comment waiting for an administrator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewView {
    pub id: i64,
    pub author_id: i64,
    pub author: String,
    pub body: String,
    pub why: String,
    pub link: String,
    pub date: String,
}

/// An offer people reported, waiting for an administrator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferReportView {
    pub offer_id: i64,
    pub title: String,
    pub venue_name: String,
    /// "2 signalements depuis le 03/12/2026".
    pub summary: String,
    pub last_reason: String,
    pub active_bookings: i64,
}
