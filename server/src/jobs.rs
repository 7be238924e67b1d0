//! Scheduled work inside the server: every minute, uncollected things expire (credit
//! back), events that started 48 h ago are marked used, offers whose date passed are
//! re-indexed for search and the map, and what is dead but still a risk if kept is
//! purged (expired sessions, used or expired reset links, closed login windows, mail
//! delivered or given up more than 400 days ago), and the
//! reminders that are due are queued (an event tomorrow, a thing to collect, a window to
//! cancel closing), and so are the partners' daily digests. Each step claims its rows
//! with conditional updates, so several instances may run it at once without a double
//! refund; the clock is the application's, so tests can move time.

use app::ssr::Clock;
use std::sync::Arc;
use std::time::Duration;
use store::{Repo, StoreError};

const PERIOD: Duration = Duration::from_secs(60);

/// What one pass did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub expired: u64,
    pub used: u64,
    pub reindexed: u64,
    pub purged: u64,
    /// Reminders queued (the sender writes and delivers them).
    pub reminded: u64,
    /// Partners' digests of their bookings queued.
    pub digests: u64,
}

/// One pass of every job (`public_url` starts the links of the mails it writes).
pub async fn run_once(
    repo: &Repo,
    clock: &dyn Clock,
    public_url: &str,
) -> Result<Pass, StoreError> {
    let now = clock.now();
    // Counters whose window began before the longest window are dead.
    let oldest_window =
        now - chrono::Duration::minutes(domain::account::LONGEST_COUNTER_WINDOW_MINUTES);
    Ok(Pass {
        expired: repo.expire_uncollected(now).await?,
        used: repo.mark_past_events_used(now).await?,
        reindexed: repo.reindex_past_offers(now).await?,
        purged: repo.purge_expired(now, oldest_window).await?,
        reminded: app::ssr::reminders::queue_due(repo, now).await?,
        digests: app::ssr::digests::queue_due(repo, now, public_url).await?,
    })
}

/// Runs the jobs forever in the background.
pub fn spawn(repo: Repo, clock: Arc<dyn Clock>, public_url: String) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(PERIOD);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match run_once(&repo, clock.as_ref(), &public_url).await {
                Ok(pass) if pass == Pass::default() => {}
                Ok(pass) => tracing::info!(?pass, "scheduled jobs"),
                Err(error) => tracing::error!(?error, "scheduled jobs failed"),
            }
        }
    })
}
