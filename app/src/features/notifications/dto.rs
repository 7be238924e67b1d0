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

/// One notification of the centre, worded and dated for people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeView {
    pub id: i64,
    /// What happened ("Réservation confirmée").
    pub title: String,
    /// What it is about: the offer's title, if any.
    pub about: Option<String>,
    /// When, on the venue's clock (Paris for the credit): "ven. 4 déc. 2026 à 09:12".
    pub when: String,
    /// The page to open: the ticket, or the wallet.
    pub link: String,
    /// Not read before this visit of the centre.
    pub unread: bool,
}
