//! The partner dashboard's persistence on both backends: onboarding and review of
//! structures, venues, offers and their states, stocks and their rules, the bookings
//! table, the counter's undo and cancel, the statement's used bookings, invitations.

#[macro_use]
mod support;

use chrono::Duration;
use domain::Cents;
use domain::account::Role;
use domain::catalogue::Accessibility;
use domain::identifiers::Siren;
use domain::pro::offer::{OfferForm, VenueKind};
use domain::pro::state::OfferState;
use domain::pro::team::MemberRole;
use domain::pro::venue::VenueForm;
use domain::ticket::BookingStatus;
use domain::token::Token;
use store::*;
use support::*;

fn venue_form() -> VenueForm {
    VenueForm {
        name: "Théâtre du Marché".into(),
        siret: String::new(),
        no_siret_reason: "Salle municipale gérée par la ville".into(),
        venue_type: "SALLE_SPECTACLE".into(),
        address: "2 place du Marché".into(),
        postal_code: "67000".into(),
        city: "Strasbourg".into(),
        latitude: "48.58".into(),
        longitude: "7.75".into(),
        accessibility: Accessibility {
            motor: true,
            ..Default::default()
        },
        ..Default::default()
    }
}

fn concert_form() -> OfferForm {
    OfferForm {
        subcategory: "CONCERT".into(),
        title: "Quatuor à cordes".into(),
        is_duo: true,
        ..Default::default()
    }
}

/// A pending structure registered by a new partner, with one venue and a draft
/// concert: (partner, structure, venue, offer).
async fn onboarded(repo: &Repo) -> (i64, i64, i64, i64) {
    let partner = user(repo, "gerant@theatre.fr", Role::Partner, None).await;
    let structure = repo
        .register_structure(
            partner,
            "Théâtre du Marché",
            &Siren::parse("443061841").expect("siren"),
            now(),
        )
        .await
        .expect("structure");
    let venue = repo
        .add_venue(structure, &venue_form().parse().expect("venue"), now())
        .await
        .expect("venue");
    let draft = concert_form()
        .parse(VenueKind::Physical, now().date_naive())
        .expect("offer");
    let offer = repo
        .add_offer(venue, &draft, None, now())
        .await
        .expect("offer");
    (partner, structure, venue, offer)
}

fn event_stock(
    price: i64,
    category: Option<i64>,
    quantity: i64,
    begins_at: chrono::DateTime<chrono::Utc>,
) -> NewStock {
    NewStock {
        price_cents: price,
        price_category_id: category,
        quantity: Some(quantity),
        booking_limit: None,
        begins_at: Some(begins_at),
    }
}

async fn findable(repo: &Repo, offer_id: i64) -> bool {
    repo.search_offers(&OfferSearch::around(None, None, now()))
        .await
        .expect("search")
        .iter()
        .any(|card| card.id == offer_id)
}

on_every_backend! {
    async fn a_new_structure_is_pending_with_its_member_and_a_virtual_venue(repo) {
        let (partner, structure, venue, offer) = onboarded(&repo).await;
        let mine = repo.structures_of_member(partner).await.expect("structures");
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].status, StructureStatus::Pending);
        let venues = repo.venues_of_structure(structure).await.expect("venues");
        assert_eq!(venues.len(), 2);
        assert!(venues.iter().any(|v| v.is_virtual), "a virtual venue for digital offers");
        let physical = venues.iter().find(|v| v.id == venue).expect("venue");
        assert_eq!(physical.siret, None);
        assert!(physical.siret_missing_reason.is_some());
        assert!(repo.is_member(structure, partner).await.expect("member"));

        assert_eq!(repo.owner_of(Owned::Offer(offer)).await.expect("owner"), Some(structure));
        assert_eq!(repo.owner_of(Owned::Venue(venue)).await.expect("owner"), Some(structure));
        assert_eq!(repo.owner_of(Owned::Offer(offer + 1000)).await.expect("owner"), None);

        let again = repo.register_structure(partner, "Copie", &Siren::parse("443061841").expect("siren"), now()).await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "a SIREN is registered once");
    }
}

on_every_backend! {
    async fn a_pending_structure_shows_nothing_until_an_admin_validates_it(repo) {
        let (_, structure, _, offer) = onboarded(&repo).await;
        let admin = user(&repo, "admin@test.fr", Role::Admin, None).await;
        repo.add_stocks(offer, &[event_stock(1500, None, 20, now() + Duration::days(3))], now()).await.expect("stock");
        repo.set_offer_status(offer, OfferStatus::Published, now()).await.expect("publish");
        assert!(!findable(&repo, offer).await, "pending partner: hidden");
        let pending = repo.pending_structures(None, 10).await.expect("pending");
        assert_eq!((pending.rows.len(), pending.total, pending.next), (1, 1, None));
        assert!(repo.pending_structures(Some(structure), 10).await.expect("pending").rows.is_empty(), "nothing after the last");

        assert!(repo.decide_structure(structure, true, admin, None, now()).await.expect("decide"));
        assert!(findable(&repo, offer).await, "validated partner: found");
        assert!(!repo.decide_structure(structure, false, admin, None, now()).await.expect("decide"), "decided once");
        assert!(repo.pending_structures(None, 10).await.expect("pending").rows.is_empty());
    }
}

on_every_backend! {
    async fn offer_states_follow_status_and_stocks(repo) {
        let (_, structure, venue, offer) = onboarded(&repo).await;
        let state = |rows: Vec<PartnerOfferRow>| rows.iter().find(|o| o.id == offer).expect("offer").state();
        assert_eq!(state(repo.offers_of_structure(structure, None, now()).await.expect("list")), OfferState::Draft);

        let category = repo.add_price_category(offer, "Plein tarif", 2000).await.expect("category");
        assert_eq!(repo.price_categories(offer).await.expect("categories").len(), 1);
        repo.add_stocks(offer, &[event_stock(2000, Some(category), 1, now() + Duration::days(3))], now()).await.expect("stock");
        repo.set_offer_status(offer, OfferStatus::Published, now()).await.expect("publish");
        assert_eq!(state(repo.offers_of_structure(structure, Some(venue), now()).await.expect("list")), OfferState::Published);
        let later = now() + Duration::days(4);
        assert_eq!(state(repo.offers_of_structure(structure, None, later).await.expect("list")), OfferState::Expired);

        let stock = repo.stocks_of_offer(offer).await.expect("stocks")[0].clone();
        assert_eq!(stock.price_category.as_deref(), Some("Plein tarif"));
        repo.change_stock(stock.id, &StockChange { quantity: Some(0), booking_limit: None, begins_at: stock.begins_at }, now()).await.expect("sold out");
        let row = repo.partner_offer(offer, now()).await.expect("offer").expect("present");
        assert_eq!(row.state(), OfferState::SoldOut);
        assert!(repo.offers_of_structure(structure + 1000, None, now()).await.expect("list").is_empty());
    }
}

on_every_backend! {
    async fn an_offer_holds_at_most_2500_stocks(repo) {
        let (_, _, _, offer) = onboarded(&repo).await;
        let start = now() + Duration::days(1);
        let many: Vec<_> = (0..2_500).map(|i| event_stock(1000, None, 10, start + Duration::minutes(i))).collect();
        assert_eq!(repo.add_stocks(offer, &many, now()).await.expect("2 500"), 2_500);
        let one_more = repo.add_stocks(offer, &many[..1], now()).await;
        assert!(matches!(one_more, Err(StoreError::Invalid(ref e)) if e.field == "stocks"), "{one_more:?}");
        assert_eq!(repo.stocks_of_offer(offer).await.expect("stocks").len(), 2_500);
    }
}

/// A validated, published concert with one stock, booked by a young person.
async fn booked(
    repo: &Repo,
    begins_at: chrono::DateTime<chrono::Utc>,
) -> (i64, i64, i64, i64, BookingRow) {
    let (partner, structure, _, offer) = onboarded(repo).await;
    let admin = user(repo, "admin@test.fr", Role::Admin, None).await;
    repo.decide_structure(structure, true, admin, None, now())
        .await
        .expect("validate");
    repo.add_stocks(offer, &[event_stock(1500, None, 10, begins_at)], now())
        .await
        .expect("stock");
    repo.set_offer_status(offer, OfferStatus::Published, now())
        .await
        .expect("publish");
    let stock = repo.stocks_of_offer(offer).await.expect("stocks")[0].id;
    let f = Fixture::new(repo).await;
    let young = f.young(repo, "jeune@test.fr").await;
    let booking = repo
        .book(&BookCommand {
            quantity: 2,
            ..book(young, stock)
        })
        .await
        .expect("book");
    (partner, structure, stock, young, booking)
}

on_every_backend! {
    async fn quantities_never_go_below_bookings_and_new_dates_move_cancellation_limits(repo) {
        let start = now() + Duration::days(10);
        let (_, _, stock, young, booking) = booked(&repo, start).await;
        let below = repo.change_stock(stock, &StockChange { quantity: Some(1), booking_limit: None, begins_at: Some(start) }, now()).await;
        assert!(matches!(below, Err(StoreError::Invalid(ref e)) if e.field == "quantity"), "{below:?}");

        let moved = now() + Duration::days(20);
        repo.change_stock(stock, &StockChange { quantity: Some(2), booking_limit: None, begins_at: Some(moved) }, now()).await.expect("move");
        let after = repo.booking_of_user(young, booking.id).await.expect("read").expect("mine");
        assert_eq!(after.begins_at, Some(moved));
        assert_eq!(after.cancellation_limit_at, Some(domain::cancellation::cancellation_limit_after_move(now(), moved, now())));
    }
}

on_every_backend! {
    async fn deleting_a_stock_cancels_its_bookings_with_the_credit_back(repo) {
        let (_, _, stock, young, _) = booked(&repo, now() + Duration::days(5)).await;
        assert_eq!(repo.wallet(young).await.expect("wallet").expect("some").balance(), Cents::euros(470));
        assert_eq!(repo.delete_stock(stock, now()).await.expect("delete"), 1);
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents::euros(500));
        let bookings = repo.bookings_of_user(young).await.expect("bookings");
        assert_eq!(bookings[0].status, BookingStatus::Cancelled);
        assert!(matches!(repo.delete_stock(stock, now()).await, Err(StoreError::NotFound)), "deleted once");
    }
}

on_every_backend! {
    async fn the_bookings_table_filters_and_pages(repo) {
        let (_, structure, _, _, booking) = booked(&repo, now() + Duration::days(1)).await;
        let all = BookingFilter { limit: 50, ..Default::default() };
        let rows = repo.bookings_of_structure(structure, &all).await.expect("rows");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].token, booking.token);
        assert_eq!(rows[0].quantity, 2);
        assert_eq!(rows[0].email.as_deref(), Some("jeune@test.fr"));
        let check = |filter: BookingFilter| {
            let repo = repo.clone();
            async move { repo.bookings_of_structure(structure, &filter).await.expect("rows").len() }
        };
        assert_eq!(check(BookingFilter { status: Some("used".into()), ..all.clone() }).await, 0);
        assert_eq!(check(BookingFilter { status: Some("confirmed".into()), ..all.clone() }).await, 1);
        assert_eq!(check(BookingFilter { offer_id: Some(booking.offer_id + 1), ..all.clone() }).await, 0);
        assert_eq!(check(BookingFilter { booked_between: Some((now() + Duration::days(1), now() + Duration::days(2))), ..all.clone() }).await, 0);
        assert_eq!(check(BookingFilter { event_between: Some((now(), now() + Duration::days(2))), ..all.clone() }).await, 1);
        assert_eq!(check(BookingFilter { offset: 1, ..all.clone() }).await, 0);
        assert_eq!(repo.bookings_of_structure(structure + 1, &all).await.expect("rows").len(), 0);
    }
}

on_every_backend! {
    async fn the_counter_validates_undoes_and_cancels_with_a_reason(repo) {
        // An event tomorrow: the cancellation window is already closed.
        let (partner, structure, _, young, booking) = booked(&repo, now() + Duration::days(1)).await;
        let token = Token::parse(&booking.token).expect("token");
        let stranger = user(&repo, "autre@test.fr", Role::Partner, None).await;
        assert!(matches!(repo.undo_validation(stranger, &token, now()).await, Err(StoreError::TicketRefused(_))));
        assert!(matches!(repo.cancel_by_partner(stranger, &token, "x", now()).await, Err(StoreError::TicketRefused(_))));

        assert!(matches!(repo.undo_validation(partner, &token, now()).await,
            Err(StoreError::TicketRefused(domain::ticket::TicketRefusal::NotValidated))));
        repo.validate_ticket(partner, &token, now() + Duration::minutes(1)).await.expect("validate");
        let used = repo.used_bookings(structure, now() - Duration::days(1), now() + Duration::days(1)).await.expect("used");
        assert_eq!(used.len(), 1);
        assert_eq!(used[0].amount_cents, 3000);
        let undone = repo.undo_validation(partner, &token, now()).await.expect("undo");
        assert_eq!(undone.status, BookingStatus::Confirmed);
        assert!(repo.used_bookings(structure, now() - Duration::days(1), now() + Duration::days(1)).await.expect("used").is_empty());

        let cancelled = repo.cancel_by_partner(partner, &token, "Concert annulé", now()).await.expect("cancel");
        assert_eq!(cancelled.status, BookingStatus::Cancelled);
        assert_eq!(cancelled.cancellation_reason.as_deref(), Some("offerer: Concert annulé"));
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents::euros(500));
        assert!(matches!(repo.cancel_by_partner(partner, &token, "again", now()).await,
            Err(StoreError::TicketRefused(domain::ticket::TicketRefusal::Cancelled))));
        let weeks = repo.bookings_per_week(structure, now() - Duration::days(7)).await.expect("weeks");
        assert_eq!(weeks.iter().map(|w| w.bookings).sum::<i64>(), 1);
        assert_eq!(weeks[0].week, 1);
    }
}

on_every_backend! {
    async fn an_invitation_lets_a_colleague_join_once(repo) {
        let (partner, structure, _, _) = onboarded(&repo).await;
        let colleague = user(&repo, "collegue@theatre.fr", Role::Partner, None).await;
        let intruder = user(&repo, "intrus@ailleurs.fr", Role::Partner, None).await;
        repo.create_invitation(&NewInvitation {
            structure_id: structure,
            email: "collegue@theatre.fr".into(),
            role: MemberRole::Editor,
            token_hash: "hash-1".into(),
            invited_by: partner,
            expires_at: now() + Duration::days(7),
            mail: OutgoingMail::text("Invitation", "Lien"),
        }, now()).await.expect("invite");
        assert_eq!(repo.outbox(10).await.expect("outbox")[0].recipient, "collegue@theatre.fr");
        assert_eq!(repo.accept_invitation("hash-2", colleague, now()).await.expect("accept"), None);
        assert_eq!(repo.accept_invitation("hash-1", colleague, now() + Duration::days(8)).await.expect("late"), None);
        assert_eq!(repo.accept_invitation("hash-1", intruder, now()).await.expect("intruder"), None, "only the invited address");
        assert_eq!(repo.accept_invitation("hash-1", colleague, now()).await.expect("accept"), Some(structure));
        assert!(repo.is_member(structure, colleague).await.expect("member"));
        assert_eq!(repo.accept_invitation("hash-1", colleague, now()).await.expect("again"), None);
        assert_eq!(repo.member_role(structure, colleague).await.expect("role"), Some(MemberRole::Editor), "as invited");
        assert_eq!(repo.member_role(structure, partner).await.expect("role"), Some(MemberRole::Admin), "who registered it");
        assert_eq!(repo.member_role(structure, intruder).await.expect("role"), None);

        // The team: the last administrator stays one.
        let roles = |team: Vec<MemberRow>| team.into_iter().map(|m| (m.user_id, m.role)).collect::<Vec<_>>();
        assert_eq!(roles(repo.team(structure).await.expect("team")), vec![(partner, MemberRole::Admin), (colleague, MemberRole::Editor)]);
        let last = repo.change_member(structure, partner, Some(MemberRole::Editor)).await;
        assert!(matches!(&last, Err(StoreError::Invalid(e)) if e.field == "role"), "{last:?}");
        assert!(matches!(repo.change_member(structure, partner, None).await, Err(StoreError::Invalid(_))));
        repo.change_member(structure, colleague, Some(MemberRole::Admin)).await.expect("promoted");
        repo.change_member(structure, partner, None).await.expect("one administrator is left");
        assert_eq!(roles(repo.team(structure).await.expect("team")), vec![(colleague, MemberRole::Admin)]);
        assert!(!repo.is_member(structure, partner).await.expect("member"));
        assert!(matches!(repo.change_member(structure, intruder, None).await, Err(StoreError::NotFound)));
    }
}

on_every_backend! {
    async fn an_offer_image_is_stored_replaced_and_pointed_at(repo) {
        let (_, _, _, offer) = onboarded(&repo).await;
        assert_eq!(repo.offer_image(offer, true).await.expect("read"), None);
        let image = |byte: u8| NewOfferImage { large: vec![byte; 2000], thumbnail: vec![byte; 300], width: 1200, height: 900 };
        repo.set_offer_image(offer, &image(1), now()).await.expect("store");
        repo.set_offer_image(offer, &image(2), now() + Duration::seconds(5)).await.expect("replace");
        assert_eq!(repo.offer_image(offer, true).await.expect("read"), Some(vec![2; 2000]));
        assert_eq!(repo.offer_image(offer, false).await.expect("read"), Some(vec![2; 300]));
        let url = repo.offer(offer).await.expect("offer").expect("present").image_url.expect("url");
        assert!(url.starts_with(&format!("/images/offres/{offer}/grande.jpg?v=")), "{url}");
    }
}

on_every_backend! {
    async fn a_validation_cannot_be_undone_after_30_days(repo) {
        let (partner, _, _, _, booking) = booked(&repo, now() + Duration::days(1)).await;
        let token = Token::parse(&booking.token).expect("token");
        let validated_at = now() + Duration::minutes(1);
        repo.validate_ticket(partner, &token, validated_at).await.expect("validate");
        let late = repo.undo_validation(partner, &token, validated_at + Duration::days(31)).await;
        assert!(matches!(late, Err(StoreError::TicketRefused(domain::ticket::TicketRefusal::UndoClosed { .. }))), "{late:?}");
        let row = repo.ticket_for_partner(partner, &token).await.expect("ticket");
        assert_eq!(row.status, BookingStatus::Used, "nothing changed");
    }
}

on_every_backend! {
    async fn a_thing_gets_a_single_stock_even_when_asked_twice(repo) {
        let (_, _, venue, _) = onboarded(&repo).await;
        let form = OfferForm { subcategory: "LIVRE_PAPIER".into(), title: "Roman".into(), ..Default::default() };
        let draft = form.parse(VenueKind::Physical, now().date_naive()).expect("book");
        let book = repo.add_offer(venue, &draft, None, now()).await.expect("offer");
        let stock = NewStock { price_cents: 1000, price_category_id: None, quantity: Some(5), booking_limit: None, begins_at: None };
        let (first, second) = tokio::join!(
            repo.add_stocks(book, std::slice::from_ref(&stock), now()),
            repo.add_stocks(book, std::slice::from_ref(&stock), now()),
        );
        assert_eq!([first.is_ok(), second.is_ok()].iter().filter(|ok| **ok).count(), 1, "{first:?} {second:?}");
        assert_eq!(repo.stocks_of_offer(book).await.expect("stocks").len(), 1);
    }
}
