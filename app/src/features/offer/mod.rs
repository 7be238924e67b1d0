//! The offer page: what it is, where, when, and the way to book it.

pub mod api;
pub mod dto;
mod page;
#[cfg(feature = "ssr")]
mod service;

pub use page::OfferPage;
