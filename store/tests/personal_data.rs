//! A person's copy of their data, on both backends: every section holds what they did,
//! nothing of another person's, and no secret (password hash, session key, link).

#[macro_use]
mod support;

use chrono::Duration;
use domain::Cents;
use domain::notification::{Channel, MailKind};
use store::*;
use support::*;

on_every_backend! {
    async fn the_copy_holds_each_section_of_what_a_person_did_and_nothing_of_anyone_else(repo) {
        let f = Fixture::new(&repo).await;
        let lea = f.young(&repo, "lea@test.fr").await;
        let tom = f.young(&repo, "tom@test.fr").await;
        let (offer, stock) = f.offer(&repo, "LIVRE_PAPIER", Cents::euros(12), Some(10)).await;
        repo.submit_identity(lea, true, now()).await.expect("identity");
        let booking = repo.book(&book(lea, stock)).await.expect("booked");
        repo.book(&book(tom, stock)).await.expect("booked by tom");
        repo.add_favorite(lea, offer, now()).await.expect("favorite");
        let comment = NewComment {
            author_id: lea,
            target: CommentTarget::Offer(offer),
            body: "Un roman qui emporte".into(),
            rating: Some(5),
            flagged: false,
        };
        repo.add_comment(&comment, now()).await.expect("comment");
        let secret = NewComment { author_id: tom, body: "L'avis de Tom".into(), ..comment };
        let toms = repo.add_comment(&secret, now() + Duration::minutes(1)).await.expect("tom's comment");
        repo.toggle_helpful(lea, toms, now()).await.expect("helpful");
        repo.report_offer(offer, lea, "Prix trompeur", now()).await.expect("report");
        repo.toggle_reaction(lea, offer, ReactionKind::Want, now()).await.expect("reaction");
        repo.follow_venue(lea, f.venue_id, true, now()).await.expect("follow");
        repo.create_session("a-session-key-hash", lea, now(), now() + Duration::days(30))
            .await
            .expect("session");
        repo.choose_mail(lea, MailKind::EventTomorrow, Channel::Off).await.expect("choice");

        let data = repo.personal_data(lea).await.expect("data");
        assert_eq!(data.account.email, "lea@test.fr");
        assert!(data.account.email_verified_at.is_some());
        assert_eq!(data.identity_check.as_ref().map(|c| c.status.as_str()), Some("approved"));
        assert_eq!(data.credit.len(), 1);
        assert_eq!(data.credit[0].balance_cents, Cents::euros(500).0 - Cents::euros(12).0);
        let kinds: Vec<_> = data.ledger.iter().map(|m| m.kind.as_str()).collect();
        assert_eq!(kinds, ["grant", "debit"]);
        assert_eq!(data.bookings.len(), 1, "only hers");
        assert_eq!(data.bookings[0].token, booking.token.to_string());
        assert_eq!(data.favorites.len(), 1);
        assert_eq!(data.comments.len(), 1);
        assert_eq!(data.comments[0].body, "Un roman qui emporte");
        assert_eq!(data.helpful_marks.len(), 1);
        assert_eq!(data.reports.len(), 1);
        assert_eq!(data.reports[0].reason, "Prix trompeur");
        assert_eq!(data.reactions.len(), 1);
        assert_eq!(data.followed_venues.len(), 1);
        assert_eq!(data.sessions.len(), 1);
        assert_eq!(data.mail_choices.len(), 1);
        // Her booking's confirmation is a message written to her.
        assert!(data.messages.iter().any(|m| m.kind == "booking_confirmed"), "{:?}", data.messages);

        let json = serde_json::to_string(&data).expect("json");
        for never in ["not-a-real-hash", "a-session-key-hash", "tom@test.fr", "L'avis de Tom"] {
            assert!(!json.contains(never), "{never} in {json}");
        }
        assert!(matches!(repo.personal_data(9_999).await, Err(StoreError::NotFound)));

        // A partner's structures are theirs.
        let partner = repo.personal_data(f.partner_id).await.expect("partner's data");
        assert_eq!(partner.structures.len(), 1);
    }
}

on_every_backend! {
    async fn a_message_to_an_address_another_account_held_before_is_not_in_the_copy(repo) {
        let tom = user(&repo, "tom@test.fr", domain::account::Role::Young, None).await;
        repo.create_password_reset(
            &NewPasswordReset {
                user_id: tom,
                token_hash: "reset".into(),
                expires_at: now() + Duration::hours(1),
                recipient: "tom@test.fr".into(),
                mail: OutgoingMail::text("Choisis un nouveau mot de passe", "Le lien de Tom"),
            },
            now(),
        )
        .await
        .expect("reset");
        let moved = domain::text::Email::parse("tom.ailleurs@test.fr").expect("email");
        repo.set_email(tom, &moved).await.expect("moved");
        // Léa takes the address Tom left, later.
        let lea = repo
            .create_verified_user(
                &NewUser {
                    email: domain::text::Email::parse("tom@test.fr").expect("email"),
                    password_hash: "not-a-real-hash".into(),
                    first_name: "Léa".into(),
                    last_name: "Martin".into(),
                    role: domain::account::Role::Young,
                    birth_date: None,
                    departement: None,
                },
                now() + Duration::minutes(5),
            )
            .await
            .expect("léa");
        let data = repo.personal_data(lea).await.expect("data");
        assert!(data.messages.is_empty(), "{:?}", data.messages);
    }
}
