//! The people pages and the audit log, on the server: administrators only. The rules
//! (what a query is, a reason, a correction) are `domain::admin`'s; each change and its
//! row of the audit log are one transaction of the store.

use super::dto::*;
use crate::error::AppError;
use crate::features::account::service::{movement_label, signed};
use crate::lang::Locale;
use crate::ssr::time::PARIS;
use crate::ssr::{AppContext, app_context, present, session};
use chrono::NaiveDate;
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

fn role_label(role: &str) -> String {
    match Role::parse(role) {
        Some(Role::Young) => "Jeune",
        Some(Role::Partner) => "Partenaire",
        Some(Role::Admin) => "Administrateur",
        None => "Inconnu",
    }
    .to_owned()
}

fn identity_label(status: Option<&str>) -> String {
    match status {
        Some("pending") => "Identité à vérifier",
        Some("approved") => "Identité validée",
        Some("rejected") => "Identité refusée",
        _ => "Identité non déclarée",
    }
    .to_owned()
}

fn birth_date(stored: Option<&str>) -> String {
    stored
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(present::french_calendar_date)
        .unwrap_or_else(|| "—".to_owned())
}

fn person_line(row: PersonRow) -> PersonLine {
    PersonLine {
        id: row.id,
        name: format!("{} {}", row.first_name, row.last_name),
        email: row.email,
        role: role_label(&row.role),
        birth_date: birth_date(row.birth_date.as_deref()),
        identity: identity_label(row.identity_status.as_deref()),
        suspended: row.suspended,
    }
}

pub async fn find(q: String, after: Option<i64>) -> Result<PeoplePage, AppError> {
    let ctx = app_context()?;
    admin(&ctx).await?;
    let query = PeopleQuery::parse(&q).map_err(|e| AppError::invalid("q", e))?;
    let page = ctx.repo.search_people(query.as_ref(), after, PAGE).await?;
    let next = page.next.map(|id| {
        format!(
            "/admin/personnes?q={}&apres={id}",
            encode_component(q.trim())
        )
    });
    Ok(PeoplePage {
        summary: domain::text::counted(page.total, "personne", "personnes"),
        rows: page.rows.into_iter().map(person_line).collect(),
        next,
    })
}

pub async fn details(user_id: i64) -> Result<PersonView, AppError> {
    let ctx = app_context()?;
    admin(&ctx).await?;
    let row = ctx.repo.person(user_id).await?.ok_or(AppError::NotFound)?;
    let data = ctx.repo.personal_data(user_id).await?;
    let now = ctx.now();
    let account = &data.account;
    let mut facts = vec![
        (
            "Né(e) le".to_owned(),
            birth_date(account.birth_date.as_deref()),
        ),
        (
            "Département".to_owned(),
            account
                .departement
                .clone()
                .unwrap_or_else(|| "—".to_owned()),
        ),
        (
            "Inscrit(e) le".to_owned(),
            present::french_date(account.created_at),
        ),
        (
            "Adresse e-mail".to_owned(),
            match account.email_verified_at {
                Some(at) => format!("vérifiée le {}", present::french_date(at)),
                None => "pas encore vérifiée".to_owned(),
            },
        ),
    ];
    if let Some(check) = &data.identity_check {
        facts.push((
            "Identité déclarée le".to_owned(),
            present::french_date(check.submitted_at),
        ));
    }
    let credit = data.credit.first().map(|deposit| CreditLine {
        balance: Cents(deposit.balance_cents).to_string(),
        details: format!(
            "{} reçus · politique {} · {} le {}",
            Cents(deposit.amount_cents),
            domain::credit::version_label(&deposit.policy, deposit.policy_version),
            if deposit.expires_at <= now {
                "a expiré"
            } else {
                "expire"
            },
            present::french_date(deposit.expires_at)
        ),
        expired: deposit.expires_at <= now,
    });
    let ledger = data
        .ledger
        .iter()
        .rev()
        .map(|m| LedgerLine {
            date: present::french_date_time(m.created_at, PARIS),
            label: match MovementKind::try_from(m.kind.clone()) {
                // The person's own ledger says "tes 18 ans"; the team reads about them.
                Ok(MovementKind::Grant) if m.grant_age.is_some() => {
                    format!("Crédit des {} ans", m.grant_age.unwrap_or_default())
                }
                Ok(kind) => movement_label(Locale::fr, kind, m.offer_title.as_deref(), m.grant_age),
                Err(_) => m.kind.clone(),
            },
            amount: signed(Locale::fr, m.amount_cents),
            note: m.note.clone(),
        })
        .collect();
    let bookings = data
        .bookings
        .iter()
        .rev()
        .map(|b| BookingLine {
            date: present::french_date(b.booked_at),
            offer: b.offer_title.clone(),
            venue: b.venue.clone(),
            amount: Cents(b.amount_cents).to_string(),
            status: domain::ticket::BookingStatus::parse(&b.status)
                .map(|s| s.label().to_owned())
                .unwrap_or_else(|| b.status.clone()),
        })
        .collect();
    let comments = data
        .comments
        .iter()
        .rev()
        .map(|c| CommentLine {
            date: present::french_date(c.created_at),
            about: c.about.clone(),
            body: c.body.clone(),
            status: match (c.deleted_at, c.status.as_str()) {
                (Some(_), _) => "supprimé par son auteur",
                (None, "hidden") => "masqué",
                (None, "pending") => "en attente de modération",
                (None, _) => "visible",
            }
            .to_owned(),
        })
        .collect();
    let sessions = data
        .sessions
        .iter()
        .map(|s| {
            format!(
                "ouverte le {}, jusqu'au {}",
                present::french_date_time(s.created_at, PARIS),
                present::french_date(s.expires_at)
            )
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
        role: role_label(&row.role),
        is_admin: Role::parse(&row.role) == Some(Role::Admin),
        facts,
        identity: identity_label(row.identity_status.as_deref()),
        suspension: account.suspended_at.map(|at| Suspension {
            since: present::french_date_time(at, PARIS),
            reason: account.suspension_reason.clone().unwrap_or_default(),
        }),
        credit,
        ledger,
        bookings,
        comments,
        sessions,
        history: history.rows.into_iter().map(audit_line).collect(),
    })
}

fn reason(text: &str) -> Result<String, AppError> {
    parse_reason(text).map_err(|e| AppError::invalid("reason", e))
}

pub async fn suspend(user_id: i64, why: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let admin_id = admin(&ctx).await?;
    let why = reason(&why)?;
    let record = ActionRecord::new(admin_id, AdminAction::PersonSuspended, user_id).because(&why);
    if ctx.repo.suspend_person(user_id, &record, ctx.now()).await? {
        Ok(())
    } else {
        let person = ctx.repo.person(user_id).await?.ok_or(AppError::NotFound)?;
        Err(AppError::invalid(
            "reason",
            if person.suspended {
                "Ce compte est déjà suspendu"
            } else {
                "Un compte d'administrateur ne se suspend pas ici"
            },
        ))
    }
}

pub async fn lift(user_id: i64, why: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let admin_id = admin(&ctx).await?;
    let why = reason(&why)?;
    let record = ActionRecord::new(admin_id, AdminAction::SuspensionLifted, user_id).because(&why);
    if ctx
        .repo
        .lift_suspension(user_id, &record, ctx.now())
        .await?
    {
        Ok(())
    } else {
        ctx.repo.person(user_id).await?.ok_or(AppError::NotFound)?;
        Err(AppError::invalid("reason", "Ce compte n'est pas suspendu"))
    }
}

/// Corrects a person's credit; returns the new balance, in words.
pub async fn correct(user_id: i64, amount: String, why: String) -> Result<String, AppError> {
    let ctx = app_context()?;
    let admin_id = admin(&ctx).await?;
    let amount = parse_correction(&amount).map_err(|e| AppError::invalid("amount", e))?;
    let why = reason(&why)?;
    ctx.repo.person(user_id).await?.ok_or(AppError::NotFound)?;
    let record = ActionRecord::new(admin_id, AdminAction::CreditCorrected, user_id)
        .because(&why)
        .detail(signed(Locale::fr, amount.get()));
    let balance = ctx
        .repo
        .correct_credit(user_id, amount, &record, ctx.now())
        .await?;
    Ok(format!("Crédit corrigé : il reste {balance}."))
}

fn audit_line(row: AdminActionRow) -> AuditLine {
    let (subject, link) = match row.subject {
        SubjectKind::Person => (
            format!("Personne n° {}", row.subject_id),
            Some(format!("/admin/personnes/{}", row.subject_id)),
        ),
        SubjectKind::Structure => (format!("Structure n° {}", row.subject_id), None),
        SubjectKind::Comment => (format!("Commentaire n° {}", row.subject_id), None),
        // Waiting or withdrawn offers have no public page.
        SubjectKind::Offer => (format!("Offre n° {}", row.subject_id), None),
        SubjectKind::Run => (
            format!("Virement n° {}", row.subject_id),
            Some(format!("/admin/remboursements/{}", row.subject_id)),
        ),
        SubjectKind::Policy => (
            format!("Politique n° {}", row.subject_id),
            Some("/admin/politiques".to_owned()),
        ),
    };
    AuditLine {
        id: row.id,
        date: present::french_date_time(row.at, PARIS),
        admin: row.admin_name,
        action: row.action.label().to_owned(),
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
    let action = match action.trim() {
        "" => None,
        name => Some(
            AdminAction::parse(name)
                .ok_or_else(|| AppError::invalid("action", "Ce type d'action n'existe pas"))?,
        ),
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
        summary: domain::text::counted(page.total, "action", "actions"),
        rows: page.rows.into_iter().map(audit_line).collect(),
        next,
        actions: AdminAction::ALL
            .iter()
            .map(|a| (a.to_stored().to_owned(), a.label().to_owned()))
            .collect(),
    })
}
