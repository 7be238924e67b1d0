//! Timestamps are stored as Unix seconds on both backends: the same SQL compares and
//! sorts them, and no driver-specific date type leaks into the queries. Rows read them
//! as `DateTime<Utc>` through [`Seconds`] and [`MaybeSeconds`]
//! (`#[sqlx(try_from = "Seconds")]`), so nothing above the store sees a number of
//! seconds.

use chrono::{DateTime, Utc};
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Type};

pub(crate) fn to_db(at: DateTime<Utc>) -> i64 {
    at.timestamp()
}

pub(crate) fn from_db(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// A stored instant, as read from its column.
pub struct Seconds(i64);

/// A stored instant that may be absent (`NULL`).
pub struct MaybeSeconds(Option<i64>);

/// Seconds no date can hold (beyond chrono's range): a corrupt row.
#[derive(Debug, thiserror::Error)]
#[error("{0} seconds since the epoch is not a date")]
pub struct OutOfRange(i64);

fn instant(seconds: i64) -> Result<DateTime<Utc>, OutOfRange> {
    DateTime::from_timestamp(seconds, 0).ok_or(OutOfRange(seconds))
}

impl TryFrom<Seconds> for DateTime<Utc> {
    type Error = OutOfRange;

    fn try_from(Seconds(seconds): Seconds) -> Result<Self, OutOfRange> {
        instant(seconds)
    }
}

impl TryFrom<MaybeSeconds> for Option<DateTime<Utc>> {
    type Error = OutOfRange;

    fn try_from(MaybeSeconds(seconds): MaybeSeconds) -> Result<Self, OutOfRange> {
        seconds.map(instant).transpose()
    }
}

impl<DB: Database> Type<DB> for Seconds
where
    i64: Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <i64 as Type<DB>>::type_info()
    }

    fn compatible(ty: &DB::TypeInfo) -> bool {
        <i64 as Type<DB>>::compatible(ty)
    }
}

impl<'r, DB: Database> Decode<'r, DB> for Seconds
where
    i64: Decode<'r, DB>,
{
    fn decode(value: DB::ValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Seconds(<i64 as Decode<DB>>::decode(value)?))
    }
}

impl<DB: Database> Type<DB> for MaybeSeconds
where
    i64: Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <i64 as Type<DB>>::type_info()
    }

    fn compatible(ty: &DB::TypeInfo) -> bool {
        <i64 as Type<DB>>::compatible(ty)
    }
}

impl<'r, DB: Database> Decode<'r, DB> for MaybeSeconds
where
    Option<i64>: Decode<'r, DB>,
{
    fn decode(value: DB::ValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(MaybeSeconds(<Option<i64> as Decode<DB>>::decode(value)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_read_as_instants_and_absurd_ones_are_refused() {
        let at = DateTime::<Utc>::try_from(Seconds(1_796_126_400)).expect("a date");
        assert_eq!(to_db(at), 1_796_126_400);
        assert_eq!(
            Option::<DateTime<Utc>>::try_from(MaybeSeconds(None)).ok(),
            Some(None)
        );
        assert!(DateTime::<Utc>::try_from(Seconds(i64::MAX)).is_err());
    }
}
