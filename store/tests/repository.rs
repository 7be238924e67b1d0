//! The behaviour of the repository, identical on SQLite and PostgreSQL.

#[macro_use]
mod support;

use chrono::Duration;
use domain::Cents;
use domain::account::Role;
use domain::booking::BookingRefusal;
use domain::text::Email;
use domain::ticket::{BookingStatus, TicketRefusal};
use domain::token::Token;
use store::*;
use support::*;

on_every_backend! {
    async fn migrations_and_policies_can_run_twice(repo) {
        repo.migrate().await.expect("second migration is a no-op");
        let preset = domain::credit::preset("FR-2025").expect("preset");
        let first = repo.ensure_policy(&preset, now()).await.expect("stored");
        let second = repo.ensure_policy(&preset, now()).await.expect("stored again");
        assert_eq!(first, second);
        let (id, stored) = repo.policy("FR-2025").await.expect("read").expect("present");
        assert_eq!(id, first);
        assert_eq!(stored, preset, "a policy round-trips as data");
        assert!(repo.policy("XX-0000").await.expect("read").is_none());
    }
}

on_every_backend! {
    async fn an_email_can_only_be_registered_once(repo) {
        user(&repo, "camille@test.fr", Role::Young, None).await;
        let again = repo
            .create_verified_user(
                &NewUser {
                    email: Email::parse("Camille@Test.fr").expect("email"),
                    password_hash: "x".into(),
                    first_name: "C".into(),
                    last_name: "M".into(),
                    role: Role::Young,
                    birth_date: None,
                    departement: None,
                },
                now(),
            )
            .await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
        let other = user(&repo, "autre@test.fr", Role::Young, None).await;
        let taken = repo.set_email(other, &Email::parse("camille@test.fr").expect("email")).await;
        assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
        repo.set_email(other, &Email::parse("nouvelle@test.fr").expect("email")).await.expect("changed");
        let found = repo.user_by_email(&Email::parse("nouvelle@test.fr").expect("email")).await.expect("read");
        assert_eq!(found.map(|u| u.id), Some(other));
    }
}

on_every_backend! {
    async fn sessions_expire_and_can_be_deleted(repo) {
        let id = user(&repo, "s@test.fr", Role::Young, None).await;
        repo.create_session("hash-1", id, now(), now() + Duration::hours(1)).await.expect("session");
        let found = repo.session_user("hash-1", now()).await.expect("read").expect("live");
        assert_eq!(found.id, id);
        assert_eq!(found.role(), Some(Role::Young));
        assert!(repo.session_user("hash-1", now() + Duration::hours(2)).await.expect("read").is_none());
        repo.delete_session("hash-1").await.expect("delete");
        assert!(repo.session_user("hash-1", now()).await.expect("read").is_none());
    }
}

on_every_backend! {
    async fn login_attempts_are_counted_per_counter_within_a_window_and_forgiven(repo) {
        let window = |at: chrono::DateTime<chrono::Utc>| at - Duration::minutes(15);
        let start = now() - Duration::minutes(20);
        assert_eq!(repo.count_attempt("x", start, window(start)).await.expect("count"), 1);
        // 20 minutes later the window of 15 has closed: counting starts again.
        for expected in 1..=3 {
            assert_eq!(repo.count_attempt("x", now(), window(now())).await.expect("count"), expected);
        }
        assert_eq!(repo.count_attempt("y", now(), window(now())).await.expect("count"), 1);
        repo.forgive_attempt("x").await.expect("forgiven");
        assert_eq!(repo.count_attempt("x", now(), window(now())).await.expect("count"), 3);
        repo.clear_attempts("x").await.expect("cleared");
        assert_eq!(repo.count_attempt("x", now(), window(now())).await.expect("count"), 1);
        repo.forgive_attempt("nobody").await.expect("nothing to forgive");
    }
}

on_every_backend! {
    async fn parallel_login_attempts_each_get_their_own_count(repo) {
        let counts = futures_counts(&repo, 40).await;
        assert_eq!(counts, (1..=40).collect::<Vec<i64>>(), "every count given once");
    }
}

/// Counts 40 attempts of one counter at once and returns the counts, sorted.
async fn futures_counts(repo: &Repo, n: usize) -> Vec<i64> {
    let mut tasks = Vec::new();
    for _ in 0..n {
        let repo = repo.clone();
        tasks.push(tokio::spawn(async move {
            repo.count_attempt("race", now(), now() - Duration::minutes(15))
                .await
                .expect("count")
        }));
    }
    let mut counts = Vec::new();
    for task in tasks {
        counts.push(task.await.expect("task"));
    }
    counts.sort_unstable();
    counts
}

on_every_backend! {
    async fn the_purge_deletes_expired_sessions_used_links_and_closed_login_windows(repo) {
        let id = user(&repo, "purge@test.fr", Role::Young, None).await;
        repo.create_session("old", id, now() - Duration::days(31), now() - Duration::days(1)).await.expect("session");
        repo.create_session("live", id, now(), now() + Duration::days(1)).await.expect("session");
        repo.count_attempt("stale", now() - Duration::hours(1), now() - Duration::hours(2)).await.expect("count");
        repo.count_attempt("fresh", now(), now() - Duration::minutes(15)).await.expect("count");
        for hash in ["used-link", "open-link"] {
            let reset = NewPasswordReset {
                user_id: id,
                token_hash: hash.into(),
                expires_at: now() + Duration::hours(1),
                recipient: "purge@test.fr".into(),
                mail: OutgoingMail::text("Lien", "jeton"),
            };
            repo.create_password_reset(&reset, now()).await.expect("reset");
        }
        assert_eq!(repo.consume_password_reset("used-link", now()).await.expect("used"), Some(id));
        let purged = repo.purge_expired(now(), now() - Duration::minutes(15)).await.expect("purged");
        assert_eq!(purged, 3, "the expired session, the used link and the stale counter");
        assert_eq!(repo.consume_password_reset("open-link", now()).await.expect("open"), Some(id));
        assert!(repo.session_user("live", now()).await.expect("read").is_some());
        assert_eq!(repo.count_attempt("fresh", now(), now() - Duration::minutes(15)).await.expect("count"), 2);
        assert_eq!(repo.count_attempt("stale", now(), now() - Duration::minutes(15)).await.expect("count"), 1);
    }
}

on_every_backend! {
    async fn a_reset_link_works_once_before_it_expires_and_lands_in_the_outbox(repo) {
        let id = user(&repo, "oubli@test.fr", Role::Young, None).await;
        repo.create_session("s1", id, now(), now() + Duration::days(1)).await.expect("session");
        let reset = NewPasswordReset {
            user_id: id,
            token_hash: "hash-of-link".into(),
            expires_at: now() + Duration::hours(1),
            recipient: "oubli@test.fr".into(),
            mail: OutgoingMail::text("Nouveau mot de passe", "https://exemple/mot-de-passe/nouveau?jeton=abc"),
        };
        repo.create_password_reset(&reset, now()).await.expect("stored");
        let mail = &repo.outbox(10).await.expect("outbox")[0];
        assert_eq!(mail.recipient, "oubli@test.fr");
        assert!(mail.body.contains("jeton=abc"));
        assert_eq!(repo.consume_password_reset("hash-of-link", now() + Duration::hours(2)).await.expect("read"), None, "expired");
        assert_eq!(repo.consume_password_reset("hash-of-link", now()).await.expect("read"), Some(id));
        assert_eq!(repo.consume_password_reset("hash-of-link", now()).await.expect("read"), None, "used once");
        repo.set_password(id, "new-hash").await.expect("set");
        assert!(repo.session_user("s1", now()).await.expect("read").is_none(), "sessions end with a new password");
    }
}

on_every_backend! {
    async fn a_chosen_language_is_kept_on_the_account(repo) {
        let id = user(&repo, "langue@test.fr", Role::Young, None).await;
        assert_eq!(repo.user(id).await.expect("read").expect("user").language, None, "none until chosen");
        repo.set_language(id, "en").await.expect("chosen");
        repo.create_session("langue", id, now(), now() + Duration::hours(1)).await.expect("session");
        let user = repo.session_user("langue", now()).await.expect("read").expect("signed in");
        assert_eq!(user.language.as_deref(), Some("en"));
        assert!(matches!(repo.set_language(id + 1000, "en").await, Err(StoreError::NotFound)), "nobody's");
        repo.anonymize_user(id).await.expect("deleted");
        assert_eq!(repo.user(id).await.expect("read").expect("row").language, None, "gone with the account");
    }
}

on_every_backend! {
    async fn a_new_password_or_e_mail_closes_every_reset_link_still_open(repo) {
        let id = user(&repo, "liens@test.fr", Role::Young, None).await;
        let reset = |hash: &str| NewPasswordReset {
            user_id: id,
            token_hash: hash.into(),
            expires_at: now() + Duration::hours(1),
            recipient: "liens@test.fr".into(),
            mail: OutgoingMail::text("Lien", "jeton"),
        };
        for hash in ["a", "b", "c"] {
            repo.create_password_reset(&reset(hash), now()).await.expect("reset");
        }
        assert_eq!(repo.consume_password_reset("a", now()).await.expect("used"), Some(id));
        repo.set_password(id, "new-hash").await.expect("set");
        assert_eq!(repo.consume_password_reset("b", now()).await.expect("read"), None, "closed by the new password");
        repo.create_password_reset(&reset("d"), now()).await.expect("reset");
        repo.set_email(id, &Email::parse("ailleurs@test.fr").expect("email")).await.expect("moved");
        assert_eq!(repo.consume_password_reset("d", now()).await.expect("read"), None, "closed by the new address");
    }
}

on_every_backend! {
    async fn a_deleted_account_is_anonymous_but_its_bookings_and_ledger_remain(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "parti@test.fr").await;
        let (offer_id, stock_id) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), None).await;
        let booking = repo.book(&book(young, stock_id)).await.expect("booked");
        repo.add_favorite(young, offer_id, now()).await.expect("favorite");
        repo.create_session("s2", young, now(), now() + Duration::days(1)).await.expect("session");
        repo.anonymize_user(young).await.expect("deleted");
        assert!(repo.user_by_email(&Email::parse("parti@test.fr").expect("email")).await.expect("read").is_none());
        assert!(repo.session_user("s2", now()).await.expect("read").is_none());
        assert!(repo.favorites(young).await.expect("read").is_empty());
        // The booking's confirmation, waiting in the outbox, went with the account.
        assert!(repo.outbox(10).await.expect("outbox").iter().all(|m| m.recipient != "parti@test.fr"));
        let seen = repo.ticket_for_partner(f.partner_id, &Token::parse(&booking.token).expect("token")).await.expect("kept");
        assert_eq!(seen.beneficiary_name, "Compte supprimé");
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents(50_000 - 1000));
        assert!(matches!(repo.anonymize_user(999_999).await, Err(StoreError::NotFound)));
    }
}

on_every_backend! {
    async fn identity_checks_wait_for_one_decision(repo) {
        let admin = user(&repo, "admin@test.fr", Role::Admin, None).await;
        let waiting = user(&repo, "attente@test.fr", Role::Young, None).await;
        let instant = user(&repo, "demo@test.fr", Role::Young, None).await;
        repo.submit_identity(waiting, false, now()).await.expect("pending");
        repo.submit_identity(instant, true, now()).await.expect("approved");
        let pending: Vec<i64> = repo.pending_identities(None, 10).await.expect("list").rows.iter().map(|u| u.id).collect();
        assert_eq!(pending, vec![waiting]);
        assert!(repo.decide_identity(waiting, true, admin, now()).await.expect("decided"));
        assert!(!repo.decide_identity(waiting, false, admin, now()).await.expect("already decided"));
        assert!(repo.pending_identities(None, 10).await.expect("list").rows.is_empty());
    }
}

on_every_backend! {
    async fn the_identity_queue_reads_page_after_page_in_the_order_people_asked(repo) {
        let mut asked = Vec::new();
        // Two asked at the same second: the queue still has one order for them.
        for (i, second) in [0, 5, 5, 9].into_iter().enumerate() {
            let id = user(&repo, &format!("p{i}@test.fr"), Role::Young, None).await;
            repo.submit_identity(id, false, now() + Duration::seconds(second)).await.expect("pending");
            asked.push(id);
        }
        let first = repo.pending_identities(None, 3).await.expect("page");
        assert_eq!(first.total, 4);
        assert_eq!(first.rows.iter().map(|u| u.id).collect::<Vec<_>>(), asked[..3].to_vec());
        assert_eq!(first.next, Some(asked[2]));
        let second = repo.pending_identities(first.next, 3).await.expect("page");
        assert_eq!((second.rows.iter().map(|u| u.id).collect::<Vec<_>>(), second.next), (vec![asked[3]], None));
        let between = repo.pending_identities(Some(asked[1]), 1).await.expect("page");
        assert_eq!(between.rows[0].id, asked[2], "the tie at one second is broken by the id");
    }
}

on_every_backend! {
    async fn a_booking_debits_the_wallet_takes_a_seat_and_writes_the_ledger(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "j@test.fr").await;
        let (offer_id, stock_id) = f.offer(&repo, "LIVRE_PAPIER", Cents(1550), Some(3)).await;
        let booking = repo.book(&book(young, stock_id)).await.expect("booked");
        assert_eq!(booking.offer_id, offer_id);
        assert_eq!(booking.amount(), Cents(1550));
        assert_eq!(booking.status, BookingStatus::Confirmed);
        assert!(Token::parse(&booking.token).is_ok(), "token {}", booking.token);
        assert_eq!(booking.cancellation_limit_at, None, "a thing can be cancelled until used");
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents(50_000 - 1550));
        let wallet = repo.wallet(young).await.expect("wallet").expect("present");
        assert_eq!(wallet.physical_spent_cents, 1550, "a paper book counts against the physical cap");
        let stocks = repo.bookable_stocks(offer_id, now()).await.expect("stocks");
        assert_eq!(stocks[0].remaining(), Some(2));
        let mine = repo.bookings_of_user(young).await.expect("list");
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].token, booking.token);
    }
}

on_every_backend! {
    async fn a_refused_booking_changes_nothing(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "j@test.fr").await;
        let (offer_id, stock_id) = f.offer(&repo, "CONCERT", Cents(1000), Some(1)).await;
        let cases = [
            (BookCommand { quantity: 2, ..book(young, stock_id) }, BookingRefusal::DuoNotAllowed),
            (BookCommand { quantity: -1, ..book(young, stock_id) }, BookingRefusal::InvalidQuantity),
            (BookCommand { quantity: 1_000_000, ..book(young, stock_id) }, BookingRefusal::InvalidQuantity),
            (BookCommand { stock_id: 999_999, ..book(young, stock_id) }, BookingRefusal::OfferUnavailable),
            (BookCommand { booker: Booker::Person(999_999), ..book(young, stock_id) }, BookingRefusal::NotBeneficiary),
            (BookCommand { booker: Booker::Person(f.partner_id), ..book(young, stock_id) }, BookingRefusal::NotBeneficiary),
        ];
        for (command, refusal) in cases {
            match repo.book(&command).await {
                Err(StoreError::BookingRefused(r)) => assert_eq!(r, refusal),
                other => panic!("expected {refusal:?}, got {other:?}"),
            }
        }
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents::euros(500));
        assert_eq!(repo.bookable_stocks(offer_id, now()).await.expect("stocks")[0].booked, 0);
        assert!(repo.bookings_of_user(young).await.expect("list").is_empty());
    }
}

on_every_backend! {
    async fn a_session_books_for_its_person_only_while_open(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "j@test.fr").await;
        let other = f.young(&repo, "k@test.fr").await;
        let (_, stock_id) = f.offer(&repo, "CONCERT", Cents(1000), Some(5)).await;
        let (_, second) = f.offer(&repo, "CONCERT", Cents(1000), Some(5)).await;
        repo.create_session("open", young, now(), now() + Duration::days(1)).await.expect("session");
        repo.create_session("ended", other, now() - Duration::days(2), now() - Duration::days(1))
            .await
            .expect("session");
        let by = |session: &str, stock_id| BookCommand {
            booker: Booker::Session(session.into()),
            ..book(0, stock_id)
        };
        let booking = repo.book(&by("open", stock_id)).await.expect("booked by the session");
        assert_eq!(booking.user_id, Some(young));
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents(50_000 - 1000));
        // An expired or unknown session books nothing, for no one.
        for session in ["ended", "unknown"] {
            let refused = repo.book(&by(session, second)).await;
            assert!(matches!(refused, Err(StoreError::NoSession)), "{session}: {refused:?}");
        }
        assert_eq!(assert_ledger_balances(&repo, other).await, Cents::euros(500));
        // Nor does the session of a person suspended since.
        assert!(suspend(&repo, young).await);
        let refused = repo.book(&by("open", second)).await;
        assert!(matches!(refused, Err(StoreError::NoSession)), "{refused:?}");
        assert_eq!(repo.bookings_of_user(young).await.expect("list").len(), 1);
    }
}

on_every_backend! {
    async fn who_has_not_accepted_the_texts_in_force_books_nothing(repo) {
        let f = Fixture::new(&repo).await;
        // An account older than the texts: it accepted none.
        let born = chrono::NaiveDate::from_ymd_opt(2008, 1, 15);
        let young = account(&repo, "j@test.fr", Role::Young, born, "67").await;
        repo.grant_deposit(young, f.policy_id, Cents::euros(500), now() + Duration::days(730), now())
            .await
            .expect("deposit");
        let (_, stock_id) = f.offer(&repo, "CONCERT", Cents(1000), Some(5)).await;
        let refused = repo.book(&book(young, stock_id)).await;
        assert!(
            matches!(refused, Err(StoreError::BookingRefused(BookingRefusal::TermsNotAccepted))),
            "{refused:?}"
        );
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents::euros(500));
        repo.accept_legal(young, domain::legal::Acceptance::current(), now()).await.expect("accept");
        repo.book(&book(young, stock_id)).await.expect("booked once accepted");
    }
}

on_every_backend! {
    async fn credit_caps_and_seats_are_enforced(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "j@test.fr").await;
        let other = f.young(&repo, "k@test.fr").await;
        // The physical cap of the 2019 policy is 200 €: two 150 € instruments do not fit.
        let (_, first) = f.offer(&repo, "ACHAT_INSTRUMENT", Cents::euros(150), None).await;
        let (_, second) = f.offer(&repo, "ACHAT_INSTRUMENT", Cents::euros(150), None).await;
        repo.book(&book(young, first)).await.expect("first instrument");
        let refused = repo.book(&book(young, second)).await;
        assert!(matches!(refused, Err(StoreError::BookingRefused(BookingRefusal::PhysicalCapReached))), "{refused:?}");
        // One seat left: the second person finds it sold out.
        let (_, seat) = f.offer(&repo, "SPECTACLE_REPRESENTATION", Cents(500), Some(1)).await;
        repo.book(&book(young, seat)).await.expect("last seat");
        let sold_out = repo.book(&book(other, seat)).await;
        assert!(matches!(sold_out, Err(StoreError::BookingRefused(BookingRefusal::SoldOut))), "{sold_out:?}");
        // The same offer twice.
        let again = repo.book(&book(young, seat)).await;
        assert!(matches!(again, Err(StoreError::BookingRefused(BookingRefusal::AlreadyBooked))), "{again:?}");
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents(50_000 - 15_000 - 500));
        assert_eq!(assert_ledger_balances(&repo, other).await, Cents(50_000));
    }
}

on_every_backend! {
    async fn a_retried_request_with_the_same_key_returns_the_same_booking(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "j@test.fr").await;
        let (_, stock_id) = f.offer(&repo, "SEANCE_CINE", Cents(700), Some(5)).await;
        let command = BookCommand { idempotency_key: Some("click-1".into()), ..book(young, stock_id) };
        let first = repo.book(&command).await.expect("booked");
        let second = repo.book(&command).await.expect("same answer");
        assert_eq!(first.id, second.id);
        assert_eq!(first.token, second.token);
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents(50_000 - 700));
    }
}

on_every_backend! {
    async fn cancelling_gives_credit_and_seat_back_once(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "j@test.fr").await;
        let stranger = f.young(&repo, "s@test.fr").await;
        let (offer_id, stock_id) = f.offer(&repo, "LIVRE_PAPIER", Cents(2000), Some(1)).await;
        let booking = repo.book(&book(young, stock_id)).await.expect("booked");
        assert!(repo.booking_of_user(stranger, booking.id).await.expect("read").is_none(), "never another's ticket");
        assert_eq!(repo.booking_of_user(young, booking.id).await.expect("read").map(|b| b.id), Some(booking.id));
        let by_stranger = repo.cancel_by_young(stranger, booking.id, now()).await;
        assert!(matches!(by_stranger, Err(StoreError::NotFound)), "{by_stranger:?}");
        let cancelled = repo.cancel_by_young(young, booking.id, now()).await.expect("cancelled");
        assert_eq!(cancelled.status, BookingStatus::Cancelled);
        assert_eq!(cancelled.cancellation_reason.as_deref(), Some("beneficiary"));
        let replay = repo.cancel_by_young(young, booking.id, now()).await;
        assert!(matches!(replay, Err(StoreError::TicketRefused(TicketRefusal::Cancelled))), "{replay:?}");
        assert_eq!(assert_ledger_balances(&repo, young).await, Cents::euros(500));
        let wallet = repo.wallet(young).await.expect("wallet").expect("present");
        assert_eq!(wallet.physical_spent_cents, 0, "the physical cap is given back too");
        assert_eq!(repo.bookable_stocks(offer_id, now()).await.expect("stocks")[0].remaining(), Some(1));
        // The offer can be booked again once the first booking is cancelled.
        repo.book(&book(young, stock_id)).await.expect("booked again");
    }
}

on_every_backend! {
    async fn an_event_cannot_be_cancelled_after_its_limit(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "j@test.fr").await;
        let start = now() + Duration::days(10);
        let (_, stock_id) = offer_at(&repo, f.venue_id, "CONCERT", Cents(1000), Some(5), Some(start), true).await;
        let booking = repo.book(&BookCommand { quantity: 2, ..book(young, stock_id) }).await.expect("duo");
        assert_eq!(booking.amount(), Cents(2000));
        let limit = now() + Duration::hours(48);
        assert_eq!(booking.cancellation_limit_at, Some(limit));
        let late = repo.cancel_by_young(young, booking.id, limit + Duration::seconds(1)).await;
        match late {
            Err(StoreError::TicketRefused(TicketRefusal::CancellationClosed { closed_at })) => assert_eq!(closed_at, limit),
            other => panic!("expected a closed window, got {other:?}"),
        }
    }
}

on_every_backend! {
    async fn a_partner_validates_a_ticket_of_their_venue_once(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "j@test.fr").await;
        let (_, stock_id) = f.offer(&repo, "LIVRE_PAPIER", Cents(1200), None).await;
        let booking = repo.book(&book(young, stock_id)).await.expect("booked");
        let typed = Token::parse(&booking.token.to_lowercase()).expect("token");

        let other_partner = user(&repo, "autre@test.fr", Role::Partner, None).await;
        structure(&repo, other_partner, "Autre", "732829320", true).await;
        for attempt in [repo.ticket_for_partner(other_partner, &typed).await, repo.validate_ticket(other_partner, &typed, now()).await] {
            assert!(matches!(attempt, Err(StoreError::TicketRefused(TicketRefusal::Unknown))), "{attempt:?}");
        }

        let seen = repo.ticket_for_partner(f.partner_id, &typed).await.expect("found case-insensitively");
        assert_eq!(seen.id, booking.id);
        assert_eq!(seen.beneficiary_name, "Camille Martin");
        let used = repo.validate_ticket(f.partner_id, &typed, now()).await.expect("validated");
        assert_eq!(used.status, BookingStatus::Used);
        let again = repo.validate_ticket(f.partner_id, &typed, now()).await;
        assert!(matches!(again, Err(StoreError::TicketRefused(TicketRefusal::AlreadyUsed))), "{again:?}");
        let cancel = repo.cancel_by_young(young, booking.id, now()).await;
        assert!(matches!(cancel, Err(StoreError::TicketRefused(TicketRefusal::NotCancellable))), "{cancel:?}");
    }
}

on_every_backend! {
    async fn an_event_ticket_is_validated_only_after_the_cancellation_window(repo) {
        let f = Fixture::new(&repo).await;
        let young = f.young(&repo, "j@test.fr").await;
        let start = now() + Duration::days(10);
        let (_, stock_id) = offer_at(&repo, f.venue_id, "CONCERT", Cents(1000), Some(5), Some(start), false).await;
        let booking = repo.book(&book(young, stock_id)).await.expect("booked");
        let token = Token::parse(&booking.token).expect("token");
        let early = repo.validate_ticket(f.partner_id, &token, now()).await;
        match early {
            Err(StoreError::TicketRefused(TicketRefusal::NotYetValidatable { opens_at })) => {
                assert_eq!(opens_at, now() + Duration::hours(48));
            }
            other => panic!("expected not yet validatable, got {other:?}"),
        }
        repo.validate_ticket(f.partner_id, &token, now() + Duration::hours(49)).await.expect("validated later");
    }
}
