//! One folder per feature: its server functions (`api.rs`), the server-side work they
//! delegate to (`service.rs`, compiled for `ssr` only) and its pages and components.

pub mod account;
pub mod auth;
pub mod booking;
pub mod counter;
pub mod discovery;
pub mod favorites;
pub mod language;
pub mod legal;
pub mod map;
pub mod notifications;
pub mod offer;
pub mod offer_review;
pub mod payments;
pub mod people;
pub mod policies;
pub mod pro;
pub mod social;
