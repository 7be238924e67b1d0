//! When a booking may still be cancelled by the young person, and when a partner may
//! mark it used. Events: until `max(booked_at, min(start − 48 h, booked_at + 48 h))`;
//! things: until used.

use chrono::{DateTime, Duration, Utc};

/// The delay around events, both before the start and after booking.
pub const EVENT_DELAY: Duration = Duration::hours(48);

/// The last moment a young person may cancel, or `None` when it is "until used".
pub fn cancellation_limit(
    booked_at: DateTime<Utc>,
    event_start: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    event_start.map(|start| booked_at.max((start - EVENT_DELAY).min(booked_at + EVENT_DELAY)))
}

/// The cancellation limit of a booking whose event moved at `now` to `new_start`: the
/// usual limit, but never less than 48 h from the move (capped at the new start), so
/// that a young person who cannot come on the new date can still cancel.
pub fn cancellation_limit_after_move(
    booked_at: DateTime<Utc>,
    new_start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    let usual = booked_at.max((new_start - EVENT_DELAY).min(booked_at + EVENT_DELAY));
    usual.max((now + EVENT_DELAY).min(new_start))
}

/// Whether the young person may still cancel at `now`.
pub fn young_can_cancel(limit: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    limit.is_none_or(|limit| now <= limit)
}

/// A partner may validate an event booking only once the young person can no longer
/// cancel it; a thing at any time.
pub fn partner_can_validate(limit: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    limit.is_none_or(|limit| now > limit)
}

/// The shortest and longest reason a partner gives for cancelling a booking at the
/// counter: a short sentence the young person reads.
pub const MIN_PARTNER_REASON_CHARS: usize = 3;
pub const MAX_PARTNER_REASON_CHARS: usize = 200;

/// A partner's reason for cancelling a booking, as typed: one line of plain text,
/// trimmed, 3 to 200 characters.
pub fn partner_reason(input: &str) -> Result<&str, crate::pro::FieldRefusal> {
    use crate::pro::FieldRefusal;
    let reason = crate::text::plain_line(input)?.trim();
    match reason.chars().count() {
        n if n < MIN_PARTNER_REASON_CHARS => Err(FieldRefusal::CancellationReasonTooShort),
        n if n > MAX_PARTNER_REASON_CHARS => Err(FieldRefusal::TooLong {
            max: MAX_PARTNER_REASON_CHARS,
        }),
        _ => Ok(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_partner_reason_is_one_trimmed_line_of_three_to_two_hundred_characters() {
        use crate::pro::FieldRefusal;
        use crate::text::TextError;
        assert_eq!(partner_reason("  Séance annulée "), Ok("Séance annulée"));
        assert_eq!(
            partner_reason(" ab "),
            Err(FieldRefusal::CancellationReasonTooShort)
        );
        assert_eq!(partner_reason("été"), Ok("été"));
        assert_eq!(
            partner_reason(&"é".repeat(200)),
            Ok("é".repeat(200).as_str())
        );
        assert_eq!(
            partner_reason(&"é".repeat(201)),
            Err(FieldRefusal::TooLong { max: 200 })
        );
        assert_eq!(
            partner_reason("Séance\u{7}annulée"),
            Err(FieldRefusal::Text(TextError::ControlCharacter))
        );
        assert_eq!(
            partner_reason("Séance\nannulée"),
            Err(FieldRefusal::Text(TextError::NotOneLine))
        );
    }

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, day, hour, 0, 0)
            .single()
            .expect("valid")
    }

    #[test]
    fn moving_an_event_reopens_cancellation_for_48_hours_capped_at_the_start() {
        let at = |d: u32, h: u32| {
            Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0)
                .single()
                .expect("valid")
        };
        // Booked on the 1st for the 10th; moved on the 9th to the 20th: 48 h from the move.
        assert_eq!(
            cancellation_limit_after_move(at(1, 10), at(20, 20), at(9, 12)),
            at(11, 12)
        );
        // Moved on the 9th to the 10th at 20:00: until the new start.
        assert_eq!(
            cancellation_limit_after_move(at(1, 10), at(10, 20), at(9, 12)),
            at(10, 20)
        );
        // Moved early: the usual rule gives more.
        assert_eq!(
            cancellation_limit_after_move(at(1, 10), at(20, 20), at(1, 11)),
            at(3, 11)
        );
    }

    #[test]
    fn a_thing_can_be_cancelled_until_used() {
        assert_eq!(cancellation_limit(at(1, 10), None), None);
        assert!(young_can_cancel(None, at(31, 23)));
        assert!(partner_can_validate(None, at(1, 10)));
    }

    #[test]
    fn an_event_far_away_can_be_cancelled_for_48_hours_after_booking() {
        assert_eq!(
            cancellation_limit(at(1, 10), Some(at(20, 20))),
            Some(at(3, 10))
        );
    }

    #[test]
    fn an_event_in_three_days_can_be_cancelled_until_48_hours_before_it_starts() {
        assert_eq!(
            cancellation_limit(at(1, 10), Some(at(4, 8))),
            Some(at(2, 8))
        );
    }

    #[test]
    fn an_event_within_48_hours_cannot_be_cancelled_after_booking() {
        let booked = at(1, 10);
        let limit = cancellation_limit(booked, Some(at(2, 9)));
        assert_eq!(limit, Some(booked));
        assert!(young_can_cancel(limit, booked));
        assert!(!young_can_cancel(limit, booked + Duration::seconds(1)));
    }

    #[test]
    fn a_partner_validates_an_event_only_after_the_cancellation_limit() {
        let limit = cancellation_limit(at(1, 10), Some(at(20, 20)));
        assert!(!partner_can_validate(limit, at(3, 10)));
        assert!(partner_can_validate(limit, at(3, 11)));
    }
}
