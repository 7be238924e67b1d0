//! Server-only plumbing shared by the features' server functions: the application
//! context (repository, clock, settings), sessions, passwords, error replies and the
//! presentation of rows as DTOs.

pub mod access;
pub mod attachment;
pub mod caches;
pub mod cards;
pub mod client;
pub mod context;
pub mod counters;
pub mod cpu;
pub mod credit;
pub mod digests;
pub mod identity;
pub mod illustration;
pub mod image_store;
pub mod mail;
pub mod messages;
pub mod passwords;
pub mod present;
pub mod push;
pub mod reminders;
pub mod reply;
pub mod sender;
pub mod session;
pub mod time;
pub mod unsubscribe;
pub mod writer;

pub use caches::Caches;
pub use context::{AppContext, Clock, Settings, SystemClock, app_context};
pub use reply::reply;
pub use writer::Writer;
