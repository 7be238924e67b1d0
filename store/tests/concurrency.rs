//! Money and seats under concurrency: whatever the interleaving, never more seats sold
//! than the stock holds and never a wallet that disagrees with its ledger.

#[macro_use]
mod support;

use domain::Cents;
use domain::booking::BookingRefusal;
use store::*;
use support::*;

/// Runs every booking at once; returns how many succeeded. Any failure other than
/// `expected` fails the test.
async fn race(repo: &Repo, commands: Vec<BookCommand>, expected: BookingRefusal) -> usize {
    let attempts: Vec<_> = commands
        .into_iter()
        .map(|command| {
            let repo = repo.clone();
            tokio::spawn(async move { repo.book(&command).await })
        })
        .collect();
    let mut booked = 0;
    for attempt in attempts {
        match attempt.await.expect("task") {
            Ok(_) => booked += 1,
            Err(StoreError::BookingRefused(refusal)) if refusal == expected => {}
            Err(other) => panic!("unexpected error: {other:?}"),
        }
    }
    booked
}

on_every_backend! {
    async fn sixty_four_people_racing_for_ten_seats_get_exactly_ten(repo) {
        let f = Fixture::new(&repo).await;
        let (offer_id, stock_id) = f.offer(&repo, "SEANCE_CINE", Cents(650), Some(10)).await;
        let mut people = Vec::new();
        for i in 0..64 {
            people.push(f.young(&repo, &format!("racer{i}@test.fr")).await);
        }
        let commands = people.iter().map(|&user_id| book(user_id, stock_id)).collect();
        assert_eq!(race(&repo, commands, BookingRefusal::SoldOut).await, 10);
        let stock = &repo.bookable_stocks(offer_id, now()).await.expect("stocks")[0];
        assert_eq!(stock.booked, 10);
        let mut spent = Cents::ZERO;
        for user_id in people {
            spent += Cents::euros(500) - assert_ledger_balances(&repo, user_id).await;
        }
        assert_eq!(spent, Cents(650 * 10), "exactly ten seats were paid for");
    }
}

on_every_backend! {
    async fn one_person_double_clicking_books_once_and_pays_once(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "clicker@test.fr").await;
        let (_, stock_id) = f.offer(&repo, "CONCERT", Cents(2000), Some(100)).await;
        let commands = (0..16).map(|_| book(young, stock_id)).collect();
        assert_eq!(race(&repo, commands, BookingRefusal::AlreadyBooked).await, 1);
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents(50_000 - 2000));
    }
}

on_every_backend! {
    async fn concurrent_bookings_never_overdraw_a_wallet(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "spender@test.fr").await;
        // Ten different offers at 90 € each (no cap on shows): 500 € buys only five.
        let mut stocks = Vec::new();
        for _ in 0..10 {
            stocks.push(f.offer(&repo, "SPECTACLE_REPRESENTATION", Cents::euros(90), None).await.1);
        }
        let commands = stocks.into_iter().map(|stock_id| book(young, stock_id)).collect();
        assert_eq!(race(&repo, commands, BookingRefusal::InsufficientCredit).await, 5);
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents::euros(50));
    }
}
