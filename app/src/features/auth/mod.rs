//! Signing in and out, and who is signed in.

pub mod api;
mod login;
mod next;
#[cfg(feature = "ssr")]
mod service;

pub use login::LoginPage;
pub use next::{use_next_path, with_next};
