//! The outbox as a queue, on both backends: messages are written with their cause, claimed
//! by one sender at a time (never by two, even at once), retried when due, and never
//! delivered twice.

#[macro_use]
mod support;

use chrono::{DateTime, Duration, Utc};
use domain::account::Role;
use domain::notification::{Delivery, MailKind};
use store::*;
use support::*;

/// A password-reset link for a new person: its mail is written with it. The person's id.
async fn reset_mail(repo: &Repo, email: &str, at: DateTime<Utc>) -> i64 {
    let user_id = user(repo, email, Role::Young, None).await;
    let reset = NewPasswordReset {
        user_id,
        token_hash: format!("hash-of-{email}"),
        expires_at: at + Duration::hours(1),
        recipient: email.to_owned(),
        mail: OutgoingMail::text(
            "Choisis un nouveau mot de passe".to_owned(),
            "Ouvre ce lien".to_owned(),
        ),
    };
    repo.create_password_reset(&reset, at).await.expect("reset");
    user_id
}

fn lease() -> Duration {
    domain::notification::claim_lease()
}

on_every_backend! {
    async fn a_message_written_with_its_cause_is_claimed_once_then_recorded_sent(repo) {
        reset_mail(&repo, "lea@test.fr", now()).await;
        let mails = repo.outbox(10).await.expect("outbox");
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].status, Delivery::Pending);
        assert_eq!(mails[0].attempts, 0);

        let claimed = repo.claim_mails(now(), lease(), 20).await.expect("claim");
        assert_eq!(claimed.len(), 1);
        assert_eq!(claimed[0].recipient, "lea@test.fr");
        assert_eq!(claimed[0].status, Delivery::Sending);
        assert_eq!(claimed[0].attempts, 1);
        // Claimed: no one else takes it while the lease runs.
        assert!(repo.claim_mails(now(), lease(), 20).await.expect("claim").is_empty());

        let sent_at = now() + Duration::seconds(3);
        assert!(repo.mail_sent(claimed[0].claim(), sent_at).await.expect("sent"));
        // Recording twice changes nothing.
        assert!(!repo.mail_sent(claimed[0].claim(), sent_at).await.expect("sent"));
        let mails = repo.outbox(10).await.expect("outbox");
        assert_eq!(mails[0].status, Delivery::Sent);
        assert_eq!(mails[0].sent_at, Some(sent_at));
        // Sent is final, even long after.
        let later = now() + Duration::days(30);
        assert!(repo.claim_mails(later, lease(), 20).await.expect("claim").is_empty());
    }
}

on_every_backend! {
    async fn the_team_reads_the_outbox_a_page_at_a_time_all_or_to_one_address(repo) {
        let mut people = Vec::new();
        for (i, email) in ["a@test.fr", "b@test.fr", "c@test.fr", "d@test.fr", "e@test.fr"].into_iter().enumerate() {
            people.push(reset_mail(&repo, email, now() + Duration::minutes(i as i64)).await);
        }
        // A second message to b, the newest.
        let b = people[1];
        let again = NewPasswordReset {
            user_id: b,
            token_hash: "another-hash".to_owned(),
            expires_at: now() + Duration::hours(2),
            recipient: "b@test.fr".to_owned(),
            mail: OutgoingMail::text("Encore".to_owned(), "Ouvre ce lien".to_owned()),
        };
        repo.create_password_reset(&again, now() + Duration::minutes(10)).await.expect("reset");

        let mut seen = Vec::new();
        let mut query = OutboxQuery::default();
        loop {
            let page = repo.outbox_page(&query, 2).await.expect("page");
            assert_eq!(page.total, 6);
            assert!(page.rows.len() <= 2);
            seen.extend(page.rows.iter().map(|m| m.recipient.clone()));
            match page.next {
                Some(after) => query.after = Some(after),
                None => break,
            }
        }
        assert_eq!(seen, ["b@test.fr", "e@test.fr", "d@test.fr", "c@test.fr", "b@test.fr", "a@test.fr"]);

        let to_b = OutboxQuery { recipient: Some("b@test.fr".to_owned()), after: None };
        let first = repo.outbox_page(&to_b, 1).await.expect("page");
        assert_eq!((first.total, first.rows[0].subject.as_str()), (2, "Encore"));
        let second = repo.outbox_page(&OutboxQuery { after: first.next, ..to_b.clone() }, 1).await.expect("page");
        assert_eq!((second.rows.len(), second.next), (1, None));
        assert_eq!(second.rows[0].recipient, "b@test.fr");
        let nobody = OutboxQuery { recipient: Some("z@test.fr".to_owned()), after: None };
        assert_eq!(repo.outbox_page(&nobody, 10).await.expect("page").total, 0);
    }
}

on_every_backend! {
    async fn a_failed_message_waits_for_its_retry_then_is_given_up(repo) {
        reset_mail(&repo, "lea@test.fr", now()).await;
        let first = repo.claim_mails(now(), lease(), 20).await.expect("claim")[0].claim();
        let retry_at = now() + Duration::minutes(1);
        assert!(repo
            .mail_not_sent(first, "connection refused", Some(retry_at), now())
            .await
            .expect("failed"));
        let mails = repo.outbox(10).await.expect("outbox");
        assert_eq!(mails[0].status, Delivery::Pending);
        assert_eq!(mails[0].last_error.as_deref(), Some("connection refused"));

        // Not before its time.
        let early = retry_at - Duration::seconds(1);
        assert!(repo.claim_mails(early, lease(), 20).await.expect("claim").is_empty());
        let again = repo.claim_mails(retry_at, lease(), 20).await.expect("claim");
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].attempts, 2);

        assert!(repo
            .mail_not_sent(again[0].claim(), "550 no such mailbox", None, retry_at)
            .await
            .expect("given up"));
        let mails = repo.outbox(10).await.expect("outbox");
        assert_eq!(mails[0].status, Delivery::Failed);
        assert_eq!(mails[0].last_error.as_deref(), Some("550 no such mailbox"));
        let later = now() + Duration::days(30);
        assert!(repo.claim_mails(later, lease(), 20).await.expect("claim").is_empty());
    }
}

on_every_backend! {
    async fn a_claim_whose_sender_died_is_taken_over_when_its_lease_ends(repo) {
        reset_mail(&repo, "lea@test.fr", now()).await;
        let first = repo.claim_mails(now(), lease(), 20).await.expect("claim");
        assert_eq!(first.len(), 1);
        // The first sender never reports back.
        let before_end = now() + lease() - Duration::seconds(1);
        assert!(repo.claim_mails(before_end, lease(), 20).await.expect("claim").is_empty());
        let after_end = now() + lease();
        let second = repo.claim_mails(after_end, lease(), 20).await.expect("claim");
        assert_eq!(second.len(), 1);
        assert_eq!(second[0].attempts, 2);
        // A late report of the first sender changes nothing, before or after the second
        // sender's own: the message is the second's claim now.
        let late = OutgoingMail::text("Écrit trop tard", "par le premier");
        assert!(!repo.write_mail(first[0].claim(), &late).await.expect("late write"));
        assert!(!repo.mail_not_sent(first[0].claim(), "late", None, after_end).await.expect("late"));
        assert!(!repo.mail_sent(first[0].claim(), after_end).await.expect("late"));
        assert_eq!(repo.outbox(10).await.expect("outbox")[0].status, Delivery::Sending);
        assert!(repo.mail_sent(second[0].claim(), after_end).await.expect("sent"));
        assert!(!repo.mail_sent(first[0].claim(), after_end).await.expect("late"));
        assert_eq!(repo.outbox(10).await.expect("outbox")[0].status, Delivery::Sent);
    }
}

on_every_backend! {
    async fn concurrent_senders_claim_each_message_exactly_once(repo) {
        for n in 0..60 {
            reset_mail(&repo, &format!("person{n}@test.fr"), now()).await;
        }
        let senders: Vec<_> = (0..4)
            .map(|_| {
                let repo = repo.clone();
                tokio::spawn(async move {
                    let mut mine = Vec::new();
                    loop {
                        let claimed = repo.claim_mails(now(), lease(), 7).await.expect("claim");
                        if claimed.is_empty() {
                            // Another sender may still hold some: look again until none
                            // is left unclaimed.
                            let waiting = repo.outbox(100).await.expect("outbox");
                            if waiting.iter().all(|m| m.status != Delivery::Pending) {
                                break;
                            }
                            continue;
                        }
                        for mail in claimed {
                            assert!(repo.mail_sent(mail.claim(), now()).await.expect("sent"));
                            mine.push(mail.id);
                        }
                    }
                    mine
                })
            })
            .collect();
        let mut all = Vec::new();
        for sender in senders {
            all.extend(sender.await.expect("sender"));
        }
        all.sort_unstable();
        let distinct = all.len();
        all.dedup();
        assert_eq!(distinct, all.len(), "a message was claimed twice");
        assert_eq!(all.len(), 60, "every message was claimed");
        let mails = repo.outbox(100).await.expect("outbox");
        assert!(mails.iter().all(|m| m.status == Delivery::Sent && m.attempts == 1));
    }
}

on_every_backend! {
    async fn a_booking_queues_its_confirmation_and_a_refused_one_nothing(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "lea@test.fr").await;
        let (_, stock) = f.offer(&repo, "SEANCE_CINE", domain::Cents(800), Some(1)).await;
        let booking = repo.book(&book(young, stock)).await.expect("booked");
        // Sold out: refused, and no message.
        let other = f.young(&repo, "tom@test.fr").await;
        assert!(repo.book(&book(other, stock)).await.is_err());

        // Its confirmation, and the mail that tells the partner (`partner_mail.rs`).
        let mails = repo.outbox(10).await.expect("outbox");
        let kinds: Vec<_> = mails.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, vec![MailKind::NewBooking, MailKind::BookingConfirmed], "{mails:?}");
        let mail = &mails[1];
        assert_eq!(mail.recipient, "lea@test.fr");
        assert_eq!((mail.user_id, mail.booking_id), (Some(young), Some(booking.id)));
        assert!(mail.body.is_empty(), "the sender writes it");
        let about = repo.booking_of_mail(booking.id).await.expect("read").expect("the booking");
        assert_eq!(about.token, booking.token);

        // The sender writes it, then it leaves as written.
        let claimed = repo.claim_mails(now(), lease(), 20).await.expect("claim");
        let written = OutgoingMail {
            subject: "Réservation confirmée".into(),
            text: format!("Code {}", booking.token),
            html: Some("<p>Code</p>".into()),
        };
        assert!(repo.write_mail(claimed[0].claim(), &written).await.expect("written"));
        assert_eq!(claimed[0].kind, MailKind::BookingConfirmed, "oldest first");
        let mail = &repo.outbox(10).await.expect("outbox")[1];
        assert_eq!((mail.subject.as_str(), mail.html_body.as_deref()), ("Réservation confirmée", Some("<p>Code</p>")));
        assert_eq!(mail.body, format!("Code {}", booking.token));
    }
}

on_every_backend! {
    async fn reminders_are_queued_once_for_the_bookings_in_their_window(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "lea@test.fr").await;
        // A concert in 36 hours: a candidate for the day-before reminder from two days
        // before (the scheduler then decides on the venue's clock).
        let starts = now() + Duration::hours(36);
        let (_, show) = offer_at(&repo, f.venue_id, "CONCERT", domain::Cents(800), Some(5), Some(starts), false).await;
        let concert = repo.book(&book(young, show)).await.expect("booked");
        let event = MailKind::EventTomorrow;
        let ids = |rows: Vec<BookingRow>| rows.iter().map(|b| b.id).collect::<Vec<_>>();
        assert_eq!(ids(repo.reminder_candidates(event, now(), 0).await.expect("read")), vec![concert.id]);
        assert!(repo.reminder_candidates(event, now(), concert.id).await.expect("next page").is_empty());
        let earlier = now() - Duration::days(1);
        assert!(repo.reminder_candidates(event, earlier, 0).await.expect("read").is_empty(), "60 hours before");
        assert!(repo.reminder_candidates(event, starts, 0).await.expect("read").is_empty(), "started");

        // A paper book to collect.
        let (_, book_stock) = f.offer(&repo, "LIVRE_PAPIER", domain::Cents(1500), Some(2)).await;
        let paper = repo.book(&book(young, book_stock)).await.expect("booked");

        let kind = MailKind::CollectBeforeExpiry;
        // Booked now: not yet a candidate (it expires in 10 days, reminded from the 5th).
        assert!(repo.reminder_candidates(kind, now(), 0).await.expect("read").is_empty());
        let fifth_day = now() + Duration::days(5);
        let candidates = repo.reminder_candidates(kind, fifth_day, 0).await.expect("read");
        assert_eq!(candidates.iter().map(|b| b.id).collect::<Vec<_>>(), vec![paper.id]);

        // Two schedulers at once: one reminder.
        let tries: Vec<_> = (0..2)
            .map(|_| {
                let repo = repo.clone();
                tokio::spawn(async move { repo.queue_reminder(kind, paper.id, fifth_day).await })
            })
            .collect();
        let mut queued = 0;
        for attempt in tries {
            queued += u32::from(attempt.await.expect("task").expect("queued"));
        }
        assert_eq!(queued, 1);
        assert!(!repo.queue_reminder(kind, paper.id, fifth_day).await.expect("again"));
        // Once queued, no longer a candidate.
        assert!(repo.reminder_candidates(kind, fifth_day, 0).await.expect("read").is_empty());
        let reminders: Vec<_> = repo
            .outbox(20)
            .await
            .expect("outbox")
            .into_iter()
            .filter(|m| m.kind == kind)
            .collect();
        assert_eq!(reminders.len(), 1);
        assert_eq!((reminders[0].booking_id, reminders[0].user_id), (Some(paper.id), Some(young)));
        assert_eq!(reminders[0].recipient, "lea@test.fr");
        // Another kind about the same booking is another message.
        assert!(repo.queue_reminder(MailKind::CancellationClosing, paper.id, fifth_day).await.expect("other"));
    }
}

on_every_backend! {
    async fn what_the_partner_does_to_a_booking_is_told_to_its_young_person(repo) {
        let f = Fixture::new(&repo).await;
        let lea = f.young(&repo, "lea@test.fr").await;
        let tom = f.young(&repo, "tom@test.fr").await;
        let starts = now() + Duration::days(10);
        let (_, first) = offer_at(&repo, f.venue_id, "CONCERT", domain::Cents(800), Some(5), Some(starts), false).await;
        let (_, second) = offer_at(&repo, f.venue_id, "SPECTACLE_REPRESENTATION", domain::Cents(900), Some(5), Some(starts), false).await;
        let cancelled = repo.book(&book(lea, first)).await.expect("booked");
        let moved = repo.book(&book(tom, first)).await.expect("booked");
        let deleted = repo.book(&book(lea, second)).await.expect("booked");

        // Tom had his day-before reminder for the first date.
        assert!(repo.queue_reminder(MailKind::EventTomorrow, moved.id, now()).await.expect("queued"));
        let token = domain::token::Token::parse(&cancelled.token).expect("token");
        repo.cancel_by_partner(f.partner_id, &token, "séance annulée", now()).await.expect("cancelled");
        let change = StockChange {
            quantity: Some(5),
            booking_limit: None,
            begins_at: Some(starts + Duration::days(1)),
        };
        repo.change_stock(first, &change, now()).await.expect("moved");
        // The same date again tells no one.
        repo.change_stock(first, &change, now()).await.expect("unchanged");
        repo.delete_stock(second, now()).await.expect("deleted");

        let mut told: Vec<_> = repo
            .outbox(50)
            .await
            .expect("outbox")
            .into_iter()
            .filter(|m| !matches!(m.kind, MailKind::BookingConfirmed | MailKind::NewBooking))
            .map(|m| (m.kind, m.recipient, m.booking_id))
            .collect();
        told.sort_by_key(|(kind, _, booking)| (*booking, kind.to_stored()));
        assert_eq!(told, vec![
            (MailKind::BookingCancelled, "lea@test.fr".to_owned(), Some(cancelled.id)),
            (MailKind::DateMoved, "tom@test.fr".to_owned(), Some(moved.id)),
            (MailKind::BookingCancelled, "lea@test.fr".to_owned(), Some(deleted.id)),
        ]);
    }
}

on_every_backend! {
    async fn a_decision_about_a_structure_is_mailed_to_each_of_its_members_once(repo) {
        let owner = user(&repo, "owner@theatre.fr", Role::Partner, None).await;
        let pending = structure(&repo, owner, "Théâtre du Port", "519037584", false).await;
        let colleague = user(&repo, "colleague@theatre.fr", Role::Partner, None).await;
        repo.add_member(pending, colleague).await.expect("member");
        let other = user(&repo, "other@theatre.fr", Role::Partner, None).await;
        repo.add_member(pending, other).await.expect("member");
        // Each reads their language: one chose English, one a language the letter lacks
        // (the reference, French, then), the owner none.
        repo.set_language(colleague, "en").await.expect("chosen");
        repo.set_language(other, "de").await.expect("chosen");
        let admin = user(&repo, "admin@test.fr", Role::Admin, None).await;
        let mail = Letter(vec![
            ("fr".into(), OutgoingMail::text("Théâtre du Port est validée", "Bonjour")),
            ("en".into(), OutgoingMail::text("Théâtre du Port is validated", "Hello")),
        ]);
        assert!(repo.decide_structure(pending, true, admin, Some(&mail), now()).await.expect("decided"));
        // Decided already: no second message.
        assert!(!repo.decide_structure(pending, false, admin, Some(&mail), now()).await.expect("once"));
        let mut mails: Vec<_> = repo
            .outbox(10)
            .await
            .expect("outbox")
            .into_iter()
            .map(|m| (m.recipient, m.kind, m.subject, m.body))
            .collect();
        mails.sort_by(|a, b| a.0.cmp(&b.0));
        let validated = |to: &str, subject: &str, body: &str| {
            (to.to_owned(), MailKind::StructureValidated, subject.to_owned(), body.to_owned())
        };
        assert_eq!(mails, vec![
            validated("colleague@theatre.fr", "Théâtre du Port is validated", "Hello"),
            validated("other@theatre.fr", "Théâtre du Port est validée", "Bonjour"),
            validated("owner@theatre.fr", "Théâtre du Port est validée", "Bonjour"),
        ]);
    }
}

on_every_backend! {
    async fn credit_about_to_expire_is_reminded_a_month_then_a_week_before_once_each(repo) {
        let f = Fixture::new(&repo).await;
        let lea = f.young(&repo, "lea@test.fr").await;
        let expires = repo.wallet(lea).await.expect("read").expect("a wallet").expires_at;
        let kinds = |mails: Vec<MailRow>| {
            mails.into_iter().filter(|m| m.user_id == Some(lea)).map(|m| m.kind).collect::<Vec<_>>()
        };
        assert_eq!(repo.queue_credit_reminders(expires - Duration::days(31)).await.expect("job"), 0);
        let month = expires - Duration::days(30);
        assert_eq!(repo.queue_credit_reminders(month).await.expect("job"), 1);
        // Again, or from another instance: nothing more.
        assert_eq!(repo.queue_credit_reminders(month + Duration::days(1)).await.expect("job"), 0);
        let week = expires - Duration::days(7);
        assert_eq!(repo.queue_credit_reminders(week).await.expect("job"), 1);
        assert_eq!(repo.queue_credit_reminders(week).await.expect("job"), 0);
        assert_eq!(repo.queue_credit_reminders(expires).await.expect("job"), 0, "expired");
        assert_eq!(
            kinds(repo.outbox(10).await.expect("outbox")),
            vec![MailKind::CreditExpiresInAWeek, MailKind::CreditExpiresInAMonth]
        );
    }
}
