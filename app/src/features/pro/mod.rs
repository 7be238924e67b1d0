//! The partner dashboard ("espace pro"): structures and their review, venues, offers
//! with price categories and stocks, bookings with their export, the reimbursement
//! statement and the home's statistics. The counter lives in `features::counter`.

pub mod api;
mod booking_mail;
mod bookings_page;
pub mod dto;
mod editor_page;
mod home_page;
mod offers_page;
mod review_page;
#[cfg(feature = "ssr")]
pub mod service;
mod statement_page;
mod structures_page;
mod team_section;
pub(crate) mod ui;
mod venues_page;

pub use bookings_page::BookingsPage;
pub use editor_page::OfferEditorPage;
pub use home_page::DashboardHomePage;
pub use offers_page::{NewOfferPage, OffersPage};
pub use review_page::StructureReviewPage;
pub use statement_page::StatementPage;
pub use structures_page::{InvitationPage, PartnerSignUpPage, ProHomePage};
pub use venues_page::VenuesPage;
