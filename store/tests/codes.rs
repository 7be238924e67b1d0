//! Digital offers: the activation codes a partner adds, one per booking whatever the
//! concurrency, and a digital booking delivered (used) from the start.

#[macro_use]
mod support;

use chrono::Duration;
use domain::Cents;
use domain::booking::BookingRefusal;
use domain::ticket::{BookingStatus, TicketRefusal};
use domain::token::Token;
use std::collections::HashSet;
use store::*;
use support::*;

/// An e-book at 9,99 € on the structure's virtual venue; returns (offer id, stock id).
async fn ebook(repo: &Repo, f: &Fixture) -> (i64, i64) {
    let venue_id = virtual_venue(repo, f.structure_id).await;
    offer_at(
        repo,
        venue_id,
        "LIVRE_NUMERIQUE",
        Cents(999),
        None,
        None,
        false,
    )
    .await
}

fn codes(names: &[&str]) -> Vec<String> {
    names.iter().map(|&c| c.to_owned()).collect()
}

on_every_backend! {
    async fn sixty_four_people_racing_for_fifty_codes_each_get_a_different_one(repo) {
        let f = Fixture::new(&repo).await;
        let (offer_id, stock_id) = ebook(&repo, &f).await;
        let list: Vec<String> = (0..50).map(|i| format!("EBOOK-{i:03}")).collect();
        assert_eq!(repo.add_codes(stock_id, &list, None, now()).await.expect("codes"), 50);
        let mut people = Vec::new();
        for i in 0..64 {
            people.push(f.young(&repo, &format!("reader{i}@test.fr")).await);
        }
        let attempts: Vec<_> = people
            .iter()
            .map(|&user_id| {
                let repo = repo.clone();
                tokio::spawn(async move { repo.book(&book(user_id, stock_id)).await })
            })
            .collect();
        let mut given = Vec::new();
        let mut refused = 0;
        for attempt in attempts {
            match attempt.await.expect("task") {
                Ok(booking) => {
                    assert_eq!(booking.status, BookingStatus::Used, "delivered when booked");
                    given.push(booking.activation_code.expect("a code on the ticket"));
                }
                Err(StoreError::BookingRefused(BookingRefusal::NoCodesLeft)) => refused += 1,
                Err(other) => panic!("unexpected error: {other:?}"),
            }
        }
        assert_eq!((given.len(), refused), (50, 14));
        let distinct: HashSet<_> = given.iter().collect();
        assert_eq!(distinct.len(), 50, "no code given twice");
        assert_eq!(distinct, list.iter().collect::<HashSet<_>>(), "every code given");
        let mut spent = Cents::ZERO;
        for user_id in people {
            spent += Cents::euros(500) - assert_ledger_balances(&repo, user_id).await;
        }
        assert_eq!(spent, Cents(999 * 50), "only those with a code paid");
        let counts = repo.code_counts(offer_id, now()).await.expect("counts");
        assert_eq!(counts, [CodeCounts { stock_id, free: 0, given: 50, expired: 0 }]);
        let stock = &repo.stocks_of_offer(offer_id).await.expect("stocks")[0];
        assert_eq!((stock.quantity, stock.booked), (Some(50), 50), "sold out");
    }
}

on_every_backend! {
    async fn codes_added_twice_are_kept_once_and_the_stock_sells_the_free_ones(repo) {
        let f = Fixture::new(&repo).await;
        let (offer_id, stock_id) = ebook(&repo, &f).await;
        assert_eq!(repo.add_codes(stock_id, &codes(&["A", "B"]), None, now()).await.expect("first"), 2);
        assert_eq!(repo.add_codes(stock_id, &codes(&["B", "C"]), None, now()).await.expect("second"), 1);
        let stock = &repo.stocks_of_offer(offer_id).await.expect("stocks")[0];
        assert_eq!((stock.quantity, stock.booked), (Some(3), 0));
        let young = f.young(&repo, "reader@test.fr").await;
        let booking = repo.book(&book(young, stock_id)).await.expect("booked");
        assert_eq!(booking.activation_code.as_deref(), Some("A"), "the oldest code first");
        assert_eq!(booking.offer_url.as_deref(), Some("https://example.org"));
        // The ticket read again says the same.
        let again = repo.booking_of_user(young, booking.id).await.expect("read").expect("found");
        assert_eq!(again.activation_code.as_deref(), Some("A"));
        let table = repo
            .bookings_of_structure(f.structure_id, &BookingFilter::default(), 10)
            .await
            .expect("partner's table")
            .rows;
        assert_eq!(table[0].activation_code.as_deref(), Some("A"), "the partner sees who got which");
        let counts = repo.code_counts(offer_id, now()).await.expect("counts");
        assert_eq!(counts, [CodeCounts { stock_id, free: 2, given: 1, expired: 0 }]);
    }
}

on_every_backend! {
    async fn an_expired_code_is_not_given_and_the_refusal_debits_nothing(repo) {
        let f = Fixture::new(&repo).await;
        let (offer_id, stock_id) = ebook(&repo, &f).await;
        let young = f.young(&repo, "late@test.fr").await;
        let ends = now() + Duration::hours(1);
        repo.add_codes(stock_id, &codes(&["SOON"]), Some(ends), now()).await.expect("codes");
        let mut late = book(young, stock_id);
        late.now = ends;
        assert!(matches!(
            repo.book(&late).await,
            Err(StoreError::BookingRefused(BookingRefusal::NoCodesLeft))
        ));
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents::euros(500));
        assert!(repo.bookings_of_user(young).await.expect("bookings").is_empty());
        let counts = repo.code_counts(offer_id, ends).await.expect("counts");
        assert_eq!(counts, [CodeCounts { stock_id, free: 0, given: 0, expired: 1 }]);
        repo.add_codes(stock_id, &codes(&["FRESH"]), None, ends).await.expect("codes");
        let booking = repo.book(&late).await.expect("booked");
        assert_eq!(booking.activation_code.as_deref(), Some("FRESH"));
    }
}

on_every_backend! {
    async fn a_digital_booking_is_used_at_once_and_can_be_neither_cancelled_undone_nor_repeated(repo) {
        let f = Fixture::new(&repo).await;
        let (_, stock_id) = ebook(&repo, &f).await;
        let young = f.young(&repo, "linked@test.fr").await;
        let booking = repo.book(&book(young, stock_id)).await.expect("booked");
        assert_eq!(booking.status, BookingStatus::Used);
        assert_eq!(booking.used_at, Some(now()));
        assert_eq!(booking.activation_code, None, "a link only");
        assert!(booking.is_digital());
        assert!(matches!(
            repo.cancel_by_young(young, booking.id, now()).await,
            Err(StoreError::TicketRefused(TicketRefusal::NotCancellable))
        ));
        let token = Token::parse(&booking.token).expect("token");
        assert!(matches!(
            repo.undo_validation(f.partner_id, &token, now()).await,
            Err(StoreError::TicketRefused(TicketRefusal::DeliveredOnline))
        ));
        assert!(matches!(
            repo.book(&book(young, stock_id)).await,
            Err(StoreError::BookingRefused(BookingRefusal::AlreadyBooked))
        ));
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents(50_000 - 999));
    }
}

/// Whether the offer is in the search index at `at`.
async fn findable(repo: &Repo, offer_id: i64, at: chrono::DateTime<chrono::Utc>) -> bool {
    let search = OfferSearch {
        digital_only: true,
        limit: 100,
        ..OfferSearch::around(None, None, at)
    };
    repo.search_offers(&search)
        .await
        .expect("search")
        .iter()
        .any(|card| card.id == offer_id)
}

on_every_backend! {
    async fn codes_that_expire_unused_leave_the_stock_and_the_last_one_takes_the_offer_out_of_the_search(repo) {
        let f = Fixture::new(&repo).await;
        let (offer_id, stock_id) = ebook(&repo, &f).await;
        let ends = now() + Duration::hours(1);
        repo.add_codes(stock_id, &codes(&["SOON-1", "SOON-2"]), Some(ends), now()).await.expect("codes");
        repo.add_codes(stock_id, &codes(&["LASTING"]), None, now()).await.expect("codes");
        let quantity = |repo: Repo| async move {
            let stock = repo.stocks_of_offer(offer_id).await.expect("stocks")[0].clone();
            (stock.quantity, stock.booked)
        };
        assert_eq!(quantity(repo.clone()).await, (Some(3), 0));
        let later = ends + Duration::minutes(1);
        assert_eq!(repo.retire_expired_codes(later).await.expect("pass"), 1);
        assert_eq!(repo.retire_expired_codes(later).await.expect("pass"), 0, "once");
        assert_eq!(quantity(repo.clone()).await, (Some(1), 0), "only the lasting code sells");
        assert!(findable(&repo, offer_id, later).await);
        let young = f.young(&repo, "last@test.fr").await;
        let mut booking = book(young, stock_id);
        booking.now = later;
        let booked = repo.book(&booking).await.expect("booked");
        assert_eq!(booked.activation_code.as_deref(), Some("LASTING"));
        assert_eq!(quantity(repo.clone()).await, (Some(1), 1), "sold out");
        assert!(!findable(&repo, offer_id, later).await, "out of the search");
    }
}

on_every_backend! {
    async fn an_offer_sold_by_its_link_then_given_codes_gives_one_to_each_later_booking(repo) {
        let f = Fixture::new(&repo).await;
        let (offer_id, stock_id) = ebook(&repo, &f).await;
        let first = f.young(&repo, "early@test.fr").await;
        let early = repo.book(&book(first, stock_id)).await.expect("booked");
        assert_eq!(early.activation_code, None, "a link only, then");
        repo.add_codes(stock_id, &codes(&["K1"]), None, now()).await.expect("codes");
        let stock = &repo.stocks_of_offer(offer_id).await.expect("stocks")[0];
        assert_eq!((stock.quantity, stock.booked), (Some(2), 1));
        let second = f.young(&repo, "late@test.fr").await;
        let late = repo.book(&book(second, stock_id)).await.expect("booked");
        assert_eq!(late.activation_code.as_deref(), Some("K1"));
        let third = f.young(&repo, "later@test.fr").await;
        assert!(matches!(
            repo.book(&book(third, stock_id)).await,
            Err(StoreError::BookingRefused(BookingRefusal::NoCodesLeft))
        ));
    }
}

on_every_backend! {
    async fn ten_thousand_codes_go_in_at_once_and_again_add_nothing(repo) {
        let f = Fixture::new(&repo).await;
        let (offer_id, stock_id) = ebook(&repo, &f).await;
        let list: Vec<String> = (0..10_000).map(|i| format!("BULK-{i:05}")).collect();
        assert_eq!(repo.add_codes(stock_id, &list, None, now()).await.expect("codes"), 10_000);
        assert_eq!(repo.add_codes(stock_id, &list, None, now()).await.expect("again"), 0);
        let counts = repo.code_counts(offer_id, now()).await.expect("counts");
        assert_eq!(counts, [CodeCounts { stock_id, free: 10_000, given: 0, expired: 0 }]);
    }
}
