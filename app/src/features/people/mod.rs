//! The people the operator's team looks after and the log of what the team does:
//! finding a person, their page (identity, credit and ledger, bookings, comments,
//! sessions), suspending and reinstating them with a reason, correcting their credit,
//! and the audit log where every administrator action is a row.

pub mod api;
mod audit_page;
pub mod dto;
mod person_page;
mod search_page;
#[cfg(feature = "ssr")]
mod service;

pub use audit_page::AuditLogPage;
pub use person_page::PersonPage;
pub use search_page::PeopleSearchPage;
