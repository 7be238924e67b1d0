//! What each person hears from us, and how: the notification centre, their choice per
//! kind of mail (on the profile page), the devices they get the centre's notifications on
//! (Web Push), and the page behind the one-click unsubscribe link of every mail one may
//! stop.

pub mod api;
mod centre_page;
mod choices;
pub mod dto;
mod push_choice;
#[cfg(feature = "ssr")]
pub(crate) mod service;
mod unsubscribe_page;

pub use centre_page::NotificationsPage;
pub use choices::MailChoices;
pub use push_choice::PushChoice;
pub use unsubscribe_page::UnsubscribePage;
