//! The dashboard's server functions, all under `/api/pro/`: each is a thin call to
//! `service`, which starts with the one ownership check (`ssr::access`). The
//! authorization test (`server/tests/dashboard_authorization.rs`) calls every one of
//! them as each kind of visitor.

use super::dto::*;
use crate::dto::SessionUser;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::reply;
use domain::pro::offer::OfferForm;
use domain::pro::venue::VenueForm;
use leptos::prelude::*;

#[server(prefix = "/api/pro", endpoint = "sign_up")]
pub async fn partner_sign_up(
    first_name: String,
    last_name: String,
    email: String,
    password: String,
    #[server(default)] accept_terms: bool,
    #[server(default)] terms_version: Option<u32>,
    #[server(default)] privacy_version: Option<u32>,
) -> Result<SessionUser, AppError> {
    let accepted = (
        accept_terms,
        crate::features::legal::service::shown(terms_version, privacy_version),
    );
    let user = reply(
        super::service::structures::sign_up(first_name, last_name, email, password, accepted).await,
    )?;
    leptos_axum::redirect("/pro");
    Ok(user)
}

#[server(prefix = "/api/pro", endpoint = "structures")]
pub async fn my_structures() -> Result<Vec<StructureView>, AppError> {
    reply(super::service::structures::mine().await)
}

#[server(prefix = "/api/pro", endpoint = "booking_mail")]
pub async fn my_booking_mail() -> Result<domain::notification::BookingMail, AppError> {
    reply(super::service::structures::booking_mail().await)
}

#[server(prefix = "/api/pro", endpoint = "choose_booking_mail")]
pub async fn choose_booking_mail(choice: String) -> Result<(), AppError> {
    reply(super::service::structures::choose_booking_mail(choice).await)
}

#[server(prefix = "/api/pro", endpoint = "register_structure")]
pub async fn register_structure(name: String, siren: String) -> Result<i64, AppError> {
    let id = reply(super::service::structures::register(name, siren).await)?;
    leptos_axum::redirect(&format!("/pro/structures/{id}"));
    Ok(id)
}

#[server(prefix = "/api/pro", endpoint = "accept_invitation")]
pub async fn accept_invitation(token: String) -> Result<i64, AppError> {
    let id = reply(super::service::structures::accept(token).await)?;
    leptos_axum::redirect(&format!("/pro/structures/{id}"));
    Ok(id)
}

/// Invites a colleague by an e-mailed link, as an administrator (`admin`) or an editor
/// (`editor`) of the structure; its administrators only.
#[server(prefix = "/api/pro", endpoint = "invite")]
pub async fn invite_colleague(
    structure_id: i64,
    email: String,
    role: String,
) -> Result<(), AppError> {
    reply(super::service::structures::invite(structure_id, email, role).await)
}

/// The structure's team, and whether the one asking manages it.
#[server(prefix = "/api/pro", endpoint = "team")]
pub async fn structure_team(structure_id: i64) -> Result<TeamView, AppError> {
    reply(super::service::team::team(structure_id).await)
}

/// Another role for a member (`role`: `admin`, `editor`), or out of the team (`role`
/// empty); the structure's administrators only, and never its last administrator.
#[server(prefix = "/api/pro", endpoint = "change_member")]
pub async fn change_member(structure_id: i64, user_id: i64, role: String) -> Result<(), AppError> {
    reply(super::service::team::change(structure_id, user_id, role).await)
}

#[server(prefix = "/api/pro", endpoint = "home")]
pub async fn load_dashboard_home(structure_id: i64) -> Result<DashboardHome, AppError> {
    reply(super::service::home::home(structure_id).await)
}

#[server(prefix = "/api/pro", endpoint = "venues")]
pub async fn structure_venues(structure_id: i64) -> Result<Vec<PartnerVenueView>, AppError> {
    reply(super::service::venues::venues(structure_id).await)
}

#[server(prefix = "/api/pro", endpoint = "add_venue")]
pub async fn add_venue(structure_id: i64, venue: VenueForm) -> Result<i64, AppError> {
    let id = reply(super::service::venues::add(structure_id, venue).await)?;
    leptos_axum::redirect(&format!("/pro/structures/{structure_id}/lieux"));
    Ok(id)
}

/// The structure's offers, filtered by venue and state, 50 a page after the offer `apres`.
#[server(prefix = "/api/pro", endpoint = "offers")]
pub async fn structure_offers(
    structure_id: i64,
    venue_id: Option<i64>,
    state: Option<String>,
    apres: Option<i64>,
) -> Result<OfferList, AppError> {
    reply(super::service::offers::list(structure_id, venue_id, state, apres).await)
}

#[server(prefix = "/api/pro", endpoint = "create_offer")]
pub async fn create_offer(venue_id: i64, offer: OfferForm) -> Result<i64, AppError> {
    let id = reply(super::service::offers::create(venue_id, offer).await)?;
    leptos_axum::redirect(&format!("/pro/offres/{id}"));
    Ok(id)
}

#[server(prefix = "/api/pro", endpoint = "offer")]
pub async fn load_offer_editor(offer_id: i64) -> Result<OfferEditor, AppError> {
    reply(super::service::offers::editor(offer_id).await)
}

#[server(prefix = "/api/pro", endpoint = "update_offer")]
pub async fn update_offer(offer_id: i64, offer: OfferForm) -> Result<(), AppError> {
    reply(super::service::offers::update(offer_id, offer).await)
}

#[server(prefix = "/api/pro", endpoint = "publish_offer")]
pub async fn publish_offer(offer_id: i64, publish: bool) -> Result<(), AppError> {
    reply(super::service::offers::set_published(offer_id, publish).await)
}

#[server(prefix = "/api/pro", endpoint = "add_price_category")]
pub async fn add_price_category(
    offer_id: i64,
    label: String,
    price: String,
) -> Result<i64, AppError> {
    reply(super::service::offers::add_price_category(offer_id, label, price).await)
}

#[server(prefix = "/api/pro", endpoint = "add_thing_stock")]
pub async fn add_thing_stock(
    offer_id: i64,
    price: String,
    quantity: String,
    booking_limit: String,
) -> Result<(), AppError> {
    reply(super::service::offers::add_thing_stock(offer_id, price, quantity, booking_limit).await)
}

#[server(prefix = "/api/pro", endpoint = "add_codes")]
pub async fn add_activation_codes(
    offer_id: i64,
    codes: String,
    #[server(default)] expires_on: String,
) -> Result<String, AppError> {
    reply(super::service::codes::add(offer_id, codes, expires_on).await)
}

#[server(prefix = "/api/pro", endpoint = "add_event_dates")]
pub async fn add_event_dates(offer_id: i64, dates: DatesForm) -> Result<usize, AppError> {
    reply(super::service::offers::add_event_dates(offer_id, dates).await)
}

#[server(prefix = "/api/pro", endpoint = "change_stock")]
pub async fn change_stock(
    stock_id: i64,
    quantity: String,
    begins_at: String,
) -> Result<(), AppError> {
    reply(super::service::offers::change_stock(stock_id, quantity, begins_at).await)
}

#[server(prefix = "/api/pro", endpoint = "delete_stock")]
pub async fn delete_stock(stock_id: i64) -> Result<u64, AppError> {
    reply(super::service::offers::delete_stock(stock_id).await)
}

#[server(prefix = "/api/pro", endpoint = "bookings")]
pub async fn structure_bookings(
    structure_id: i64,
    #[server(flatten)] query: BookingQuery,
) -> Result<BookingsPage, AppError> {
    reply(super::service::bookings::page(structure_id, query).await)
}

#[server(prefix = "/api/pro", endpoint = "statement")]
pub async fn reimbursement_statement(
    structure_id: i64,
    #[server(flatten)] query: StatementQuery,
) -> Result<StatementView, AppError> {
    reply(super::service::home::statement_page(structure_id, query).await)
}

/// Structures waiting for the team, 50 a page after `apres`.
#[server(prefix = "/api/admin", endpoint = "pending_structures")]
pub async fn pending_structures(
    apres: Option<i64>,
) -> Result<crate::dto::QueuePage<StructureView>, AppError> {
    reply(super::service::structures::pending(apres).await)
}

#[server(prefix = "/api/admin", endpoint = "decide_structure")]
pub async fn decide_structure(structure_id: i64, validate: bool) -> Result<(), AppError> {
    reply(super::service::structures::decide(structure_id, validate).await)
}
