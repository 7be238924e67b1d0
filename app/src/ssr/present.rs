//! Rows as people read them: prices in euros, dates in the venue's own time zone and in
//! the person's language, distances rounded. Done on the server so the browser receives
//! final text. The `french_*` functions serve what is not yet worded per language (mails,
//! the partner's and the administrators' pages).

use crate::dto::{BookingView, DigitalAccess, OfferCard, StockOption, TicketView};
use crate::i18n::td_string;
use crate::lang::Locale;
use crate::lang::money;
use crate::ssr::time::{PARIS, zone};
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use domain::Cents;
use domain::catalogue::subcategory;
use domain::geo::{Position, format_distance};
use domain::ticket::{BookingStatus, CancellationCause};
use store::{BookingRow, OfferCardRow, StockRow};

/// "sam. 5 déc. 2026" in the given zone ("Sat 5 Dec 2026" in English).
pub fn day(locale: Locale, at: DateTime<Utc>, zone: Tz) -> String {
    let local = at.with_timezone(&zone);
    let weekday = nth(
        td_string!(locale, calendar.weekdays),
        local.weekday().num_days_from_monday(),
    );
    let (day, month, year) = (local.day(), month(locale, local.month0()), local.year());
    td_string!(locale, calendar.day, weekday, day, month, year).to_string()
}

/// "sam. 5 déc. 2026 à 20:30" in the given zone ("Sat 5 Dec 2026, 20:30").
pub fn date_time(locale: Locale, at: DateTime<Utc>, zone: Tz) -> String {
    let local = at.with_timezone(&zone);
    let date = day(locale, at, zone);
    let time = format!("{:02}:{:02}", local.hour(), local.minute());
    td_string!(locale, calendar.date_time, date, time).to_string()
}

/// "5 déc. 2026": a day of the calendar (a birthday, a code's last day).
pub fn calendar_date(locale: Locale, day: NaiveDate) -> String {
    let (month, year) = (month(locale, day.month0()), day.year());
    let day = day.day();
    td_string!(locale, calendar.date, day, month, year).to_string()
}

/// The `index`th of a language's list of names (`lun.|mar.|…`).
fn nth(names: &'static str, index: u32) -> &'static str {
    names.split('|').nth(index as usize).unwrap_or_default()
}

fn month(locale: Locale, month0: u32) -> &'static str {
    nth(td_string!(locale, calendar.months), month0)
}

/// "sam. 5 déc. 2026" in the given zone.
pub fn french_day(at: DateTime<Utc>, zone: Tz) -> String {
    day(Locale::fr, at, zone)
}

/// "sam. 5 déc. 2026 à 20:30" in the given zone.
pub fn french_date_time(at: DateTime<Utc>, zone: Tz) -> String {
    date_time(Locale::fr, at, zone)
}

/// "5 déc. 2026", in Paris time.
pub fn french_date(at: DateTime<Utc>) -> String {
    french_calendar_date(at.with_timezone(&PARIS).date_naive())
}

/// "5 déc. 2026": a day of the calendar (a birthday).
pub fn french_calendar_date(day: NaiveDate) -> String {
    calendar_date(Locale::fr, day)
}

/// The QR code a counter scans: the token's versioned payload, as SVG (error correction
/// M, a quiet zone of 4 modules). It has a viewBox and no fixed size, so it fills the box
/// the page gives it (a fixed 198 px image in a 112 px box spilled under the token, and a
/// cut code does not scan). fast_qr, not qrcode: every booking's answer carries its
/// ticket, and qrcode's choice of mask was an eighth of the server's CPU under a storm
/// of bookings (BENCHMARKS.md).
fn qr_svg(token: &str) -> String {
    let payload =
        domain::token::Token::parse(token).map_or_else(|_| token.to_owned(), |t| t.qr_payload());
    fast_qr::QRBuilder::new(payload)
        .ecl(fast_qr::ECL::M)
        .build()
        .map_or_else(|_| String::new(), |code| svg_of(&code))
}

/// The modules a QR code's SVG draws around the code itself (its quiet zone).
const QR_MARGIN: usize = 4;

/// `code` as SVG: one path, a rectangle per run of dark modules on a row. fast_qr's own
/// SVG draws a square per module, formatted one by one: 5.3 KB for a ticket's code
/// against 3.1 KB, in every booking's answer and every ticket kept offline. Sharp module
/// edges at any size (a ticket's code is 2 to 3 pixels a module in the list).
fn svg_of(code: &fast_qr::QRCode) -> String {
    use std::fmt::Write;
    let (size, side) = (code.size, code.size + 2 * QR_MARGIN);
    let mut path = String::with_capacity(8 * size * size / 3);
    for y in 0..size {
        let row = &code[y];
        let mut x = 0;
        while x < size {
            let start = x;
            while x < size && row[x].value() {
                x += 1;
            }
            let run = x - start;
            if run > 0 {
                let (left, top) = (start + QR_MARGIN, y + QR_MARGIN);
                let _ = write!(path, "M{left} {top}h{run}v1h-{run}z");
            }
            x += 1;
        }
    }
    format!(
        r##"<svg viewBox="0 0 {side} {side}" xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges"><rect width="{side}" height="{side}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    )
}

/// What a booking took from the credit, as a sentence.
pub fn debit(locale: Locale, cents: i64) -> String {
    if cents == 0 {
        td_string!(locale, booking.debit_free).to_owned()
    } else {
        let amount = money::euros(locale, Cents(cents));
        td_string!(locale, booking.debited, amount).to_string()
    }
}

/// What a booking bar says of the prices on offer: "Gratuit", the one price, or the
/// lowest ("Dès 6,50 €"); nothing when there is none.
pub fn from_price(locale: Locale, prices: impl Iterator<Item = i64>) -> Option<String> {
    let prices: Vec<i64> = prices.collect();
    let lowest = *prices.iter().min()?;
    let one_price = prices.iter().all(|p| *p == lowest);
    Some(if one_price || lowest == 0 {
        money::price(locale, lowest)
    } else {
        money::from(locale, lowest)
    })
}

/// A price in French ("Gratuit", "12,50 €").
pub fn price(cents: i64) -> String {
    money::price(Locale::fr, cents)
}

/// The poster of the category of subcategory `id` (a generic one if it is unknown).
pub fn illustration(id: &str) -> String {
    crate::ssr::illustration::url(
        subcategory(id).map_or(domain::catalogue::SearchGroup::Conferences, |s| s.group),
    )
}

pub fn offer_card(locale: Locale, row: OfferCardRow, from: Option<Position>) -> OfferCard {
    let zone = zone(&row.postal_code);
    let distance = match (row.latitude, row.longitude) {
        (Some(latitude), Some(longitude)) => from.map(|from| {
            format_distance(
                from.distance_km(Position {
                    latitude,
                    longitude,
                }),
                decimal_separator(locale),
            )
        }),
        _ => Some(td_string!(locale, common.online).to_owned()),
    };
    OfferCard {
        id: row.id,
        category: crate::lang::catalogue::subcategory(locale, &row.subcategory),
        title: row.title,
        place: [Some(row.venue_name), Some(row.city), distance]
            .into_iter()
            .flatten()
            .filter(|part| !part.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
        price: if row.min_price_cents == 0 {
            money::price(locale, 0)
        } else {
            money::from(locale, row.min_price_cents)
        },
        is_duo: row.is_duo,
        next_date: row.next_begins_at.map(|at| date_time(locale, at, zone)),
        image: row.thumbnail_url,
        illustration: illustration(&row.subcategory),
        comments: 0,
        rating: None,
        likes: 0,
    }
}

/// An average rating kept in tenths, as people read it: "4,5" ("4.5" in English).
pub fn rating(locale: Locale, tenths: i64) -> String {
    format!(
        "{}{}{}",
        tenths / 10,
        decimal_separator(locale),
        tenths % 10
    )
}

/// What a language writes between units and tenths (`,` in French).
fn decimal_separator(locale: Locale) -> char {
    td_string!(locale, number.separator)
        .chars()
        .next()
        .unwrap_or('.')
}

/// A link that opens directions to a place in the phone's map app (OpenStreetMap's
/// router on a desktop).
pub fn directions_url(latitude: f64, longitude: f64) -> String {
    format!("https://www.openstreetmap.org/directions?to={latitude:.5}%2C{longitude:.5}")
}

/// A stock as the booking sheet offers it; a digital offer's is an access, not a place.
pub fn stock_option(
    locale: Locale,
    row: &StockRow,
    postal_code: &str,
    digital: bool,
) -> StockOption {
    let remaining = row.remaining();
    let availability = match remaining {
        None => td_string!(locale, booking.available).to_owned(),
        Some(count) if count <= 0 => td_string!(locale, booking.sold_out).to_owned(),
        Some(1) if digital => td_string!(locale, booking.last_access).to_owned(),
        Some(1) => td_string!(locale, booking.last_place).to_owned(),
        Some(count) if count <= 5 && digital => {
            td_string!(locale, booking.few_accesses, count).to_string()
        }
        Some(count) if count <= 5 => td_string!(locale, booking.few_places, count).to_string(),
        Some(_) => td_string!(locale, booking.available).to_owned(),
    };
    let zone = zone(postal_code);
    StockOption {
        id: row.id,
        day: row.begins_at.map(|at| day(locale, at, zone)),
        time: row.begins_at.map(|at| {
            let local = at.with_timezone(&zone);
            format!("{:02}:{:02}", local.hour(), local.minute())
        }),
        price_cents: row.price_cents,
        label: match row.begins_at {
            Some(at) => date_time(locale, at, zone),
            None if digital => td_string!(locale, booking.online_access).to_owned(),
            None => td_string!(locale, booking.on_site_pickup).to_owned(),
        },
        price: money::price(locale, row.price_cents),
        availability,
        bookable: remaining.is_none_or(|n| n > 0),
    }
}

/// What a digital offer's booking means, said before booking and on its ticket.
pub fn digital_delivery(locale: Locale) -> String {
    td_string!(locale, booking.digital_delivery).to_owned()
}

/// A digital booking's access; `None` for any other.
fn digital_access(locale: Locale, row: &BookingRow, zone: Tz) -> Option<DigitalAccess> {
    // The offer form accepts web addresses only; a link is never anything else.
    let url = row
        .offer_url
        .clone()
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"))?;
    Some(DigitalAccess {
        url,
        code: row.activation_code.clone(),
        // A code ends at midnight: its last day is the one before.
        code_validity: row.code_expires_at.map(|ends| {
            let last_day = (ends - chrono::Duration::seconds(1)).with_timezone(&zone);
            let date = calendar_date(locale, last_day.date_naive());
            td_string!(locale, booking.code_valid_until, date).to_string()
        }),
    })
}

/// A booking as its owner reads it, in their language.
pub fn booking(locale: Locale, row: BookingRow, now: DateTime<Utc>) -> BookingView {
    let zone = zone(&row.postal_code);
    let digital = digital_access(locale, &row, zone);
    let on_site = digital.is_none();
    let status = row.status;
    // A digital offer is delivered when booked (confirmed only if booked by a server
    // older than that rule: delivered all the same); never cancellable by its owner.
    let delivered = !on_site && status != BookingStatus::Cancelled;
    let limit = row.cancellation_limit_at;
    let can_cancel = on_site
        && status == BookingStatus::Confirmed
        && domain::cancellation::young_can_cancel(limit, now);
    let cancellation = match (status, limit) {
        _ if delivered => Some(digital_delivery(locale)),
        _ if !on_site => None,
        (BookingStatus::Confirmed, Some(limit)) if can_cancel => {
            let date = date_time(locale, limit, zone);
            Some(td_string!(locale, booking.cancellable_until, date).to_string())
        }
        (BookingStatus::Confirmed, Some(_)) => {
            Some(td_string!(locale, booking.no_longer_cancellable).to_owned())
        }
        (BookingStatus::Confirmed, None) => {
            Some(td_string!(locale, booking.cancellable_until_validated).to_owned())
        }
        _ => None,
    };
    let ended = match status {
        BookingStatus::Cancelled => Some(why_cancelled(locale, &row)),
        _ if delivered => None,
        BookingStatus::Confirmed => None,
        BookingStatus::Used | BookingStatus::Reimbursed => Some(match row.used_at {
            Some(at) => {
                let date = date_time(locale, at, zone);
                td_string!(locale, booking.validated_on, date).to_string()
            }
            None => td_string!(locale, booking.validated).to_owned(),
        }),
    };
    let seconds_to_cancel = limit
        .filter(|_| can_cancel)
        .map(|limit| (limit - now).num_seconds().max(0));
    BookingView {
        ended,
        seconds_to_cancel,
        // Nothing happens at a counter for a digital offer: no place, no code to scan.
        address: if on_site {
            format!("{}, {} {}", row.address, row.postal_code, row.city)
        } else {
            String::new()
        },
        withdrawal_details: row.withdrawal_details.clone(),
        // Only a booking still to honour has a code to scan.
        qr_svg: (on_site && status == BookingStatus::Confirmed).then(|| qr_svg(&row.token)),
        id: row.id,
        offer_id: row.offer_id,
        date: row.begins_at.map(|at| date_time(locale, at, zone)),
        amount: money::price(locale, row.amount_cents),
        debit: debit(locale, row.amount_cents),
        venue: if on_site {
            format!("{}, {}", row.venue_name, row.city)
        } else {
            td_string!(locale, common.online).to_owned()
        },
        token: row.token,
        offer_title: row.offer_title,
        quantity: row.quantity,
        status_label: status_label(locale, status, delivered).to_owned(),
        ongoing: status == BookingStatus::Confirmed || delivered,
        digital: digital.filter(|_| delivered),
        status,
        cancellation,
        can_cancel,
    }
}

/// A booking's status as its owner reads it: a digital one is available once booked,
/// and the pass's payment to the partner is none of their business (a reimbursed
/// booking stays validated).
fn status_label(locale: Locale, status: BookingStatus, delivered: bool) -> &'static str {
    match status {
        _ if delivered => td_string!(locale, booking.status_available),
        BookingStatus::Confirmed => td_string!(locale, booking.status_confirmed),
        BookingStatus::Used | BookingStatus::Reimbursed => td_string!(locale, booking.status_used),
        BookingStatus::Cancelled => td_string!(locale, booking.status_cancelled),
    }
}

/// Why a cancelled booking was, as its owner reads it.
fn why_cancelled(locale: Locale, row: &BookingRow) -> String {
    let cause = row
        .cancellation_reason
        .as_deref()
        .and_then(CancellationCause::from_stored);
    match cause {
        Some(CancellationCause::Expired) => td_string!(locale, booking.expired).to_owned(),
        Some(CancellationCause::Beneficiary) => {
            td_string!(locale, booking.cancelled_by_you).to_owned()
        }
        Some(CancellationCause::Partner(reason)) => {
            td_string!(locale, booking.cancelled_by_partner_because, reason).to_string()
        }
        Some(CancellationCause::Moderation(reason)) => {
            td_string!(locale, booking.cancelled_by_team, reason).to_string()
        }
        None => td_string!(locale, booking.cancelled_by_partner).to_owned(),
    }
}

/// A ticket as the counter shows it, in the partner's language.
pub fn ticket(locale: Locale, row: BookingRow) -> TicketView {
    let zone = zone(&row.postal_code);
    TicketView {
        status: row.status,
        date: row.begins_at.map(|at| date_time(locale, at, zone)),
        amount: money::price(locale, row.amount_cents),
        token: row.token,
        offer_title: row.offer_title,
        beneficiary: row.beneficiary_name,
        quantity: row.quantity,
    }
}

/// A page of a queue read by keyset, as the queue's page shows it: `(one, many)` name
/// what waits in `locale` ("1 structure en attente"), counted as `locale` does; `path` is
/// the page the next one is read from.
pub fn queue_page<T, U>(
    locale: Locale,
    page: domain::admin::Page<T>,
    line: impl FnMut(T) -> U,
    (one, many): (&str, &str),
    path: &str,
) -> crate::dto::QueuePage<U> {
    crate::dto::QueuePage {
        summary: crate::lang::words::counted(locale, page.total, one, many),
        next: page.next.map(|id| format!("{path}?apres={id}")),
        rows: page.rows.into_iter().map(line).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_are_written_in_french_in_the_venue_time_zone() {
        let at = Utc
            .with_ymd_and_hms(2026, 12, 5, 19, 30, 0)
            .single()
            .expect("valid");
        assert_eq!(french_date_time(at, PARIS), "sam. 5 déc. 2026 à 20:30");
        assert_eq!(
            french_date_time(at, chrono_tz::America::Cayenne),
            "sam. 5 déc. 2026 à 16:30"
        );
    }

    #[test]
    fn a_reimbursed_booking_reads_validated_to_the_person_who_booked() {
        assert_eq!(
            status_label(Locale::fr, BookingStatus::Reimbursed, false),
            "Validée"
        );
        assert_eq!(
            status_label(Locale::fr, BookingStatus::Confirmed, false),
            "Confirmée"
        );
    }

    #[test]
    fn free_offers_say_so() {
        assert_eq!(price(0), "Gratuit");
        assert_eq!(price(1250), "12,50 €");
    }

    #[test]
    fn dates_are_written_in_english_for_english() {
        let at = Utc
            .with_ymd_and_hms(2026, 12, 5, 19, 30, 0)
            .single()
            .expect("valid");
        assert_eq!(date_time(Locale::en, at, PARIS), "Sat 5 Dec 2026, 20:30");
        let day = NaiveDate::from_ymd_opt(2027, 2, 28).expect("valid");
        assert_eq!(calendar_date(Locale::en, day), "28 Feb 2027");
        assert_eq!(french_calendar_date(day), "28 févr. 2027");
    }

    #[test]
    fn the_booking_bar_announces_one_price_or_the_lowest() {
        assert_eq!(
            from_price(Locale::fr, [650, 1200].into_iter()).as_deref(),
            Some("Dès 6,50 €")
        );
        assert_eq!(
            from_price(Locale::fr, [850, 850].into_iter()).as_deref(),
            Some("8,50 €")
        );
        assert_eq!(
            from_price(Locale::en, [650, 1200].into_iter()).as_deref(),
            Some("From €6.50")
        );
        assert_eq!(
            from_price(Locale::fr, [0, 500].into_iter()).as_deref(),
            Some("Gratuit")
        );
        assert_eq!(from_price(Locale::fr, std::iter::empty()), None);
    }

    /// The dark modules the SVG's path draws, read back from its `M x y h n v1 h-n z` runs.
    fn modules_drawn(svg: &str, side: usize) -> Vec<bool> {
        let path = &svg[svg.find(" d=\"").expect("path") + 4..];
        let path = &path[..path.find('"').expect("end")];
        let mut drawn = vec![false; side * side];
        for run in path.split('z').filter(|run| !run.is_empty()) {
            let numbers: Vec<usize> = run
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().expect("number"))
                .collect();
            let [x, y, n, one, back] = numbers[..] else {
                panic!("not a run: {run}")
            };
            assert_eq!((one, back), (1, n), "a run closes on itself: {run}");
            for column in x..x + n {
                assert!(!drawn[y * side + column], "drawn twice: {run}");
                drawn[y * side + column] = true;
            }
        }
        drawn
    }

    #[test]
    fn the_qr_code_draws_exactly_the_dark_modules_of_the_code() {
        for token in ["ABCDEF", "ZZ9XQ3", "not a token at all, drawn as it is"] {
            let svg = qr_svg(token);
            let payload = domain::token::Token::parse(token)
                .map_or_else(|_| token.to_owned(), |t| t.qr_payload());
            let code = fast_qr::QRBuilder::new(payload)
                .ecl(fast_qr::ECL::M)
                .build()
                .expect("code");
            let side = code.size + 2 * QR_MARGIN;
            assert!(
                svg.contains(&format!(r#"viewBox="0 0 {side} {side}""#)),
                "{svg}"
            );
            let drawn = modules_drawn(&svg, side);
            for y in 0..side {
                for x in 0..side {
                    let inside = (QR_MARGIN..QR_MARGIN + code.size).contains(&x)
                        && (QR_MARGIN..QR_MARGIN + code.size).contains(&y);
                    let dark = inside && code[y - QR_MARGIN][x - QR_MARGIN].value();
                    assert_eq!(drawn[y * side + x], dark, "{token}: module ({x}, {y})");
                }
            }
        }
    }

    #[test]
    fn the_qr_code_has_no_fixed_size_and_fills_its_box() {
        let svg = qr_svg("ABCDEF");
        let root = &svg[svg.find("<svg").expect("svg")..];
        let root = &root[..root.find('>').expect("tag")];
        assert!(root.contains("viewBox="), "{root}");
        assert!(
            !root.contains(" width=") && !root.contains(" height="),
            "{root}"
        );
        assert!(svg.contains("<path d=\"M"), "the code itself is drawn");
        assert!(root.contains(r#"shape-rendering="crispEdges""#), "{root}");
    }
}
