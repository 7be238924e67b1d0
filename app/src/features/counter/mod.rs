//! The partner's counter ("guichet"): checking and validating tickets by token.

pub mod api;
mod page;
mod scanner;
#[cfg(feature = "ssr")]
mod service;

pub use page::CounterPage;
