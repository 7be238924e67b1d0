//! Choosing the language of the app (`crate::lang` resolves it for each request): a
//! form on the profile page that keeps the choice in the `lang` cookie and, for a
//! signed-in person, on their account, so that it follows them to their other devices.

pub mod api;
mod choice;
#[cfg(feature = "ssr")]
pub(crate) mod service;

pub use choice::LanguageChoice;
