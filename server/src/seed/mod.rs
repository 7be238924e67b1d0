//! Generated data: the demo of the 2018 experiment, and bench data at scale.

pub mod bench;
pub mod demo;
mod posters;

use store::{Repo, StoreError};

/// Stores every preset credit policy (a no-op when they are there), and starts the
/// schedule of versions with the configured one when nothing is scheduled yet: after
/// that, the team's versions decide (`/admin/politiques`).
pub async fn ensure_policies(repo: &Repo, configured: &str) -> Result<(), StoreError> {
    let now = chrono::Utc::now();
    for policy in domain::credit::presets() {
        repo.ensure_policy(&policy, now).await?;
    }
    if repo.seed_schedule(configured).await? {
        tracing::info!(policy = configured, "credit policy schedule started");
    }
    Ok(())
}

/// Completes an 8-digit prefix into a SIREN that passes the Luhn check.
pub fn siren_with_check_digit(prefix: u32) -> domain::identifiers::Siren {
    let prefix = format!("{:08}", prefix % 100_000_000);
    (0..10)
        .map(|d| format!("{prefix}{d}"))
        .find_map(|candidate| domain::identifiers::Siren::parse(&candidate).ok())
        .unwrap_or_else(|| unreachable!("one of ten check digits always satisfies Luhn"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_sirens_pass_the_checksum() {
        for prefix in [0, 1, 12_345_678, 99_999_999] {
            assert_eq!(siren_with_check_digit(prefix).as_str().len(), 9);
        }
    }
}
