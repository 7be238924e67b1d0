//! Server functions of the account.

use crate::dto::{QueuePage, SessionUser};
use crate::error::AppError;
use crate::features::account::dto::{
    AddressConfirmed, AddressView, IdentityView, MailSampleView, MailView, NewAccount, WalletState,
};
use leptos::prelude::*;

/// Opens a young person's account, checks their identity and grants the credit of the
/// active policy; signs them in and redirects to `next` (a path of this site: the offer
/// they were about to book) or to the wallet.
#[server(prefix = "/api", endpoint = "sign_up")]
pub async fn sign_up(
    account: NewAccount,
    #[server(default)] next: Option<String>,
) -> Result<SessionUser, AppError> {
    crate::ssr::reply(super::service::sign_up(account, next).await)
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

/// Sends a "forgot password" link to the address, if it has an account (the answer is
/// the same either way, so nobody learns who has one).
#[server(prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    crate::ssr::reply(super::recovery::request(email).await)
}

/// Sets a new password with the token of a reset link (usable once, for an hour).
#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    crate::ssr::reply(super::recovery::reset(token, password).await)
}

/// Changes the signed-in person's password, given the current one.
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(current: String, password: String) -> Result<(), AppError> {
    crate::ssr::reply(super::recovery::change(current, password).await)
}

/// Mails a link to a new address for the signed-in person, given their password: it
/// replaces the old one when the link is opened. The address the link went to.
#[server(prefix = "/api", endpoint = "change_email")]
pub async fn change_email(password: String, email: String) -> Result<String, AppError> {
    crate::ssr::reply(super::recovery::change_email(password, email).await)
}

/// The signed-in person's address, whether it is verified, and a new one awaiting its link.
#[server(prefix = "/api", endpoint = "my_address")]
pub async fn my_address() -> Result<AddressView, AppError> {
    crate::ssr::reply(super::address::mine().await)
}

/// Mails the signed-in person a new link that verifies their address (a few an hour).
/// The address it went to.
#[server(prefix = "/api", endpoint = "resend_address_link")]
pub async fn resend_address_link() -> Result<String, AppError> {
    crate::ssr::reply(super::address::resend().await)
}

/// Opens a link that verifies an address (once, within a day), signed in or not.
#[server(prefix = "/api", endpoint = "confirm_address")]
pub async fn confirm_address(token: String) -> Result<AddressConfirmed, AppError> {
    crate::ssr::reply(super::address::confirm(token).await)
}

/// Deletes the signed-in person's account (their bookings stay, anonymous).
#[server(prefix = "/api", endpoint = "delete_account")]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    crate::ssr::reply(super::recovery::delete(password).await)
}

/// The e-mails of the outbox, newest first, all or to one address, 50 a page after
/// `apres` (administrators only).
#[server(prefix = "/api", endpoint = "outbox")]
pub async fn outbox(
    destinataire: String,
    apres: Option<i64>,
) -> Result<QueuePage<MailView>, AppError> {
    crate::ssr::reply(super::recovery::outbox(destinataire, apres).await)
}

/// Every kind of mail written with sample data (administrators only).
#[server(prefix = "/api", endpoint = "mail_samples")]
pub async fn mail_samples() -> Result<Vec<MailSampleView>, AppError> {
    crate::ssr::reply(super::mail_preview::samples().await)
}

/// Identities waiting for review (administrators only), 50 a page after `apres`.
#[server(prefix = "/api", endpoint = "pending_identities")]
pub async fn pending_identities(apres: Option<i64>) -> Result<QueuePage<IdentityView>, AppError> {
    crate::ssr::reply(super::review::pending(apres).await)
}

/// Approves (the credit of the active policy is granted) or rejects an identity.
#[server(prefix = "/api", endpoint = "decide_identity")]
pub async fn decide_identity(user_id: i64, approve: bool) -> Result<(), AppError> {
    crate::ssr::reply(super::review::decide(user_id, approve).await)
}
