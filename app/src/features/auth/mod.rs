//! Signing in and out, and who is signed in.

pub mod api;
mod login;
#[cfg(feature = "ssr")]
mod service;

pub use login::LoginPage;
