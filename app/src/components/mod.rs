//! UI pieces shared by several features.

mod error_view;
mod layout;
mod offer_card;

pub use error_view::{ErrorView, NotFound};
pub use layout::{BottomNav, Header};
pub use offer_card::OfferCardView;
