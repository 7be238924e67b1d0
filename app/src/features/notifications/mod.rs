//! What each person hears from us, and how: the notification centre, their choice per
//! kind of mail (on the profile page), and the page behind the one-click unsubscribe link
//! of every mail one may stop.

pub mod api;
mod centre_page;
mod choices;
pub mod dto;
#[cfg(feature = "ssr")]
mod service;
mod unsubscribe_page;

pub use centre_page::NotificationsPage;
pub use choices::MailChoices;
pub use unsubscribe_page::UnsubscribePage;
