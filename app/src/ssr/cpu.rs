//! Heavy work (password hashing at 19 MiB a time, image decoding) runs on the blocking
//! pool, a few at a time: as many as the machine has cores. Without the bound, a flood of
//! 500 logins started 500 hashes at once (tokio's blocking pool grows to 512 threads),
//! each holding its 19 MiB; with it, the rest wait their turn and memory stays flat.
//! The bound is this process's, like its cores.

use crate::error::AppError;
use std::sync::LazyLock;
use tokio::sync::Semaphore;

static SLOTS: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(2, usize::from)));

/// Runs `work` on the blocking pool once a slot is free.
pub async fn run<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _slot = SLOTS.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| AppError::Internal)
}
