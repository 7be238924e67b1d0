//! Reminders, queued by the scheduler at their moment: the day before an event (10:00 on
//! the venue's clock), five days before an uncollected thing expires, a day before the
//! window to cancel closes, and 30 then 7 days before credit left expires. Each is queued once (the outbox's unique index
//! keeps a second scheduler from doing it again) and written by the sender from the
//! booking. The rules are `domain::notification`'s; here they meet the venue's time zone.

use crate::ssr::time::{to_local, zone};
use chrono::{DateTime, Utc};
use domain::notification::{MailKind, cancellation_closing_due, collect_due, event_tomorrow_due};
use store::{BookingRow, Repo, StoreError};

/// Queues every reminder due at `now`; returns how many.
pub async fn queue_due(repo: &Repo, now: DateTime<Utc>) -> Result<u64, StoreError> {
    let mut queued = repo.queue_credit_reminders(now).await?;
    for kind in MailKind::REMINDERS {
        // Page through every candidate: the first page may hold none that is due.
        let mut after = 0;
        loop {
            let page = repo.reminder_candidates(kind, now, after).await?;
            let Some(last) = page.last() else { break };
            after = last.id;
            for booking in &page {
                if is_due(kind, booking, now) && repo.queue_reminder(kind, booking.id, now).await? {
                    queued += 1;
                }
            }
        }
    }
    Ok(queued)
}

/// When an uncollected thing's booking expires, if it can.
pub fn expires_at(booking: &BookingRow) -> Option<DateTime<Utc>> {
    domain::catalogue::uncollected_expiry(&booking.subcategory, booking.booked_at)
}

/// Whether a reminder queued earlier still holds at `now`: the booking is still
/// confirmed and what it is about has not happened (it may be later than its moment: a
/// relay was down).
pub fn still_true(kind: MailKind, booking: &BookingRow, now: DateTime<Utc>) -> bool {
    let before = |end: Option<DateTime<Utc>>| end.is_some_and(|end| now < end);
    booking.status == domain::ticket::BookingStatus::Confirmed
        && match kind {
            MailKind::EventTomorrow => before(booking.begins_at),
            MailKind::CollectBeforeExpiry => before(expires_at(booking)),
            MailKind::CancellationClosing => before(booking.cancellation_limit_at),
            _ => true,
        }
}

/// Whether the reminder `kind` about `booking` is due at `now`.
pub fn is_due(kind: MailKind, booking: &BookingRow, now: DateTime<Utc>) -> bool {
    match kind {
        MailKind::EventTomorrow => booking.begins_at.is_some_and(|starts| {
            let zone = zone(&booking.postal_code);
            event_tomorrow_due(
                to_local(now, zone),
                to_local(starts, zone),
                to_local(booking.booked_at, zone),
            )
        }),
        MailKind::CollectBeforeExpiry => {
            booking.begins_at.is_none()
                && expires_at(booking).is_some_and(|at| collect_due(now, at, booking.booked_at))
        }
        MailKind::CancellationClosing => booking
            .cancellation_limit_at
            .is_some_and(|closes| cancellation_closing_due(now, closes, booking.booked_at)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::time::utc;

    fn booking(
        postal_code: &str,
        subcategory: &str,
        begins_at: Option<DateTime<Utc>>,
    ) -> BookingRow {
        BookingRow {
            id: 1,
            token: "ABC123".into(),
            user_id: Some(1),
            stock_id: 1,
            offer_id: 1,
            deposit_id: 1,
            offer_title: "Concert".into(),
            subcategory: subcategory.into(),
            withdrawal_details: None,
            venue_name: "Salle".into(),
            address: "1 rue".into(),
            city: "Ville".into(),
            postal_code: postal_code.into(),
            beneficiary_name: "Léa Martin".into(),
            quantity: 1,
            amount_cents: 1000,
            cap_kind: None,
            status: domain::ticket::BookingStatus::Confirmed,
            cancellation_reason: None,
            booked_at: utc(2026, 12, 1, 12, 0),
            cancellation_limit_at: None,
            used_at: None,
            cancelled_at: None,
            begins_at,
            offer_url: None,
            activation_code: None,
            code_expires_at: None,
        }
    }

    #[test]
    fn an_event_is_reminded_at_ten_the_day_before_on_its_venues_clock() {
        // 20:30 on 12 December: in Paris (UTC+1) and in Cayenne (UTC-3).
        let paris = booking("67000", "CONCERT", Some(utc(2026, 12, 12, 19, 30)));
        let cayenne = booking("97300", "CONCERT", Some(utc(2026, 12, 12, 23, 30)));
        let kind = MailKind::EventTomorrow;
        // 10:00 in Paris on the 11th is 09:00 UTC; in Cayenne, 13:00 UTC.
        assert!(!is_due(kind, &paris, utc(2026, 12, 11, 8, 59)));
        assert!(is_due(kind, &paris, utc(2026, 12, 11, 9, 0)));
        assert!(!is_due(kind, &cayenne, utc(2026, 12, 11, 12, 59)));
        assert!(is_due(kind, &cayenne, utc(2026, 12, 11, 13, 0)));
        // Around midnight: 01:00 UTC on the 12th is already the day of the event in
        // Paris, still the 11th at 22:00 in Cayenne; both are reminded until it starts.
        assert!(is_due(kind, &paris, utc(2026, 12, 12, 1, 0)));
        assert!(is_due(kind, &cayenne, utc(2026, 12, 12, 1, 0)));
        assert!(!is_due(kind, &paris, utc(2026, 12, 12, 19, 30)), "started");
    }

    #[test]
    fn a_paper_book_is_reminded_five_days_before_its_ten_days_and_an_event_never() {
        let book = booking("67000", "LIVRE_PAPIER", None);
        let kind = MailKind::CollectBeforeExpiry;
        assert_eq!(expires_at(&book), Some(utc(2026, 12, 11, 12, 0)));
        assert!(!is_due(kind, &book, utc(2026, 12, 6, 11, 59)));
        assert!(is_due(kind, &book, utc(2026, 12, 6, 12, 0)));
        assert!(!is_due(kind, &book, utc(2026, 12, 11, 12, 0)), "expired");
        let concert = booking("67000", "CONCERT", Some(utc(2026, 12, 31, 20, 0)));
        assert!(!is_due(kind, &concert, utc(2026, 12, 20, 12, 0)));
    }

    #[test]
    fn a_reminder_that_stopped_being_true_is_not_sent() {
        let mut show = booking("67000", "CONCERT", Some(utc(2026, 12, 12, 19, 30)));
        let kind = MailKind::EventTomorrow;
        assert!(still_true(kind, &show, utc(2026, 12, 12, 19, 29)));
        assert!(!still_true(kind, &show, utc(2026, 12, 12, 19, 30)), "begun");
        show.status = domain::ticket::BookingStatus::Cancelled;
        assert!(
            !still_true(kind, &show, utc(2026, 12, 11, 10, 0)),
            "cancelled"
        );
    }

    #[test]
    fn the_end_of_the_window_to_cancel_is_reminded_a_day_before() {
        let mut show = booking("67000", "CONCERT", Some(utc(2026, 12, 12, 19, 30)));
        show.cancellation_limit_at = Some(utc(2026, 12, 10, 19, 30));
        let kind = MailKind::CancellationClosing;
        assert!(!is_due(kind, &show, utc(2026, 12, 9, 19, 29)));
        assert!(is_due(kind, &show, utc(2026, 12, 9, 19, 30)));
        assert!(!is_due(kind, &show, utc(2026, 12, 10, 19, 30)), "closed");
    }
}
