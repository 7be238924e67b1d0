//! The rules of the culture pass, in one place.
//!
//! Nothing here talks to a database, a browser or the network: every rule is a
//! function of its inputs (the clock included), so it is tested in microseconds and
//! shared by the server (which enforces it) and the WASM client (which uses it to
//! explain a refusal before the user even sends a form).

pub mod account;
pub mod admin;
pub mod booking;
pub mod cancellation;
pub mod catalogue;
pub mod cluster;
pub mod credit;
pub mod eligibility;
pub mod geo;
pub mod grants;
pub mod identifiers;
pub mod legal;
pub mod money;
pub mod notification;
pub mod payments;
pub mod policies;
pub mod pro;
pub mod push;
pub mod reimbursement;
pub mod search;
pub mod social;
pub mod text;
pub mod ticket;
pub mod token;
#[cfg(feature = "zones")]
pub mod zones;

pub use money::Cents;
