//! The notification choices, on the server.

use crate::error::AppError;
use crate::features::notifications::dto::MailChoiceView;
use crate::ssr::{app_context, session, unsubscribe as link};
use domain::notification::{Channel, MailKind};

/// What a kind of mail one may stop is, for people.
fn label(kind: MailKind) -> &'static str {
    match kind {
        MailKind::BookingConfirmed => "La confirmation de chaque réservation",
        MailKind::EventTomorrow => "Le rappel la veille d’un événement",
        MailKind::CollectBeforeExpiry => "Le rappel avant qu’une réservation à retirer expire",
        MailKind::CancellationClosing => "Le rappel avant la fin du délai d’annulation",
        MailKind::BookingCancelled => "Une réservation annulée par le lieu",
        MailKind::DateMoved => "La date d’une réservation changée",
        MailKind::OfferWithdrawn => "Une offre réservée retirée par le lieu",
        MailKind::CreditExpiresInAMonth => "Le crédit qui expire dans un mois",
        MailKind::CreditExpiresInAWeek => "Le crédit qui expire dans une semaine",
        MailKind::Other
        | MailKind::PasswordReset
        | MailKind::Invitation
        | MailKind::StructureValidated
        | MailKind::StructureRejected => "Les messages indispensables",
    }
}

pub async fn choices() -> Result<Vec<MailChoiceView>, AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    let chosen = ctx.repo.mail_choices(user.id).await?;
    Ok(MailKind::CHOOSABLE
        .into_iter()
        .map(|kind| {
            let channel = chosen.iter().find(|(k, _)| *k == kind).map(|(_, c)| *c);
            MailChoiceView {
                kind: kind.to_stored().to_owned(),
                label: label(kind).to_owned(),
                by_mail: !domain::notification::declined(kind, channel),
            }
        })
        .collect())
}

pub async fn choose(kind: String, by_mail: bool) -> Result<(), AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    let kind = MailKind::choosable_from(&kind)
        .ok_or_else(|| AppError::invalid("kind", "Ce type de message ne peut pas être choisi"))?;
    let channel = if by_mail { Channel::Mail } else { Channel::Off };
    ctx.repo.choose_mail(user.id, kind, channel).await?;
    Ok(())
}

pub async fn target(key: String, kind: String) -> Result<String, AppError> {
    let ctx = app_context()?;
    let (_, kind) = link::read(&ctx.repo, &key, &kind).await?;
    Ok(label(kind).to_owned())
}

pub async fn unsubscribe(key: String, kind: String) -> Result<String, AppError> {
    let ctx = app_context()?;
    let kind = link::stop(&ctx.repo, &key, &kind).await?;
    Ok(label(kind).to_owned())
}
