//! The bookings of a structure: the filtered table, 50 a page by keyset, and the rows of
//! the export.

use crate::error::AppError;
use crate::features::pro::dto::{BookingLine, BookingQuery, BookingsPage};
use crate::i18n::td_string;
use crate::lang::{Locale, money, pro, requested};
use crate::ssr::access::{Partner, partner_of};
use crate::ssr::time::zone;
use crate::ssr::{AppContext, app_context};
use chrono::{DateTime, NaiveDate, Utc};
use domain::pro::export::ExportedBooking;
use domain::ticket::BookingStatus;
use domain::zones::{Tz, days_between, start_of_day};
use store::{BookingFilter, Owned, PartnerBookingRow};

pub const PAGE_SIZE: i64 = 50;
/// The most rows an export holds (the filters narrow larger ones).
pub const EXPORT_LIMIT: i64 = 100_000;

fn day(field: &str, text: &str) -> Result<Option<NaiveDate>, AppError> {
    Ok(domain::pro::parse_optional_day(field, text)?)
}

fn id(field: &str, text: &str) -> Result<Option<i64>, AppError> {
    match text.trim() {
        "" => Ok(None),
        text => text
            .parse()
            .map(Some)
            .map_err(|_| AppError::invalid(field, td_string!(requested(), pro.invalid_choice))),
    }
}

/// The filter the query asks for, its cursor included; its days begin at midnight on the
/// structure's clock (`zone`).
pub fn filter(query: &BookingQuery, zone: Tz) -> Result<BookingFilter, AppError> {
    let status = match query.statut.trim() {
        "" => None,
        text => Some(
            BookingStatus::parse(text)
                .ok_or_else(|| {
                    AppError::invalid(
                        "statut",
                        td_string!(requested(), pro_bookings.unknown_status),
                    )
                })?
                .as_str()
                .to_owned(),
        ),
    };
    let from = day("du", &query.du)?;
    let until = day("au", &query.au)?;
    if let (Some(from), Some(until)) = (from, until)
        && until < from
    {
        return Err(AppError::invalid(
            "au",
            td_string!(requested(), pro.end_before_start),
        ));
    }
    let booked_between = (from.is_some() || until.is_some()).then(|| {
        (
            from.map_or(DateTime::<Utc>::MIN_UTC, |d| start_of_day(d, zone)),
            until.map_or(DateTime::<Utc>::MAX_UTC, |d| days_between(d, d, zone).1),
        )
    });
    let event_between = day("evenement", &query.evenement)?.map(|d| days_between(d, d, zone));
    Ok(BookingFilter {
        venue_id: id("lieu", &query.lieu)?,
        offer_id: id("offre", &query.offre)?,
        status,
        booked_between,
        event_between,
        after: id("apres", &query.apres)?,
    })
}

/// A booking's status and why it was cancelled, as the partner reads it.
fn status_label(locale: Locale, row: &PartnerBookingRow) -> String {
    let status = pro::booking_status(locale, row.status);
    use domain::ticket::CancellationCause;
    match row
        .cancellation_reason
        .as_deref()
        .and_then(CancellationCause::from_stored)
    {
        Some(CancellationCause::Beneficiary) => {
            td_string!(locale, pro_bookings.cancelled_by_young, status).to_string()
        }
        Some(CancellationCause::Expired) => {
            td_string!(locale, pro_bookings.not_collected, status).to_string()
        }
        Some(CancellationCause::Partner(reason)) => {
            td_string!(locale, pro_bookings.cancelled_by_you, status, reason).to_string()
        }
        Some(CancellationCause::Moderation(reason)) => {
            td_string!(locale, pro_bookings.withdrawn_by_team, status, reason).to_string()
        }
        None => status.to_owned(),
    }
}

/// A booking as the export writes it, in `locale`.
pub fn exported(locale: Locale, row: &PartnerBookingRow) -> ExportedBooking {
    let zone = zone(&row.postal_code);
    let at = |instant| {
        crate::ssr::time::to_local(instant, zone)
            .format("%d/%m/%Y %H:%M")
            .to_string()
    };
    ExportedBooking {
        offer_title: row.offer_title.clone(),
        event_date: row.begins_at.map(at).unwrap_or_default(),
        beneficiary: row.beneficiary_name.clone(),
        email: row.email.clone().unwrap_or_default(),
        token: row.token.clone(),
        activation_code: row.activation_code.clone().unwrap_or_default(),
        status: status_label(locale, row),
        quantity: row.quantity,
        amount: row.amount(),
        booked_at: at(row.booked_at),
        validated_at: row.used_at.map(at).unwrap_or_default(),
    }
}

/// A line of the table, in `locale` (its dates are written as the export's).
fn line(locale: Locale, row: &PartnerBookingRow) -> BookingLine {
    let e = exported(locale, row);
    BookingLine {
        activation_code: row.activation_code.clone(),
        token: e.token,
        offer_title: e.offer_title,
        venue_name: row.venue_name.clone(),
        beneficiary: e.beneficiary,
        email: e.email,
        quantity: row.quantity,
        amount: money::euros(locale, row.amount()),
        status: row.status,
        status_label: e.status,
        booked_at: e.booked_at,
        event_date: e.event_date,
        validated_at: e.validated_at,
    }
}

fn query_string(query: &BookingQuery) -> String {
    [
        ("lieu", &query.lieu),
        ("offre", &query.offre),
        ("statut", &query.statut),
        ("du", &query.du),
        ("au", &query.au),
        ("evenement", &query.evenement),
    ]
    .iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| format!("{k}={}", domain::search::encode_component(v.trim())))
    .collect::<Vec<_>>()
    .join("&")
}

pub async fn page(structure_id: i64, query: BookingQuery) -> Result<BookingsPage, AppError> {
    let ctx = app_context()?;
    let partner = partner_of(&ctx, Owned::Structure(structure_id)).await?;
    let zone = super::clock::of_structure(&ctx, partner.structure_id).await?;
    let page = ctx
        .repo
        .bookings_of_structure(partner.structure_id, &filter(&query, zone)?, PAGE_SIZE)
        .await?;
    let filters = query_string(&query);
    let next = page.next.map(|after| {
        let and = if filters.is_empty() { "" } else { "&" };
        format!(
            "/pro/structures/{}/reservations?{filters}{and}apres={after}",
            partner.structure_id
        )
    });
    let (locale, count) = (requested(), page.total);
    Ok(BookingsPage {
        summary: if crate::lang::words::singular(locale, count) {
            td_string!(locale, pro_bookings.count_one, count).to_string()
        } else {
            td_string!(locale, pro_bookings.count_many, count).to_string()
        },
        bookings: page.rows.iter().map(|row| line(locale, row)).collect(),
        venues: super::venues::list(&ctx, partner.structure_id).await?,
        offers: ctx.repo.booked_offers(partner.structure_id).await?,
        next,
        query: filters,
    })
}

/// Every booking the query selects (whatever page it shows), for the export (the caller
/// checked the partner).
pub async fn for_export(
    ctx: &AppContext,
    partner: &Partner,
    query: &BookingQuery,
) -> Result<Vec<PartnerBookingRow>, AppError> {
    let zone = super::clock::of_structure(ctx, partner.structure_id).await?;
    let every_page = BookingFilter {
        after: None,
        ..filter(query, zone)?
    };
    Ok(ctx
        .repo
        .bookings_of_structure(partner.structure_id, &every_page, EXPORT_LIMIT)
        .await?
        .rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().expect("an RFC 3339 instant")
    }

    #[test]
    fn a_cayenne_structures_days_begin_at_cayenne_midnight() {
        let query = BookingQuery {
            du: "2026-12-01".into(),
            au: "2026-12-05".into(),
            evenement: "2026-12-24".into(),
            ..BookingQuery::default()
        };
        let cayenne = filter(&query, domain::zones::of_postal_code("97300")).expect("valid");
        assert_eq!(
            cayenne.booked_between,
            Some((utc("2026-12-01T03:00:00Z"), utc("2026-12-06T03:00:00Z")))
        );
        assert_eq!(
            cayenne.event_between,
            Some((utc("2026-12-24T03:00:00Z"), utc("2026-12-25T03:00:00Z")))
        );
        let paris = filter(&query, domain::zones::PARIS).expect("valid");
        assert_eq!(
            paris.booked_between,
            Some((utc("2026-11-30T23:00:00Z"), utc("2026-12-05T23:00:00Z")))
        );
    }

    #[test]
    fn the_export_words_a_withdrawal_as_the_domain_does() {
        let french = td_string!(
            Locale::fr,
            pro_bookings.withdrawn_by_team,
            status = "Annulée",
            reason = "doublon"
        )
        .to_string();
        assert_eq!(
            french,
            format!(
                "Annulée : {}",
                domain::ticket::withdrawn_by_the_team("doublon")
            )
        );
    }

    #[test]
    fn an_open_period_is_open_on_its_missing_side() {
        let query = BookingQuery {
            au: "2026-12-05".into(),
            ..BookingQuery::default()
        };
        let filter = filter(&query, domain::zones::PARIS).expect("valid");
        assert_eq!(
            filter.booked_between,
            Some((DateTime::<Utc>::MIN_UTC, utc("2026-12-05T23:00:00Z")))
        );
    }
}
