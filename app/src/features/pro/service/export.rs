//! The files partners download: the bookings export and the reimbursement statement,
//! as CSV (UTF-8 with a byte-order mark so spreadsheets read the accents), in the
//! reader's language with the separator its spreadsheets expect (`lang::export`).
//! Served by plain HTTP routes, checked like every dashboard server function.

use crate::error::AppError;
use crate::features::pro::dto::{BookingQuery, StatementQuery};
use crate::lang::{Locale, export, money};
use crate::ssr::access::member;
use crate::ssr::attachment::attachment;
use crate::ssr::{AppContext, session};
use domain::pro::export::{neutralise_formula, rows};
use http::Response;
use store::Owned;

pub(crate) const CSV: &str = "text/csv; charset=utf-8";

/// `records` as CSV separated by `delimiter`.
pub(crate) fn csv(
    delimiter: u8,
    records: impl IntoIterator<Item = Vec<String>>,
) -> Result<String, AppError> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    for record in records {
        let record: Vec<String> = record.iter().map(|c| neutralise_formula(c)).collect();
        writer.write_record(&record).map_err(|e| {
            tracing::error!(error = %e, "writing a CSV row");
            AppError::Internal
        })?;
    }
    let bytes = writer.into_inner().map_err(|_| AppError::Internal)?;
    let text = String::from_utf8(bytes).map_err(|_| AppError::Internal)?;
    Ok(format!("\u{feff}{text}"))
}

async fn bookings_body(
    ctx: &AppContext,
    headers: &http::HeaderMap,
    structure_id: i64,
    query: &BookingQuery,
    locale: Locale,
) -> Result<String, AppError> {
    let user = session::user_of_headers(ctx, headers)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let partner = member(ctx, user, Owned::Structure(structure_id)).await?;
    let bookings = super::bookings::for_export(ctx, &partner, query).await?;
    let header = std::iter::once(export::bookings_header(locale));
    let price = |amount| money::euros(locale, amount);
    let lines = bookings
        .iter()
        .flat_map(|b| rows(&super::bookings::exported(locale, b), price))
        .map(|row| row.to_vec());
    csv(export::delimiter(locale), header.chain(lines))
}

/// `GET /pro/structures/:id/reservations.csv?<filters>`.
pub async fn bookings_csv(
    ctx: AppContext,
    headers: http::HeaderMap,
    structure_id: i64,
    query: BookingQuery,
) -> Response<String> {
    let locale = crate::lang::of_headers(&headers);
    let body = bookings_body(&ctx, &headers, structure_id, &query, locale).await;
    attachment(
        locale,
        &export::bookings_file(locale, structure_id),
        CSV,
        body,
    )
}

async fn statement_body(
    ctx: &AppContext,
    headers: &http::HeaderMap,
    structure_id: i64,
    query: &StatementQuery,
    locale: Locale,
) -> Result<String, AppError> {
    let user = session::user_of_headers(ctx, headers)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let partner = member(ctx, user, Owned::Structure(structure_id)).await?;
    let zone = super::clock::of_structure(ctx, partner.structure_id).await?;
    let statement = super::home::statement_in(ctx, &partner, zone, query, locale).await?;
    let header = std::iter::once(export::statement_header(locale));
    let lines = statement.lines.into_iter().map(|l| {
        vec![
            l.venue_name,
            l.offer_title,
            l.token,
            l.beneficiary,
            l.used_at,
            l.amount,
            l.reimbursed,
        ]
    });
    csv(export::delimiter(locale), header.chain(lines))
}

/// `GET /pro/structures/:id/remboursements.csv?du=&au=&lieu=`.
pub async fn statement_csv(
    ctx: AppContext,
    headers: http::HeaderMap,
    structure_id: i64,
    query: StatementQuery,
) -> Response<String> {
    let locale = crate::lang::of_headers(&headers);
    let body = statement_body(&ctx, &headers, structure_id, &query, locale).await;
    attachment(
        locale,
        &export::statement_file(locale, structure_id),
        CSV,
        body,
    )
}
