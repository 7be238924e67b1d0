//! Web Push devices and which notifications are still to push, on both backends.

#[macro_use]
mod support;

use chrono::Duration;
use domain::Cents;
use domain::notification::MailKind;
use store::*;
use support::*;

fn device(name: &str) -> PushDevice {
    PushDevice {
        endpoint: format!("https://push.example.org/{name}"),
        p256dh: "BPublicKey".into(),
        auth: "secret".into(),
    }
}

on_every_backend! {
    async fn a_notification_is_pushed_once_to_the_devices_that_were_on_when_it_was_written(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "pushed@test.fr").await;
        let (_, stock_id) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(10)).await;
        // A booking before any device: its notification is not pushed.
        repo.book(&book(young, stock_id)).await.expect("booked");
        let since = now() - Duration::hours(1);
        assert!(repo.push_due(&MailKind::IN_APP, since, 50).await.expect("due").is_empty());

        let later = now() + Duration::minutes(1);
        let session = "session-of-the-phone";
        repo.create_session(session, young, now(), now() + Duration::days(30)).await.expect("session");
        repo.subscribe_push(young, session, &device("phone"), later).await.expect("subscribed");
        // The same device again: still one.
        repo.subscribe_push(young, session, &device("phone"), later).await.expect("again");
        let (_, second) = f.offer(&repo, "CONCERT", Cents(0), Some(10)).await;
        let mut booking = book(young, second);
        booking.now = later;
        let booked = repo.book(&booking).await.expect("booked");
        let due = repo.push_due(&MailKind::IN_APP, since, 50).await.expect("due");
        assert_eq!(due.len(), 1);
        assert_eq!((due[0].user_id, due[0].notice.kind), (young, MailKind::BookingConfirmed));
        assert_eq!(due[0].notice.booking_id, Some(booked.id));
        assert_eq!(repo.push_devices(young, later).await.expect("devices"), [device("phone")]);
        assert!(repo.push_devices(young, now()).await.expect("devices").is_empty(), "not on then");

        // Eight pushers at once: one claims it.
        let id = due[0].notice.id;
        let claims: Vec<_> = (0..8)
            .map(|_| {
                let repo = repo.clone();
                tokio::spawn(async move { repo.claim_push(id, later).await.expect("claim") })
            })
            .collect();
        let mut won = 0;
        for claim in claims {
            won += usize::from(claim.await.expect("task"));
        }
        assert_eq!(won, 1, "pushed once");
        assert!(repo.push_due(&MailKind::IN_APP, since, 50).await.expect("due").is_empty());

        // Gone devices are forgotten; signing out turns the device off; at most ten.
        repo.forget_push_device(&device("phone").endpoint).await.expect("forgotten");
        assert!(repo.push_devices(young, later).await.expect("devices").is_empty());
        repo.subscribe_push(young, session, &device("tablet"), later).await.expect("subscribed");
        assert!(!repo.unsubscribe_push(f.partner_id, &device("tablet").endpoint).await.expect("not theirs"));
        repo.delete_session(session).await.expect("signed out");
        assert!(repo.push_devices(young, later).await.expect("devices").is_empty());
        repo.create_session(session, young, now(), now() + Duration::days(30)).await.expect("session");
        for n in 0..12 {
            let at = later + Duration::seconds(n);
            repo.subscribe_push(young, session, &device(&format!("d{n}")), at).await.expect("subscribed");
        }
        let kept = repo.push_devices(young, later + Duration::hours(1)).await.expect("devices");
        assert_eq!(kept.len(), 10);
        assert_eq!(kept[0], device("d2"), "the two oldest went");
        // An erased account keeps none.
        repo.anonymize_user(young).await.expect("erased");
        assert!(repo.push_devices(young, later + Duration::hours(1)).await.expect("devices").is_empty());
    }
}

on_every_backend! {
    async fn what_no_device_will_get_is_retired_at_once_the_rest_after_an_hour(repo) {
        let f = Fixture::new(&repo).await;
        let quiet = f.young(&repo, "quiet@test.fr").await;
        let phone = f.young(&repo, "phone@test.fr").await;
        let (_, stock_id) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(10)).await;
        let session = "session-of-the-phone";
        repo.create_session(session, phone, now(), now() + Duration::days(30)).await.expect("session");
        repo.subscribe_push(phone, session, &device("phone"), now()).await.expect("subscribed");
        repo.book(&book(quiet, stock_id)).await.expect("booked");
        repo.book(&book(phone, stock_id)).await.expect("booked");
        let since = now() - Duration::hours(1);
        // No device was on for the first person's notification: it leaves at once.
        assert!(repo.retire_unpushed(since, now()).await.expect("quiet's") >= 1);
        let due = repo.push_due(&MailKind::IN_APP, since, 50).await.expect("due");
        assert_eq!(due.iter().map(|d| d.user_id).collect::<Vec<_>>(), [phone], "the phone's stays");
        assert_eq!(repo.retire_unpushed(since, now()).await.expect("nothing more"), 0);
        // What was not pushed within the hour is retired then.
        let later = now() + Duration::hours(2);
        assert_eq!(repo.retire_unpushed(later - Duration::hours(1), later).await.expect("retired"), 1);
        assert!(repo.push_due(&MailKind::IN_APP, since, 50).await.expect("due").is_empty());
        assert_eq!(repo.retire_unpushed(later - Duration::hours(1), later).await.expect("again"), 0);
    }
}

on_every_backend! {
    async fn every_instance_shares_the_first_vapid_key(repo) {
        let first = repo.vapid_key("first", now()).await.expect("key");
        let second = repo.vapid_key("second", now()).await.expect("key");
        assert_eq!((first.as_str(), second.as_str()), ("first", "first"));
    }
}
