//! Server functions of the account.

use crate::dto::{NewAccount, SessionUser, WalletState};
use crate::error::AppError;
use leptos::prelude::*;

/// Opens a young person's account, checks their identity and grants the credit of the
/// active policy; signs them in and redirects to the wallet.
#[server(prefix = "/api", endpoint = "sign_up")]
pub async fn sign_up(account: NewAccount) -> Result<SessionUser, AppError> {
    crate::ssr::reply(super::service::sign_up(account).await)
}

/// The signed-in person's credit: balance, caps, expiry and history.
#[server(prefix = "/api", endpoint = "my_wallet")]
pub async fn my_wallet() -> Result<WalletState, AppError> {
    crate::ssr::reply(super::service::wallet().await)
}

/// What the signed-in person can still spend, in cents; `None` when signed out or
/// without credit. Never an error for visitors, so pages can ask it freely.
#[server(prefix = "/api", endpoint = "my_balance")]
pub async fn my_balance() -> Result<Option<i64>, AppError> {
    crate::ssr::reply(super::service::balance().await)
}
