//! Discovery: what can I do with my credit around here?

pub mod api;
pub mod dto;
mod home;
mod search_page;
#[cfg(feature = "ssr")]
mod service;
mod venue_page;

pub use home::HomePage;
pub use search_page::SearchPage;
pub use venue_page::VenuePage;
