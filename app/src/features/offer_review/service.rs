//! The offer review on the server: administrators only. Which offers wait is
//! `domain::pro::review`'s rule (applied when a partner publishes); the decision and its
//! row of the audit log are one transaction of the store.

use super::dto::{TeamOfferLine, TeamOffersPage};
use crate::error::AppError;
use crate::ssr::{app_context, present, session};
use domain::account::Role;
use domain::admin::{AdminAction, parse_reason};
use domain::pro::review::ReviewCause;
use domain::pro::state::OfferState;
use domain::pro::status::OfferStatus;
use domain::search::encode_component;
use store::{ActionRecord, TeamOfferQuery, TeamOfferRow};

const PAGE: i64 = 50;
/// The `statut` that lists every offer; an empty one lists the waiting offers.
const EVERY_STATUS: &str = "toutes";

/// The state an offer's stored status shows as, for its key and label.
fn state(status: OfferStatus) -> OfferState {
    match status {
        OfferStatus::Draft => OfferState::Draft,
        OfferStatus::Pending => OfferState::Pending,
        OfferStatus::Rejected => OfferState::Rejected,
        OfferStatus::Published => OfferState::Published,
        OfferStatus::Paused => OfferState::Paused,
    }
}

fn line(row: TeamOfferRow) -> TeamOfferLine {
    let mut excerpt: String = row.description.chars().take(280).collect();
    if excerpt.len() < row.description.len() {
        excerpt.push('…');
    }
    TeamOfferLine {
        id: row.id,
        title: row.title,
        excerpt,
        origin: format!(
            "{} · {} · créée le {}",
            row.structure_name,
            row.venue_name,
            present::french_date(row.created_at)
        ),
        status: state(row.status).label().to_owned(),
        cause: row
            .review_cause
            .and_then(|cause| ReviewCause::try_from(cause).ok())
            .map(|cause| cause.label().to_owned()),
        waiting: row.status == OfferStatus::Pending,
    }
}

pub async fn list(
    q: String,
    statut: String,
    apres: Option<i64>,
) -> Result<TeamOffersPage, AppError> {
    let ctx = app_context()?;
    session::require_role(&ctx, Role::Admin).await?;
    let status = match statut.trim() {
        "" => Some(OfferStatus::Pending),
        EVERY_STATUS => None,
        key => Some(
            OfferStatus::ALL
                .into_iter()
                .find(|s| state(*s).key() == key)
                .ok_or_else(|| AppError::invalid("statut", "Ce statut n'existe pas"))?,
        ),
    };
    if q.chars().count() > 100 {
        return Err(AppError::invalid(
            "q",
            "Cherche avec quelques mots (100 caractères au plus)",
        ));
    }
    let query = TeamOfferQuery {
        words: Some(q.clone()),
        status,
        after: apres,
    };
    let page = ctx.repo.team_offers(&query, PAGE).await?;
    let next = page.next.map(|id| {
        format!(
            "/admin/offres?q={}&statut={}&apres={id}",
            encode_component(q.trim()),
            encode_component(statut.trim())
        )
    });
    let mut statuses: Vec<(String, String)> = OfferStatus::ALL
        .into_iter()
        .map(|s| (state(s).key().to_owned(), state(s).label().to_owned()))
        .collect();
    statuses.push((EVERY_STATUS.to_owned(), "Tous les statuts".to_owned()));
    let selected = status.map_or(EVERY_STATUS, |s| state(s).key()).to_owned();
    Ok(TeamOffersPage {
        summary: domain::text::counted(page.total, "offre", "offres"),
        rows: page.rows.into_iter().map(line).collect(),
        next,
        statuses,
        selected,
    })
}

pub async fn decide(offer_id: i64, approve: bool, reason: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    let (action, reason) = if approve {
        (AdminAction::OfferApproved, String::new())
    } else {
        let reason = parse_reason(&reason).map_err(|e| AppError::invalid("reason", e))?;
        (AdminAction::OfferRefused, reason)
    };
    let record = ActionRecord::new(admin.id, action, offer_id).because(&reason);
    if ctx
        .repo
        .decide_offer(offer_id, approve, &record, ctx.now())
        .await?
    {
        Ok(())
    } else {
        Err(AppError::invalid(
            "offer_id",
            "Cette offre n'attend plus de décision",
        ))
    }
}
