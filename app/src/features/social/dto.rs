//! What the social side's server functions send to the pages.

use domain::social::comment::Segment;
use serde::{Deserialize, Serialize};

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
    /// Written by the viewer: they may delete it (and edit it for 15 minutes).
    pub mine: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentsView {
    pub comments: Vec<CommentView>,
    pub count: i64,
    /// "4,5 / 5".
    pub average: Option<String>,
    /// A signed-in young person may write.
    pub can_post: bool,
    /// A partner of the offer's structure may answer.
    pub can_reply: bool,
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
