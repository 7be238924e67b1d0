//! What the notification choices' server functions send to the pages.

use serde::{Deserialize, Serialize};

/// One kind of mail a person may stop, and whether they get it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MailChoiceView {
    /// The kind as stored (`event_tomorrow`), what the forms send back.
    pub kind: String,
    /// What it is, for people.
    pub label: String,
    pub by_mail: bool,
}
