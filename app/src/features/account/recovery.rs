//! Passwords forgotten and changed, and accounts deleted, on the server.

use crate::dto::QueuePage;
use crate::error::AppError;
use crate::features::account::dto::MailView;
use crate::i18n::td_string;
use crate::lang::requested;
use crate::ssr::messages;
use crate::ssr::{app_context, passwords, present, session};
use chrono::Duration;
use domain::account::{LINK_MAIL_WINDOW_MINUTES, MAX_LINK_MAILS, Role, link_mail_counter};
use domain::text::{Email, NewPassword};
use store::{NewPasswordReset, OutboxQuery};

const LINK_LIFETIME: Duration = Duration::hours(1);

fn new_password(password: &str) -> Result<NewPassword, AppError> {
    NewPassword::parse(password).map_err(|e| {
        AppError::invalid(
            "password",
            crate::lang::fields::text(crate::lang::requested(), &e),
        )
    })
}

pub async fn request(email: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let email = Email::parse(&email).map_err(|e| {
        AppError::invalid(
            "email",
            crate::lang::fields::text(crate::lang::requested(), &e),
        )
    })?;
    let Some(user) = ctx.repo.user_by_email(&email).await? else {
        return Ok(());
    };
    // A few links an hour to one address, then none (silently: the answer must not say
    // whether the address has an account).
    let now = ctx.now();
    let mailed = ctx
        .repo
        .count_attempt(
            &link_mail_counter("reset", email.as_str()),
            now,
            now - Duration::minutes(LINK_MAIL_WINDOW_MINUTES),
        )
        .await?;
    if mailed > MAX_LINK_MAILS {
        tracing::warn!(user_id = user.id, "reset links: limit per hour reached");
        return Ok(());
    }
    let link = crate::ssr::mail::secret_link(&ctx.settings, "/mot-de-passe/nouveau");
    // The language the person chose, else the one of the page that asked.
    let locale = match user.language.as_deref() {
        Some(chosen) => crate::lang::of_account(Some(chosen)),
        None => crate::lang::requested(),
    };
    let reset = NewPasswordReset {
        user_id: user.id,
        token_hash: link.token_hash,
        expires_at: ctx.now() + LINK_LIFETIME,
        recipient: email.as_str().to_owned(),
        mail: messages::password_reset(
            locale,
            &messages::PasswordReset {
                first_name: user.first_name,
                url: link.url,
            },
        ),
    };
    // The outbox row is written with the link; the sender delivers it.
    ctx.repo.create_password_reset(&reset, ctx.now()).await?;
    Ok(())
}

pub async fn reset(token: String, password: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let password = new_password(&password)?;
    let user_id = ctx
        .repo
        .consume_password_reset(&crate::ssr::mail::hash_link_token(&token), ctx.now())
        .await?
        .ok_or_else(|| {
            AppError::invalid("token", td_string!(requested(), account.reset_link_dead))
        })?;
    let password_hash = passwords::hash(password.expose().to_owned()).await?;
    ctx.repo.set_password(user_id, &password_hash).await?;
    leptos_axum::redirect("/connexion");
    Ok(())
}

/// A change the person confirms with their password (counted like a login: a stolen
/// session must not guess on); a wrong one is refused on `field` with `message`.
async fn confirm(
    ctx: &crate::ssr::AppContext,
    user: &store::UserRow,
    password: String,
    field: &str,
    message: &str,
) -> Result<(), AppError> {
    let hash = Some(user.password_hash.clone());
    if passwords::verify_counted(ctx, &user.email, password, hash).await? {
        Ok(())
    } else {
        Err(AppError::invalid(field, message))
    }
}

pub async fn change(current: String, password: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    let password = new_password(&password)?;
    confirm(
        &ctx,
        &user,
        current,
        "current",
        td_string!(requested(), account.current_password_wrong),
    )
    .await?;
    let password_hash = passwords::hash(password.expose().to_owned()).await?;
    ctx.repo.set_password(user.id, &password_hash).await?;
    // Every other session ended with the old password; this one continues.
    session::open(&ctx, user.id).await?;
    Ok(())
}

pub async fn change_email(password: String, email: String) -> Result<String, AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    let email = crate::ssr::mail::mail_address("email", &email)?;
    confirm(
        &ctx,
        &user,
        password,
        "email-password",
        td_string!(requested(), account.password_wrong),
    )
    .await?;
    super::address::check_new_address(&ctx, &user, email).await
}

pub async fn delete(password: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    let wrong = td_string!(requested(), account.password_wrong);
    confirm(&ctx, &user, password, "password", wrong).await?;
    ctx.repo.anonymize_user(user.id).await?;
    session::close(&ctx).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Messages of the outbox page.
const OUTBOX_PAGE: i64 = 50;

/// The outbox, newest first, 50 a page after the message `apres`: every message, or
/// those to the address `destinataire`.
pub async fn outbox(
    destinataire: String,
    apres: Option<i64>,
) -> Result<QueuePage<MailView>, AppError> {
    let ctx = app_context()?;
    session::require_role(&ctx, Role::Admin).await?;
    let locale = crate::lang::requested();
    let recipient = match destinataire.trim() {
        "" => None,
        text => Some(Email::parse(text).map_err(|_| {
            AppError::invalid(
                "destinataire",
                td_string!(locale, admin_mails.invalid_address),
            )
        })?),
    };
    let query = OutboxQuery {
        recipient: recipient.as_ref().map(|e| e.as_str().to_owned()),
        after: apres,
    };
    let page = ctx.repo.outbox_page(&query, OUTBOX_PAGE).await?;
    let path = match &recipient {
        Some(email) => format!(
            "/admin/courriels?destinataire={}&",
            domain::search::encode_component(email.as_str())
        ),
        None => "/admin/courriels?".to_owned(),
    };
    let relay = ctx.settings.mail_relay;
    Ok(QueuePage {
        summary: crate::lang::words::counted(
            locale,
            page.total,
            td_string!(locale, admin_mails.mail),
            td_string!(locale, admin_mails.mails),
        ),
        next: page.next.map(|id| format!("{path}apres={id}")),
        rows: page
            .rows
            .into_iter()
            .map(|m| mail_view(locale, m, relay))
            .collect(),
    })
}

/// A message of the outbox as the page shows it, its date and delivery worded in
/// `locale` (its subject and body stay as they were written).
fn mail_view(locale: crate::lang::Locale, m: store::MailRow, relay: bool) -> MailView {
    MailView {
        date: present::date_time(locale, m.created_at, crate::ssr::time::PARIS),
        delivery: delivery_in_words(locale, &m, relay),
        status: m.status.to_stored().to_owned(),
        attempts: m.attempts,
        kind: m.kind.to_stored().to_owned(),
        recipient: m.recipient,
        subject: m.subject,
        body: if relay {
            crate::ssr::mail::redact_secrets(&m.body)
        } else {
            m.body
        },
    }
}

/// How a message's delivery stands, as the outbox page says it in `locale` (the relay's
/// own error stays as the relay wrote it).
fn delivery_in_words(locale: crate::lang::Locale, mail: &store::MailRow, relay: bool) -> String {
    use domain::notification::Delivery;
    let error = mail
        .last_error
        .as_deref()
        .unwrap_or(td_string!(locale, admin_mails.unknown_reason));
    let attempts = mail.attempts;
    match (mail.status, mail.sent_at) {
        (Delivery::Sent, Some(at)) => {
            let date = present::date_time(locale, at, crate::ssr::time::PARIS);
            td_string!(locale, admin_mails.sent_on, date).to_string()
        }
        (Delivery::Sent, None) => td_string!(locale, admin_mails.sent).to_owned(),
        (Delivery::Failed, _) if error == crate::ssr::sender::DECLINED => {
            td_string!(locale, admin_mails.declined).to_owned()
        }
        (Delivery::Failed, _) => {
            td_string!(locale, admin_mails.given_up, attempts, error).to_string()
        }
        (Delivery::Sending, _) => td_string!(locale, admin_mails.sending).to_owned(),
        (Delivery::Pending, _) if !relay => td_string!(locale, admin_mails.kept_here).to_owned(),
        (Delivery::Pending, _) if attempts == 0 => {
            td_string!(locale, admin_mails.waiting).to_owned()
        }
        (Delivery::Pending, _) => {
            td_string!(locale, admin_mails.retry, attempts, error).to_string()
        }
    }
}
