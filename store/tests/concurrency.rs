//! Money and seats under concurrency: whatever the interleaving, never more seats sold
//! than the stock holds and never a wallet that disagrees with its ledger.

#[macro_use]
mod support;

use domain::Cents;
use domain::booking::BookingRefusal;
use store::*;
use support::*;

/// What a person's active (not cancelled) bookings cost.
async fn active_total(repo: &Repo, user_id: i64) -> Cents {
    repo.bookings_of_user(user_id)
        .await
        .expect("bookings")
        .iter()
        .filter(|b| b.status != domain::ticket::BookingStatus::Cancelled)
        .map(BookingRow::amount)
        .sum()
}

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
    async fn sixty_four_clients_of_one_person_racing_across_offers_with_credit_for_three_get_three(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "spender@test.fr").await;
        // 500 € of credit, shows at 150 € (no cap on shows): only three fit.
        let mut commands = Vec::new();
        for _ in 0..64 {
            let (_, stock_id) = f.offer(&repo, "SPECTACLE_REPRESENTATION", Cents::euros(150), None).await;
            commands.push(book(young, stock_id));
        }
        assert_eq!(race(&repo, commands, BookingRefusal::InsufficientCredit).await, 3);
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents::euros(50));
        assert_eq!(active_total(&repo, young).await, Cents::euros(450), "the ledger matches the active bookings");
    }
}

on_every_backend! {
    async fn interleaved_cancellations_and_bookings_keep_seats_and_ledger_exact(repo) {
        let f = Fixture::new(&repo).await;
        let (offer_id, stock_id) = f.offer(&repo, "CONCERT", Cents(1200), Some(5)).await;
        let mut people = Vec::new();
        for i in 0..20 {
            people.push(f.young(&repo, &format!("fan{i}@test.fr")).await);
        }
        // The first five hold the seats; they cancel while fifteen others try to book.
        let mut holders = Vec::new();
        for &user_id in &people[..5] {
            holders.push((user_id, repo.book(&book(user_id, stock_id)).await.expect("booked").id));
        }
        let mut tasks = Vec::new();
        for (user_id, booking_id) in holders {
            let repo = repo.clone();
            tasks.push(tokio::spawn(async move { repo.cancel_by_young(user_id, booking_id, now()).await.map(|_| ()) }));
        }
        for &user_id in &people[5..] {
            let repo = repo.clone();
            tasks.push(tokio::spawn(async move {
                match repo.book(&book(user_id, stock_id)).await {
                    Ok(_) | Err(StoreError::BookingRefused(BookingRefusal::SoldOut)) => Ok(()),
                    Err(other) => Err(other),
                }
            }));
        }
        for task in tasks {
            task.await.expect("task").expect("no unexpected error");
        }
        let stock = &repo.bookable_stocks(offer_id, now()).await.expect("stocks")[0];
        let mut active = 0;
        for &user_id in &people {
            assert_ledger_balances(&repo, user_id).await;
            if active_total(&repo, user_id).await > Cents::ZERO {
                active += 1;
            }
        }
        assert_eq!(stock.booked, active, "seats taken equal the active bookings");
        assert!(stock.booked <= 5);
    }
}

on_every_backend! {
    async fn an_offer_withdrawn_while_people_book_it_keeps_no_booking_and_refunds_every_one(repo) {
        let f = Fixture::new(&repo).await;
        let (offer_id, stock_id) = f.offer(&repo, "CONCERT", Cents(1200), Some(500)).await;
        let mut people = Vec::new();
        for i in 0..32 {
            people.push(f.young(&repo, &format!("fan{i}@test.fr")).await);
        }
        let bookings: Vec<_> = people
            .iter()
            .map(|&user_id| {
                let repo = repo.clone();
                tokio::spawn(async move { repo.book(&book(user_id, stock_id)).await })
            })
            .collect();
        let withdrawal = OfferWithdrawal {
            offer_id,
            admin_id: admin(&repo).await,
            reason: "Concert annulé".into(),
            mail: OutgoingMail::text("Annulée", "Crédit rendu").into(),
        };
        let withdrawn = {
            let repo = repo.clone();
            tokio::spawn(async move { repo.withdraw_offer(&withdrawal, now()).await })
        };
        for attempt in bookings {
            match attempt.await.expect("task") {
                Ok(_) | Err(StoreError::BookingRefused(BookingRefusal::OfferUnavailable)) => {}
                Err(other) => panic!("unexpected error: {other:?}"),
            }
        }
        withdrawn.await.expect("task").expect("withdrawn");
        for &user_id in &people {
            assert_eq!(assert_ledger_balances(&repo, user_id).await, Cents::euros(500), "credit back");
            assert_eq!(active_total(&repo, user_id).await, Cents::ZERO, "no booking left");
        }
    }
}
