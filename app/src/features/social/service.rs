//! The social side on the server: the domain cleans and checks what people write, the
//! store keeps it with its moderation status; roles are checked here, authorship and
//! limits in the store's transactions.

use super::dto::{About, CommentView, CommentsView, OfferReportView, ReactionsView, ReviewView};
use crate::dto::QueuePage;
use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::{Locale, admin, refusals, requested};
use crate::ssr::access;
use crate::ssr::cards::offer_cards;
use crate::ssr::reply::WordRefusal;
use crate::ssr::{AppContext, app_context, messages, present, session};
use domain::account::Role;
use domain::social::comment::{Badge, CommentOrder, CommentText, can_edit, parse_rating, segments};
use domain::social::moderation::{Decision, flagged, parse_reason};
use store::{
    CommentEdit, CommentTarget, NewComment, OfferWithdrawal, Owned, ReactionKind, StoreError,
};

pub const PAGE_SIZE: i64 = 20;
/// Reported offers in a page of the team's queue.
const OFFER_QUEUE_PAGE: i64 = 50;

fn limited(error: StoreError) -> AppError {
    let locale = crate::lang::requested();
    match error {
        StoreError::LimitReached => {
            AppError::invalid("body", td_string!(locale, social.posting_too_fast))
        }
        StoreError::Conflict(_) => {
            AppError::invalid("reason", td_string!(locale, social.already_done))
        }
        other => other.into(),
    }
}

/// A report's or a withdrawal's reason, refused in the request's language.
fn reason_of(text: &str) -> Result<String, AppError> {
    parse_reason(text).map_err(|refusal| {
        AppError::invalid(
            "reason",
            admin::report_reason(crate::lang::requested(), refusal),
        )
    })
}

fn text(ctx: &AppContext, body: &str) -> Result<(CommentText, bool), AppError> {
    let text = CommentText::parse(body)
        .map_err(|e| AppError::invalid("body", refusals::comment(requested(), &e)))?;
    let flagged = flagged(text.as_str(), &ctx.settings.watch_words());
    Ok((text, flagged))
}

fn shown(ctx: &AppContext, text: &str) -> Vec<domain::social::comment::Segment> {
    let hosts: Vec<&str> = ctx.settings.link_hosts.iter().map(String::as_str).collect();
    segments(text, &hosts)
}

async fn visible_offer(ctx: &AppContext, offer_id: i64) -> Result<(), AppError> {
    ctx.repo
        .offer(offer_id)
        .await?
        .filter(|o| o.is_visible(ctx.now()))
        .map(|_| ())
        .ok_or(AppError::NotFound)
}

/// What the comments are about, once checked that young people may see it.
async fn visible_target(
    ctx: &AppContext,
    about: About,
    id: i64,
) -> Result<CommentTarget, AppError> {
    match about {
        About::Offer => {
            visible_offer(ctx, id).await?;
            Ok(CommentTarget::Offer(id))
        }
        About::Venue => {
            ctx.repo
                .venue(id)
                .await?
                .filter(|v| v.is_visible())
                .ok_or(AppError::NotFound)?;
            Ok(CommentTarget::Venue(id))
        }
    }
}

fn owned(target: CommentTarget) -> Owned {
    match target {
        CommentTarget::Offer(id) => Owned::Offer(id),
        CommentTarget::Venue(id) => Owned::Venue(id),
    }
}

pub async fn list(
    about: About,
    id: i64,
    order: CommentOrder,
    page: Option<u32>,
) -> Result<CommentsView, AppError> {
    let ctx = app_context()?;
    let target = visible_target(&ctx, about, id).await?;
    let page = page.unwrap_or(1).clamp(1, 500);
    let viewer = session::current_user(&ctx).await?;
    let viewer_id = viewer.as_ref().map(|u| u.id);
    let mut rows = ctx
        .repo
        .comments(
            target,
            order,
            viewer_id,
            PAGE_SIZE + 1,
            i64::from(page - 1) * PAGE_SIZE,
        )
        .await?;
    let has_next = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let (count, average) = ctx.repo.comment_stats(target).await?;
    let can_reply = match &viewer {
        Some(user) => access::member(&ctx, user.clone(), owned(target))
            .await
            .is_ok(),
        None => false,
    };
    let now = ctx.now();
    let locale = crate::lang::requested();
    Ok(CommentsView {
        comments: rows
            .into_iter()
            .map(|row| {
                let mine = viewer_id == Some(row.author_id);
                let created_at = row.created_at;
                CommentView {
                    id: row.id,
                    author: row.author_name,
                    body: shown(&ctx, &row.body),
                    rating: row.rating,
                    date: present::calendar_date(
                        locale,
                        created_at
                            .with_timezone(&crate::ssr::time::PARIS)
                            .date_naive(),
                    ),
                    edited: row.edited_at.is_some(),
                    badge: Badge::of(row.went, row.booked)
                        .map(|badge| badge_label(locale, badge).to_owned()),
                    reply: row.reply_body.map(|reply| shown(&ctx, &reply)),
                    mine,
                    editable: (mine && can_edit(created_at, now)).then_some(row.body),
                    helpful: row.helpful,
                    marked_helpful: row.marked_helpful,
                }
            })
            .collect(),
        count,
        average: average.map(|tenths| {
            let rating = present::rating(locale, tenths);
            td_string!(locale, social.out_of_five, rating).to_string()
        }),
        can_post: viewer
            .as_ref()
            .is_some_and(|u| u.role() == Some(Role::Young)),
        can_reply,
        order,
        page,
        has_next,
    })
}

/// A comment's badge as its readers read it.
fn badge_label(locale: Locale, badge: Badge) -> &'static str {
    match badge {
        Badge::WentThere => td_string!(locale, social.went_there),
        Badge::Booked => td_string!(locale, social.booked),
    }
}

pub async fn post(about: About, id: i64, body: String, rating: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let author = session::require_role(&ctx, Role::Young).await?;
    let target = visible_target(&ctx, about, id).await?;
    let (text, flagged) = text(&ctx, &body)?;
    let rating = parse_rating(&rating)
        .map_err(|e| AppError::invalid("rating", refusals::comment(requested(), &e)))?;
    let comment = NewComment {
        author_id: author.id,
        target,
        body: text.as_str().to_owned(),
        rating: rating.map(i64::from),
        flagged,
    };
    ctx.repo
        .add_comment(&comment, ctx.now())
        .await
        .map_err(limited)?;
    Ok(())
}

pub async fn helpful(comment_id: i64) -> Result<bool, AppError> {
    let ctx = app_context()?;
    let user = session::require_role(&ctx, Role::Young).await?;
    ctx.repo
        .toggle_helpful(user.id, comment_id, ctx.now())
        .await
        .map_err(limited)
}

pub async fn edit(comment_id: i64, body: String, rating: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let author = session::require_role(&ctx, Role::Young).await?;
    let (text, flagged) = text(&ctx, &body)?;
    let rating = parse_rating(&rating)
        .map_err(|e| AppError::invalid("rating", refusals::comment(requested(), &e)))?;
    let edit = CommentEdit {
        author_id: author.id,
        comment_id,
        body: text.as_str().to_owned(),
        rating: rating.map(i64::from),
        flagged,
    };
    Ok(ctx.repo.edit_comment(&edit, ctx.now()).await?)
}

pub async fn delete(comment_id: i64) -> Result<(), AppError> {
    let ctx = app_context()?;
    let author = session::require_user(&ctx).await?;
    if ctx
        .repo
        .delete_comment(author.id, comment_id, ctx.now())
        .await?
    {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn report(comment_id: i64, reason: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let reporter = session::require_user(&ctx).await?;
    let reason = reason_of(&reason)?;
    ctx.repo
        .report_comment(comment_id, reporter.id, &reason, ctx.now())
        .await
        .map_err(limited)?;
    Ok(())
}

pub async fn reply(comment_id: i64, body: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let target = ctx
        .repo
        .comment_target(comment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let partner = access::partner_of(&ctx, owned(target)).await?;
    let (text, _) = text(&ctx, &body)?;
    ctx.repo
        .reply_to_comment(partner.user.id, comment_id, text.as_str(), ctx.now())
        .await
        .on_conflict("body", td_string!(requested(), social.reply_exists))
        .map(|_| ())
}

fn reactions_view(r: store::Reactions) -> ReactionsView {
    ReactionsView {
        likes: r.likes,
        wants: r.wants,
        liked: r.liked,
        wanted: r.wanted,
    }
}

pub async fn reactions(offer_id: i64) -> Result<ReactionsView, AppError> {
    let ctx = app_context()?;
    let viewer = session::current_user(&ctx).await?;
    Ok(reactions_view(
        ctx.repo.reactions(offer_id, viewer.map(|u| u.id)).await?,
    ))
}

pub async fn toggle(offer_id: i64, kind: String) -> Result<ReactionsView, AppError> {
    let ctx = app_context()?;
    let user = session::require_role(&ctx, Role::Young).await?;
    visible_offer(&ctx, offer_id).await?;
    let kind = match kind.as_str() {
        "like" => ReactionKind::Like,
        "want" => ReactionKind::Want,
        _ => {
            let refusal = td_string!(requested(), social.reaction_unknown);
            return Err(AppError::invalid("kind", refusal));
        }
    };
    ctx.repo
        .toggle_reaction(user.id, offer_id, kind, ctx.now())
        .await
        .map_err(limited)?;
    Ok(reactions_view(
        ctx.repo.reactions(offer_id, Some(user.id)).await?,
    ))
}

pub async fn follow(venue_id: i64, follow: bool) -> Result<bool, AppError> {
    let ctx = app_context()?;
    let user = session::require_role(&ctx, Role::Young).await?;
    visible_target(&ctx, About::Venue, venue_id).await?;
    ctx.repo
        .follow_venue(user.id, venue_id, follow, ctx.now())
        .await?;
    Ok(follow)
}

pub async fn follows(venue_id: i64) -> Result<bool, AppError> {
    let ctx = app_context()?;
    match session::current_user(&ctx).await? {
        Some(user) => Ok(ctx.repo.follows(user.id, venue_id).await?),
        None => Ok(false),
    }
}

pub async fn followed_offers() -> Result<Vec<crate::dto::OfferCard>, AppError> {
    let ctx = app_context()?;
    let user = session::require_role(&ctx, Role::Young).await?;
    let rows = ctx.repo.followed_offers(user.id, ctx.now(), 60).await?;
    offer_cards(&ctx, rows, None).await
}

pub async fn queue(after: Option<i64>) -> Result<QueuePage<ReviewView>, AppError> {
    use crate::lang::words::counted;
    let ctx = app_context()?;
    session::require_role(&ctx, Role::Admin).await?;
    let locale = crate::lang::requested();
    let page = ctx.repo.comments_to_review(after, 50).await?;
    let line = |row: store::ReviewRow| ReviewView {
        id: row.id,
        author_id: row.author_id,
        author: row.author_name,
        body: row.body,
        why: if row.reports > 0 {
            counted(
                locale,
                row.reports,
                td_string!(locale, admin_moderation.report),
                td_string!(locale, admin_moderation.reports),
            )
        } else if row.flagged {
            td_string!(locale, admin_moderation.watched_word).to_owned()
        } else {
            td_string!(locale, admin_moderation.to_review).to_owned()
        },
        link: match (row.offer_id, row.venue_id) {
            (Some(id), _) => format!("/offres/{id}"),
            (_, Some(id)) => format!("/lieux/{id}"),
            _ => "/".to_owned(),
        },
        date: present::calendar_date(
            locale,
            row.created_at
                .with_timezone(&crate::ssr::time::PARIS)
                .date_naive(),
        ),
    };
    Ok(present::queue_page(
        locale,
        page,
        line,
        (
            td_string!(locale, admin_moderation.comment_to_moderate),
            td_string!(locale, admin_moderation.comments_to_moderate),
        ),
        "/admin/moderation",
    ))
}

pub async fn moderate(comment_id: i64, approve: bool) -> Result<(), AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    let decision = if approve {
        Decision::Approved
    } else {
        Decision::Hidden
    };
    if ctx
        .repo
        .decide_comment(comment_id, decision, admin.id, ctx.now())
        .await?
    {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether the signed-in person has reported the offer; `false` for visitors.
pub async fn has_reported_offer(offer_id: i64) -> Result<bool, AppError> {
    let ctx = app_context()?;
    match session::current_user(&ctx).await? {
        Some(user) => Ok(ctx.repo.has_reported_offer(offer_id, user.id).await?),
        None => Ok(false),
    }
}

pub async fn report_offer(offer_id: i64, reason: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let reporter = session::require_role(&ctx, Role::Young).await?;
    visible_offer(&ctx, offer_id).await?;
    let reason = reason_of(&reason)?;
    ctx.repo
        .report_offer(offer_id, reporter.id, &reason, ctx.now())
        .await
        .map_err(limited)
}

/// Reported offers waiting for the team, one offer a line (each says since when it is
/// reported), 50 a page after the offer `apres` (the comments' queue on the same page keeps
/// its own cursor).
pub async fn offer_queue(apres: Option<i64>) -> Result<QueuePage<OfferReportView>, AppError> {
    use crate::lang::words::counted;
    let ctx = app_context()?;
    session::require_role(&ctx, Role::Admin).await?;
    let locale = crate::lang::requested();
    let page = ctx.repo.offers_to_review(apres, OFFER_QUEUE_PAGE).await?;
    Ok(QueuePage {
        summary: counted(
            locale,
            page.total,
            td_string!(locale, admin_moderation.reported_offer),
            td_string!(locale, admin_moderation.reported_offers),
        ),
        next: page
            .next
            .map(|after| format!("/admin/moderation?offres_apres={after}")),
        rows: page
            .rows
            .into_iter()
            .map(|row| {
                let reports = counted(
                    locale,
                    row.reports,
                    td_string!(locale, admin_moderation.report),
                    td_string!(locale, admin_moderation.reports),
                );
                let date = present::calendar_date(
                    locale,
                    row.first_reported_at
                        .with_timezone(&crate::ssr::time::PARIS)
                        .date_naive(),
                );
                OfferReportView {
                    offer_id: row.offer_id,
                    title: row.title,
                    venue_name: row.venue_name,
                    summary: td_string!(locale, admin_moderation.reports_since, reports, date)
                        .to_string(),
                    last_reason: row.last_reason,
                    active_bookings: row.active_bookings,
                }
            })
            .collect(),
    })
}

pub async fn keep_offer(offer_id: i64) -> Result<(), AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    if ctx.repo.keep_offer(offer_id, admin.id, ctx.now()).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn withdraw_offer(offer_id: i64, reason: String) -> Result<u64, AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    let reason = reason_of(&reason)?;
    let offer = ctx.repo.offer(offer_id).await?.ok_or(AppError::NotFound)?;
    let withdrawal = OfferWithdrawal {
        offer_id,
        admin_id: admin.id,
        mail: messages::letter(|locale| {
            let withdrawn = messages::OfferWithdrawn {
                offer_title: offer.title.clone(),
                reason: reason.clone(),
            };
            messages::offer_withdrawn(locale, &withdrawn)
        }),
        reason,
    };
    Ok(ctx.repo.withdraw_offer(&withdrawal, ctx.now()).await?)
}
