//! The partners' daily digest, queued by the scheduler: for each partner who chose it
//! (`domain::notification::BookingMail::DailyDigest`), once it is due (08:00 on the clock
//! of their first venue), the bookings of their structures since the previous one, in one
//! mail; nothing on a day without bookings. The next one is then due at the next 08:00.
//! A scheduler that was stopped catches up with one digest covering the whole gap. Each
//! window closes a few minutes before its moment (`digest_margin`), so that a booking
//! stamped just before and committed just after falls in the next digest, not in none.

use crate::lang::Locale;
use crate::ssr::time::{PARIS, to_local, to_utc, zone};
use crate::ssr::{messages, present};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use domain::notification::{digest_margin, next_digest_at};
use store::{DigestLine, DueDigest, Repo, StoreError};

/// How many due digests one query takes: the scheduler pages until none is left.
const PAGE: i64 = 200;

/// Queues every digest due at `now`; returns how many were mailed (a partner without
/// bookings since the last one is moved to the next day, and not counted).
pub async fn queue_due(
    repo: &Repo,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<u64, StoreError> {
    let mut queued = 0;
    let until = now - digest_margin();
    loop {
        let due = repo.due_digests(now, PAGE).await?;
        let mut moved = false;
        for digest in &due {
            let next_at = next_digest(now, digest.postal_code.as_deref());
            let (lines, total) = repo
                .digest_bookings(digest.user_id, digest.since, until)
                .await?;
            let mail = (total > 0).then(|| {
                messages::letter(|locale| write(locale, digest, &lines, total, public_url))
            });
            // Another scheduler may have taken it meanwhile: then it moved it forward, and
            // the next page no longer holds it.
            let done = repo
                .queue_digest(digest, mail.as_ref(), until, next_at, now)
                .await?;
            moved |= done;
            if done && mail.is_some() {
                queued += 1;
            }
        }
        // A page that moved none (all taken by another scheduler, or none left) is not
        // asked for again: the next pass takes what remains.
        if !moved {
            break;
        }
    }
    Ok(queued)
}

/// The clock of a partner whose first venue has `postal_code` (none: Paris).
fn partner_zone(postal_code: Option<&str>) -> Tz {
    postal_code.map_or(PARIS, zone)
}

/// When the digest of a partner whose first venue has `postal_code` is next due after
/// `now`: the next 08:00 on their clock.
pub fn next_digest(now: DateTime<Utc>, postal_code: Option<&str>) -> DateTime<Utc> {
    let tz = partner_zone(postal_code);
    to_utc(next_digest_at(to_local(now, tz)), tz)
}

/// The digest of `lines` (of `total` bookings) since the previous one, in `locale`.
fn write(
    locale: Locale,
    digest: &DueDigest,
    lines: &[DigestLine],
    total: i64,
    public_url: &str,
) -> store::OutgoingMail {
    let own_zone = partner_zone(digest.postal_code.as_deref());
    let entries = lines
        .iter()
        .map(|line| {
            let tz = zone(&line.postal_code);
            messages::DigestEntry {
                offer_title: line.offer_title.clone(),
                date: line.begins_at.map(|at| present::date_time(locale, at, tz)),
                venue: line.venue_name.clone(),
                beneficiary: line.beneficiary_name.clone(),
                quantity: line.quantity,
                booked: present::date_time(locale, line.booked_at, tz),
            }
        })
        .collect::<Vec<_>>();
    // One structure: its bookings page; several: the partner's structures.
    let structure = lines.first().map(|line| line.structure_id);
    let url = match structure {
        Some(id) if lines.iter().all(|line| line.structure_id == id) => {
            format!("{public_url}/pro/structures/{id}/reservations")
        }
        _ => format!("{public_url}/pro"),
    };
    messages::bookings_digest(
        locale,
        &messages::BookingsDigest {
            headline: messages::new_bookings(locale, total),
            since: present::date_time(locale, digest.since, own_zone),
            more: total - entries.len() as i64,
            lines: entries,
            url,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::time::utc;

    #[test]
    fn the_digest_leaves_at_eight_on_the_partners_clock() {
        // 08:00 in Paris is 07:00 UTC in winter, 06:00 in summer; in Cayenne, 11:00.
        let (paris, cayenne) = (Some("67000"), Some("97300"));
        let cases = [
            (utc(2026, 12, 4, 6, 59), paris, utc(2026, 12, 4, 7, 0)),
            (utc(2026, 12, 4, 7, 0), paris, utc(2026, 12, 5, 7, 0)),
            (utc(2026, 7, 4, 5, 0), paris, utc(2026, 7, 4, 6, 0)),
            (utc(2026, 12, 4, 7, 0), None, utc(2026, 12, 5, 7, 0)),
            (utc(2026, 12, 4, 7, 0), cayenne, utc(2026, 12, 4, 11, 0)),
            // Around midnight: 02:00 UTC is still the 3rd at 23:00 in Cayenne.
            (utc(2026, 12, 4, 2, 0), cayenne, utc(2026, 12, 4, 11, 0)),
            // The night the clocks go forward in Paris, 08:00 is still 08:00.
            (utc(2027, 3, 27, 12, 0), paris, utc(2027, 3, 28, 6, 0)),
        ];
        for (now, postal_code, due) in cases {
            assert_eq!(next_digest(now, postal_code), due, "{now} {postal_code:?}");
        }
    }

    fn line(structure_id: i64, title: &str, begins_at: Option<DateTime<Utc>>) -> DigestLine {
        DigestLine {
            booking_id: 1,
            structure_id,
            structure_name: "Librairie Kléber".into(),
            offer_title: title.into(),
            venue_name: "La Laiterie".into(),
            postal_code: "97300".into(),
            begins_at,
            quantity: 2,
            beneficiary_name: "Léa Martin".into(),
            booked_at: utc(2026, 12, 3, 22, 30),
        }
    }

    #[test]
    fn a_digest_shows_each_booking_on_its_venues_clock_and_links_to_the_bookings() {
        let due = DueDigest {
            user_id: 1,
            since: utc(2026, 12, 3, 11, 0),
            next_at: utc(2026, 12, 4, 11, 0),
            postal_code: Some("97300".into()),
        };
        let concert = line(4, "Concert", Some(utc(2026, 12, 12, 23, 30)));
        let mail = write(
            Locale::fr,
            &due,
            &[concert.clone(), line(4, "Le Petit Prince", None)],
            3,
            "https://pass.example.org",
        );
        assert_eq!(mail.subject, "3 nouvelles réservations sur Culture Pass");
        for part in [
            "depuis le jeu. 3 déc. 2026 à 08:00",
            "- Concert (sam. 12 déc. 2026 à 20:30), La Laiterie : Léa Martin, 2 places, réservé le jeu. 3 déc. 2026 à 19:30",
            "- et 1 autre",
            "https://pass.example.org/pro/structures/4/reservations",
        ] {
            assert!(mail.text.contains(part), "{part}: {}", mail.text);
        }
        // Bookings of two structures: the partner's structures.
        let mail = write(
            Locale::fr,
            &due,
            &[concert, line(5, "Film", None)],
            2,
            "https://pass.example.org",
        );
        assert!(
            mail.text
                .contains("Toutes vos réservations : https://pass.example.org/pro\n"),
            "{}",
            mail.text
        );
        assert!(!mail.text.contains("autre"), "{}", mail.text);
        // In English, for a partner who chose it.
        let mail = write(
            Locale::en,
            &due,
            &[line(4, "Film", None)],
            1,
            "https://pass.example.org",
        );
        assert_eq!(mail.subject, "1 new booking on Culture Pass");
        assert!(
            mail.text.contains("since Thu 3 Dec 2026, 08:00"),
            "{}",
            mail.text
        );
    }
}
