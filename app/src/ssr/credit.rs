//! Granting credit by the active policy, once a young person's identity is verified.
//! Shared by sign-up and by the demo seed, so both follow the same rules.

use chrono::{DateTime, NaiveDate, Utc};
use domain::eligibility::{Eligibility, eligibility};
use store::{Repo, StoreError};

/// Grants what the policy `policy_code` gives a person born on `birth_date` today.
/// Returns what was decided (nothing is written unless eligible for a positive amount).
pub async fn grant(
    repo: &Repo,
    policy_code: &str,
    user_id: i64,
    birth_date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Eligibility, StoreError> {
    let (policy_id, policy) = repo
        .policy(policy_code)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("credit policy {policy_code} missing")))?;
    let decision = eligibility(&policy, birth_date, now.date_naive());
    if let Eligibility::Eligible { amount, expires_on } = decision
        && !amount.is_zero()
    {
        let expires_at = expires_on.and_hms_opt(0, 0, 0).map_or(now, |d| d.and_utc());
        repo.grant_deposit(user_id, policy_id, amount, expires_at, now)
            .await?;
    }
    Ok(decision)
}
