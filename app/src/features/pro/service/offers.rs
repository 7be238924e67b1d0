//! Offers, price categories and stocks of a structure, edited by its partners within the
//! domain's rules (`domain::pro`).

use crate::error::AppError;
use crate::features::pro::dto::{
    DatesForm, OfferEditor, OfferLine, OfferList, PriceCategoryView, StockView,
};
use crate::i18n::td_string;
use crate::lang::{Locale, money, offer_state, requested};
use crate::ssr::access::partner_of;
use crate::ssr::reply::WordRefusal;
use crate::ssr::time::{input_value, to_utc, zone};
use crate::ssr::{AppContext, app_context, present};
use chrono::{NaiveTime, Weekday};
use domain::catalogue::subcategory;
use domain::pro::offer::{OfferForm, VenueKind};
use domain::pro::review::{ReviewCause, review_cause};
use domain::pro::state::OfferState;
use domain::pro::stock::{
    MAX_STOCKS, PriceCategory, Series, check_event_date, optional_local_time, parse_quantity,
    parse_thing_stock,
};
use store::{NewStock, OfferStatus, Owned, PartnerOfferQuery, PartnerOfferRow, StockChange};

fn category_label(locale: Locale, id: &str) -> String {
    crate::lang::catalogue::subcategory(locale, id)
}

fn line(locale: Locale, row: PartnerOfferRow) -> OfferLine {
    let state = row.state();
    let zone = zone(&row.postal_code);
    OfferLine {
        id: row.id,
        category: category_label(locale, &row.subcategory),
        venue_name: row.venue_name,
        state_key: state.key().to_owned(),
        state_label: offer_state::label(locale, state).to_owned(),
        stocks: row.stocks,
        booked: row.booked,
        next_date: row
            .next_begins_at
            .map(|at| present::date_time(locale, at, zone)),
        title: row.title,
    }
}

/// "1 offre", "120 offres" ("0 offre": French puts nought in the singular).
fn offers_count(locale: Locale, count: i64) -> String {
    if crate::lang::words::singular(locale, count) {
        td_string!(locale, pro_offers.one_offer, count).to_string()
    } else {
        td_string!(locale, pro_offers.offers_count, count).to_string()
    }
}

/// Offers in a page of the partner's list.
const PAGE: i64 = 50;

pub async fn list(
    structure_id: i64,
    venue_id: Option<i64>,
    state: Option<String>,
    apres: Option<i64>,
) -> Result<OfferList, AppError> {
    let ctx = app_context()?;
    let locale = requested();
    let partner = partner_of(&ctx, Owned::Structure(structure_id)).await?;
    let state_key = state.as_deref().map(str::trim).unwrap_or_default();
    let state = match state_key {
        "" => None,
        key => Some(OfferState::from_key(key).ok_or_else(|| {
            AppError::invalid("etat", td_string!(locale, pro_offers.unknown_state))
        })?),
    };
    let query = PartnerOfferQuery {
        venue_id,
        state,
        after: apres,
    };
    let page = ctx
        .repo
        .offers_page(partner.structure_id, &query, PAGE, ctx.now())
        .await?;
    let filters: String = [
        ("etat", state.map(|s| s.key().to_owned())),
        ("lieu", venue_id.map(|v| v.to_string())),
    ]
    .into_iter()
    .filter_map(|(key, value)| value.map(|value| format!("{key}={value}&")))
    .collect();
    let next = page.next.map(|after| {
        format!(
            "/pro/structures/{}/offres?{filters}apres={after}",
            partner.structure_id
        )
    });
    Ok(OfferList {
        summary: offers_count(locale, page.total),
        next,
        offers: page.rows.into_iter().map(|row| line(locale, row)).collect(),
        venues: super::venues::list(&ctx, partner.structure_id).await?,
        states: OfferState::ALL
            .iter()
            .map(|s| {
                (
                    s.key().to_owned(),
                    offer_state::label(locale, *s).to_owned(),
                )
            })
            .collect(),
    })
}

/// The venue an offer goes to, as the offer form's rules see it.
async fn venue_kind(ctx: &AppContext, venue_id: i64) -> Result<(VenueKind, String), AppError> {
    let venue = ctx.repo.venue(venue_id).await?.ok_or(AppError::NotFound)?;
    let kind = if venue.is_virtual {
        VenueKind::Virtual
    } else {
        VenueKind::Physical
    };
    Ok((kind, venue.postal_code))
}

fn publish_at(
    form: &domain::pro::offer::OfferDraft,
    postal_code: &str,
) -> Option<chrono::DateTime<chrono::Utc>> {
    form.publication_date
        .map(|day| to_utc(day.and_time(NaiveTime::MIN), zone(postal_code)))
}

pub async fn create(venue_id: i64, form: OfferForm) -> Result<i64, AppError> {
    let ctx = app_context()?;
    partner_of(&ctx, Owned::Venue(venue_id)).await?;
    let (kind, postal_code) = venue_kind(&ctx, venue_id).await?;
    let today = crate::ssr::time::to_local(ctx.now(), zone(&postal_code)).date();
    let draft = form.parse(kind, today)?;
    Ok(ctx
        .repo
        .add_offer(
            venue_id,
            &draft,
            publish_at(&draft, &postal_code),
            ctx.now(),
        )
        .await?)
}

pub(super) async fn offer_row(
    ctx: &AppContext,
    offer_id: i64,
) -> Result<PartnerOfferRow, AppError> {
    ctx.repo
        .partner_offer(offer_id, ctx.now())
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn update(offer_id: i64, mut form: OfferForm) -> Result<(), AppError> {
    let ctx = app_context()?;
    let partner = partner_of(&ctx, Owned::Offer(offer_id)).await?;
    let row = offer_row(&ctx, offer_id).await?;
    // The team decides on the words it read.
    if row.status == OfferStatus::Pending {
        return Err(AppError::invalid(
            "status",
            td_string!(requested(), editor.reviewed_no_edit),
        ));
    }
    // The subcategory and the venue are chosen once.
    form.subcategory = row.subcategory.clone();
    let kind = if row.is_virtual {
        VenueKind::Virtual
    } else {
        VenueKind::Physical
    };
    // A publication date already passed may stay as it is.
    let zone = zone(&row.postal_code);
    let today = crate::ssr::time::to_local(ctx.now(), zone).date();
    let published_on = row
        .publish_at
        .map(|at| crate::ssr::time::to_local(at, zone).date());
    let draft = form.parse(kind, published_on.map_or(today, |day| day.min(today)))?;
    ctx.repo
        .update_offer(
            offer_id,
            &draft,
            publish_at(&draft, &row.postal_code),
            ctx.now(),
        )
        .await?;
    // New words of an offer the young can see are checked as at its publication.
    if matches!(row.status, OfferStatus::Published | OfferStatus::Paused) {
        let edited = offer_row(&ctx, offer_id).await?;
        if let Some(cause) = waits_for_review(&ctx, partner.structure_id, &edited).await? {
            ctx.repo.submit_offer(offer_id, cause, ctx.now()).await?;
        }
    }
    Ok(())
}

pub async fn editor(offer_id: i64) -> Result<OfferEditor, AppError> {
    let ctx = app_context()?;
    let locale = requested();
    let partner = partner_of(&ctx, Owned::Offer(offer_id)).await?;
    let row = offer_row(&ctx, offer_id).await?;
    let zone = zone(&row.postal_code);
    let sub = subcategory(&row.subcategory);
    let state = row.state();
    let accessibility = row.accessibility();
    let price_categories = ctx
        .repo
        .price_categories(offer_id)
        .await?
        .into_iter()
        .map(|c| PriceCategoryView {
            id: c.id,
            label: c.label,
            price: money::price(locale, c.price_cents),
        })
        .collect();
    let stocks = ctx
        .repo
        .stocks_of_offer(offer_id)
        .await?
        .into_iter()
        .map(|s| StockView {
            id: s.id,
            price: money::price(locale, s.price_cents),
            price_category: s.price_category,
            quantity: s.quantity.map_or_else(
                || td_string!(locale, editor.unlimited).to_owned(),
                |q| q.to_string(),
            ),
            quantity_value: s.quantity,
            booked: s.booked,
            date: s.begins_at.map(|at| present::date_time(locale, at, zone)),
            begins_at_input: s
                .begins_at
                .map(|at| input_value(at, zone))
                .unwrap_or_default(),
            booking_limit: s
                .booking_limit_at
                .map(|at| present::date_time(locale, at, zone)),
        })
        .collect();
    Ok(OfferEditor {
        id: row.id,
        structure_id: partner.structure_id,
        title: row.title,
        description: row.description,
        artist: row.artist.unwrap_or_default(),
        is_digital: row.url.is_some(),
        url: row.url.unwrap_or_default(),
        withdrawal_details: row.withdrawal_details.unwrap_or_default(),
        booking_contact: row.booking_contact.unwrap_or_default(),
        image_url: row.image_url.clone(),
        publication_date: row
            .publish_at
            .map(|at| crate::ssr::time::to_local(at, zone).date().to_string())
            .unwrap_or_default(),
        category: category_label(locale, &row.subcategory),
        subcategory: row.subcategory,
        is_event: sub.is_some_and(|s| s.is_event),
        can_be_duo: sub.is_some_and(|s| s.can_be_duo),
        is_duo: row.is_duo,
        accessibility,
        venue_name: row.venue_name,
        state_key: state.key().to_owned(),
        state_label: offer_state::label(locale, state).to_owned(),
        rejection_reason: row.rejection_reason,
        review_note: row.review_note,
        in_review: state == domain::pro::state::OfferState::Pending,
        can_publish: state.can_publish(),
        can_pause: state.can_pause(),
        price_categories,
        stocks,
        max_stocks: MAX_STOCKS,
        codes: super::codes::counts(&ctx, offer_id).await?,
    })
}

/// Whether the team must read `row` before the young can find it (`domain::pro::review`):
/// every word they would read is checked.
async fn waits_for_review(
    ctx: &AppContext,
    structure_id: i64,
    row: &PartnerOfferRow,
) -> Result<Option<ReviewCause>, AppError> {
    let published = ctx.repo.published_offers(structure_id).await?;
    let text = [
        Some(row.title.as_str()),
        Some(row.description.as_str()),
        row.artist.as_deref(),
        row.url.as_deref(),
        row.withdrawal_details.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let was_published = matches!(row.status, OfferStatus::Published | OfferStatus::Paused);
    Ok(review_cause(
        published,
        ctx.settings.offers_reviewed_first,
        was_published,
        &text,
        &ctx.settings.watch_words(),
    ))
}

pub async fn set_published(offer_id: i64, publish: bool) -> Result<(), AppError> {
    let ctx = app_context()?;
    let partner = partner_of(&ctx, Owned::Offer(offer_id)).await?;
    let row = offer_row(&ctx, offer_id).await?;
    let state = row.state();
    let status = if publish {
        if !state.can_publish() {
            return Err(AppError::invalid(
                "status",
                td_string!(requested(), editor.cannot_publish),
            ));
        }
        if row.open_stocks == 0 {
            return Err(AppError::invalid(
                "status",
                td_string!(requested(), editor.stock_before_publishing),
            ));
        }
        if let Some(cause) = waits_for_review(&ctx, partner.structure_id, &row).await? {
            ctx.repo.submit_offer(offer_id, cause, ctx.now()).await?;
            return Ok(());
        }
        OfferStatus::Published
    } else {
        if !state.can_pause() {
            return Err(AppError::invalid(
                "status",
                td_string!(requested(), editor.pause_published_only),
            ));
        }
        OfferStatus::Paused
    };
    ctx.repo
        .set_offer_status(offer_id, status, ctx.now())
        .await?;
    Ok(())
}

pub async fn add_price_category(
    offer_id: i64,
    label: String,
    price: String,
) -> Result<i64, AppError> {
    let ctx = app_context()?;
    partner_of(&ctx, Owned::Offer(offer_id)).await?;
    let row = offer_row(&ctx, offer_id).await?;
    if !subcategory(&row.subcategory).is_some_and(|s| s.is_event) {
        return Err(AppError::invalid(
            "label",
            td_string!(requested(), editor.prices_for_events),
        ));
    }
    let category = PriceCategory::parse(&label, &price)?;
    ctx.repo
        .add_price_category(offer_id, &category.label, category.price.cents().get())
        .await
        .on_conflict("label", td_string!(requested(), editor.price_exists))
}

pub async fn add_thing_stock(
    offer_id: i64,
    price: String,
    quantity: String,
    booking_limit: String,
) -> Result<(), AppError> {
    let ctx = app_context()?;
    partner_of(&ctx, Owned::Offer(offer_id)).await?;
    let row = offer_row(&ctx, offer_id).await?;
    if subcategory(&row.subcategory).is_none_or(|s| s.is_event) {
        return Err(AppError::invalid(
            "price",
            td_string!(requested(), editor.event_sold_by_dates),
        ));
    }
    let zone = zone(&row.postal_code);
    let stock = parse_thing_stock(
        &price,
        &quantity,
        &booking_limit,
        crate::ssr::time::to_local(ctx.now(), zone),
    )?;
    let new = NewStock {
        price_cents: stock.price.cents().get(),
        price_category_id: None,
        quantity: stock.quantity,
        booking_limit: stock.booking_limit.map(|l| to_utc(l, zone)),
        begins_at: None,
    };
    ctx.repo.add_stocks(offer_id, &[new], ctx.now()).await?;
    Ok(())
}

/// The weekdays ticked in the dates form (none: every day).
fn weekdays(form: &DatesForm) -> Vec<Weekday> {
    [
        (form.mon, Weekday::Mon),
        (form.tue, Weekday::Tue),
        (form.wed, Weekday::Wed),
        (form.thu, Weekday::Thu),
        (form.fri, Weekday::Fri),
        (form.sat, Weekday::Sat),
        (form.sun, Weekday::Sun),
    ]
    .into_iter()
    .filter_map(|(on, day)| on.then_some(day))
    .collect()
}

pub async fn add_event_dates(offer_id: i64, form: DatesForm) -> Result<usize, AppError> {
    let ctx = app_context()?;
    partner_of(&ctx, Owned::Offer(offer_id)).await?;
    let row = offer_row(&ctx, offer_id).await?;
    if !subcategory(&row.subcategory).is_some_and(|s| s.is_event) {
        return Err(AppError::invalid(
            "first_day",
            td_string!(requested(), editor.dates_for_events),
        ));
    }
    let category = ctx
        .repo
        .price_categories(offer_id)
        .await?
        .into_iter()
        .find(|c| form.price_category_id.trim().parse() == Ok(c.id))
        .ok_or_else(|| {
            AppError::invalid(
                "price_category_id",
                td_string!(requested(), editor.choose_price),
            )
        })?;
    let series = Series::parse(
        &form.first_day,
        &form.last_day,
        &weekdays(&form),
        &form.times,
    )?;
    let quantity = parse_quantity(&form.quantity)?;
    let hours_before = match form.hours_before.trim() {
        "" => 0,
        text => text
            .parse::<i64>()
            .ok()
            .filter(|h| (0..=24 * 30).contains(h))
            .ok_or_else(|| {
                AppError::invalid("hours_before", td_string!(requested(), editor.hours_range))
            })?,
    };
    let zone = zone(&row.postal_code);
    let now = crate::ssr::time::to_local(ctx.now(), zone);
    let dates = series.dates();
    if dates.is_empty() {
        return Err(AppError::invalid(
            "first_day",
            td_string!(requested(), editor.no_matching_date),
        ));
    }
    domain::pro::stock::check_stock_count(
        true,
        usize::try_from(row.stocks).unwrap_or(0),
        dates.len(),
    )?;
    let stocks = dates
        .into_iter()
        .map(|begins_at| {
            let limit = begins_at - chrono::Duration::hours(hours_before);
            let stock = check_event_date(begins_at, Some(limit), quantity, now)?;
            Ok(NewStock {
                price_cents: category.price_cents,
                price_category_id: Some(category.id),
                quantity: stock.quantity,
                booking_limit: Some(to_utc(stock.booking_limit, zone)),
                begins_at: Some(to_utc(stock.begins_at, zone)),
            })
        })
        .collect::<Result<Vec<_>, domain::pro::FieldError>>()?;
    Ok(ctx.repo.add_stocks(offer_id, &stocks, ctx.now()).await?)
}

pub async fn change_stock(
    stock_id: i64,
    quantity: String,
    begins_at: String,
) -> Result<(), AppError> {
    let ctx = app_context()?;
    partner_of(&ctx, Owned::Stock(stock_id)).await?;
    let offer_id = ctx
        .repo
        .offer_of_stock(stock_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let row = offer_row(&ctx, offer_id).await?;
    let stock = ctx
        .repo
        .stocks_of_offer(offer_id)
        .await?
        .into_iter()
        .find(|s| s.id == stock_id)
        .ok_or(AppError::NotFound)?;
    let zone = zone(&row.postal_code);
    let quantity = parse_quantity(&quantity)?;
    if quantity != stock.quantity {
        super::codes::refuse_typed_quantity(&ctx, offer_id, stock_id).await?;
    }
    let (old_start, old_limit) = (stock.begins_at, stock.booking_limit_at);
    let typed = optional_local_time("begins_at", &begins_at)?.map(|start| to_utc(start, zone));
    // The edit form always sends the date: only a different one moves the event, and
    // its booking limit keeps the same gap before the start.
    let change = match (typed, old_start) {
        (Some(start), Some(old)) if start != old => {
            let gap = old_limit.map_or(chrono::Duration::zero(), |limit| old - limit);
            let local = crate::ssr::time::to_local(start, zone);
            let now = crate::ssr::time::to_local(ctx.now(), zone);
            let checked = check_event_date(local, Some(local - gap), quantity, now)?;
            StockChange {
                quantity,
                booking_limit: Some(to_utc(checked.booking_limit, zone)),
                begins_at: Some(start),
            }
        }
        _ => StockChange {
            quantity,
            booking_limit: old_limit,
            begins_at: old_start,
        },
    };
    ctx.repo.change_stock(stock_id, &change, ctx.now()).await?;
    Ok(())
}

pub async fn delete_stock(stock_id: i64) -> Result<u64, AppError> {
    let ctx = app_context()?;
    partner_of(&ctx, Owned::Stock(stock_id)).await?;
    Ok(ctx.repo.delete_stock(stock_id, ctx.now()).await?)
}
