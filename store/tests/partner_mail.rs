//! What partners are told about bookings, on both backends: a booking queues a mail for
//! each member of its structure who wants one (and only theirs), in its own transaction;
//! a partner who chose the daily digest gets none of those, and their digest is due at
//! its moment, lists their structures' bookings since the last one, and is queued once
//! by two schedulers at the same minute.

#[macro_use]
mod support;

use chrono::Duration;
use domain::account::Role;
use domain::notification::{BookingMail, MailKind};
use store::{Letter, NewInvitation, OutgoingMail};
use support::*;

/// A colleague of the fixture's partner, member of the same structure.
async fn colleague(repo: &store::Repo, f: &Fixture, email: &str) -> i64 {
    let id = user(repo, email, Role::Partner, None).await;
    let token_hash = format!("hash-{email}");
    repo.create_invitation(
        &NewInvitation {
            structure_id: f.structure_id,
            email: email.into(),
            role: domain::pro::team::MemberRole::Editor,
            token_hash: token_hash.clone(),
            invited_by: f.partner_id,
            expires_at: now() + Duration::days(7),
            mail: OutgoingMail::text("Invitation", "Lien"),
        },
        now(),
    )
    .await
    .expect("invite");
    let joined = repo.accept_invitation(&token_hash, id, now()).await;
    assert_eq!(joined.expect("accept"), Some(f.structure_id));
    id
}

/// The partners' mails about bookings, as (recipient, booking).
async fn told(repo: &store::Repo) -> Vec<(String, Option<i64>)> {
    let mut told: Vec<_> = repo
        .outbox(100)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == MailKind::NewBooking)
        .map(|m| (m.recipient, m.booking_id))
        .collect();
    told.sort();
    told
}

on_every_backend! {
    async fn a_booking_is_told_to_each_member_who_wants_a_mail_per_booking(repo) {
        let f = Fixture::new(&repo).await;
        let camille = colleague(&repo, &f, "camille@test.fr").await;
        let sam = colleague(&repo, &f, "sam@test.fr").await;
        let lea = f.young(&repo, "lea@test.fr").await;
        // Another structure's partner hears nothing of this one's bookings.
        let other = user(&repo, "other@test.fr", Role::Partner, None).await;
        structure(&repo, other, "Cinéma Vox", "732829320", true).await;

        assert_eq!(repo.booking_mail(f.partner_id).await.expect("read"), BookingMail::EachBooking);
        repo.choose_booking_mail(camille, BookingMail::DailyDigest, now() + Duration::hours(20), now())
            .await
            .expect("chosen");
        repo.choose_booking_mail(sam, BookingMail::Never, now(), now()).await.expect("chosen");
        assert_eq!(repo.booking_mail(camille).await.expect("read"), BookingMail::DailyDigest);
        assert_eq!(repo.booking_mail(sam).await.expect("read"), BookingMail::Never);

        let (_, stock) = f.offer(&repo, "LIVRE_PAPIER", domain::Cents(1500), Some(5)).await;
        let booking = repo.book(&book(lea, stock)).await.expect("booked");
        assert_eq!(told(&repo).await, vec![("partner@test.fr".to_owned(), Some(booking.id))]);
        let mail = repo
            .outbox(100)
            .await
            .expect("outbox")
            .into_iter()
            .find(|m| m.kind == MailKind::NewBooking)
            .expect("queued");
        assert_eq!(mail.user_id, Some(f.partner_id));
        let structure = repo.structure_of_offer_for_member(booking.offer_id, f.partner_id).await.expect("read");
        assert_eq!(structure, Some((f.structure_id, "Librairie Kléber".to_owned())));
        // Someone not (or no longer) a member of it is told nothing.
        assert_eq!(repo.structure_of_offer_for_member(booking.offer_id, other).await.expect("read"), None);

        // A refused booking (one per offer) tells no one: the mail is the booking's.
        let mut again = book(lea, stock);
        again.idempotency_key = Some("another".into());
        assert!(repo.book(&again).await.is_err());
        assert_eq!(told(&repo).await.len(), 1);
    }
}

on_every_backend! {
    async fn a_digest_is_due_at_its_moment_lists_the_bookings_since_the_last_and_is_queued_once(repo) {
        let f = Fixture::new(&repo).await;
        let lea = f.young(&repo, "lea@test.fr").await;
        let tom = f.young(&repo, "tom@test.fr").await;
        let eight = now() + Duration::hours(20);
        repo.choose_booking_mail(f.partner_id, BookingMail::DailyDigest, eight, now())
            .await
            .expect("chosen");
        // Choosing it again keeps the digest's moment and what it counts since.
        repo.choose_booking_mail(f.partner_id, BookingMail::DailyDigest, eight + Duration::days(3), now() + Duration::hours(1))
            .await
            .expect("chosen again");
        let (_, stock) = f.offer(&repo, "LIVRE_PAPIER", domain::Cents(1500), Some(5)).await;
        let mut later = book(tom, stock);
        later.now = now() + Duration::hours(2);
        repo.book(&book(lea, stock)).await.expect("booked");
        repo.book(&later).await.expect("booked");
        // A booking cancelled since is not news: it is left out.
        let noe = f.young(&repo, "noe@test.fr").await;
        let cancelled = repo.book(&book(noe, stock)).await.expect("booked");
        repo.cancel_by_young(noe, cancelled.id, now() + Duration::hours(3)).await.expect("cancelled");
        assert!(told(&repo).await.is_empty(), "no mail per booking with the digest");

        assert!(repo.due_digests(eight - Duration::seconds(1), 10).await.expect("read").is_empty());
        let due = repo.due_digests(eight, 10).await.expect("read");
        assert_eq!(due.len(), 1);
        let digest = &due[0];
        assert_eq!((digest.user_id, digest.since, digest.next_at), (f.partner_id, now(), eight));
        assert_eq!(digest.postal_code.as_deref(), Some("67000"));
        assert_eq!(repo.first_venue_postal_code(f.partner_id).await.expect("read").as_deref(), Some("67000"));

        let (lines, total) = repo.digest_bookings(f.partner_id, digest.since, eight).await.expect("read");
        assert_eq!(total, 2);
        let names: Vec<_> = lines.iter().map(|l| l.beneficiary_name.as_str()).collect();
        assert_eq!(names.len(), 2, "oldest first: {names:?}");
        assert!(lines.iter().all(|l| l.structure_id == f.structure_id && l.quantity == 1 && l.postal_code == "67000"));
        assert!(lines[0].booked_at < lines[1].booked_at);
        // Another partner's bookings are not theirs.
        let other = user(&repo, "other@test.fr", Role::Partner, None).await;
        assert_eq!(repo.digest_bookings(other, now(), eight).await.expect("read").1, 0);

        // Two schedulers at once: one digest, and the next is due a day later.
        let next = eight + Duration::days(1);
        let mail = Letter::from(OutgoingMail::text("2 nouvelles réservations", "…"));
        let tries: Vec<_> = (0..2)
            .map(|_| {
                let (repo, digest, mail) = (repo.clone(), digest.clone(), mail.clone());
                tokio::spawn(async move { repo.queue_digest(&digest, Some(&mail), eight, next, eight).await })
            })
            .collect();
        let mut queued = 0;
        for attempt in tries {
            queued += u32::from(attempt.await.expect("task").expect("queued"));
        }
        assert_eq!(queued, 1);
        let digests: Vec<_> = repo
            .outbox(100)
            .await
            .expect("outbox")
            .into_iter()
            .filter(|m| m.kind == MailKind::BookingsDigest)
            .collect();
        assert_eq!(digests.len(), 1);
        assert_eq!((digests[0].recipient.as_str(), digests[0].user_id), ("partner@test.fr", Some(f.partner_id)));
        assert_eq!(digests[0].subject, "2 nouvelles réservations");
        assert!(repo.due_digests(next - Duration::seconds(1), 10).await.expect("read").is_empty());
        let again = repo.due_digests(next, 10).await.expect("read");
        assert_eq!((again[0].since, again[0].next_at), (eight, next));

        // A day without bookings moves the digest on, and queues nothing.
        assert!(repo.queue_digest(&again[0], None, next, next + Duration::days(1), next).await.expect("moved"));
        assert_eq!(repo.outbox(100).await.expect("outbox").iter().filter(|m| m.kind == MailKind::BookingsDigest).count(), 1);

        // Its one-click unsubscribe turns the digest's kind off: none is due any more
        // (the app's link also deletes its schedule, `choose_booking_mail(Never)`).
        repo.choose_mail(f.partner_id, MailKind::BookingsDigest, domain::notification::Channel::Off).await.expect("off");
        assert!(repo.due_digests(next + Duration::days(5), 10).await.expect("read").is_empty());
        repo.choose_mail(f.partner_id, MailKind::BookingsDigest, domain::notification::Channel::Mail).await.expect("on");
        assert_eq!(repo.due_digests(next + Duration::days(5), 10).await.expect("read").len(), 1);

        // Back to a mail per booking: no digest is due any more.
        repo.choose_booking_mail(f.partner_id, BookingMail::EachBooking, eight, now()).await.expect("chosen");
        assert!(repo.due_digests(next + Duration::days(5), 10).await.expect("read").is_empty());
    }
}
