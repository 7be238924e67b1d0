//! What people chose to receive, on both backends: a choice per kind that a later one
//! replaces, and one unsubscribe key per person that stays theirs until their address
//! changes (what waits in the outbox then follows the new address).

#[macro_use]
mod support;

use domain::account::Role;
use domain::notification::{Channel, MailKind};
use support::*;

on_every_backend! {
    async fn a_choice_per_kind_replaces_the_earlier_one_and_concerns_only_its_person(repo) {
        let lea = user(&repo, "lea@test.fr", Role::Young, None).await;
        let sam = user(&repo, "sam@test.fr", Role::Young, None).await;
        assert_eq!(repo.mail_choice(lea, MailKind::EventTomorrow).await.expect("read"), None);

        repo.choose_mail(lea, MailKind::EventTomorrow, Channel::Off).await.expect("choose");
        repo.choose_mail(lea, MailKind::DateMoved, Channel::Off).await.expect("choose");
        repo.choose_mail(lea, MailKind::DateMoved, Channel::Mail).await.expect("choose again");

        assert_eq!(
            repo.mail_choice(lea, MailKind::EventTomorrow).await.expect("read"),
            Some(Channel::Off)
        );
        let mut choices = repo.mail_choices(lea).await.expect("list");
        choices.sort_by_key(|(kind, _)| kind.to_stored());
        assert_eq!(
            choices,
            vec![(MailKind::DateMoved, Channel::Mail), (MailKind::EventTomorrow, Channel::Off)]
        );
        assert!(repo.mail_choices(sam).await.expect("list").is_empty());
        assert_eq!(repo.mail_choice(sam, MailKind::EventTomorrow).await.expect("read"), None);
    }
}

on_every_backend! {
    async fn a_person_keeps_one_unsubscribe_key_that_names_them(repo) {
        let lea = user(&repo, "lea@test.fr", Role::Young, None).await;
        let sam = user(&repo, "sam@test.fr", Role::Young, None).await;
        assert_eq!(repo.mail_key(lea, "key-one").await.expect("key"), "key-one");
        // The next mail names the same key, whatever fresh one it offers.
        assert_eq!(repo.mail_key(lea, "key-two").await.expect("key"), "key-one");
        assert_eq!(repo.mail_key(sam, "key-sam").await.expect("key"), "key-sam");

        assert_eq!(repo.owner_of_mail_key("key-one").await.expect("owner"), Some(lea));
        assert_eq!(repo.owner_of_mail_key("key-sam").await.expect("owner"), Some(sam));
        assert_eq!(repo.owner_of_mail_key("key-two").await.expect("owner"), None);
        assert_eq!(repo.owner_of_mail_key("").await.expect("owner"), None);
    }
}

on_every_backend! {
    async fn a_deleted_account_leaves_no_choice_and_no_key_behind(repo) {
        let lea = user(&repo, "lea@test.fr", Role::Young, None).await;
        repo.choose_mail(lea, MailKind::EventTomorrow, Channel::Off).await.expect("choose");
        repo.mail_key(lea, "key-lea").await.expect("key");
        repo.anonymize_user(lea).await.expect("delete");
        assert!(repo.mail_choices(lea).await.expect("list").is_empty());
        assert_eq!(repo.owner_of_mail_key("key-lea").await.expect("owner"), None);
    }
}

on_every_backend! {
    async fn a_new_address_gets_a_new_unsubscribe_key_and_keeps_its_choices(repo) {
        let f = Fixture::new(&repo).await;
        let lea = f.young(&repo, "lea@test.fr").await;
        // A confirmation waiting for the relay, and a reset link mailed to the old address.
        let (_, stock) = f.offer(&repo, "LIVRE_PAPIER", domain::Cents(1500), Some(5)).await;
        repo.book(&book(lea, stock)).await.expect("booked");
        let reset = store::NewPasswordReset {
            user_id: lea,
            token_hash: "hash".into(),
            expires_at: now() + chrono::Duration::hours(1),
            recipient: "lea@test.fr".into(),
            mail: store::OutgoingMail::text("Choisis un nouveau mot de passe".to_owned(), "Ouvre ce lien".to_owned()),
        };
        repo.create_password_reset(&reset, now()).await.expect("reset");
        repo.choose_mail(lea, MailKind::EventTomorrow, Channel::Off).await.expect("choose");
        assert_eq!(repo.mail_key(lea, "old-key").await.expect("key"), "old-key");
        let new_address = domain::text::Email::parse("lea.new@test.fr").expect("email");
        repo.set_email(lea, &new_address).await.expect("changed");
        // The links mailed to the old address stop nothing any more.
        assert_eq!(repo.owner_of_mail_key("old-key").await.expect("owner"), None);
        assert_eq!(repo.mail_key(lea, "new-key").await.expect("key"), "new-key");
        assert_eq!(
            repo.mail_choice(lea, MailKind::EventTomorrow).await.expect("read"),
            Some(Channel::Off)
        );
        // What waits goes to the new address; the dead reset link goes nowhere.
        let outbox = repo.outbox(10).await.expect("outbox");
        let of = |kind| outbox.iter().find(|m| m.kind == kind).expect("the message");
        let confirmation = of(MailKind::BookingConfirmed);
        assert_eq!(confirmation.recipient, "lea.new@test.fr");
        assert_eq!(confirmation.status, domain::notification::Delivery::Pending);
        assert_eq!(of(MailKind::PasswordReset).status, domain::notification::Delivery::Failed);
    }
}
