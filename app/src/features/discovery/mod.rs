//! Discovery: what can I do with my credit around here?

pub mod api;
mod home;
#[cfg(feature = "ssr")]
mod service;

pub use home::HomePage;
