//! Credit policies as live data (`domain::policies`, issue 17 part 1). At
//! `/admin/politiques` the team reads every version of the schedule (in force, scheduled,
//! replaced, with the deposits each granted), schedules a new one from the version in
//! force or a preset, from a day on, and takes back a version whose day has not come. A
//! deposit keeps its version; the wallet names it.

pub mod api;
pub mod dto;
mod page;
#[cfg(feature = "ssr")]
pub mod service;

pub use page::PoliciesPage;
