//! The payments' server functions: the team's under `/api/admin/`, the partners' under
//! `/api/pro/`.

use super::dto::{PartnerPayments, RunView, RunsView};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::reply;
use leptos::prelude::*;

/// What waits for the team (bank details, bookings) and the runs, newest first, 20 a
/// page before the cursor `avant`.
/// Bank details to check come 50 a page after the structure `apres`.
#[server(prefix = "/api/admin", endpoint = "reimbursement_runs")]
pub async fn reimbursement_runs(
    avant: Option<i64>,
    apres: Option<i64>,
) -> Result<RunsView, AppError> {
    reply(super::service::runs::overview(avant, apres).await)
}

/// Validates a structure's bank details (`approve`), or refuses them with `reason`;
/// `holder`, `iban` and `bic` are the ones the administrator read.
#[server(prefix = "/api/admin", endpoint = "decide_bank_details")]
pub async fn decide_bank_details(
    structure_id: i64,
    holder: String,
    iban: String,
    bic: String,
    approve: bool,
    reason: String,
) -> Result<(), AppError> {
    let seen = super::dto::SeenDetails { holder, iban, bic };
    reply(super::service::bank::decide(structure_id, seen, approve, reason).await)
}

/// Prepares a run of every booking used up to `last_day` (`AAAA-MM-JJ`); its id.
#[server(prefix = "/api/admin", endpoint = "prepare_run")]
pub async fn prepare_run(last_day: String) -> Result<i64, AppError> {
    reply(super::service::runs::prepare(last_day).await)
}

#[server(prefix = "/api/admin", endpoint = "reimbursement_run")]
pub async fn reimbursement_run(run_id: i64) -> Result<RunView, AppError> {
    reply(super::service::runs::details(run_id).await)
}

/// Says a draft run was paid (`paid`), or gives it up with `reason`.
#[server(prefix = "/api/admin", endpoint = "close_run")]
pub async fn close_run(run_id: i64, paid: bool, reason: String) -> Result<(), AppError> {
    reply(super::service::runs::close(run_id, paid, reason).await)
}

/// The structure's bank details and the transfers it received, 12 a page.
#[server(prefix = "/api/pro", endpoint = "structure_payments")]
pub async fn structure_payments(
    structure_id: i64,
    avant: Option<i64>,
) -> Result<PartnerPayments, AppError> {
    reply(super::service::history::page(structure_id, avant).await)
}

/// New bank details for the structure (its administrators only); they wait for the team.
#[server(prefix = "/api/pro", endpoint = "save_bank_details")]
pub async fn save_bank_details(
    structure_id: i64,
    holder: String,
    iban: String,
    bic: String,
) -> Result<(), AppError> {
    reply(super::service::bank::save(structure_id, holder, iban, bic).await)
}
