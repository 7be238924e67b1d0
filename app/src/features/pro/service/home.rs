//! The dashboard's home (offers by state, bookings this week and per week, what the
//! pass owes) and the reimbursement statement.

use crate::error::AppError;
use crate::features::pro::dto::{DashboardHome, StatementLineView, StatementQuery, StatementView};
use crate::i18n::td_string;
use crate::lang::{Locale, money, offer_state, requested};
use crate::ssr::access::{Partner, partner_of};
use crate::ssr::{AppContext, app_context, present};
use chrono::{Datelike, Duration, NaiveDate};
use domain::Cents;
use domain::catalogue::{ReimbursementRule, subcategory};
use domain::pro::statement::{UsedBooking, statement};
use domain::zones::{Tz, days_between, local_date, start_of_day};
use store::{Owned, UsedBookingRow};

/// Weeks shown by the chart.
pub const CHART_WEEKS: i64 = 12;

fn day(field: &str, text: &str, default: NaiveDate) -> Result<NaiveDate, AppError> {
    Ok(domain::pro::parse_optional_day(field, text)?.unwrap_or(default))
}

/// A used booking as the tiers read it: its amount, its category's rule, and its year on
/// the structure's clock (`zone`, where the statement's periods are cut too).
pub fn used_booking(row: &UsedBookingRow, zone: Tz) -> UsedBooking {
    UsedBooking {
        booking_id: row.booking_id,
        venue_id: row.venue_id,
        used_at: row.used_at,
        year: local_date(row.used_at, zone).year(),
        amount: Cents(row.amount_cents),
        rule: subcategory(&row.subcategory)
            .map_or(ReimbursementRule::Standard, |s| s.reimbursement),
    }
}

/// The statement of the query's period and venue, its dates and amounts in `locale`.
pub async fn statement_in(
    ctx: &AppContext,
    partner: &Partner,
    zone: Tz,
    query: &StatementQuery,
    locale: Locale,
) -> Result<StatementView, AppError> {
    let today = local_date(ctx.now(), zone);
    let first_of_month = today.with_day(1).unwrap_or(today);
    let from = day("du", &query.du, first_of_month)?;
    let until = day("au", &query.au, today)?;
    if until < from {
        return Err(AppError::invalid(
            "au",
            td_string!(locale, pro.end_before_start),
        ));
    }
    if until.year() != from.year() {
        return Err(AppError::invalid(
            "au",
            td_string!(locale, statement.one_year),
        ));
    }
    let venue = match query.lieu.trim() {
        "" => None,
        text => Some(
            text.parse::<i64>()
                .map_err(|_| AppError::invalid("lieu", td_string!(locale, pro.invalid_choice)))?,
        ),
    };
    let year_start = NaiveDate::from_ymd_opt(from.year(), 1, 1).unwrap_or(from);
    let since = start_of_day(year_start, zone);
    let (period_start, period_end) = days_between(from, until, zone);
    let rows = ctx
        .repo
        .used_bookings(partner.structure_id, since, period_end)
        .await?;
    let used: Vec<UsedBooking> = rows.iter().map(|row| used_booking(row, zone)).collect();
    let lines: Vec<_> = statement(&used, period_start, period_end)
        .into_iter()
        .filter(|l| venue.is_none_or(|v| v == l.venue_id))
        .collect();
    let mut venues: Vec<(String, Cents, Cents)> = Vec::new();
    let mut views = Vec::new();
    for line in &lines {
        let Some(row) = rows.iter().find(|r| r.booking_id == line.booking_id) else {
            continue;
        };
        match venues
            .iter_mut()
            .find(|(name, _, _)| *name == row.venue_name)
        {
            Some(total) => {
                total.1 += line.amount;
                total.2 += line.reimbursed;
            }
            None => venues.push((row.venue_name.clone(), line.amount, line.reimbursed)),
        }
        views.push(StatementLineView {
            venue_name: row.venue_name.clone(),
            offer_title: row.offer_title.clone(),
            token: row.token.clone(),
            beneficiary: row.beneficiary_name.clone(),
            used_at: present::date_time(locale, row.used_at, zone),
            amount: money::euros(locale, line.amount),
            reimbursed: money::euros(locale, line.reimbursed),
        });
    }
    let total: Cents = lines.iter().map(|l| l.amount).sum();
    let total_reimbursed: Cents = lines.iter().map(|l| l.reimbursed).sum();
    let query_string = format!(
        "du={from}&au={until}{}",
        venue.map(|v| format!("&lieu={v}")).unwrap_or_default()
    );
    Ok(StatementView {
        from: from.to_string(),
        until: until.to_string(),
        lines: views,
        venues: venues
            .into_iter()
            .map(|(name, amount, paid)| {
                (
                    name,
                    money::euros(locale, amount),
                    money::euros(locale, paid),
                )
            })
            .collect(),
        total: money::euros(locale, total),
        total_reimbursed: money::euros(locale, total_reimbursed),
        query: query_string,
    })
}

pub async fn statement_page(
    structure_id: i64,
    query: StatementQuery,
) -> Result<StatementView, AppError> {
    let ctx = app_context()?;
    let partner = partner_of(&ctx, Owned::Structure(structure_id)).await?;
    let zone = super::clock::of_structure(&ctx, partner.structure_id).await?;
    statement_in(&ctx, &partner, zone, &query, requested()).await
}

pub async fn home(structure_id: i64) -> Result<DashboardHome, AppError> {
    let ctx = app_context()?;
    let partner = partner_of(&ctx, Owned::Structure(structure_id)).await?;
    let structure = super::structures::structure(&ctx, &partner).await?;
    let locale = requested();
    let offers_by_state = ctx
        .repo
        .offer_state_counts(partner.structure_id, ctx.now())
        .await?
        .into_iter()
        .map(|(state, count)| (offer_state::label(locale, state).to_owned(), count))
        .collect();
    // Weeks start on Monday on the structure's clock; the last one is this week.
    let zone = super::clock::of_structure(&ctx, partner.structure_id).await?;
    let today = local_date(ctx.now(), zone);
    let this_monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let first_monday = this_monday - Duration::weeks(CHART_WEEKS - 1);
    let counts = ctx
        .repo
        .bookings_per_week(partner.structure_id, start_of_day(first_monday, zone))
        .await?;
    let weeks: Vec<(String, i64)> = (0..CHART_WEEKS)
        .map(|week| {
            let monday = first_monday + Duration::weeks(week);
            let count = counts
                .iter()
                .find(|c| c.week == week)
                .map_or(0, |c| c.bookings);
            (monday.format("%d/%m").to_string(), count)
        })
        .collect();
    let statement = statement_in(
        &ctx,
        &partner,
        zone,
        &StatementQuery {
            du: NaiveDate::from_ymd_opt(today.year(), 1, 1)
                .unwrap_or(today)
                .to_string(),
            au: today.to_string(),
            lieu: String::new(),
        },
        locale,
    )
    .await?;
    Ok(DashboardHome {
        structure,
        offers_by_state,
        bookings_this_week: weeks.last().map_or(0, |w| w.1),
        to_reimburse: statement.total_reimbursed,
        weeks,
    })
}
