//! The people pages and the audit log, on the server: administrators only. The rules
//! (what a query is, a reason, a correction) are `domain::admin`'s; each change and its
//! row of the audit log are one transaction of the store.

use super::dto::*;
use crate::error::AppError;
use crate::features::account::service::{movement_label, signed};
use crate::i18n::td_string;
use crate::lang::admin;
use crate::lang::words::counted;
use crate::lang::{Locale, money, requested};
use crate::ssr::time::PARIS;
use crate::ssr::{AppContext, app_context, present, session};
use chrono::{DateTime, NaiveDate, Utc};
use domain::Cents;
use domain::account::Role;
use domain::admin::{AdminAction, PeopleQuery, SubjectKind, parse_correction, parse_reason};
use domain::credit::MovementKind;
use domain::search::encode_component;
use store::{ActionRecord, AdminActionRow, AuditFilter, PersonRow};

/// Rows per page of the people search and of the log.
const PAGE: i64 = 50;

async fn admin(ctx: &AppContext) -> Result<i64, AppError> {
    Ok(session::require_role(ctx, Role::Admin).await?.id)
}

fn role_label(locale: Locale, role: &str) -> String {
    match Role::parse(role) {
        Some(Role::Young) => td_string!(locale, admin_people.role_young),
        Some(Role::Partner) => td_string!(locale, admin_people.role_partner),
        Some(Role::Admin) => td_string!(locale, admin_people.role_admin),
        None => td_string!(locale, admin_people.role_unknown),
    }
    .to_owned()
}

fn identity_label(locale: Locale, status: Option<&str>) -> String {
    match status {
        Some("pending") => td_string!(locale, admin_people.identity_pending),
        Some("approved") => td_string!(locale, admin_people.identity_approved),
        Some("rejected") => td_string!(locale, admin_people.identity_rejected),
        _ => td_string!(locale, admin_people.identity_none),
    }
    .to_owned()
}

fn birth_date(locale: Locale, stored: Option<&str>) -> String {
    stored
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|day| present::calendar_date(locale, day))
        .unwrap_or_else(|| "—".to_owned())
}

/// "5 déc. 2026", the day in Paris.
fn date(locale: Locale, at: DateTime<Utc>) -> String {
    present::calendar_date(locale, at.with_timezone(&PARIS).date_naive())
}

fn person_line(locale: Locale, row: PersonRow) -> PersonLine {
    PersonLine {
        id: row.id,
        name: format!("{} {}", row.first_name, row.last_name),
        email: row.email,
        role: role_label(locale, &row.role),
        birth_date: birth_date(locale, row.birth_date.as_deref()),
        identity: identity_label(locale, row.identity_status.as_deref()),
        suspended: row.suspended,
    }
}

pub async fn find(q: String, after: Option<i64>) -> Result<PeoplePage, AppError> {
    let ctx = app_context()?;
    admin(&ctx).await?;
    let locale = requested();
    let query =
        PeopleQuery::parse(&q).map_err(|e| AppError::invalid("q", admin::query(locale, e)))?;
    let page = ctx.repo.search_people(query.as_ref(), after, PAGE).await?;
    let next = page.next.map(|id| {
        format!(
            "/admin/personnes?q={}&apres={id}",
            encode_component(q.trim())
        )
    });
    Ok(PeoplePage {
        summary: counted(
            locale,
            page.total,
            td_string!(locale, admin_people.person),
            td_string!(locale, admin_people.people),
        ),
        rows: page
            .rows
            .into_iter()
            .map(|row| person_line(locale, row))
            .collect(),
        next,
    })
}

pub async fn details(user_id: i64) -> Result<PersonView, AppError> {
    let ctx = app_context()?;
    admin(&ctx).await?;
    let row = ctx.repo.person(user_id).await?.ok_or(AppError::NotFound)?;
    let data = ctx.repo.personal_data(user_id).await?;
    let now = ctx.now();
    let locale = requested();
    let account = &data.account;
    let mut facts = vec![
        (
            td_string!(locale, admin_people.born_on).to_owned(),
            birth_date(locale, account.birth_date.as_deref()),
        ),
        (
            td_string!(locale, admin_people.departement).to_owned(),
            account
                .departement
                .clone()
                .unwrap_or_else(|| "—".to_owned()),
        ),
        (
            td_string!(locale, admin_people.signed_up_on).to_owned(),
            date(locale, account.created_at),
        ),
        (
            td_string!(locale, admin_people.email_address).to_owned(),
            match account.email_verified_at {
                Some(at) => {
                    let date = date(locale, at);
                    td_string!(locale, admin_people.email_verified_on, date).to_string()
                }
                None => td_string!(locale, admin_people.email_unverified).to_owned(),
            },
        ),
    ];
    if let Some(check) = &data.identity_check {
        facts.push((
            td_string!(locale, admin_people.identity_declared_on).to_owned(),
            date(locale, check.submitted_at),
        ));
    }
    let credit = data.credit.first().map(|deposit| {
        let amount = money::euros(locale, Cents(deposit.amount_cents));
        let policy = admin::version_label(locale, &deposit.policy, deposit.policy_version);
        let date = date(locale, deposit.expires_at);
        let expired = deposit.expires_at <= now;
        CreditLine {
            balance: money::euros(locale, Cents(deposit.balance_cents)),
            details: if expired {
                td_string!(
                    locale,
                    admin_people.credit_details_expired,
                    amount,
                    policy,
                    date
                )
                .to_string()
            } else {
                td_string!(locale, admin_people.credit_details, amount, policy, date).to_string()
            },
            expired,
        }
    });
    let ledger = data
        .ledger
        .iter()
        .rev()
        .map(|m| LedgerLine {
            date: present::date_time(locale, m.created_at, PARIS),
            label: match MovementKind::try_from(m.kind.clone()) {
                // The person's own ledger says "tes 18 ans"; the team reads about them.
                Ok(MovementKind::Grant) if m.grant_age.is_some() => {
                    let age = m.grant_age.unwrap_or_default();
                    td_string!(locale, admin_people.grant_at_age, age).to_string()
                }
                Ok(kind) => movement_label(locale, kind, m.offer_title.as_deref(), m.grant_age),
                Err(_) => m.kind.clone(),
            },
            amount: signed(locale, m.amount_cents),
            note: m.note.clone(),
        })
        .collect();
    let bookings = data
        .bookings
        .iter()
        .rev()
        .map(|b| BookingLine {
            date: date(locale, b.booked_at),
            offer: b.offer_title.clone(),
            venue: b.venue.clone(),
            amount: money::euros(locale, Cents(b.amount_cents)),
            status: domain::ticket::BookingStatus::parse(&b.status)
                .map(|s| crate::lang::pro::booking_status(locale, s).to_owned())
                .unwrap_or_else(|| b.status.clone()),
        })
        .collect();
    let comments = data
        .comments
        .iter()
        .rev()
        .map(|c| CommentLine {
            date: date(locale, c.created_at),
            about: c.about.clone(),
            body: c.body.clone(),
            status: match (c.deleted_at, c.status.as_str()) {
                (Some(_), _) => td_string!(locale, admin_people.comment_deleted),
                (None, "hidden") => td_string!(locale, admin_people.comment_hidden),
                (None, "pending") => td_string!(locale, admin_people.comment_pending),
                (None, _) => td_string!(locale, admin_people.comment_visible),
            }
            .to_owned(),
        })
        .collect();
    let sessions = data
        .sessions
        .iter()
        .map(|s| {
            let opened = present::date_time(locale, s.created_at, PARIS);
            let until = date(locale, s.expires_at);
            td_string!(locale, admin_people.session, opened, until).to_string()
        })
        .collect();
    let filter = AuditFilter {
        subject: Some((SubjectKind::Person, user_id)),
        ..AuditFilter::default()
    };
    let history = ctx.repo.admin_actions(filter, PAGE).await?;
    Ok(PersonView {
        id: row.id,
        name: format!("{} {}", row.first_name, row.last_name),
        email: row.email,
        role: role_label(locale, &row.role),
        is_admin: Role::parse(&row.role) == Some(Role::Admin),
        facts,
        identity: identity_label(locale, row.identity_status.as_deref()),
        suspension: account.suspended_at.map(|at| Suspension {
            since: present::date_time(locale, at, PARIS),
            reason: account.suspension_reason.clone().unwrap_or_default(),
        }),
        credit,
        ledger,
        bookings,
        comments,
        sessions,
        history: history
            .rows
            .into_iter()
            .map(|row| audit_line(locale, row))
            .collect(),
    })
}

fn reason(locale: Locale, text: &str) -> Result<String, AppError> {
    parse_reason(text).map_err(|e| AppError::invalid("reason", admin::reason(locale, e)))
}

pub async fn suspend(user_id: i64, why: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let admin_id = admin(&ctx).await?;
    let locale = requested();
    let why = reason(locale, &why)?;
    let record = ActionRecord::new(admin_id, AdminAction::PersonSuspended, user_id).because(&why);
    if ctx.repo.suspend_person(user_id, &record, ctx.now()).await? {
        Ok(())
    } else {
        let person = ctx.repo.person(user_id).await?.ok_or(AppError::NotFound)?;
        Err(AppError::invalid(
            "reason",
            if person.suspended {
                td_string!(locale, admin_people.already_suspended)
            } else {
                td_string!(locale, admin_people.admin_not_suspended)
            },
        ))
    }
}

pub async fn lift(user_id: i64, why: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let admin_id = admin(&ctx).await?;
    let locale = requested();
    let why = reason(locale, &why)?;
    let record = ActionRecord::new(admin_id, AdminAction::SuspensionLifted, user_id).because(&why);
    if ctx
        .repo
        .lift_suspension(user_id, &record, ctx.now())
        .await?
    {
        Ok(())
    } else {
        ctx.repo.person(user_id).await?.ok_or(AppError::NotFound)?;
        Err(AppError::invalid(
            "reason",
            td_string!(locale, admin_people.not_suspended),
        ))
    }
}

/// Corrects a person's credit; returns the new balance, in words.
pub async fn correct(user_id: i64, amount: String, why: String) -> Result<String, AppError> {
    let ctx = app_context()?;
    let admin_id = admin(&ctx).await?;
    let locale = requested();
    let amount = parse_correction(&amount)
        .map_err(|e| AppError::invalid("amount", admin::correction(locale, e)))?;
    let why = reason(locale, &why)?;
    ctx.repo.person(user_id).await?.ok_or(AppError::NotFound)?;
    // The log keeps the amount as it was written then, in French.
    let record = ActionRecord::new(admin_id, AdminAction::CreditCorrected, user_id)
        .because(&why)
        .detail(signed(Locale::fr, amount.get()));
    // A refusal of the store (`CorrectionRefusal`) is worded in `locale` by `?`.
    let balance = ctx
        .repo
        .correct_credit(user_id, amount, &record, ctx.now())
        .await?;
    let balance = money::euros(locale, balance);
    Ok(td_string!(locale, admin_people.corrected, balance).to_string())
}

fn audit_line(locale: Locale, row: AdminActionRow) -> AuditLine {
    let id = row.subject_id;
    let (subject, link) = match row.subject {
        SubjectKind::Person => (
            td_string!(locale, admin_audit.subject_person, id).to_string(),
            Some(format!("/admin/personnes/{id}")),
        ),
        SubjectKind::Structure => (
            td_string!(locale, admin_audit.subject_structure, id).to_string(),
            None,
        ),
        SubjectKind::Comment => (
            td_string!(locale, admin_audit.subject_comment, id).to_string(),
            None,
        ),
        // Waiting or withdrawn offers have no public page.
        SubjectKind::Offer => (
            td_string!(locale, admin_audit.subject_offer, id).to_string(),
            None,
        ),
        SubjectKind::Run => (
            td_string!(locale, admin_audit.subject_run, id).to_string(),
            Some(format!("/admin/remboursements/{id}")),
        ),
        SubjectKind::Policy => (
            td_string!(locale, admin_audit.subject_policy, id).to_string(),
            Some("/admin/politiques".to_owned()),
        ),
    };
    AuditLine {
        id: row.id,
        date: present::date_time(locale, row.at, PARIS),
        admin: row.admin_name,
        action: admin::action(locale, row.action).to_owned(),
        subject,
        link,
        reason: row.reason,
        detail: row.detail,
    }
}

/// A page of the log: one kind of action (`action`, its stored name, or all), what was
/// done to one person (`personne`), older than `avant`.
pub async fn log(
    action: String,
    personne: Option<i64>,
    avant: Option<i64>,
) -> Result<AuditPage, AppError> {
    let ctx = app_context()?;
    admin(&ctx).await?;
    let locale = requested();
    let action = match action.trim() {
        "" => None,
        name => Some(AdminAction::parse(name).ok_or_else(|| {
            AppError::invalid("action", td_string!(locale, admin_audit.unknown_action))
        })?),
    };
    let filter = AuditFilter {
        action,
        subject: personne.map(|id| (SubjectKind::Person, id)),
        before: avant,
    };
    let page = ctx.repo.admin_actions(filter, PAGE).await?;
    let next = page.next.map(|id| {
        let mut link = format!("/admin/journal?avant={id}");
        if let Some(action) = action {
            link.push_str(&format!("&action={}", action.to_stored()));
        }
        if let Some(person) = personne {
            link.push_str(&format!("&personne={person}"));
        }
        link
    });
    Ok(AuditPage {
        summary: counted(
            locale,
            page.total,
            td_string!(locale, admin_audit.one),
            td_string!(locale, admin_audit.many),
        ),
        rows: page
            .rows
            .into_iter()
            .map(|row| audit_line(locale, row))
            .collect(),
        next,
        actions: AdminAction::ALL
            .iter()
            .map(|a| {
                (
                    a.to_stored().to_owned(),
                    admin::action(locale, *a).to_owned(),
                )
            })
            .collect(),
    })
}
