//! The culture pass as a Leptos application.
//!
//! Components render on the server (complete HTML, usable without JavaScript) and
//! hydrate in the browser. Each feature folder holds its server functions (`api.rs`) and
//! its pages; server-only code (sessions, passwords, the repository) sits in
//! `ssr` modules compiled with the `ssr` feature only.

mod app;
mod components;
pub mod dto;
pub mod error;
pub mod features;
pub mod hydration;
pub mod lang;
mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use app::App;

// The `i18n` module leptos_i18n generates from `locales/` (build.rs): `Locale`, and a
// function per sentence that `td!` and `td_string!` call.
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
