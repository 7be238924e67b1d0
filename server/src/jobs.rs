//! Scheduled work inside the server: every minute, uncollected things expire (credit
//! back), events that started 48 h ago are marked used, and offers whose date passed are
//! re-indexed for search and the map. Each step claims its rows
//! with conditional updates, so several instances may run it at once without a double
//! refund; the clock is the application's, so tests can move time.

use app::ssr::Clock;
use std::sync::Arc;
use std::time::Duration;
use store::{Repo, StoreError};

const PERIOD: Duration = Duration::from_secs(60);

/// One pass of every job; returns (expired, marked used, re-indexed).
pub async fn run_once(repo: &Repo, clock: &dyn Clock) -> Result<(u64, u64, u64), StoreError> {
    let now = clock.now();
    let expired = repo.expire_uncollected(now).await?;
    let used = repo.mark_past_events_used(now).await?;
    let reindexed = repo.reindex_past_offers(now).await?;
    Ok((expired, used, reindexed))
}

/// Runs the jobs forever in the background.
pub fn spawn(repo: Repo, clock: Arc<dyn Clock>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(PERIOD);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match run_once(&repo, clock.as_ref()).await {
                Ok((0, 0, 0)) => {}
                Ok((expired, used, reindexed)) => {
                    tracing::info!(expired, used, reindexed, "scheduled jobs")
                }
                Err(error) => tracing::error!(?error, "scheduled jobs failed"),
            }
        }
    })
}
