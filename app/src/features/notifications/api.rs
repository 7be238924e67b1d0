//! Server functions of the notification centre and the mail choices.

use crate::error::AppError;
use crate::features::notifications::dto::{MailChoiceView, NoticeView};
use leptos::prelude::*;

/// Every kind of mail the signed-in person may stop, with what they chose.
#[server(prefix = "/api", endpoint = "my_mail_choices")]
pub async fn my_mail_choices() -> Result<Vec<MailChoiceView>, AppError> {
    crate::ssr::reply(super::service::choices().await)
}

/// Receives (`by_mail`) or stops one kind of mail, for the signed-in person.
#[server(prefix = "/api", endpoint = "choose_mail")]
pub async fn choose_mail(kind: String, by_mail: bool) -> Result<(), AppError> {
    crate::ssr::reply(super::service::choose(kind, by_mail).await)
}

/// What an unsubscribe link would stop (nothing changes): its kind, for people.
#[server(prefix = "/api", endpoint = "unsubscribe_target")]
pub async fn unsubscribe_target(key: String, kind: String) -> Result<String, AppError> {
    crate::ssr::reply(super::service::target(key, kind).await)
}

/// Stops the kind of mail an unsubscribe link names, for the person it was sent to (no
/// sign-in needed: the link's key is theirs).
#[server(prefix = "/api", endpoint = "unsubscribe")]
pub async fn unsubscribe(key: String, kind: String) -> Result<String, AppError> {
    crate::ssr::reply(super::service::unsubscribe(key, kind).await)
}

/// The signed-in young person's latest notifications, newest first, the unread ones
/// marked. Reading them changes nothing: the page says when they were shown.
#[server(prefix = "/api", endpoint = "my_notifications")]
pub async fn my_notifications() -> Result<Vec<NoticeView>, AppError> {
    crate::ssr::reply(super::service::notices().await)
}

/// Records that the signed-in young person was shown their notifications up to `up_to`
/// (the newest on their screen): those stop counting as new.
#[server(prefix = "/api", endpoint = "read_notifications")]
pub async fn read_notifications(up_to: i64) -> Result<(), AppError> {
    crate::ssr::reply(super::service::read(up_to).await)
}

/// The public key browsers subscribe to this server's pushes with (`None`: it does not
/// push).
#[server(prefix = "/api", endpoint = "push_key")]
pub async fn push_key() -> Result<Option<String>, AppError> {
    crate::ssr::reply(super::service::push_key().await)
}

/// Turns the centre's notifications on for this device (the browser's subscription).
#[server(prefix = "/api", endpoint = "subscribe_push")]
pub async fn subscribe_push(
    endpoint: String,
    p256dh: String,
    auth: String,
) -> Result<(), AppError> {
    crate::ssr::reply(super::service::subscribe_push(endpoint, p256dh, auth).await)
}

/// Turns them off for this device.
#[server(prefix = "/api", endpoint = "unsubscribe_push")]
pub async fn unsubscribe_push(endpoint: String) -> Result<bool, AppError> {
    crate::ssr::reply(super::service::unsubscribe_push(endpoint).await)
}
