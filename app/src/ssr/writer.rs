//! On SQLite, bookings run on a thread of their own. SQLite lets one writer at a time,
//! and each statement of a booking (8 of them) is a hop from the connection's thread
//! back to the async threads, which send the next one. Under load those async threads
//! are busy with other requests (HTTP, JSON, the tickets' QR codes), so the one booking
//! holding the writer's turn waited in their queue at every hop, and every other
//! booking waited for it. On a thread of its own, it is woken by the operating system as
//! soon as its statement is done (BENCHMARKS.md: +30 to 50 % bookings over HTTP, in
//! the same conditions). PostgreSQL runs many writers at once, and funnelling them through
//! one thread made it no faster: there the booking runs where the request does.
//!
//! - Nothing may block on that thread (a synchronous lock, `block_in_place`, which panics
//!   there): every booking would wait.
//! - A booking sent there completes even if its request is dropped (the visitor left):
//!   it commits or rolls back whole, and a retry finds it by its idempotency key or by
//!   the one-booking-per-offer rule. Inline (PostgreSQL), a dropped request rolls back.
//!   At shutdown, bookings still on the thread end with the process, atomically.

use std::future::Future;
use tokio::runtime::Handle;

/// Where bookings run: the writer's thread, or inline.
#[derive(Clone, Debug)]
pub struct Writer {
    thread: Option<Handle>,
}

impl Writer {
    /// The writer's thread for a backend with one writer at a time (it lives as long as
    /// the process), else inline.
    pub fn for_backend(one_writer: bool) -> std::io::Result<Writer> {
        if !one_writer {
            return Ok(Writer { thread: None });
        }
        // The runtime is built and dropped on its own thread: a runtime may not be
        // dropped from async code, as it would be here if the thread failed to start.
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("writer".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                match runtime {
                    Ok(runtime) => {
                        let _ = sender.send(Ok(runtime.handle().clone()));
                        runtime.block_on(std::future::pending::<()>());
                    }
                    Err(error) => {
                        let _ = sender.send(Err(error));
                    }
                }
            })?;
        let handle = receiver
            .recv()
            .map_err(|_| std::io::Error::other("the writer's thread ended at start"))??;
        Ok(Writer {
            thread: Some(handle),
        })
    }

    /// Runs `work` where bookings run, and waits for its result (an error only if the
    /// work panicked).
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl Future<Output = T> + Send + 'static,
    ) -> Result<T, tokio::task::JoinError> {
        match &self.thread {
            Some(thread) => thread.spawn(work).await,
            None => Ok(work.await),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_runs_on_the_writers_thread_only_for_one_writer() {
        let name = || std::thread::current().name().map(str::to_owned);
        let sqlite = Writer::for_backend(true).expect("thread");
        assert_eq!(
            sqlite.run(async move { name() }).await.expect("ran"),
            Some("writer".to_owned())
        );
        let postgres = Writer::for_backend(false).expect("inline");
        assert_eq!(
            postgres.run(async move { name() }).await.expect("ran"),
            name()
        );
    }
}
