//! UI pieces shared by several features.

pub mod browser_api;
mod error_view;
mod escape;
mod focus;
pub mod form;
pub mod geolocation;
mod layout;
mod next_page;
mod offer_card;
mod offline;
mod queue;

pub use error_view::{ErrorView, NotFound};
pub use escape::{textarea_content, title_for_head};
pub use focus::{CONTENT, SkipLink, move_focus_on_navigation};
pub use form::{Input, field_message, general_message};
pub use layout::{BottomNav, Header, SignOut};
pub use next_page::{NextPage, query_cursor};
pub use offer_card::OfferCardView;
pub use offline::{
    OfflineBanner, OfflinePage, is_online, keep_for_offline, keep_tickets_at, note_navigations,
    provide_network,
};
pub use queue::Queue;
