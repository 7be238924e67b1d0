//! Runs: what waits for one, preparing it (the tiers computed per structure from its
//! year's used bookings), reading it, paying it or giving it up.

use super::{grouped, last_day, masked};
use crate::error::AppError;
use crate::features::payments::dto::{BankCheckLine, RunLine, RunView, RunsView, TransferLine};
use crate::features::pro::service::home::used_booking;
use crate::i18n::td_string;
use crate::lang::admin;
use crate::lang::words::counted;
use crate::lang::{Locale, money, requested};
use crate::ssr::time::{PARIS, paris_midnight, paris_today};
use crate::ssr::{AppContext, app_context, messages, present, session};
use chrono::{Datelike, Duration, NaiveDate};
use domain::Cents;
use domain::account::Role;
use domain::admin::{AdminAction, parse_reason};
use domain::payments::{RunRefusal, RunStatus, parse_last_day, payment_lines, reference};
use domain::zones::{local_date, start_of_day};
use std::collections::HashSet;
use store::{ActionRecord, NewPayment, OutstandingRow, RunRow};

const RUNS_PAGE: i64 = 20;
const CHECKS_PAGE: i64 = 50;

fn title(locale: Locale, run: &RunRow) -> String {
    let (id, day) = (run.id, last_day(locale, &run.last_day));
    td_string!(locale, admin_payments.run_name, id, day).to_string()
}

fn total(locale: Locale, run: &RunRow) -> String {
    format!(
        "{} · {}",
        counted(
            locale,
            run.payments,
            td_string!(locale, admin_payments.transfer_one),
            td_string!(locale, admin_payments.transfer_many),
        ),
        money::euros(locale, Cents(run.total_cents))
    )
}

fn prepared(locale: Locale, run: &RunRow) -> String {
    let name = &run.prepared_by;
    let date = present::date_time(locale, run.prepared_at, PARIS);
    td_string!(locale, admin_payments.prepared_by, name, date).to_string()
}

pub async fn overview(before: Option<i64>, after: Option<i64>) -> Result<RunsView, AppError> {
    let ctx = app_context()?;
    session::require_role(&ctx, Role::Admin).await?;
    let locale = requested();
    let today = paris_today(ctx.now());
    let checks = ctx.repo.bank_accounts_to_check(after, CHECKS_PAGE).await?;
    let waiting = ctx
        .repo
        .outstanding_structures(paris_midnight(today + Duration::days(1)))
        .await?;
    let without_details = waiting
        .iter()
        .filter(|s| !s.bank_validated)
        .map(|s| {
            format!(
                "{} ({})",
                s.structure_name,
                counted(
                    locale,
                    s.bookings,
                    td_string!(locale, admin_payments.booking_one),
                    td_string!(locale, admin_payments.booking_many),
                )
            )
        })
        .collect();
    let bookings: i64 = waiting.iter().map(|s| s.bookings).sum();
    let runs = ctx.repo.runs(before, RUNS_PAGE).await?;
    let draft = ctx.repo.draft_run().await?;
    Ok(RunsView {
        checks_summary: counted(
            locale,
            checks.total,
            td_string!(locale, admin_payments.check_one),
            td_string!(locale, admin_payments.check_many),
        ),
        checks_next: checks
            .next
            .map(|id| format!("/admin/remboursements?apres={id}")),
        checks: checks
            .rows
            .into_iter()
            .map(|row| {
                let name = &row.submitted_by;
                let date = present::date_time(locale, row.submitted_at, PARIS);
                let submitted =
                    td_string!(locale, admin_payments.submitted_by, name, date).to_string();
                BankCheckLine {
                    structure_id: row.structure_id,
                    structure: format!("{} · SIREN {}", row.structure_name, row.siren),
                    holder: row.holder,
                    iban: grouped(&row.iban),
                    iban_key: row.iban,
                    bic: row.bic,
                    submitted,
                }
            })
            .collect(),
        waiting: {
            let bookings = counted(
                locale,
                bookings,
                td_string!(locale, admin_payments.validated_one),
                td_string!(locale, admin_payments.validated_many),
            );
            let structures = counted(
                locale,
                waiting.len() as i64,
                td_string!(locale, admin_payments.structure_one),
                td_string!(locale, admin_payments.structure_many),
            );
            td_string!(locale, admin_payments.waiting, bookings, structures).to_string()
        },
        without_details,
        draft,
        last_day: (today - Duration::days(1)).to_string(),
        runs_summary: counted(
            locale,
            runs.total,
            td_string!(locale, admin_payments.prepared_one),
            td_string!(locale, admin_payments.prepared_many),
        ),
        next: runs
            .next
            .map(|id| format!("/admin/remboursements?avant={id}")),
        runs: runs
            .rows
            .iter()
            .map(|run| RunLine {
                id: run.id,
                title: title(locale, run),
                status: admin::run_status(locale, run.status).to_owned(),
                total: total(locale, run),
                prepared: prepared(locale, run),
            })
            .collect(),
    })
}

/// What one structure is paid in a run ending before `until`: its bookings no payment
/// holds, each at the rate its place in its venue's year gives it.
async fn payment_of(
    ctx: &AppContext,
    structure: &OutstandingRow,
    until: chrono::DateTime<chrono::Utc>,
) -> Result<Option<NewPayment>, AppError> {
    // The tiers' years are the structure's, as on its statement.
    let zone =
        crate::features::pro::service::clock::of_structure(ctx, structure.structure_id).await?;
    let first = local_date(structure.first_used_at, zone);
    let year_start = NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first);
    let rows = ctx
        .repo
        .used_bookings(
            structure.structure_id,
            start_of_day(year_start, zone),
            until,
        )
        .await?;
    let used: Vec<_> = rows.iter().map(|row| used_booking(row, zone)).collect();
    let outstanding: HashSet<i64> = ctx
        .repo
        .outstanding_bookings(structure.structure_id, until)
        .await?
        .into_iter()
        .collect();
    let lines = payment_lines(&used, |id| outstanding.contains(&id), until);
    if lines.is_empty() {
        return Ok(None);
    }
    Ok(Some(NewPayment {
        structure_id: structure.structure_id,
        lines,
    }))
}

/// Prepares a run; a refusal of the store (`RunRefusal`) is worded in the request's
/// language by `?`.
pub async fn prepare(last_day: String) -> Result<i64, AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    let locale = requested();
    let last_day = parse_last_day(&last_day, paris_today(ctx.now()))
        .map_err(|e| AppError::invalid("last_day", admin::last_day(locale, e)))?;
    // A run is cut at one instant for every structure, the operator's (Paris) midnight;
    // an overseas booking used after it is paid by the next run.
    let until = paris_midnight(last_day + Duration::days(1));
    let mut payments = Vec::new();
    for structure in ctx.repo.outstanding_structures(until).await? {
        if structure.bank_validated
            && let Some(payment) = payment_of(&ctx, &structure, until).await?
        {
            payments.push(payment);
        }
    }
    if payments.is_empty() {
        return Err(AppError::invalid(
            "last_day",
            admin::run(locale, RunRefusal::NothingToPay),
        ));
    }
    Ok(ctx
        .repo
        .prepare_run(last_day, &payments, admin.id, ctx.now())
        .await?)
}

pub async fn details(run_id: i64) -> Result<RunView, AppError> {
    let ctx = app_context()?;
    session::require_role(&ctx, Role::Admin).await?;
    let locale = requested();
    let run = ctx.repo.run(run_id).await?.ok_or(AppError::NotFound)?;
    let payments = ctx.repo.run_payments(run_id).await?;
    Ok(RunView {
        id: run.id,
        title: title(locale, &run),
        status: admin::run_status(locale, run.status).to_owned(),
        total: total(locale, &run),
        prepared: prepared(locale, &run),
        closed: run.closed_at.map(|at| {
            let status = admin::run_status(locale, run.status);
            let date = present::date_time(locale, at, PARIS);
            td_string!(locale, admin_payments.closed_on, status, date).to_string()
        }),
        draft: run.status == RunStatus::Draft,
        file: format!("/admin/remboursements/{}/virements.csv", run.id),
        payments: payments
            .into_iter()
            .map(|p| TransferLine {
                structure: format!("{} · SIREN {}", p.structure_name, p.siren),
                account: format!("{} · {} · {}", p.holder, grouped(&p.iban), p.bic),
                reference: reference(p.run_id, p.structure_id),
                amount: money::euros(locale, Cents(p.amount_cents)),
                reimbursed: money::euros(locale, Cents(p.reimbursed_cents)),
            })
            .collect(),
    })
}

/// Marks a run paid or gives it up; a refusal of the store (`RunRefusal`) is worded in
/// the request's language by `?`.
pub async fn close(run_id: i64, paid: bool, reason: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    let (action, reason) = if paid {
        (AdminAction::RunPaid, String::new())
    } else {
        let reason = parse_reason(&reason)
            .map_err(|e| AppError::invalid("reason", admin::reason(requested(), e)))?;
        (AdminAction::RunAbandoned, reason)
    };
    let record = ActionRecord::new(admin.id, action, run_id).because(&reason);
    let notices = if paid {
        transfer_notices(&ctx, run_id).await?
    } else {
        Vec::new()
    };
    Ok(ctx
        .repo
        .close_run(run_id, paid, &record, &notices, ctx.now())
        .await?)
}

/// The mail each structure's administrators receive once the run is paid: what was sent,
/// its reference and the account (the store sends none to a structure settled at 0 €).
async fn transfer_notices(
    ctx: &AppContext,
    run_id: i64,
) -> Result<Vec<(i64, store::Letter)>, AppError> {
    Ok(ctx
        .repo
        .run_payments(run_id)
        .await?
        .into_iter()
        .map(|p| {
            // Each administrator of the structure reads it in their language.
            let notice = messages::letter(|locale| {
                let sent = messages::TransferSent {
                    amount: money::euros(locale, Cents(p.reimbursed_cents)),
                    last_day: last_day(locale, &p.last_day),
                    reference: reference(p.run_id, p.structure_id),
                    account: masked(&p.iban),
                    url: format!(
                        "{}/pro/structures/{}/paiements",
                        ctx.settings.public_url, p.structure_id
                    ),
                    structure: p.structure_name.clone(),
                };
                messages::transfer_sent(locale, &sent)
            });
            (p.structure_id, notice)
        })
        .collect())
}
