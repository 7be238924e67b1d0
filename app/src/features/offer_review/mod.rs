//! The team's reading of offers before the young can find them (`domain::pro::review`):
//! the queue of offers "en validation" at `/admin/offres`, where an administrator
//! publishes one or gives it back to its partner with a reason, and a search of every
//! offer by its words, its structure, its venue and its status.

pub mod api;
pub mod dto;
mod page;
#[cfg(feature = "ssr")]
mod service;

pub use page::OfferReviewPage;
