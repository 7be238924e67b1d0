//! What the offer review page receives, formatted on the server in the
//! request's language.

use serde::{Deserialize, Serialize};

/// One offer in the team's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamOfferLine {
    pub id: i64,
    pub title: String,
    /// The beginning of its description, to read before deciding.
    pub excerpt: String,
    /// "Structure · lieu · créée le …".
    pub origin: String,
    pub status: String,
    /// Why it waits ("Nouvelle structure", "Mot surveillé"), while it does.
    pub cause: Option<String>,
    pub waiting: bool,
}

/// A page of the list, with how many match and the next page's link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamOffersPage {
    pub rows: Vec<TeamOfferLine>,
    pub summary: String,
    pub next: Option<String>,
    /// The statuses to filter by: (key in the URL, label).
    pub statuses: Vec<(String, String)>,
    /// The key of the status listed.
    pub selected: String,
}
