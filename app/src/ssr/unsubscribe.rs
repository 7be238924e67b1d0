//! The one-click unsubscribe of mails (RFC 8058): each mail of a kind one may stop
//! carries `List-Unsubscribe: <…/desabonnement?jeton=KEY&type=KIND>` and
//! `List-Unsubscribe-Post: List-Unsubscribe=One-Click`. The mail client's button posts to
//! that address and the kind stops at once; the same link opened in a browser shows a
//! page that asks first (a link scanner opening it changes nothing). The key is the
//! person's own (`store::MailChoices::mail_key`): it stops their mails, nothing else.
//! The one-click answer is plain text in the language the person chose, as their mails
//! are (a mail client's POST says no language of its own).

use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::Locale;
use crate::ssr::attachment::{plain_text, refusal};
use chrono::{DateTime, Utc};
use domain::notification::{BookingMail, Channel, MailKind};
use http::{HeaderMap, Response, StatusCode};
use store::Repo;

/// The path of the unsubscribe page and of its one-click address.
pub const PATH: &str = "/desabonnement";

/// A new key, for a person's first mail that carries one.
pub fn fresh_key() -> String {
    use rand::Rng;
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The unsubscribe address of `kind` for the person whose key is `key`.
pub fn link(public_url: &str, key: &str, kind: MailKind) -> String {
    format!("{public_url}{PATH}?jeton={key}&type={}", kind.to_stored())
}

/// What a link names: a kind one may stop, and whose key it is. An unknown key or
/// kind is refused without saying which (a key is not to be guessed), in `locale`.
pub async fn read(
    repo: &Repo,
    locale: Locale,
    key: &str,
    kind: &str,
) -> Result<(i64, MailKind), AppError> {
    let unknown = || {
        AppError::invalid(
            "jeton",
            td_string!(locale, account.unsubscribe_link_invalid),
        )
    };
    let kind = MailKind::unsubscribable_from(kind).ok_or_else(unknown)?;
    let key = key.trim();
    if key.is_empty() {
        return Err(unknown());
    }
    let owner = repo.owner_of_mail_key(key).await?.ok_or_else(unknown)?;
    Ok((owner, kind))
}

/// Stops the kind a link names, for its person. Saying it twice changes nothing. A
/// partner's mail about bookings (each one, or the digest) stops them all: they are one
/// choice, and the digest's schedule goes with it. Says whose mails and which kind.
pub async fn stop(
    repo: &Repo,
    locale: Locale,
    key: &str,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<(i64, MailKind), AppError> {
    let (owner, kind) = read(repo, locale, key, kind).await?;
    if kind.for_partners() {
        repo.choose_booking_mail(owner, BookingMail::Never, now, now)
            .await?;
    } else {
        repo.choose_mail(owner, kind, Channel::Off).await?;
    }
    Ok((owner, kind))
}

/// The answer to a mail client's one-click POST to a link (`key`, `kind`): the kind
/// stopped, said in plain text in the person's language; a broken link refused in the
/// request's.
pub async fn one_click(
    repo: &Repo,
    headers: &HeaderMap,
    key: &str,
    kind: &str,
    now: DateTime<Utc>,
) -> Response<String> {
    let asked = crate::lang::of_headers(headers);
    let owner = match stop(repo, asked, key, kind, now).await {
        Ok((owner, _)) => owner,
        Err(error) => return refusal(asked, error),
    };
    // The kind is stopped: a failed look-up of the person's language changes only the
    // words of the answer.
    let locale = crate::lang::of_person(repo, Some(owner))
        .await
        .unwrap_or_default();
    let stopped = td_string!(locale, account.unsubscribed_one_click);
    plain_text(StatusCode::OK, stopped.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_names_its_kind_and_a_fresh_key_is_new_each_time() {
        let url = link(
            "https://pass.example.org",
            "abc123",
            MailKind::EventTomorrow,
        );
        assert_eq!(
            url,
            "https://pass.example.org/desabonnement?jeton=abc123&type=event_tomorrow"
        );
        assert_ne!(fresh_key(), fresh_key());
        assert_eq!(fresh_key().len(), 48);
    }
}
