//! A run's payment file: one transfer a row (reference, structure, account, amount), as
//! CSV for the bank's import or the accountant's spreadsheet. Administrators only.

use crate::error::AppError;
use crate::features::pro::service::export::{CSV, csv};
use crate::i18n::td_string;
use crate::lang::{Locale, export};
use crate::ssr::attachment::attachment;
use crate::ssr::{AppContext, session};
use domain::Cents;
use domain::account::Role;
use domain::payments::{FILE_DELIMITER, RunStatus, file_amount, reference};
use http::Response;

async fn body(
    ctx: &AppContext,
    headers: &http::HeaderMap,
    run_id: i64,
    locale: Locale,
) -> Result<String, AppError> {
    let user = session::user_of_headers(ctx, headers)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if user.role() != Some(Role::Admin) {
        return Err(AppError::Forbidden);
    }
    let run = ctx.repo.run(run_id).await?.ok_or(AppError::NotFound)?;
    if run.status == RunStatus::Abandoned {
        return Err(AppError::invalid(
            "run",
            td_string!(locale, admin_payments.abandoned_file),
        ));
    }
    let payments = ctx.repo.run_payments(run_id).await?;
    let header = std::iter::once(export::transfers_header(locale));
    // A structure settled at 0 € has nothing to transfer.
    let transfers = payments.into_iter().filter(|p| p.reimbursed_cents > 0);
    let rows = transfers.map(|p| {
        vec![
            reference(p.run_id, p.structure_id),
            p.structure_name,
            p.siren,
            p.holder,
            p.iban,
            p.bic,
            file_amount(Cents(p.reimbursed_cents)),
        ]
    });
    csv(FILE_DELIMITER, header.chain(rows))
}

/// `GET /admin/remboursements/:id/virements.csv`.
pub async fn payment_file(
    ctx: AppContext,
    headers: http::HeaderMap,
    run_id: i64,
) -> Response<String> {
    let locale = crate::lang::of_headers(&headers);
    let body = body(&ctx, &headers, run_id, locale).await;
    attachment(locale, &export::transfers_file(locale, run_id), CSV, body)
}
