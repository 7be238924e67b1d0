//! Sign-up and the wallet, on the server.

use crate::dto::SessionUser;
use crate::error::AppError;
use crate::features::account::address::{LinkMail, check_for};
use crate::features::account::dto::{MovementView, NewAccount, WalletState, WalletView};
use crate::features::legal::service::{accepted_at_sign_up, shown};
use crate::i18n::td_string;
use crate::lang::{Locale, money, refusals, requested};
use crate::ssr::identity::{IdentityClaim, IdentityDecision};
use crate::ssr::reply::WordRefusal;
use crate::ssr::{app_context, passwords, present, session};
use domain::Cents;
use domain::account::Role;
use domain::credit::MovementKind;
use domain::eligibility::{Eligibility, eligibility, parse_birth_date, parse_departement};
use domain::text::NewPassword;
use store::NewUser;

/// A name (a person's, a structure's) from `field`, refused in the reader's language.
pub(crate) fn name(field: &str, value: &str) -> Result<String, AppError> {
    let refused = |reason| domain::pro::refuse(field, reason);
    Ok(domain::account::name(value).map_err(refused)?.to_owned())
}

pub async fn sign_up(account: NewAccount, next: Option<String>) -> Result<SessionUser, AppError> {
    let ctx = app_context()?;
    let now = ctx.now();
    let email = crate::ssr::mail::mail_address("email", &account.email)?;
    let password = NewPassword::parse(&account.password).map_err(|e| {
        AppError::invalid(
            "password",
            crate::lang::fields::text(crate::lang::requested(), &e),
        )
    })?;
    let first_name = name("first_name", &account.first_name)?;
    let last_name = name("last_name", &account.last_name)?;
    let birth_date = parse_birth_date(&account.birth_date, now.date_naive())
        .map_err(|e| AppError::invalid("birth_date", refusals::birth_date(requested(), &e)))?;
    let departement = parse_departement(&account.departement).ok_or_else(|| {
        AppError::invalid(
            "departement",
            td_string!(requested(), account.departement_unknown),
        )
    })?;
    let accepted = accepted_at_sign_up(
        account.accept_terms,
        shown(account.terms_version, account.privacy_version),
    )?;
    let password_hash = passwords::hash(password.expose().to_owned()).await?;
    let new_user = NewUser {
        email,
        password_hash,
        first_name: first_name.clone(),
        last_name: last_name.clone(),
        role: Role::Young,
        birth_date: Some(birth_date),
        departement: Some(departement),
    };
    let welcome = check_for(&ctx, &new_user.email, &first_name, LinkMail::Welcome, false);
    let user_id = ctx
        .repo
        .sign_up(&new_user, &welcome, accepted, now)
        .await
        .on_conflict("email", td_string!(requested(), account.email_taken))?;
    // Their mails follow the language they signed up in, until they choose another.
    ctx.repo
        .set_language(user_id, crate::lang::tag(crate::lang::requested()))
        .await?;
    let claim = IdentityClaim {
        user_id,
        first_name: first_name.clone(),
        last_name,
        birth_date,
    };
    let approved = ctx.identity.check(&claim) == IdentityDecision::Approved;
    ctx.repo.submit_identity(user_id, approved, now).await?;
    if approved {
        crate::ssr::credit::grant_now(&ctx, user_id).await;
    }
    session::open(&ctx, user_id).await?;
    let next = next.as_deref().and_then(domain::text::same_site_path);
    leptos_axum::redirect(next.as_deref().unwrap_or("/portefeuille"));
    Ok(SessionUser {
        id: user_id,
        first_name,
        role: Role::Young,
        unread_notifications: 0,
        email_verified: false,
        must_accept_terms: false,
    })
}

pub(crate) fn signed(locale: Locale, cents: i64) -> String {
    let amount = money::euros(locale, Cents(cents));
    if cents > 0 {
        format!("+{amount}")
    } else {
        amount
    }
}

pub async fn wallet() -> Result<WalletState, AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    let now = ctx.now();
    let locale = crate::lang::requested();
    let Some(wallet) = ctx.repo.wallet(user.id).await? else {
        return Ok(WalletState::NoCredit(
            no_credit_reason(&ctx, &user, locale).await?,
        ));
    };
    // The version the deposit was granted under: a later one never changes it.
    let (name, version) = (&wallet.policy_name, wallet.policy_version);
    let policy = td_string!(locale, wallet.version, name, version).to_string();
    let remaining = |cap: Option<i64>, spent: i64| {
        cap.map(|cap| {
            let amount = money::euros(locale, Cents((cap - spent).max(0)));
            td_string!(locale, wallet.cap_left, amount).to_string()
        })
    };
    let caps = [
        (
            td_string!(locale, wallet.digital_offers),
            remaining(wallet.digital_cap_cents, wallet.digital_spent_cents),
        ),
        (
            td_string!(locale, wallet.physical_goods),
            remaining(wallet.physical_cap_cents, wallet.physical_spent_cents),
        ),
    ]
    .into_iter()
    .filter_map(|(label, left)| left.map(|left| (label.to_owned(), left)))
    .collect();
    let movements = ctx
        .repo
        .movements(user.id)
        .await?
        .into_iter()
        .rev()
        .map(|m| MovementView {
            date: present::date_time(locale, m.created_at, crate::ssr::time::PARIS),
            label: movement_label(locale, m.kind, m.offer_title.as_deref(), m.grant_age),
            amount: signed(locale, m.amount_cents),
        })
        .collect();
    let expires_at = wallet.expires_at;
    let next_grant = ctx
        .repo
        .next_grant(user.id, &ctx.settings.credit_policy, now)
        .await?
        .map(|next| {
            let amount = money::euros(locale, next.amount);
            let (day, age) = (present::calendar_date(locale, next.on), next.age);
            td_string!(locale, wallet.next_grant, amount, day, age).to_string()
        });
    Ok(WalletState::Credit(WalletView {
        policy,
        balance: money::euros(locale, wallet.balance()),
        balance_cents: wallet.balance_cents,
        granted: money::euros(locale, Cents(wallet.amount_cents)),
        // The credit ends at midnight where the person lives: its last day, there.
        expires_on: present::calendar_date(
            locale,
            domain::zones::local_date(expires_at - chrono::Duration::seconds(1), zone_of(&user)),
        ),
        days_left: (expires_at - now).num_days().max(0),
        caps,
        next_grant,
        movements,
    }))
}

/// Where the person's days begin and end: their département's zone.
fn zone_of(user: &store::UserRow) -> domain::zones::Tz {
    domain::zones::of_departement(user.departement.as_deref().unwrap_or_default())
}

async fn no_credit_reason(
    ctx: &crate::ssr::AppContext,
    user: &store::UserRow,
    locale: Locale,
) -> Result<String, AppError> {
    let (Some(Role::Young), Some(birth)) = (user.role(), user.birth_date()) else {
        return Ok(td_string!(locale, wallet.no_credit_staff).to_owned());
    };
    // The version the person's credit will follow: the one of their identity check.
    let policy = ctx
        .repo
        .policy_for(user.id, &ctx.settings.credit_policy, ctx.now())
        .await?;
    let today = domain::zones::local_date(ctx.now(), zone_of(user));
    // The next band comes from the policy already read: no second trip to the store.
    Ok(match eligibility(&policy, birth, today) {
        Eligibility::NotYet { from_age } => match domain::grants::next_grant(&policy, birth, today)
        {
            Some(next) => {
                let amount = money::euros(locale, next.amount);
                let (day, age) = (present::calendar_date(locale, next.on), next.age);
                td_string!(locale, wallet.credit_coming_on, amount, day, age).to_string()
            }
            None => td_string!(locale, wallet.credit_coming, age = from_age).to_string(),
        },
        Eligibility::TooLate => td_string!(locale, wallet.too_late).to_owned(),
        Eligibility::Eligible { .. } => td_string!(locale, wallet.identity_pending).to_owned(),
    })
}

pub async fn balance() -> Result<Option<i64>, AppError> {
    let ctx = app_context()?;
    let Some(user) = session::current_user(&ctx).await? else {
        return Ok(None);
    };
    Ok(ctx
        .repo
        .wallet(user.id)
        .await?
        .filter(|w| w.expires_at > ctx.now())
        .map(|w| w.balance_cents))
}

/// What a line of the ledger says, to its owner and to the team: its kind, the offer
/// of the booking behind it, the age band of a grant.
pub fn movement_label(
    locale: Locale,
    kind: MovementKind,
    offer_title: Option<&str>,
    grant_age: Option<i64>,
) -> String {
    match (kind, offer_title) {
        (MovementKind::Grant, _) => match grant_age {
            Some(age) => td_string!(locale, wallet.grant_of_age, age).to_string(),
            None => td_string!(locale, wallet.grant).to_owned(),
        },
        (MovementKind::Debit, Some(title)) => {
            td_string!(locale, wallet.debit_of, title).to_string()
        }
        (MovementKind::Refund, Some(title)) => {
            td_string!(locale, wallet.refund_of, title).to_string()
        }
        (MovementKind::Debit, None) => td_string!(locale, wallet.debit).to_owned(),
        (MovementKind::Refund, None) => td_string!(locale, wallet.refund).to_owned(),
        (MovementKind::Correction, _) => td_string!(locale, wallet.correction).to_owned(),
    }
}
