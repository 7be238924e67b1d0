//! Favorites: a heart on offer pages, and the list of them.

pub mod api;
mod button;
pub mod dto;
mod page;
#[cfg(feature = "ssr")]
mod service;

pub use button::{CardHeart, FavoriteButton};
pub use page::FavoritesPage;
