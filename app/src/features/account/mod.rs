//! The young person's account: signing up (with the identity check that grants the
//! credit), verified addresses, the wallet, and managing the account (passwords,
//! address, deletion).

#[cfg(feature = "ssr")]
pub(crate) mod address;
mod address_page;
pub mod api;
pub mod dto;
#[cfg(feature = "ssr")]
pub mod mail_preview;
mod manage;
#[cfg(feature = "ssr")]
pub mod my_data;
mod outbox;
mod password;
#[cfg(feature = "ssr")]
mod recovery;
#[cfg(feature = "ssr")]
mod review;
mod review_page;
#[cfg(feature = "ssr")]
pub(crate) mod service;
mod signup;
mod wallet;

pub use address_page::{AddressConfirmedPage, AddressNotice, ConfirmAddressPage};
pub use manage::AccountPage;
pub use outbox::OutboxPage;
pub use password::{ForgotPasswordPage, ResetPasswordPage};
pub use review_page::IdentityReviewPage;
pub use signup::SignUpPage;
pub use wallet::WalletPage;
