//! Partner accounts and structures: sign-up, registering a structure (pending until an
//! administrator decides), the review, colleagues invited by an e-mail link, and how a
//! partner hears of bookings (a mail each, a daily digest, or none).

use crate::dto::{QueuePage, SessionUser};
use crate::error::AppError;
use crate::features::account::address::{LinkMail, check_for};
use crate::features::account::service::name;
use crate::features::pro::dto::StructureView;
use crate::i18n::td_string;
use crate::lang::{pro, requested};
use crate::ssr::access::{Partner, partner_of};
use crate::ssr::digests;
use crate::ssr::mail::{hash_link_token, secret_link};
use crate::ssr::messages;
use crate::ssr::reply::WordRefusal;
use crate::ssr::time::PARIS;
use crate::ssr::{AppContext, app_context, passwords, present, session};
use chrono::Duration;
use domain::account::Role;
use domain::account::{LINK_MAIL_WINDOW_MINUTES, MAX_LINK_MAILS, link_mail_counter};
use domain::identifiers::Siren;
use domain::notification::BookingMail;
use domain::pro::status::StructureStatus;
use domain::text::NewPassword;
use store::{NewInvitation, NewUser, Owned, StructureRow};

const INVITATION_LIFETIME: Duration = Duration::days(7);

/// A structure as its members (or the team) read it, in the request's language.
pub fn view(row: StructureRow) -> StructureView {
    let locale = requested();
    StructureView {
        id: row.id,
        name: row.name,
        siren: row.siren,
        status_label: pro::structure_status(locale, row.status).to_owned(),
        status: row.status,
        created: present::calendar_date(locale, row.created_at.with_timezone(&PARIS).date_naive()),
    }
}

pub async fn sign_up(
    first_name: String,
    last_name: String,
    email: String,
    password: String,
    (ticked, shown): (bool, Option<domain::legal::Acceptance>),
) -> Result<SessionUser, AppError> {
    let ctx = app_context()?;
    let email = crate::ssr::mail::mail_address("email", &email)?;
    let password = NewPassword::parse(&password).map_err(|e| {
        AppError::invalid(
            "password",
            crate::lang::fields::text(crate::lang::requested(), &e),
        )
    })?;
    let first_name = name("first_name", &first_name)?;
    let last_name = name("last_name", &last_name)?;
    let accepted = crate::features::legal::service::accepted_at_sign_up(ticked, shown)?;
    let password_hash = passwords::hash(password.expose().to_owned()).await?;
    let user = NewUser {
        email,
        password_hash,
        first_name: first_name.clone(),
        last_name,
        role: Role::Partner,
        birth_date: None,
        departement: None,
    };
    let welcome = check_for(&ctx, &user.email, &first_name, LinkMail::Welcome, true);
    let id = ctx
        .repo
        .sign_up(&user, &welcome, accepted, ctx.now())
        .await
        .on_conflict("email", td_string!(requested(), account.email_taken))?;
    // Their mails follow the language they signed up in, until they choose another.
    ctx.repo
        .set_language(id, crate::lang::tag(requested()))
        .await?;
    session::open(&ctx, id).await?;
    Ok(SessionUser {
        id,
        first_name,
        role: Role::Partner,
        unread_notifications: 0,
        email_verified: false,
        must_accept_terms: false,
    })
}

pub async fn mine() -> Result<Vec<StructureView>, AppError> {
    let ctx = app_context()?;
    let user = session::require_role(&ctx, Role::Partner).await?;
    Ok(ctx
        .repo
        .structures_of_member(user.id)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

pub async fn register(name_text: String, siren: String) -> Result<i64, AppError> {
    let ctx = app_context()?;
    let user = session::require_role(&ctx, Role::Partner).await?;
    let structure_name = name("name", &name_text)?;
    let siren = Siren::parse(&siren).map_err(|e| {
        AppError::invalid(
            "siren",
            crate::lang::fields::identifier(crate::lang::requested(), &e),
        )
    })?;
    let pending = ctx
        .repo
        .structures_of_member(user.id)
        .await?
        .iter()
        .filter(|s| s.status == StructureStatus::Pending)
        .count();
    domain::pro::may_register_structure(pending)?;
    ctx.repo
        .register_structure(user.id, &structure_name, &siren, ctx.now())
        .await
        .on_conflict("siren", td_string!(requested(), pro.siren_taken))
}

pub async fn structure(ctx: &AppContext, partner: &Partner) -> Result<StructureView, AppError> {
    let row = ctx
        .repo
        .structure(partner.structure_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(view(row))
}

pub async fn invite(structure_id: i64, email: String, role: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let partner = partner_of(&ctx, Owned::Structure(structure_id)).await?;
    partner.manages_team()?;
    let role = super::team::role(&role)?;
    let email = crate::ssr::mail::mail_address("email", &email)?;
    let structure = structure(&ctx, &partner).await?;
    domain::pro::may_invite(structure.status)?;
    let now = ctx.now();
    let mailed = ctx
        .repo
        .count_attempt(
            &link_mail_counter("invitation", email.as_str()),
            now,
            now - chrono::Duration::minutes(LINK_MAIL_WINDOW_MINUTES),
        )
        .await?;
    if mailed > MAX_LINK_MAILS {
        return Err(AppError::invalid(
            "email",
            td_string!(requested(), pro.invitations_limit),
        ));
    }
    let link = secret_link(&ctx.settings, "/pro/invitation");
    let invitation = NewInvitation {
        structure_id,
        email: email.as_str().to_owned(),
        role,
        token_hash: link.token_hash,
        invited_by: partner.user.id,
        expires_at: ctx.now() + INVITATION_LIFETIME,
        // In the inviter's language: the colleague has no account to have chosen one.
        mail: messages::invitation(
            requested(),
            &messages::Invitation {
                inviter: format!("{} {}", partner.user.first_name, partner.user.last_name),
                structure: structure.name,
                url: link.url,
            },
        ),
    };
    // The outbox row is written with the invitation; the sender delivers it.
    ctx.repo.create_invitation(&invitation, ctx.now()).await?;
    Ok(())
}

pub async fn accept(token: String) -> Result<i64, AppError> {
    let ctx = app_context()?;
    let user = session::require_role(&ctx, Role::Partner).await?;
    ctx.repo
        .accept_invitation(&hash_link_token(&token), user.id, ctx.now())
        .await?
        .ok_or_else(|| AppError::invalid("token", td_string!(requested(), pro.invitation_invalid)))
}

pub async fn pending(after: Option<i64>) -> Result<QueuePage<StructureView>, AppError> {
    let ctx = app_context()?;
    session::require_role(&ctx, Role::Admin).await?;
    let page = ctx.repo.pending_structures(after, 50).await?;
    let (locale, count) = (requested(), page.total);
    let mut queue = present::queue_page(locale, page, view, ("", ""), "/admin/structures");
    queue.summary = if crate::lang::words::singular(locale, count) {
        td_string!(locale, pro.waiting_one, count).to_string()
    } else {
        td_string!(locale, pro.waiting_many, count).to_string()
    };
    Ok(queue)
}

pub async fn decide(structure_id: i64, validate: bool) -> Result<(), AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    let structure = ctx
        .repo
        .structure(structure_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // To each member, in their language.
    let mail = messages::letter(|locale| {
        let decision = messages::StructureDecision {
            structure: structure.name.clone(),
            validated: validate,
            url: format!("{}/pro", ctx.settings.public_url),
        };
        messages::structure_decision(locale, &decision)
    });
    if ctx
        .repo
        .decide_structure(structure_id, validate, admin.id, Some(&mail), ctx.now())
        .await?
    {
        Ok(())
    } else {
        Err(AppError::invalid(
            "structure_id",
            td_string!(requested(), pro.already_decided),
        ))
    }
}

/// How the signed-in partner hears about bookings.
pub async fn booking_mail() -> Result<BookingMail, AppError> {
    let ctx = app_context()?;
    let user = session::require_role(&ctx, Role::Partner).await?;
    Ok(ctx.repo.booking_mail(user.id).await?)
}

/// Records how the signed-in partner wants to hear about bookings. A daily digest is
/// first due at the next 08:00 on the clock of their first venue.
pub async fn choose_booking_mail(choice: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let user = session::require_role(&ctx, Role::Partner).await?;
    let choice = BookingMail::from_stored(&choice)
        .ok_or_else(|| AppError::invalid("choice", td_string!(requested(), pro.mail_choose)))?;
    let now = ctx.now();
    // Only a digest has a moment (the store ignores it otherwise).
    let first_digest = match choice {
        BookingMail::DailyDigest => {
            let postal_code = ctx.repo.first_venue_postal_code(user.id).await?;
            digests::next_digest(now, postal_code.as_deref())
        }
        BookingMail::EachBooking | BookingMail::Never => now,
    };
    ctx.repo
        .choose_booking_mail(user.id, choice, first_digest, now)
        .await?;
    Ok(())
}
