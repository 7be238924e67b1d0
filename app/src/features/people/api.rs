//! The server functions of the people pages and the audit log, under `/api/admin/`.

use super::dto::{AuditPage, PeoplePage, PersonView};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::reply;
use leptos::prelude::*;

/// People by name, e-mail or birth date (`q`), 50 a page after the cursor `apres`.
#[server(prefix = "/api/admin", endpoint = "find_people")]
pub async fn find_people(q: String, apres: Option<i64>) -> Result<PeoplePage, AppError> {
    reply(super::service::find(q, apres).await)
}

#[server(prefix = "/api/admin", endpoint = "person_details")]
pub async fn person_details(user_id: i64) -> Result<PersonView, AppError> {
    reply(super::service::details(user_id).await)
}

/// Suspends a person, with a reason: signed out everywhere, no sign-in, booking or
/// comment until it is lifted.
#[server(prefix = "/api/admin", endpoint = "suspend_person")]
pub async fn suspend_person(user_id: i64, reason: String) -> Result<(), AppError> {
    reply(super::service::suspend(user_id, reason).await)
}

#[server(prefix = "/api/admin", endpoint = "lift_suspension")]
pub async fn lift_suspension(user_id: i64, reason: String) -> Result<(), AppError> {
    reply(super::service::lift(user_id, reason).await)
}

/// Adds credit (or takes it back with a minus sign), with a reason; answers the new
/// balance in words.
#[server(prefix = "/api/admin", endpoint = "correct_credit")]
pub async fn correct_credit(
    user_id: i64,
    amount: String,
    reason: String,
) -> Result<String, AppError> {
    reply(super::service::correct(user_id, amount, reason).await)
}

/// The audit log, newest first: one kind of action (`action`), one person
/// (`personne`), 50 a page before the cursor `avant`.
#[server(prefix = "/api/admin", endpoint = "audit_log")]
pub async fn audit_log(
    action: String,
    personne: Option<i64>,
    avant: Option<i64>,
) -> Result<AuditPage, AppError> {
    reply(super::service::log(action, personne, avant).await)
}
