//! Runs: what waits for one, preparing it (the tiers computed per structure from its
//! year's used bookings), reading it, paying it or giving it up.

use super::{grouped, last_day, masked};
use crate::error::AppError;
use crate::features::payments::dto::{BankCheckLine, RunLine, RunView, RunsView, TransferLine};
use crate::features::pro::service::home::used_booking;
use crate::ssr::time::{PARIS, paris_midnight, paris_today};
use crate::ssr::{AppContext, app_context, messages, present, session};
use chrono::{Datelike, Duration, NaiveDate};
use domain::Cents;
use domain::account::Role;
use domain::admin::{AdminAction, parse_reason};
use domain::payments::{RunRefusal, RunStatus, parse_last_day, payment_lines, reference};
use domain::text::counted;
use domain::zones::{local_date, start_of_day};
use std::collections::HashSet;
use store::{ActionRecord, NewPayment, OutstandingRow, RunRow};

const RUNS_PAGE: i64 = 20;
const CHECKS_PAGE: i64 = 50;

fn title(run: &RunRow) -> String {
    format!(
        "Virement n° {} · jusqu'au {}",
        run.id,
        last_day(&run.last_day)
    )
}

fn total(run: &RunRow) -> String {
    format!(
        "{} · {}",
        counted(run.payments, "virement", "virements"),
        Cents(run.total_cents)
    )
}

fn prepared(run: &RunRow) -> String {
    format!(
        "Préparé par {} le {}",
        run.prepared_by,
        present::french_date_time(run.prepared_at, PARIS)
    )
}

pub async fn overview(before: Option<i64>, after: Option<i64>) -> Result<RunsView, AppError> {
    let ctx = app_context()?;
    session::require_role(&ctx, Role::Admin).await?;
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
                counted(s.bookings, "réservation", "réservations")
            )
        })
        .collect();
    let bookings: i64 = waiting.iter().map(|s| s.bookings).sum();
    let runs = ctx.repo.runs(before, RUNS_PAGE).await?;
    let draft = ctx.repo.draft_run().await?;
    Ok(RunsView {
        checks_summary: counted(
            checks.total,
            "coordonnée bancaire à vérifier",
            "coordonnées bancaires à vérifier",
        ),
        checks_next: checks
            .next
            .map(|id| format!("/admin/remboursements?apres={id}")),
        checks: checks
            .rows
            .into_iter()
            .map(|row| BankCheckLine {
                structure_id: row.structure_id,
                structure: format!("{} · SIREN {}", row.structure_name, row.siren),
                holder: row.holder,
                iban: grouped(&row.iban),
                iban_key: row.iban,
                bic: row.bic,
                submitted: format!(
                    "Saisies par {} le {}",
                    row.submitted_by,
                    present::french_date_time(row.submitted_at, PARIS)
                ),
            })
            .collect(),
        waiting: format!(
            "{} en attente de virement, dans {}",
            counted(bookings, "réservation validée", "réservations validées"),
            counted(waiting.len() as i64, "structure", "structures")
        ),
        without_details,
        draft,
        last_day: (today - Duration::days(1)).to_string(),
        runs_summary: counted(runs.total, "virement préparé", "virements préparés"),
        next: runs
            .next
            .map(|id| format!("/admin/remboursements?avant={id}")),
        runs: runs
            .rows
            .iter()
            .map(|run| RunLine {
                id: run.id,
                title: title(run),
                status: run.status.label().to_owned(),
                total: total(run),
                prepared: prepared(run),
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

pub async fn prepare(last_day: String) -> Result<i64, AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    let last_day = parse_last_day(&last_day, paris_today(ctx.now()))
        .map_err(|e| AppError::invalid("last_day", e))?;
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
        return Err(AppError::invalid("last_day", RunRefusal::NothingToPay));
    }
    Ok(ctx
        .repo
        .prepare_run(last_day, &payments, admin.id, ctx.now())
        .await?)
}

pub async fn details(run_id: i64) -> Result<RunView, AppError> {
    let ctx = app_context()?;
    session::require_role(&ctx, Role::Admin).await?;
    let run = ctx.repo.run(run_id).await?.ok_or(AppError::NotFound)?;
    let payments = ctx.repo.run_payments(run_id).await?;
    Ok(RunView {
        id: run.id,
        title: title(&run),
        status: run.status.label().to_owned(),
        total: total(&run),
        prepared: prepared(&run),
        closed: run.closed_at.map(|at| {
            format!(
                "{} le {}",
                run.status.label(),
                present::french_date_time(at, PARIS)
            )
        }),
        draft: run.status == RunStatus::Draft,
        file: format!("/admin/remboursements/{}/virements.csv", run.id),
        payments: payments
            .into_iter()
            .map(|p| TransferLine {
                structure: format!("{} · SIREN {}", p.structure_name, p.siren),
                account: format!("{} · {} · {}", p.holder, grouped(&p.iban), p.bic),
                reference: reference(p.run_id, p.structure_id),
                amount: Cents(p.amount_cents).to_string(),
                reimbursed: Cents(p.reimbursed_cents).to_string(),
            })
            .collect(),
    })
}

pub async fn close(run_id: i64, paid: bool, reason: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    let (action, reason) = if paid {
        (AdminAction::RunPaid, String::new())
    } else {
        let reason = parse_reason(&reason).map_err(|e| AppError::invalid("reason", e))?;
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
) -> Result<Vec<(i64, store::OutgoingMail)>, AppError> {
    Ok(ctx
        .repo
        .run_payments(run_id)
        .await?
        .into_iter()
        .map(|p| {
            let notice = messages::transfer_sent(&messages::TransferSent {
                amount: Cents(p.reimbursed_cents).to_string(),
                last_day: last_day(&p.last_day),
                reference: reference(p.run_id, p.structure_id),
                account: masked(&p.iban),
                url: format!(
                    "{}/pro/structures/{}/paiements",
                    ctx.settings.public_url, p.structure_id
                ),
                structure: p.structure_name,
            });
            (p.structure_id, notice)
        })
        .collect())
}
