//! The young person's account: signing up (with the identity check that grants the
//! credit) and the wallet.

pub mod api;
#[cfg(feature = "ssr")]
mod service;
mod signup;
mod wallet;

pub use signup::SignUpPage;
pub use wallet::WalletPage;
