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

async fn listed(
    repo: &Repo,
    structure: i64,
    query: PartnerOfferQuery,
    at: chrono::DateTime<chrono::Utc>,
) -> Vec<PartnerOfferRow> {
    repo.offers_page(structure, &query, 50, at)
        .await
        .expect("list")
        .rows
}

on_every_backend! {
    async fn offer_states_follow_status_and_stocks(repo) {
        let (_, structure, venue, offer) = onboarded(&repo).await;
        let state = |rows: Vec<PartnerOfferRow>| rows.iter().find(|o| o.id == offer).expect("offer").state();
        assert_eq!(state(listed(&repo, structure, PartnerOfferQuery::default(), now()).await), OfferState::Draft);

        let category = repo.add_price_category(offer, "Plein tarif", 2000).await.expect("category");
        assert_eq!(repo.price_categories(offer).await.expect("categories").len(), 1);
        repo.add_stocks(offer, &[event_stock(2000, Some(category), 1, now() + Duration::days(3))], now()).await.expect("stock");
        repo.set_offer_status(offer, OfferStatus::Published, now()).await.expect("publish");
        let in_venue = PartnerOfferQuery { venue_id: Some(venue), ..Default::default() };
        assert_eq!(state(listed(&repo, structure, in_venue, now()).await), OfferState::Published);
        let later = now() + Duration::days(4);
        assert_eq!(state(listed(&repo, structure, PartnerOfferQuery::default(), later).await), OfferState::Expired);

        let stock = repo.stocks_of_offer(offer).await.expect("stocks")[0].clone();
        assert_eq!(stock.price_category.as_deref(), Some("Plein tarif"));
        repo.change_stock(stock.id, &StockChange { quantity: Some(0), booking_limit: None, begins_at: stock.begins_at }, now()).await.expect("sold out");
        let row = repo.partner_offer(offer, now()).await.expect("offer").expect("present");
        assert_eq!(row.state(), OfferState::SoldOut);
        assert!(listed(&repo, structure + 1000, PartnerOfferQuery::default(), now()).await.is_empty());
    }
}

on_every_backend! {
    async fn the_offers_list_pages_and_filters_by_state_in_its_query(repo) {
        // One draft (from onboarding), then a published offer with a seat, a sold-out one,
        // an expired one and a paused one, in that order.
        let (_, structure, venue, draft) = onboarded(&repo).await;
        let mut offers = vec![draft];
        for quantity in [Some(5), Some(0), None, Some(3)] {
            let form = concert_form().parse(VenueKind::Physical, now().date_naive()).expect("offer");
            let offer = repo.add_offer(venue, &form, None, now()).await.expect("offer");
            if let Some(quantity) = quantity {
                repo.add_stocks(offer, &[event_stock(1000, None, quantity, now() + Duration::days(2))], now()).await.expect("stock");
            } else {
                repo.add_stocks(offer, &[event_stock(1000, None, 5, now() - Duration::hours(1))], now() - Duration::days(1)).await.expect("past stock");
            }
            let status = if offers.len() == 4 { OfferStatus::Paused } else { OfferStatus::Published };
            repo.set_offer_status(offer, status, now()).await.expect("status");
            offers.push(offer);
        }
        let [draft, published, sold_out, expired, paused] = offers[..] else { unreachable!() };

        // Newest first, two a page: three pages, each saying how many there are in all.
        let first = repo.offers_page(structure, &PartnerOfferQuery::default(), 2, now()).await.expect("page");
        assert_eq!((first.rows.iter().map(|o| o.id).collect::<Vec<_>>(), first.total), (vec![paused, expired], 5));
        let second = repo.offers_page(structure, &PartnerOfferQuery { after: first.next, ..Default::default() }, 2, now()).await.expect("page");
        assert_eq!(second.rows.iter().map(|o| o.id).collect::<Vec<_>>(), vec![sold_out, published]);
        let third = repo.offers_page(structure, &PartnerOfferQuery { after: second.next, ..Default::default() }, 2, now()).await.expect("page");
        assert_eq!((third.rows.iter().map(|o| o.id).collect::<Vec<_>>(), third.next, third.total), (vec![draft], None, 5));

        // Each state selects exactly its offer, and says so in its count.
        for (state, offer) in [
            (OfferState::Draft, draft),
            (OfferState::Published, published),
            (OfferState::SoldOut, sold_out),
            (OfferState::Expired, expired),
            (OfferState::Paused, paused),
        ] {
            let page = repo.offers_page(structure, &PartnerOfferQuery { state: Some(state), ..Default::default() }, 10, now()).await.expect("page");
            assert_eq!((page.rows.iter().map(|o| o.id).collect::<Vec<_>>(), page.total), (vec![offer], 1), "{state:?}");
            assert_eq!(page.rows[0].state(), state);
        }
        let pending = PartnerOfferQuery { state: Some(OfferState::Pending), ..Default::default() };
        assert_eq!(repo.offers_page(structure, &pending, 10, now()).await.expect("page").total, 0);
        let elsewhere = PartnerOfferQuery { venue_id: Some(venue + 1000), ..Default::default() };
        assert_eq!(repo.offers_page(structure, &elsewhere, 10, now()).await.expect("page").total, 0);

        // The home page's counts are the same states, counted in the database.
        let counts = repo.offer_state_counts(structure, now()).await.expect("counts");
        assert_eq!(counts, vec![
            (OfferState::Draft, 1),
            (OfferState::Published, 1),
            (OfferState::Paused, 1),
            (OfferState::SoldOut, 1),
            (OfferState::Expired, 1),
        ]);
        // Three days on, every stock has passed: the published ones are expired.
        let counts = repo.offer_state_counts(structure, now() + Duration::days(3)).await.expect("counts");
        assert_eq!(counts, vec![(OfferState::Draft, 1), (OfferState::Paused, 1), (OfferState::Expired, 3)]);
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
        let (_, structure, stock, _, booking) = booked(&repo, now() + Duration::days(1)).await;
        let all = BookingFilter::default();
        let rows = repo.bookings_of_structure(structure, &all, 50).await.expect("rows").rows;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].token, booking.token);
        assert_eq!(rows[0].quantity, 2);
        assert_eq!(rows[0].email.as_deref(), Some("jeune@test.fr"));
        let check = |filter: BookingFilter| {
            let repo = repo.clone();
            async move {
                let page = repo.bookings_of_structure(structure, &filter, 50).await.expect("rows");
                assert_eq!(page.total, page.rows.len() as i64, "one page: its count");
                page.rows.len()
            }
        };
        assert_eq!(check(BookingFilter { status: Some("used".into()), ..all.clone() }).await, 0);
        assert_eq!(check(BookingFilter { status: Some("confirmed".into()), ..all.clone() }).await, 1);
        assert_eq!(check(BookingFilter { offer_id: Some(booking.offer_id + 1), ..all.clone() }).await, 0);
        assert_eq!(check(BookingFilter { booked_between: Some((now() + Duration::days(1), now() + Duration::days(2))), ..all.clone() }).await, 0);
        assert_eq!(check(BookingFilter { event_between: Some((now(), now() + Duration::days(2))), ..all.clone() }).await, 1);
        let past_the_last = repo.bookings_of_structure(structure, &BookingFilter { after: Some(booking.id), ..all.clone() }, 50).await.expect("rows");
        assert_eq!((past_the_last.rows.len(), past_the_last.total), (0, 1), "nothing after the last; the count is the selection's");
        assert_eq!(repo.bookings_of_structure(structure + 1, &all, 50).await.expect("rows").rows.len(), 0);

        // Four more people book: two at the same instant as the first, then one a minute
        // later, one two minutes later. Two a page, newest first, ties by id: every booking
        // once, in order, though a page ends between two bookings of the same instant.
        let policy = repo.ensure_policy(&domain::credit::preset("FR-2019").expect("preset"), now()).await.expect("policy");
        let mut ids = Vec::new();
        for (i, minutes) in [0, 0, 1, 2].into_iter().enumerate() {
            let young = user(&repo, &format!("jeune{i}@test.fr"), Role::Young, chrono::NaiveDate::from_ymd_opt(2008, 1, 15)).await;
            repo.grant_deposit(young, policy, Cents::euros(500), now() + Duration::days(730), now()).await.expect("deposit");
            let command = BookCommand { now: now() + Duration::minutes(minutes), ..book(young, stock) };
            ids.push(repo.book(&command).await.expect("book").id);
        }
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = repo.bookings_of_structure(structure, &BookingFilter { after, ..all.clone() }, 2).await.expect("page");
            assert_eq!(page.total, 5);
            seen.extend(page.rows.iter().map(|row| row.id));
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        assert_eq!(seen, vec![ids[3], ids[2], ids[1], ids[0], booking.id]);
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
        assert!(repo.offer_image(offer, true).await.expect("read").is_none());
        let image = |byte: u8| NewOfferImage { large: vec![byte; 2000], thumbnail: vec![byte; 300], width: 1200, height: 900 };
        let bytes = |stored: Option<StoredImage>| stored.expect("an image").bytes;
        let first = repo.set_offer_image(offer, &image(1), ImageHome::Database, now()).await.expect("store");
        assert_eq!(first, None, "nothing replaced");
        let later = now() + Duration::seconds(5);
        let replaced = repo.set_offer_image(offer, &image(2), ImageHome::Database, later).await.expect("replace");
        assert_eq!(replaced.map(|v| (v.version, v.home)), Some((now().timestamp(), ImageHome::Database)));
        assert_eq!(bytes(repo.offer_image(offer, true).await.expect("read")), vec![2; 2000]);
        assert_eq!(bytes(repo.offer_image(offer, false).await.expect("read")), vec![2; 300]);
        let url = repo.offer(offer).await.expect("offer").expect("present").image_url.expect("url");
        assert!(url.starts_with(&format!("/images/offres/{offer}/grande.jpg?v=")), "{url}");

        // Moved to the object store: the row keeps its version, not its bytes; only once.
        let held = repo.images_in_database(0, 10).await.expect("list");
        assert_eq!(held.iter().map(|v| (v.offer_id, v.version)).collect::<Vec<_>>(), vec![(offer, later.timestamp())]);
        assert!(repo.image_moved_to_objects(&held[0]).await.expect("move"));
        assert!(!repo.image_moved_to_objects(&held[0]).await.expect("again"), "already moved");
        let stored = repo.offer_image(offer, true).await.expect("read").expect("a row");
        assert_eq!((stored.version.home, stored.bytes.len()), (ImageHome::Objects, 0));
        assert!(repo.images_in_database(0, 10).await.expect("list").is_empty());

        // A new upload to the object store replaces the moved one, which it names.
        let newest = later + Duration::seconds(5);
        let replaced = repo.set_offer_image(offer, &image(3), ImageHome::Objects, newest).await.expect("replace");
        assert_eq!(replaced.map(|v| (v.version, v.home)), Some((later.timestamp(), ImageHome::Objects)));
        let stored = repo.offer_image(offer, false).await.expect("read").expect("a row");
        assert_eq!((stored.version.version, stored.bytes.len()), (newest.timestamp(), 0));
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
