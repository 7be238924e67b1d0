//! The social side: comments and ratings on offers and venues (with the venue's
//! answer), reports on comments and offers and the moderation queue, reactions, followed
//! venues and their feed.

pub mod api;
mod comments;
pub mod dto;
mod follow;
mod followed_page;
mod moderation_page;
mod reactions;
mod report_offer;
#[cfg(feature = "ssr")]
mod service;
mod share;
mod text;

pub use comments::Comments;
pub use dto::About;
pub use follow::FollowButton;
pub use followed_page::FollowedPage;
pub use moderation_page::ModerationPage;
pub use reactions::Reactions;
pub use report_offer::ReportOfferButton;
pub use share::ShareButton;
