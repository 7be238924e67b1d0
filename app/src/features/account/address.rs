//! Verified addresses, on the server: the welcome mail of a new account and its link, a
//! link asked again, a new address checked before it replaces the old one, and what
//! opening a link does. Booking needs a verified address (`domain::booking::check`).

use crate::error::AppError;
use crate::features::account::dto::{AddressConfirmed, AddressView};
use crate::i18n::td_string;
use crate::lang::requested;
use crate::ssr::reply::WordRefusal;
use crate::ssr::{AppContext, app_context, mail, messages, session};
use chrono::Duration;
use domain::account::Role;
use domain::account::{
    EMAIL_CHECK_HOURS, LINK_MAIL_WINDOW_MINUTES, MAX_LINK_MAILS, link_mail_counter,
};
use domain::text::Email;
use store::{EmailConfirmed, NewEmailCheck};

/// Where a link opens.
const CONFIRM_PATH: &str = "/adresse/confirmer";

/// A fresh link that verifies `email`, with the mail that carries it: a welcome for a
/// new account, the link alone otherwise; to a partner, in their register; in the
/// language of the page they asked from.
pub(crate) fn check_for(
    ctx: &AppContext,
    email: &Email,
    first_name: &str,
    kind: LinkMail,
    partner: bool,
) -> NewEmailCheck {
    let link = mail::secret_link(&ctx.settings, CONFIRM_PATH);
    let data = messages::AddressLink {
        first_name: first_name.to_owned(),
        address: email.as_str().to_owned(),
        url: link.url,
        hours: EMAIL_CHECK_HOURS,
        partner,
    };
    let locale = crate::lang::requested();
    NewEmailCheck {
        token_hash: link.token_hash,
        email: email.as_str().to_owned(),
        expires_at: ctx.now() + Duration::hours(EMAIL_CHECK_HOURS),
        mail: match kind {
            LinkMail::Welcome => messages::welcome(locale, &data),
            LinkMail::Link => messages::address_check(locale, &data),
        },
    }
}

/// Which mail carries a link.
pub(crate) enum LinkMail {
    /// A new account's welcome.
    Welcome,
    /// The link again, or one for a new address.
    Link,
}

fn is_partner(user: &store::UserRow) -> bool {
    user.role() == Some(Role::Partner)
}

/// Counts a link mail asked by `user` to `email`: a few an hour to one address, and a
/// few an hour from one person whatever the addresses (no mail bombing through our
/// sender), then a clear refusal (the person is signed in: nothing to hide from them).
async fn count_link_mail(
    ctx: &AppContext,
    field: &str,
    user: &store::UserRow,
    email: &Email,
) -> Result<(), AppError> {
    let now = ctx.now();
    let window_start = now - Duration::minutes(LINK_MAIL_WINDOW_MINUTES);
    for counter in [
        link_mail_counter("address", email.as_str()),
        link_mail_counter("address links asked", &user.id.to_string()),
    ] {
        if ctx.repo.count_attempt(&counter, now, window_start).await? > MAX_LINK_MAILS {
            return Err(AppError::invalid(
                field,
                td_string!(requested(), account.links_sent_wait),
            ));
        }
    }
    Ok(())
}

/// Mails the signed-in person a new link for their address; the address it went to.
pub async fn resend() -> Result<String, AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    if user.email_verified {
        return Err(AppError::invalid(
            "address",
            td_string!(requested(), account.address_already_confirmed),
        ));
    }
    let email = Email::parse(&user.email).map_err(|e| {
        AppError::invalid(
            "address",
            crate::lang::fields::text(crate::lang::requested(), &e),
        )
    })?;
    count_link_mail(&ctx, "address", &user, &email).await?;
    let check = check_for(
        &ctx,
        &email,
        &user.first_name,
        LinkMail::Link,
        is_partner(&user),
    );
    ctx.repo
        .send_email_check(user.id, &check, ctx.now())
        .await?;
    Ok(email.as_str().to_owned())
}

/// Mails a link to the new address; it replaces the old one when the link is opened.
/// `password` has been checked. The address the link went to.
pub(crate) async fn check_new_address(
    ctx: &AppContext,
    user: &store::UserRow,
    email: Email,
) -> Result<String, AppError> {
    if email.as_str() == user.email {
        return Err(AppError::invalid(
            "email",
            td_string!(requested(), account.address_is_yours),
        ));
    }
    if ctx.repo.user_by_email(&email).await?.is_some() {
        return Err(AppError::invalid(
            "email",
            td_string!(requested(), account.email_taken),
        ));
    }
    count_link_mail(ctx, "email", user, &email).await?;
    let check = check_for(
        ctx,
        &email,
        &user.first_name,
        LinkMail::Link,
        is_partner(user),
    );
    ctx.repo
        .send_email_check(user.id, &check, ctx.now())
        .await?;
    Ok(email.as_str().to_owned())
}

/// Opens a link: the address is verified, or the new one replaces the old.
pub async fn confirm(token: String) -> Result<AddressConfirmed, AppError> {
    let ctx = app_context()?;
    let token_hash = mail::hash_link_token(&token);
    let dead = || AppError::invalid("token", td_string!(requested(), account.address_link_dead));
    let check = ctx
        .repo
        .email_check(&token_hash, ctx.now())
        .await?
        .ok_or_else(dead)?;
    // Sent to the old address only if the link replaces it, in the language of the page
    // that opened the link (its owner's).
    let notice = messages::address_changed(
        crate::lang::requested(),
        &messages::AddressChanged {
            first_name: check.first_name,
            masked: messages::masked_address(&check.email),
            support: ctx.settings.support_email.clone(),
        },
    );
    let confirmed = ctx
        .repo
        .confirm_email(&token_hash, &notice, ctx.now())
        .await
        .on_conflict(
            "token",
            td_string!(requested(), account.address_taken_meanwhile),
        )?
        .ok_or_else(dead)?;
    let confirmed = match confirmed {
        EmailConfirmed::Verified { .. } => AddressConfirmed::Verified,
        EmailConfirmed::Replaced { .. } => AddressConfirmed::Replaced,
    };
    leptos_axum::redirect(match confirmed {
        AddressConfirmed::Verified => "/adresse/confirmee",
        AddressConfirmed::Replaced => "/adresse/confirmee?nouvelle=1",
    });
    Ok(confirmed)
}

/// The signed-in person's address, whether it is verified, and the new one waiting for
/// its link.
pub async fn mine() -> Result<AddressView, AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    Ok(AddressView {
        awaiting: ctx.repo.address_awaiting_check(user.id, ctx.now()).await?,
        email: user.email,
        verified: user.email_verified,
    })
}
