//! The terms of use and the privacy notice (`domain::legal`): their pages, version by
//! version, and the page that asks a person to accept a new version after signing in.
//! The texts live in the server (`texts/`, HTML written by us) and reach the page as
//! HTML: they weigh nothing in the app a phone downloads.

pub mod api;
mod pages;
#[cfg(feature = "ssr")]
pub(crate) mod service;

pub use pages::{AcceptTermsPage, PrivacyPage, TermsCheckbox, TermsPage};

/// Where someone who must accept a new version is sent, with where they were going.
pub fn acceptance_path(next: &str) -> String {
    crate::features::auth::with_next("/conditions/accepter", next)
}
