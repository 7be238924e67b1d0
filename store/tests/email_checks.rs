//! Verified addresses, on both backends: a new account is unverified until the link of
//! its welcome mail (written in the same transaction) is opened, once, within its day;
//! until then it books nothing. A new address replaces the old one only when its link is
//! opened, and not if another account took it meanwhile; a newer link kills the older.

#[macro_use]
mod support;

use chrono::{Duration, NaiveDate};
use domain::Cents;
use domain::account::Role;
use domain::booking::BookingRefusal;
use domain::legal::Acceptance;
use domain::notification::MailKind;
use domain::text::Email;
use store::{EmailConfirmed, NewEmailCheck, NewPasswordReset, NewUser, OutgoingMail, StoreError};
use support::*;

fn new_person(email: &str) -> NewUser {
    NewUser {
        email: Email::parse(email).expect("email"),
        password_hash: "not-a-real-hash".into(),
        first_name: "Léa".into(),
        last_name: "Martin".into(),
        role: Role::Young,
        birth_date: NaiveDate::from_ymd_opt(2008, 1, 15),
        departement: Some("67".into()),
    }
}

fn check(email: &str, token_hash: &str) -> NewEmailCheck {
    NewEmailCheck {
        token_hash: token_hash.into(),
        email: email.into(),
        expires_at: now() + Duration::hours(24),
        mail: OutgoingMail::text("Confirme ton adresse", "Le lien"),
    }
}

fn notice() -> OutgoingMail {
    OutgoingMail::text("Ton adresse a changé", "Si ce n'est pas toi…")
}

async fn verified(repo: &store::Repo, user_id: i64) -> (String, bool) {
    let user = repo.user(user_id).await.expect("read").expect("user");
    (user.email, user.email_verified)
}

/// The mails of `kind` to `recipient`.
async fn mails(repo: &store::Repo, kind: MailKind, recipient: &str) -> usize {
    repo.outbox(100)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == kind && m.recipient == recipient)
        .count()
}

on_every_backend! {
    async fn a_new_account_books_once_the_link_of_its_welcome_is_opened_once(repo) {
        let f = Fixture::new(&repo).await;
        let lea = repo
            .sign_up(&new_person("lea@test.fr"), &check("lea@test.fr", "welcome"), Acceptance::current(), now())
            .await
            .expect("signed up");
        assert_eq!(verified(&repo, lea).await, ("lea@test.fr".into(), false));
        assert_eq!(mails(&repo, MailKind::Welcome, "lea@test.fr").await, 1, "welcome queued with the account");
        repo.grant_deposit(lea, f.policy_id, Cents::euros(500), now() + Duration::days(730), now())
            .await
            .expect("deposit");
        let (_, stock) = f.offer(&repo, "SPECTACLE_REPRESENTATION", Cents::euros(10), Some(5)).await;
        let refused = repo.book(&book(lea, stock)).await;
        assert!(
            matches!(refused, Err(StoreError::BookingRefused(BookingRefusal::EmailNotVerified))),
            "{refused:?}"
        );
        assert_ledger_balances(&repo, lea).await;

        // An unknown or expired link does nothing; the right one works once.
        assert_eq!(repo.confirm_email("unknown", &notice(), now()).await.expect("read"), None);
        let late = now() + Duration::hours(24);
        assert_eq!(repo.confirm_email("welcome", &notice(), late).await.expect("read"), None);
        assert_eq!(
            repo.confirm_email("welcome", &notice(), now() + Duration::hours(1)).await.expect("open"),
            Some(EmailConfirmed::Verified { user_id: lea })
        );
        assert_eq!(repo.confirm_email("welcome", &notice(), now() + Duration::hours(2)).await.expect("read"), None);
        assert_eq!(verified(&repo, lea).await, ("lea@test.fr".into(), true));
        repo.book(&book(lea, stock)).await.expect("booked once verified");
    }
}

on_every_backend! {
    async fn a_new_address_replaces_the_old_only_when_its_link_is_opened(repo) {
        let lea = user(&repo, "lea@test.fr", Role::Young, None).await;
        repo.send_email_check(lea, &check("typo@test.fr", "first"), now()).await.expect("sent");
        repo.send_email_check(lea, &check("nouvelle@test.fr", "second"), now()).await.expect("sent");
        assert_eq!(mails(&repo, MailKind::AddressCheck, "nouvelle@test.fr").await, 1);
        // A link asked again for the current address leaves the new address's alone.
        repo.send_email_check(lea, &check("lea@test.fr", "own"), now()).await.expect("sent");
        // Nothing changes until a link is opened; the newest is the one waiting.
        assert_eq!(verified(&repo, lea).await, ("lea@test.fr".into(), true));
        assert_eq!(
            repo.address_awaiting_check(lea, now()).await.expect("read").as_deref(),
            Some("nouvelle@test.fr")
        );
        // The older link died with the newer.
        assert_eq!(repo.confirm_email("first", &notice(), now()).await.expect("read"), None);
        assert_eq!(
            repo.confirm_email("second", &notice(), now()).await.expect("open"),
            Some(EmailConfirmed::Replaced { user_id: lea })
        );
        assert_eq!(verified(&repo, lea).await, ("nouvelle@test.fr".into(), true));
        assert_eq!(repo.address_awaiting_check(lea, now()).await.expect("read"), None);
        // The old address is told; its links, the current address's included, are dead.
        assert_eq!(mails(&repo, MailKind::AddressChanged, "lea@test.fr").await, 1);
        assert_eq!(repo.confirm_email("own", &notice(), now()).await.expect("read"), None);
        let found = repo.user_by_email(&Email::parse("nouvelle@test.fr").expect("email")).await;
        assert_eq!(found.expect("read").map(|u| u.id), Some(lea));
    }
}

on_every_backend! {
    async fn a_new_address_another_account_took_meanwhile_changes_nothing(repo) {
        let lea = user(&repo, "lea@test.fr", Role::Young, None).await;
        repo.send_email_check(lea, &check("commune@test.fr", "link"), now()).await.expect("sent");
        user(&repo, "commune@test.fr", Role::Young, None).await;
        let taken = repo.confirm_email("link", &notice(), now()).await;
        assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
        // Nothing changed, nothing was told, and the taken address no longer waits.
        assert_eq!(verified(&repo, lea).await, ("lea@test.fr".into(), true));
        assert_eq!(mails(&repo, MailKind::AddressChanged, "lea@test.fr").await, 0);
        assert_eq!(repo.address_awaiting_check(lea, now()).await.expect("read"), None);
    }
}

on_every_backend! {
    async fn a_second_sign_up_with_a_taken_address_writes_nothing(repo) {
        repo.sign_up(&new_person("lea@test.fr"), &check("lea@test.fr", "one"), Acceptance::current(), now())
            .await
            .expect("signed up");
        let again = repo
            .sign_up(&new_person("lea@test.fr"), &check("lea@test.fr", "two"), Acceptance::current(), now())
            .await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
        assert_eq!(mails(&repo, MailKind::Welcome, "lea@test.fr").await, 1);
        assert_eq!(repo.confirm_email("two", &notice(), now()).await.expect("read"), None);
    }
}

on_every_backend! {
    async fn a_reset_link_opened_verifies_the_address_and_a_deleted_account_leaves_no_link_mail(repo) {
        let lea = repo
            .sign_up(&new_person("lea@test.fr"), &check("lea@test.fr", "welcome"), Acceptance::current(), now())
            .await
            .expect("signed up");
        repo.create_password_reset(
            &NewPasswordReset {
                user_id: lea,
                token_hash: "reset".into(),
                expires_at: now() + Duration::hours(1),
                recipient: "lea@test.fr".into(),
                mail: OutgoingMail::text("Choisis un nouveau mot de passe", "Le lien"),
            },
            now(),
        )
        .await
        .expect("reset");
        assert_eq!(repo.consume_password_reset("reset", now()).await.expect("used"), Some(lea));
        assert_eq!(verified(&repo, lea).await, ("lea@test.fr".into(), true));

        repo.send_email_check(lea, &check("ailleurs@test.fr", "change"), now()).await.expect("sent");
        repo.anonymize_user(lea).await.expect("deleted");
        assert_eq!(mails(&repo, MailKind::AddressCheck, "ailleurs@test.fr").await, 0);
        assert_eq!(repo.confirm_email("change", &notice(), now()).await.expect("read"), None);
    }
}
