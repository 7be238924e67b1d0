//! The notification centre, on both backends: a person's messages about their bookings
//! and credit, newest first with their offer's title, only theirs and only the kinds
//! asked for; read up to the newest shown, one at a time. Delivered ones go after a
//! year and a month, waiting ones never.

#[macro_use]
mod support;

use chrono::Duration;
use domain::notification::MailKind;
use support::*;

const CENTRE: [MailKind; 2] = [MailKind::BookingConfirmed, MailKind::CollectBeforeExpiry];

on_every_backend! {
    async fn a_person_reads_their_own_notifications_and_the_count_follows(repo) {
        let f = Fixture::new(&repo).await;
        let lea = f.young(&repo, "lea@test.fr").await;
        let tom = f.young(&repo, "tom@test.fr").await;
        let (_, stock) = f.offer(&repo, "LIVRE_PAPIER", domain::Cents(1500), Some(5)).await;
        let first = repo.book(&book(lea, stock)).await.expect("booked");
        repo.book(&book(tom, stock)).await.expect("booked");
        // A reminder about Léa's book, later; and a mail of a kind the centre does not show.
        let fifth_day = now() + Duration::days(5);
        assert!(repo.queue_reminder(MailKind::CollectBeforeExpiry, first.id, fifth_day).await.expect("queued"));
        assert!(repo.queue_reminder(MailKind::CancellationClosing, first.id, fifth_day).await.expect("queued"));

        let notices = repo.notifications(lea, &CENTRE, 20).await.expect("read");
        let kinds: Vec<_> = notices.iter().map(|n| n.kind).collect();
        assert_eq!(kinds, vec![MailKind::CollectBeforeExpiry, MailKind::BookingConfirmed]);
        assert!(notices.iter().all(|n| n.booking_id == Some(first.id) && n.unread));
        let book_title = notices[0].offer_title.clone().expect("the offer's title");
        assert!(book_title.ends_with(" test"), "{book_title}");
        assert!(notices.iter().all(|n| n.offer_title.as_ref() == Some(&book_title)), "{notices:?}");
        assert_eq!(notices[0].created_at, fifth_day);
        assert_eq!(repo.unread_notifications(lea, &CENTRE).await.expect("count"), 2);
        assert_eq!(repo.unread_notifications(tom, &CENTRE).await.expect("count"), 1);
        assert_eq!(repo.notifications(lea, &CENTRE, 1).await.expect("read").len(), 1);
        assert_eq!(repo.unread_notifications(lea, &[]).await.expect("count"), 0);

        // Read up to the older one (what a page showed before the newer came): the newer
        // stays new.
        repo.read_notifications(lea, &CENTRE, notices[1].id, now()).await.expect("read");
        assert_eq!(repo.unread_notifications(lea, &CENTRE).await.expect("count"), 1);
        // Read up to the newest: nothing unread, the list stays.
        repo.read_notifications(lea, &CENTRE, notices[0].id, now()).await.expect("read");
        assert_eq!(repo.unread_notifications(lea, &CENTRE).await.expect("count"), 0);
        let notices = repo.notifications(lea, &CENTRE, 20).await.expect("read");
        assert_eq!(notices.len(), 2);
        assert!(notices.iter().all(|n| !n.unread));
        // Only the kinds asked for are read.
        let closing = [MailKind::CancellationClosing];
        assert_eq!(repo.unread_notifications(lea, &closing).await.expect("count"), 1);
        // Tom's are his: untouched.
        assert_eq!(repo.unread_notifications(tom, &CENTRE).await.expect("count"), 1);

        // A new one counts again.
        let (_, other) = f.offer(&repo, "SEANCE_CINE", domain::Cents(800), Some(5)).await;
        repo.book(&book(lea, other)).await.expect("booked");
        assert_eq!(repo.unread_notifications(lea, &CENTRE).await.expect("count"), 1);
        let newest = &repo.notifications(lea, &CENTRE, 20).await.expect("read")[0];
        assert!(newest.unread);
        let film_title = newest.offer_title.clone().expect("the offer's title");
        assert!(film_title.ends_with(" test") && film_title != book_title, "{film_title}");

        // A reminder the sender gave up because it stopped being true is not news.
        let claimed = repo
            .claim_mails(fifth_day, domain::notification::claim_lease(), 20)
            .await
            .expect("claim");
        let reminder = claimed
            .iter()
            .find(|m| m.kind == MailKind::CollectBeforeExpiry)
            .expect("the reminder");
        let reason = format!("{}: the booking changed", domain::notification::NO_LONGER_TRUE);
        assert!(repo.mail_not_sent(reminder.claim(), &reason, None, fifth_day).await.expect("given up"));
        let left = repo.notifications(lea, &CENTRE, 20).await.expect("read");
        assert!(left.iter().all(|n| n.kind != MailKind::CollectBeforeExpiry), "{left:?}");
        assert_eq!(left.len(), 2);
        // Given up for another reason (the relay refused it), it stays.
        let confirmation = claimed
            .iter()
            .find(|m| m.kind == MailKind::BookingConfirmed && m.user_id == Some(lea))
            .expect("a confirmation");
        assert!(repo.mail_not_sent(confirmation.claim(), "550 no such mailbox", None, fifth_day).await.expect("given up"));
        assert_eq!(repo.notifications(lea, &CENTRE, 20).await.expect("read").len(), 2);
    }
}

on_every_backend! {
    async fn messages_delivered_long_ago_are_purged_and_waiting_ones_kept(repo) {
        let f = Fixture::new(&repo).await;
        let lea = f.young(&repo, "lea@test.fr").await;
        let (_, stock) = f.offer(&repo, "LIVRE_PAPIER", domain::Cents(1500), Some(5)).await;
        repo.book(&book(lea, stock)).await.expect("booked");
        let (_, film) = f.offer(&repo, "SEANCE_CINE", domain::Cents(800), Some(5)).await;
        repo.book(&book(lea, film)).await.expect("booked too");
        let claimed = repo
            .claim_mails(now(), domain::notification::claim_lease(), 1)
            .await
            .expect("claim");
        assert!(repo.mail_sent(claimed[0].claim(), now()).await.expect("sent"));

        let kept = domain::notification::kept_for();
        let window = now() - Duration::minutes(15);
        repo.purge_expired(now() + kept - Duration::days(1), window).await.expect("purge");
        assert_eq!(repo.notifications(lea, &CENTRE, 20).await.expect("read").len(), 2);
        repo.purge_expired(now() + kept, window).await.expect("purge");
        // Gone: the one delivered. Kept: the other confirmation, and the partner's mail
        // about each booking, still waiting.
        let left = repo.outbox(20).await.expect("outbox");
        assert_eq!(left.len(), 3, "{left:?}");
        assert!(left.iter().all(|m| m.status == domain::notification::Delivery::Pending), "{left:?}");
        assert_eq!(left.iter().filter(|m| m.kind == MailKind::NewBooking).count(), 2);
    }
}
