//! What the favorites' server functions send to their page.

use serde::{Deserialize, Serialize};

/// A favorite offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FavoriteView {
    pub offer_id: i64,
    pub title: String,
    pub category: String,
    pub venue: String,
}
