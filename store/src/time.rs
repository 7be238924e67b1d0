//! Timestamps are stored as Unix seconds on both backends: the same SQL compares and
//! sorts them, and no driver-specific date type leaks into the queries.

use chrono::{DateTime, Utc};

pub(crate) fn to_db(at: DateTime<Utc>) -> i64 {
    at.timestamp()
}

pub(crate) fn from_db(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
}
