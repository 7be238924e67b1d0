//! Heavy work runs on the blocking pool a few at a time. Without a bound, a flood of 500
//! logins started 500 password hashes at once (tokio's blocking pool grows to 512
//! threads), each holding its 19 MiB; with it, the rest wait their turn and memory stays
//! flat. Images have their own single slot: a large photo takes a core and up to 100 MB
//! for seconds, and must never leave sign-ins waiting behind it. The bounds are this
//! process's, like its cores.

use crate::error::AppError;
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// Kinds of heavy work, each with its own slots.
#[derive(Debug, Clone, Copy)]
pub enum Work {
    /// Password hashing (argon2id, 19 MiB each): as many as the machine has cores.
    Hashing,
    /// Image decoding and resizing: one at a time.
    Images,
}

static HASHING: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(2, usize::from)));
static IMAGES: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(1));

/// Runs `work` on the blocking pool once a slot of its kind is free.
pub async fn run<T: Send + 'static>(
    kind: Work,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let slots = match kind {
        Work::Hashing => &*HASHING,
        Work::Images => &*IMAGES,
    };
    let _slot = slots.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| AppError::Internal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_hashes_run_at_once_than_there_are_cores() {
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..40)
            .map(|_| {
                let (running, most) = (running.clone(), most.clone());
                tokio::spawn(run(Work::Hashing, move || {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    running.fetch_sub(1, Ordering::SeqCst);
                }))
            })
            .collect();
        for task in tasks {
            task.await.expect("task").expect("ran");
        }
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        let most = most.load(Ordering::SeqCst);
        assert!(
            most >= 1 && most <= cores,
            "{most} at once on {cores} cores"
        );
    }
}
