//! The policies' server functions, for the team only (`/api/admin/`).

use super::dto::PoliciesView;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::reply;
use leptos::prelude::*;

/// The schedule, newest start first, and a new version's form filled from the version
/// in force, or from the preset whose code is `depuis`.
#[server(prefix = "/api/admin", endpoint = "credit_policies")]
pub async fn credit_policies(depuis: Option<String>) -> Result<PoliciesView, AppError> {
    reply(super::service::overview(depuis).await)
}

/// Schedules a new version of the policy `code` from `starts_on` (`AAAA-MM-JJ`, Paris
/// midnight, today at the earliest); what it is called once stored.
#[server(prefix = "/api/admin", endpoint = "schedule_policy")]
pub async fn schedule_policy(
    #[server(flatten)] form: domain::policies::PolicyForm,
) -> Result<String, AppError> {
    reply(super::service::schedule(form).await)
}

/// Takes back a version whose day has not come, with `reason` for the audit log.
#[server(prefix = "/api/admin", endpoint = "cancel_policy")]
pub async fn cancel_policy(policy_id: i64, reason: String) -> Result<(), AppError> {
    reply(super::service::cancel(policy_id, reason).await)
}
