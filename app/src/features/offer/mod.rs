//! The offer page: what it is, where, when, and the way to book it.

pub mod api;
mod page;
#[cfg(feature = "ssr")]
mod service;

pub use page::OfferPage;
