//! Paying partners (`domain::payments`, issue 17 part 5). A structure's administrator
//! enters its bank details at `/pro/structures/:id/paiements` and reads there every
//! transfer the pass made with its bookings; the team validates bank details, prepares a
//! run up to a day, downloads its payment file and says when it paid, at
//! `/admin/remboursements`.

pub mod api;
pub mod dto;
mod partner_page;
mod run_page;
mod runs_page;
#[cfg(feature = "ssr")]
pub mod service;

pub use partner_page::PartnerPaymentsPage;
pub use run_page::RunPage;
pub use runs_page::RunsPage;
