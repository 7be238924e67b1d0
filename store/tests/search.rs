//! The search index and its queries (near me, text, filters, map clusters), identical on
//! SQLite and PostgreSQL, including who may be found: only published offers of validated
//! structures with a stock that can still be booked.

#[macro_use]
mod support;

use chrono::Duration;
use domain::Cents;
use domain::cluster::{Viewport, cell};
use domain::geo::Position;
use domain::pro::offer::OfferForm;
use domain::search::{NeedsAccess, Sort};
use store::*;
use support::*;

fn strasbourg() -> Position {
    Position::parse(STRASBOURG.0, STRASBOURG.1).expect("position")
}

fn around(radius_km: f64) -> OfferSearch {
    OfferSearch::around(Some(strasbourg()), Some(radius_km), now())
}

async fn ids(repo: &Repo, search: &OfferSearch) -> Vec<i64> {
    repo.search_offers(search)
        .await
        .expect("search")
        .iter()
        .map(|o| o.id)
        .collect()
}

/// An offer with a title, an artist and flags of its own.
async fn titled(
    repo: &Repo,
    venue_id: i64,
    sub: &str,
    title: &str,
    artist: Option<&str>,
    access: Accessibility,
) -> i64 {
    let form = OfferForm {
        subcategory: sub.into(),
        title: title.into(),
        description: "Une belle soirée".into(),
        artist: artist.unwrap_or_default().into(),
        accessibility: access,
        ..OfferForm::default()
    };
    let stock = NewStock {
        price_cents: 800,
        price_category_id: None,
        quantity: None,
        booking_limit: None,
        begins_at: Some(now() + Duration::days(3)),
    };
    publish(repo, venue_id, form, stock).await.0
}

on_every_backend! {
    async fn only_findable_offers_appear_nearest_first(repo) {
        let f = Fixture::new(&repo).await;
        let (near, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(2)).await;
        let farther_venue = venue(&repo, f.structure_id, (48.60, 7.78)).await;
        let (farther, _) = offer_at(&repo, farther_venue, "SEANCE_CINE", Cents(0), None, None, false).await;
        let montpellier = venue(&repo, f.structure_id, (43.6108, 3.8767)).await;
        let (far, _) = offer_at(&repo, montpellier, "CONCERT", Cents(500), None, None, false).await;
        let (sold_out, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(0)).await;
        let (past, _) = offer_at(&repo, f.venue_id, "CONCERT", Cents(500), None, Some(now() - Duration::hours(1)), false).await;
        let pending = structure(&repo, f.partner_id, "En attente", "732829320", false).await;
        let pending_venue = venue(&repo, pending, STRASBOURG).await;
        let (hidden, _) = offer_at(&repo, pending_venue, "LIVRE_PAPIER", Cents(1000), None, None, false).await;

        let found = repo.search_offers(&around(20.0)).await.expect("search");
        let found_ids: Vec<i64> = found.iter().map(|o| o.id).collect();
        assert_eq!(found_ids, vec![near, farther], "sold out {sold_out}, past {past}, pending {hidden}, far {far}");
        assert_eq!(found[0].min_price_cents, 1000);
        assert_eq!(found[0].city, "Strasbourg");
        assert_eq!(ids(&repo, &OfferSearch { limit: 1, ..around(20.0) }).await, vec![near]);
        assert_eq!(ids(&repo, &OfferSearch { limit: 1, offset: 1, ..around(20.0) }).await, vec![farther]);
        let everywhere = OfferSearch::around(None, None, now());
        let mut all = ids(&repo, &everywhere).await;
        all.sort();
        assert_eq!(all, vec![near, farther, far]);
        // The offer page still reads hidden offers, and says so.
        let offer = repo.offer(near).await.expect("read").expect("exists");
        assert!(offer.is_visible(now()));
        assert!(!repo.offer(hidden).await.expect("read").expect("exists").is_visible(now()));
        assert!(repo.offer(987_654).await.expect("read").is_none());
    }
}

on_every_backend! {
    async fn the_last_seat_takes_an_offer_out_and_a_cancellation_brings_it_back(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "j@test.fr").await;
        let (offer_id, stock_id) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(1)).await;
        let level = 14;
        let count = |cells: Vec<CellRow>| cells.iter().map(|c| c.offers).sum::<i64>();
        let home = cell(strasbourg(), level);
        let range = domain::cluster::CellRange { level, min: home, max: home };
        assert_eq!(ids(&repo, &around(5.0)).await, vec![offer_id]);
        assert_eq!(count(repo.offer_cells(range).await.expect("cells")), 1);

        let booking = repo.book(&book(young, stock_id)).await.expect("booked");
        assert!(ids(&repo, &around(5.0)).await.is_empty(), "sold out");
        assert_eq!(count(repo.offer_cells(range).await.expect("cells")), 0);

        repo.cancel_by_young(young, booking.id, now()).await.expect("cancelled");
        assert_eq!(ids(&repo, &around(5.0)).await, vec![offer_id], "a seat is back");
        assert_eq!(count(repo.offer_cells(range).await.expect("cells")), 1);
    }
}

on_every_backend! {
    async fn text_search_ignores_case_and_accents_and_covers_titles_artists_and_venues(repo) {
        let f = Fixture::new(&repo).await;
        let theatre = titled(&repo, f.venue_id, "SPECTACLE_REPRESENTATION", "Théâtre d'été", None, Accessibility::default()).await;
        let concert = titled(&repo, f.venue_id, "CONCERT", "Soirée jazz", Some("Élodie Frégé"), Accessibility::default()).await;
        let search = |words: &str| OfferSearch { terms: domain::search::terms(words), ..around(50.0) };
        assert_eq!(ids(&repo, &search("THEATRE")).await, vec![theatre]);
        assert_eq!(ids(&repo, &search("théât")).await, vec![theatre], "prefixes match");
        assert_eq!(ids(&repo, &search("elodie frege")).await, vec![concert], "artists, accents folded");
        let mut both = ids(&repo, &search("kléber")).await;
        both.sort();
        assert_eq!(both, vec![theatre, concert], "the venue's name");
        assert!(ids(&repo, &search("opéra")).await.is_empty());
        assert!(ids(&repo, &search("\" OR * NEAR(")).await.len() <= 2, "query syntax is inert");
    }
}

on_every_backend! {
    async fn letters_that_fold_into_query_syntax_are_searched_as_text(repo) {
        let f = Fixture::new(&repo).await;
        let theatre = titled(&repo, f.venue_id, "SPECTACLE_REPRESENTATION", "Théâtre d'été", None, Accessibility::default()).await;
        let search = |words: &str| OfferSearch { terms: domain::search::terms(words), ..around(50.0) };
        // A modifier apostrophe, a parenthesised digit, a triangular colon, a backslash:
        // letters or digits to Unicode, query syntax once accents are folded.
        for hostile in ["ʼ", "⑴", "ː", "dʼété", "théâtreʼ", "x\\y", "ʼ:*|!&", "ᵃ⒜", "ǃ"] {
            let found = repo.search_offers(&search(hostile)).await;
            assert!(found.is_ok(), "{hostile:?}: {found:?}");
        }
        assert_eq!(ids(&repo, &search("théâtreʼ")).await, vec![theatre], "still found by its letters");
    }
}

on_every_backend! {
    async fn filters_narrow_by_category_price_duo_access_digital_and_dates(repo) {
        let f = Fixture::new(&repo).await;
        let (book, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1500), None).await;
        let (free_cinema, _) = offer_at(&repo, f.venue_id, "SEANCE_CINE", Cents(0), None, Some(now() + Duration::days(1)), true).await;
        let (concert_later, _) = offer_at(&repo, f.venue_id, "CONCERT", Cents(2000), None, Some(now() + Duration::days(20)), false).await;
        let accessible = titled(&repo, f.venue_id, "VISITE_GUIDEE", "Visite du musée", None,
            Accessibility { motor: true, visual: true, ..Accessibility::default() }).await;
        let virtual_venue = virtual_venue(&repo, f.structure_id).await;
        let (ebook, _) = offer_at(&repo, virtual_venue, "LIVRE_NUMERIQUE", Cents(900), None, None, false).await;

        let sorted = |mut v: Vec<i64>| { v.sort(); v };
        let base = around(50.0);
        assert_eq!(ids(&repo, &base).await, vec![book, free_cinema, concert_later, accessible, ebook], "digital offers are found from anywhere, after the places");
        let books = OfferSearch { subcategories: vec!["LIVRE_PAPIER".into(), "LIVRE_NUMERIQUE".into()], ..base.clone() };
        assert_eq!(ids(&repo, &books).await, vec![book, ebook]);
        assert_eq!(ids(&repo, &OfferSearch { max_price_cents: Some(0), ..base.clone() }).await, vec![free_cinema]);
        assert_eq!(ids(&repo, &OfferSearch { duo_only: true, ..base.clone() }).await, vec![free_cinema]);
        let access = NeedsAccess { motor: true, visual: true, ..NeedsAccess::default() };
        assert_eq!(ids(&repo, &OfferSearch { access, ..base.clone() }).await, vec![accessible]);
        assert_eq!(ids(&repo, &OfferSearch { digital_only: true, ..base.clone() }).await, vec![ebook]);
        let digital = OfferSearch { digital_only: true, radius_km: None, ..base.clone() };
        assert_eq!(ids(&repo, &digital).await, vec![ebook]);
        let this_week = OfferSearch { starts_between: Some((now(), now() + Duration::days(7))), ..base.clone() };
        assert_eq!(sorted(ids(&repo, &this_week).await), sorted(vec![free_cinema, accessible]), "things have no date");
        let by_price = OfferSearch { sort: Sort::Price, ..base.clone() };
        assert_eq!(ids(&repo, &by_price).await, vec![free_cinema, accessible, ebook, book, concert_later]);
        let by_date = OfferSearch { sort: Sort::Date, ..base.clone() };
        assert_eq!(ids(&repo, &by_date).await, vec![free_cinema, accessible, concert_later, book, ebook], "things last");
    }
}

on_every_backend! {
    async fn digital_offers_never_push_a_farther_place_off_a_page_near_me(repo) {
        let f = Fixture::new(&repo).await;
        let virtual_venue = virtual_venue(&repo, f.structure_id).await;
        let (ebook, _) = offer_at(&repo, virtual_venue, "LIVRE_NUMERIQUE", Cents(900), None, None, false).await;
        // 30 km south of Strasbourg: outside the smaller circles the search tries first.
        let selestat = venue(&repo, f.structure_id, (48.2594, 7.4542)).await;
        let (far, _) = offer_at(&repo, selestat, "CONCERT", Cents(500), None, None, false).await;

        let one = OfferSearch { limit: 1, ..around(50.0) };
        assert_eq!(ids(&repo, &one).await, vec![far], "the place first, though the e-book fills a page in any circle");
        assert_eq!(ids(&repo, &OfferSearch { offset: 1, ..one.clone() }).await, vec![ebook]);
        let words = OfferSearch { terms: domain::search::terms("livre"), ..around(2.0) };
        assert!(ids(&repo, &words).await.contains(&ebook), "found by its words in a small circle too");
    }
}

on_every_backend! {
    async fn map_cells_count_offers_where_the_domain_puts_them_and_venues_group_zoomed_in(repo) {
        let f = Fixture::new(&repo).await;
        for _ in 0..3 {
            f.offer(&repo, "LIVRE_PAPIER", Cents(1000), None).await;
        }
        let montpellier = venue(&repo, f.structure_id, (43.6108, 3.8767)).await;
        offer_at(&repo, montpellier, "CONCERT", Cents(500), None, None, false).await;

        let france = Viewport::parse(41.0, -5.5, 51.5, 10.0, 5).expect("viewport");
        let cells = repo.offer_cells(france.cells()).await.expect("cells");
        assert_eq!(cells.len(), 2);
        let strasbourg_cell = cell(strasbourg(), france.level());
        let here = cells.iter().find(|c| (c.x, c.y) == (strasbourg_cell.x, strasbourg_cell.y)).expect("Strasbourg's cell");
        assert_eq!(here.offers, 3);
        assert!((here.latitude_sum / 3.0 - STRASBOURG.0).abs() < 1e-9);

        let city = Viewport::parse(48.50, 7.65, 48.65, 7.85, 14).expect("viewport");
        let venues = repo.venues_within(city.bounds, now(), 100).await.expect("venues");
        assert_eq!(venues.len(), 1);
        assert_eq!((venues[0].venue_id, venues[0].offers), (f.venue_id, 3));
        let shown = repo.offers_of_venue(f.venue_id, now(), 2).await.expect("offers");
        assert_eq!(shown.len(), 2);
        let place = repo.venue(f.venue_id).await.expect("read").expect("venue");
        assert!(place.is_visible());
        assert_eq!(place.city, "Strasbourg");
    }
}

on_every_backend! {
    async fn once_an_event_has_started_the_index_forgets_it(repo) {
        let f = Fixture::new(&repo).await;
        let (offer_id, _) = offer_at(&repo, f.venue_id, "CONCERT", Cents(500), None, Some(now() + Duration::hours(2)), false).await;
        assert_eq!(ids(&repo, &around(5.0)).await, vec![offer_id]);
        let later = now() + Duration::hours(3);
        let search = OfferSearch { now: later, ..around(5.0) };
        assert!(ids(&repo, &search).await.is_empty(), "hidden as soon as it closes");
        assert_eq!(repo.reindex_past_offers(later).await.expect("reindex"), 1);
        assert_eq!(repo.reindex_past_offers(later).await.expect("reindex"), 0, "gone from the index");
        let home = cell(strasbourg(), 14);
        let range = domain::cluster::CellRange { level: 14, min: home, max: home };
        assert!(repo.offer_cells(range).await.expect("cells").is_empty(), "and from the map");
    }
}
