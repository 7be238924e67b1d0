//! The offer review on the server: administrators only. Which offers wait is
//! `domain::pro::review`'s rule (applied when a partner publishes); the decision and its
//! row of the audit log are one transaction of the store.

use super::dto::{TeamOfferLine, TeamOffersPage};
use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::admin;
use crate::lang::words::counted;
use crate::lang::{Locale, offer_state, pro, requested};
use crate::ssr::time::PARIS;
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

fn line(locale: Locale, row: TeamOfferRow) -> TeamOfferLine {
    let mut excerpt: String = row.description.chars().take(280).collect();
    if excerpt.len() < row.description.len() {
        excerpt.push('…');
    }
    TeamOfferLine {
        id: row.id,
        title: row.title,
        excerpt,
        origin: {
            let (structure, venue) = (&row.structure_name, &row.venue_name);
            let date =
                present::calendar_date(locale, row.created_at.with_timezone(&PARIS).date_naive());
            td_string!(locale, admin_offers.origin, structure, venue, date).to_string()
        },
        status: offer_state::label(locale, state(row.status)).to_owned(),
        cause: row
            .review_cause
            .and_then(|cause| ReviewCause::try_from(cause).ok())
            .map(|cause| pro::review_cause(locale, cause).to_owned()),
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
    let locale = requested();
    let status = match statut.trim() {
        "" => Some(OfferStatus::Pending),
        EVERY_STATUS => None,
        key => Some(
            OfferStatus::ALL
                .into_iter()
                .find(|s| state(*s).key() == key)
                .ok_or_else(|| {
                    AppError::invalid("statut", td_string!(locale, admin_offers.unknown_status))
                })?,
        ),
    };
    if q.chars().count() > 100 {
        return Err(AppError::invalid(
            "q",
            td_string!(locale, admin_offers.query_too_long),
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
        .map(|s| {
            let label = offer_state::label(locale, state(s));
            (state(s).key().to_owned(), label.to_owned())
        })
        .collect();
    statuses.push((
        EVERY_STATUS.to_owned(),
        td_string!(locale, admin_offers.all_statuses).to_owned(),
    ));
    let selected = status.map_or(EVERY_STATUS, |s| state(s).key()).to_owned();
    Ok(TeamOffersPage {
        summary: counted(
            locale,
            page.total,
            td_string!(locale, admin_offers.offer),
            td_string!(locale, admin_offers.offers),
        ),
        rows: page.rows.into_iter().map(|row| line(locale, row)).collect(),
        next,
        statuses,
        selected,
    })
}

pub async fn decide(offer_id: i64, approve: bool, reason: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    let locale = requested();
    let (action, reason) = if approve {
        (AdminAction::OfferApproved, String::new())
    } else {
        let reason = parse_reason(&reason)
            .map_err(|e| AppError::invalid("reason", admin::reason(locale, e)))?;
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
            td_string!(locale, admin_offers.no_longer_waiting),
        ))
    }
}
