//! The notification centre and the mail choices, on the server.

use crate::error::AppError;
use crate::features::notifications::dto::{MailChoiceView, NoticeView};
use crate::i18n::td_string;
use crate::lang::{Locale, requested};
use crate::ssr::{app_context, present, session, unsubscribe as link};
use domain::account::Role;
use domain::notification::{Channel, MailKind};
use store::NoticeRow;

/// What a kind of mail one may stop is, for people.
fn label(locale: Locale, kind: MailKind) -> &'static str {
    match kind {
        MailKind::BookingConfirmed => td_string!(locale, mail_kind.booking_confirmed),
        MailKind::EventTomorrow => td_string!(locale, mail_kind.event_tomorrow),
        MailKind::CollectBeforeExpiry => td_string!(locale, mail_kind.collect_before_expiry),
        MailKind::CancellationClosing => td_string!(locale, mail_kind.cancellation_closing),
        MailKind::BookingCancelled => td_string!(locale, mail_kind.booking_cancelled),
        MailKind::DateMoved => td_string!(locale, mail_kind.date_moved),
        MailKind::OfferWithdrawn => td_string!(locale, mail_kind.offer_withdrawn),
        MailKind::CreditExpiresInAMonth => td_string!(locale, mail_kind.credit_month),
        MailKind::CreditExpiresInAWeek => td_string!(locale, mail_kind.credit_week),
        MailKind::NewBooking => td_string!(locale, mail_kind.new_booking),
        MailKind::BookingsDigest => td_string!(locale, mail_kind.bookings_digest),
        MailKind::Other
        | MailKind::PasswordReset
        | MailKind::Welcome
        | MailKind::AddressCheck
        | MailKind::AddressChanged
        | MailKind::Invitation
        | MailKind::StructureValidated
        | MailKind::StructureRejected
        | MailKind::TransferSent => td_string!(locale, mail_kind.essential),
    }
}

pub async fn choices() -> Result<Vec<MailChoiceView>, AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    let chosen = ctx.repo.mail_choices(user.id).await?;
    let locale = requested();
    Ok(MailKind::CHOOSABLE
        .into_iter()
        .map(|kind| {
            let channel = chosen.iter().find(|(k, _)| *k == kind).map(|(_, c)| *c);
            MailChoiceView {
                kind: kind.to_stored().to_owned(),
                label: label(locale, kind).to_owned(),
                by_mail: !domain::notification::declined(kind, channel),
            }
        })
        .collect())
}

pub async fn choose(kind: String, by_mail: bool) -> Result<(), AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    let kind = MailKind::choosable_from(&kind).ok_or_else(|| {
        AppError::invalid("kind", td_string!(requested(), mail_kind.not_choosable))
    })?;
    let channel = if by_mail { Channel::Mail } else { Channel::Off };
    ctx.repo.choose_mail(user.id, kind, channel).await?;
    Ok(())
}

pub async fn target(key: String, kind: String) -> Result<String, AppError> {
    let ctx = app_context()?;
    let (_, kind) = link::read(&ctx.repo, requested(), &key, &kind).await?;
    Ok(label(requested(), kind).to_owned())
}

pub async fn unsubscribe(key: String, kind: String) -> Result<String, AppError> {
    let ctx = app_context()?;
    let (_, kind) = link::stop(&ctx.repo, requested(), &key, &kind, ctx.now()).await?;
    Ok(label(requested(), kind).to_owned())
}

/// How many notifications the centre shows: the latest, a few months of a busy person.
const NOTICES: i64 = 50;

/// What happened, for people, in the centre.
fn headline(locale: Locale, kind: MailKind) -> &'static str {
    match kind {
        MailKind::BookingConfirmed => td_string!(locale, notice.booking_confirmed),
        MailKind::EventTomorrow => td_string!(locale, notice.event_tomorrow),
        MailKind::CollectBeforeExpiry => td_string!(locale, notice.collect_before_expiry),
        MailKind::CancellationClosing => td_string!(locale, notice.cancellation_closing),
        MailKind::BookingCancelled => td_string!(locale, notice.booking_cancelled),
        MailKind::DateMoved => td_string!(locale, notice.date_moved),
        MailKind::OfferWithdrawn => td_string!(locale, notice.offer_withdrawn),
        MailKind::CreditExpiresInAMonth => td_string!(locale, notice.credit_month),
        MailKind::CreditExpiresInAWeek => td_string!(locale, notice.credit_week),
        MailKind::Other
        | MailKind::PasswordReset
        | MailKind::Welcome
        | MailKind::AddressCheck
        | MailKind::AddressChanged
        | MailKind::Invitation
        | MailKind::StructureValidated
        | MailKind::StructureRejected
        | MailKind::TransferSent
        | MailKind::NewBooking
        | MailKind::BookingsDigest => td_string!(locale, notice.message),
    }
}

/// A notification as people read it, in `locale`: in the centre, and pushed to their
/// devices.
pub(crate) fn notice(locale: Locale, row: NoticeRow) -> NoticeView {
    let link = match row.booking_id {
        Some(booking) => format!("/reservations/{booking}"),
        None => "/portefeuille".to_owned(),
    };
    // On the clock of the venue it is about, as its ticket; Paris for the credit.
    let zone = row
        .postal_code
        .as_deref()
        .map_or(crate::ssr::time::PARIS, crate::ssr::time::zone);
    NoticeView {
        id: row.id,
        title: headline(locale, row.kind).to_owned(),
        about: row.offer_title,
        when: present::date_time(locale, row.created_at, zone),
        link,
        unread: row.unread,
    }
}

pub async fn notices() -> Result<Vec<NoticeView>, AppError> {
    let ctx = app_context()?;
    let user = session::require_role(&ctx, Role::Young).await?;
    let rows = ctx
        .repo
        .notifications(user.id, &MailKind::IN_APP, NOTICES)
        .await?;
    let locale = requested();
    Ok(rows.into_iter().map(|row| notice(locale, row)).collect())
}

/// The key a young person's browser subscribes with, when this server pushes (none for
/// anyone else: pushes carry the centre's notifications, which are theirs).
pub async fn push_key() -> Result<Option<String>, AppError> {
    let ctx = app_context()?;
    let young = session::current_user(&ctx)
        .await?
        .is_some_and(|user| user.role() == Some(Role::Young));
    Ok(young
        .then(|| ctx.settings.push_public_key.clone())
        .flatten())
}

/// Records the signed-in young person's device for the centre's notifications, on until
/// this session ends (signing out turns it off).
pub async fn subscribe_push(
    endpoint: String,
    p256dh: String,
    auth: String,
) -> Result<(), AppError> {
    let ctx = app_context()?;
    let user = session::require_role(&ctx, Role::Young).await?;
    let this_machine = ctx.settings.push_this_machine;
    let device = crate::ssr::push::device(&endpoint, &p256dh, &auth, this_machine)
        .map_err(|reason| AppError::invalid("endpoint", reason))?;
    let session = session::current_session_id(&ctx).ok_or(AppError::Unauthenticated)?;
    ctx.repo
        .subscribe_push(user.id, &session, &device, ctx.now())
        .await?;
    Ok(())
}

/// Forgets the signed-in person's device; whether it was theirs.
pub async fn unsubscribe_push(endpoint: String) -> Result<bool, AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    Ok(ctx.repo.unsubscribe_push(user.id, endpoint.trim()).await?)
}

pub async fn read(up_to: i64) -> Result<(), AppError> {
    let ctx = app_context()?;
    let user = session::require_role(&ctx, Role::Young).await?;
    ctx.repo
        .read_notifications(user.id, &MailKind::IN_APP, up_to, ctx.now())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_the_centre_says_what_happened() {
        for kind in MailKind::IN_APP {
            assert_ne!(headline(Locale::fr, kind), "Message", "{kind:?}");
        }
    }

    #[test]
    fn a_notice_opens_its_ticket_or_else_the_wallet() {
        let row = |booking_id| NoticeRow {
            id: 7,
            kind: MailKind::EventTomorrow,
            booking_id,
            offer_title: Some("Le Misanthrope".into()),
            postal_code: Some("97300".into()),
            created_at: chrono::DateTime::from_timestamp(1_796_000_000, 0).expect("a date"),
            unread: true,
        };
        let about_a_booking = notice(Locale::fr, row(Some(12)));
        assert_eq!(about_a_booking.link, "/reservations/12");
        assert_eq!(about_a_booking.title, "C’est demain");
        assert_eq!(about_a_booking.about.as_deref(), Some("Le Misanthrope"));
        assert!(about_a_booking.unread);
        // 2026-11-30 00:53 UTC: the evening before in Cayenne (UTC−3), where the venue is.
        assert_eq!(about_a_booking.when, "dim. 29 nov. 2026 à 21:53");
        assert_eq!(notice(Locale::fr, row(None)).link, "/portefeuille");
    }
}
