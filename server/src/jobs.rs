//! Scheduled work inside the server: every minute (`JOBS_PERIOD_SECONDS`), credit arrives for the birthdays
//! that came (`store::Grants`), uncollected things expire (credit back), events that started 48 h ago are marked used, offers whose date passed are
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

/// What the jobs need from the settings.
pub struct Settings {
    /// Starts the links of the mails they write.
    pub public_url: String,
    /// The credit policy of whoever has no deposit yet.
    pub credit_policy: String,
    /// How often they run (a minute, or less in tests).
    pub period: Duration,
}

/// What one pass did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pass {
    /// Grants of age bands reached.
    pub granted: u64,
    pub expired: u64,
    pub used: u64,
    pub reindexed: u64,
    /// Stocks whose activation codes expired unused, selling only those left.
    pub codes_retired: u64,
    pub purged: u64,
    /// Reminders queued (the sender writes and delivers them).
    pub reminded: u64,
    /// Partners' digests of their bookings queued.
    pub digests: u64,
}

impl Pass {
    /// Adds what the pass did to the metrics, job by job.
    fn count(&self) {
        for (job, rows) in [
            ("granted", self.granted),
            ("expired", self.expired),
            ("used", self.used),
            ("reindexed", self.reindexed),
            ("codes_retired", self.codes_retired),
            ("purged", self.purged),
            ("reminded", self.reminded),
            ("digests", self.digests),
        ] {
            if rows > 0 {
                metrics::counter!(crate::metrics::SCHEDULED_WORK, "job" => job).increment(rows);
            }
        }
    }
}

/// One pass of every job.
pub async fn run_once(
    repo: &Repo,
    clock: &dyn Clock,
    settings: &Settings,
) -> Result<Pass, StoreError> {
    let now = clock.now();
    // Counters whose window began before the longest window are dead.
    let oldest_window =
        now - chrono::Duration::minutes(domain::account::LONGEST_COUNTER_WINDOW_MINUTES);
    Ok(Pass {
        granted: repo.grant_due_bands(&settings.credit_policy, now).await?,
        expired: repo.expire_uncollected(now).await?,
        used: repo.mark_past_events_used(now).await?,
        reindexed: repo.reindex_past_offers(now).await?,
        codes_retired: repo.retire_expired_codes(now).await?,
        purged: repo.purge_expired(now, oldest_window).await?,
        reminded: app::ssr::reminders::queue_due(repo, now).await?,
        digests: app::ssr::digests::queue_due(repo, now, &settings.public_url).await?,
    })
}

/// Runs the jobs forever in the background.
pub fn spawn(repo: Repo, clock: Arc<dyn Clock>, settings: Settings) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(settings.period);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let due = ticks.tick().await;
            let started = tokio::time::Instant::now();
            metrics::gauge!(crate::metrics::SCHEDULER_LAG).set(started - due);
            let outcome = run_once(&repo, clock.as_ref(), &settings).await;
            metrics::gauge!(crate::metrics::SCHEDULER_PASS).set(started.elapsed());
            match outcome {
                Ok(pass) => {
                    metrics::gauge!(crate::metrics::SCHEDULER_LAST_PASS)
                        .set(chrono::Utc::now().timestamp() as f64);
                    if pass != Pass::default() {
                        pass.count();
                        tracing::info!(?pass, "scheduled jobs");
                    }
                }
                Err(error) => {
                    metrics::counter!(crate::metrics::SCHEDULER_FAILURES).increment(1);
                    tracing::error!(?error, "scheduled jobs failed");
                }
            }
        }
    })
}
