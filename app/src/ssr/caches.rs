//! What is the same for everyone, costly to read and fine a few seconds old, kept in
//! memory by each server instance. Nothing here is shared between instances: each keeps
//! its own copy, and a change (a new offer, a sold-out one) shows everywhere within
//! [`HOME_TTL`]. Concurrent misses of one entry read the database once, the others wait
//! for that read (moka's `try_get_with`), so a burst of visitors costs one read.

use chrono::NaiveDate;
use moka::future::Cache;
use std::sync::Arc;
use std::time::Duration;
use store::OfferCardRow;

/// How long the home's offers are kept.
pub const HOME_TTL: Duration = Duration::from_secs(5);

/// The offers of a home page, list by list (its rows, then the feed), as the search index
/// gave them: what people said of them is read for each request, so that a comment or a
/// like shows at once.
pub type HomeOffers = Arc<Vec<Vec<OfferCardRow>>>;

/// The caches of one server instance.
#[derive(Clone)]
pub struct Caches {
    /// The home's offers by place and its local day (the day's rows change at its midnight).
    pub home: Cache<(&'static str, NaiveDate), HomeOffers>,
}

impl Caches {
    pub fn new() -> Caches {
        Caches {
            home: Cache::builder()
                .max_capacity(1_000)
                .time_to_live(HOME_TTL)
                .build(),
        }
    }
}

impl Default for Caches {
    fn default() -> Caches {
        Caches::new()
    }
}
