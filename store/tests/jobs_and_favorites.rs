//! Scheduled work (expiry of uncollected things, events marked used) and favorites, on
//! both backends.

#[macro_use]
mod support;

use chrono::Duration;
use domain::Cents;
use domain::ticket::BookingStatus;
use store::*;
use support::*;

on_every_backend! {
    async fn an_uncollected_paper_book_expires_after_10_days_with_its_credit_back(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "j@test.fr").await;
        let (_, book_stock) = f.offer(&repo, "LIVRE_PAPIER", Cents(1500), Some(2)).await;
        let (_, instrument_stock) = f.offer(&repo, "ACHAT_INSTRUMENT", Cents(4000), Some(2)).await;
        let paper_book = repo.book(&book(young, book_stock)).await.expect("book");
        let instrument = repo.book(&book(young, instrument_stock)).await.expect("instrument");

        assert_eq!(repo.expire_uncollected(now() + Duration::days(9)).await.expect("job"), 0);
        assert_eq!(repo.expire_uncollected(now() + Duration::days(10)).await.expect("job"), 1);
        // Running again (or on another instance) refunds nothing twice.
        assert_eq!(repo.expire_uncollected(now() + Duration::days(10)).await.expect("job"), 0);
        assert_eq!(repo.expire_uncollected(now() + Duration::days(30)).await.expect("job"), 1);

        let bookings = repo.bookings_of_user(young).await.expect("list");
        for id in [paper_book.id, instrument.id] {
            let b = bookings.iter().find(|b| b.id == id).expect("present");
            assert_eq!(b.status, BookingStatus::Cancelled);
            assert_eq!(b.cancellation_reason.as_deref(), Some("expired"));
        }
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents::euros(500));
    }
}

on_every_backend! {
    async fn concurrent_expiry_jobs_refund_each_booking_once(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "j@test.fr").await;
        for _ in 0..5 {
            let (_, stock) = f.offer(&repo, "SUPPORT_PHYSIQUE_MUSIQUE", Cents(1000), Some(3)).await;
            repo.book(&book(young, stock)).await.expect("booked");
        }
        let later = now() + Duration::days(31);
        let jobs: Vec<_> = (0..4)
            .map(|_| {
                let repo = repo.clone();
                tokio::spawn(async move { repo.expire_uncollected(later).await })
            })
            .collect();
        let mut total = 0;
        for job in jobs {
            total += job.await.expect("task").expect("job");
        }
        assert_eq!(total, 5);
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents::euros(500));
    }
}

on_every_backend! {
    async fn events_are_marked_used_48_hours_after_they_start(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "j@test.fr").await;
        let start = now() + Duration::days(5);
        let (_, stock) = offer_at(&repo, f.venue_id, "CONCERT", Cents(1000), Some(10), Some(start), false).await;
        let booking = repo.book(&book(young, stock)).await.expect("booked");
        assert_eq!(repo.mark_past_events_used(start + Duration::hours(47)).await.expect("job"), 0);
        assert_eq!(repo.mark_past_events_used(start + Duration::hours(48)).await.expect("job"), 1);
        let after = repo.bookings_of_user(young).await.expect("list");
        assert_eq!(after.iter().find(|b| b.id == booking.id).map(|b| b.status), Some(BookingStatus::Used));
        // Events are never "expired" by the things' job.
        assert_eq!(repo.expire_uncollected(start + Duration::days(60)).await.expect("job"), 0);
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents(50_000 - 1000));
    }
}

on_every_backend! {
    async fn favorites_are_kept_once_each_and_capped_at_100(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "j@test.fr").await;
        let (first, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), None).await;
        repo.add_favorite(young, first, now()).await.expect("added");
        repo.add_favorite(young, first, now()).await.expect("adding twice is a no-op");
        assert!(repo.is_favorite(young, first).await.expect("read"));
        assert_eq!(repo.favorites(young).await.expect("list").len(), 1);
        let unknown = repo.add_favorite(young, 987_654, now()).await;
        assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

        for _ in 1..domain::account::MAX_FAVORITES {
            let (offer, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), None).await;
            repo.add_favorite(young, offer, now()).await.expect("added");
        }
        let (one_too_many, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), None).await;
        let full = repo.add_favorite(young, one_too_many, now()).await;
        assert!(matches!(full, Err(StoreError::LimitReached)), "{full:?}");
        assert_eq!(repo.favorites(young).await.expect("list").len(), 100);

        repo.remove_favorite(young, first).await.expect("removed");
        assert!(!repo.is_favorite(young, first).await.expect("read"));
        repo.add_favorite(young, one_too_many, now()).await.expect("room again");
    }
}
