//! The operator's team and its log, on SQLite and PostgreSQL: finding people page by
//! page, suspending and reinstating them (signed out everywhere, no booking), correcting
//! a credit (ledger and wallet agree, never below zero), and an audit row written with
//! every administrator action, in the same transaction: none when the action is refused.

#[macro_use]
mod support;

use chrono::{Duration, NaiveDate};
use domain::Cents;
use domain::account::Role;
use domain::admin::{AdminAction, CorrectionRefusal, PeopleQuery, SubjectKind};
use domain::booking::BookingRefusal;
use store::*;
use support::*;

async fn log(repo: &Repo, filter: AuditFilter) -> Vec<(AdminAction, i64, String, String)> {
    repo.admin_actions(filter, 100)
        .await
        .expect("log")
        .rows
        .into_iter()
        .map(|row| (row.action, row.subject_id, row.reason, row.detail))
        .collect()
}

fn about(user_id: i64) -> AuditFilter {
    AuditFilter {
        subject: Some((SubjectKind::Person, user_id)),
        ..AuditFilter::default()
    }
}

on_every_backend! {
    async fn a_suspension_signs_out_everywhere_refuses_booking_and_is_logged_until_lifted(repo) {
        let f = Fixture::new(&repo).await;
        let lea = f.young(&repo, "lea@test.fr").await;
        let (_, stock) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        let later = now() + Duration::days(30);
        repo.create_session("phone", lea, now(), later).await.expect("session");
        repo.create_session("laptop", lea, now(), later).await.expect("session");
        assert!(repo.user(lea).await.expect("read").is_some_and(|u| !u.suspended));

        assert!(suspend(&repo, lea).await);
        assert!(!suspend(&repo, lea).await, "once");
        for device in ["phone", "laptop"] {
            assert!(repo.session_user(device, now()).await.expect("read").is_none(), "{device} signed out");
        }
        assert!(repo.user(lea).await.expect("read").is_some_and(|u| u.suspended), "sign-in reads it");
        repo.create_session("sneaky", lea, now(), later).await.expect("session");
        assert!(repo.session_user("sneaky", now()).await.expect("read").is_none(), "no session works while suspended");
        let refused = repo.book(&book(lea, stock)).await;
        assert!(matches!(refused, Err(StoreError::BookingRefused(BookingRefusal::AccountSuspended))), "{refused:?}");
        let data = repo.personal_data(lea).await.expect("data");
        assert_eq!(data.account.suspension_reason.as_deref(), Some("Propos injurieux répétés"));

        let team = admin(&repo).await;
        let lift = ActionRecord::new(team, AdminAction::SuspensionLifted, lea).because("Erreur de modération");
        assert!(repo.lift_suspension(lea, &lift, now()).await.expect("lift"));
        assert!(!repo.lift_suspension(lea, &lift, now()).await.expect("lift"), "not suspended any more");
        repo.book(&book(lea, stock)).await.expect("books again");
        assert_eq!(
            log(&repo, about(lea)).await,
            vec![
                (AdminAction::SuspensionLifted, lea, "Erreur de modération".into(), String::new()),
                (AdminAction::PersonSuspended, lea, "Propos injurieux répétés".into(), String::new()),
            ],
            "one row per action that happened, newest first"
        );

        let record = ActionRecord::new(team, AdminAction::PersonSuspended, team).because("Essai");
        assert!(!repo.suspend_person(team, &record, now()).await.expect("suspend"), "not an administrator");
        assert!(log(&repo, about(team)).await.is_empty(), "no row for what did not happen");
    }
}

on_every_backend! {
    async fn a_correction_moves_the_wallet_and_its_ledger_together_and_never_below_zero(repo) {
        let f = Fixture::new(&repo).await;
        let lea = f.young(&repo, "lea@test.fr").await;
        let (_, stock) = f.offer(&repo, "LIVRE_PAPIER", Cents(12000), Some(5)).await;
        repo.book(&book(lea, stock)).await.expect("booked");
        let team = admin(&repo).await;
        let record = |reason| ActionRecord::new(team, AdminAction::CreditCorrected, lea).because(reason);

        let after = repo.correct_credit(lea, Cents(2550), &record("Geste après une panne").detail("+25,50 €"), now()).await;
        assert_eq!(after.expect("corrected"), Cents(40550));
        assert_eq!(assert_ledger_balances(&repo, lea).await, Cents(40550));
        let after = repo.correct_credit(lea, Cents(-40550), &record("Fraude établie"), now()).await;
        assert_eq!(after.expect("corrected"), Cents(0));
        assert_eq!(assert_ledger_balances(&repo, lea).await, Cents(0));

        let refusal = |result: Result<Cents, StoreError>| match result {
            Err(StoreError::CorrectionRefused(refusal)) => refusal,
            other => panic!("a refusal on the amount: {other:?}"),
        };
        let below = repo.correct_credit(lea, Cents(-1), &record("Un centime de trop"), now()).await;
        assert_eq!(refusal(below), CorrectionRefusal::BelowZero);
        let tom = f.young(&repo, "tom@test.fr").await;
        let expired = repo.correct_credit(tom, Cents(100), &record("Après expiration"), now() + Duration::days(731)).await;
        assert_eq!(refusal(expired), CorrectionRefusal::Expired);
        let partner = repo.correct_credit(f.partner_id, Cents(100), &record("Sans crédit"), now()).await;
        assert_eq!(refusal(partner), CorrectionRefusal::NoCredit);

        let ledger = repo.personal_data(lea).await.expect("data").ledger;
        let corrections: Vec<_> = ledger.iter().filter(|m| m.kind == "correction").map(|m| (m.amount_cents, m.note.clone())).collect();
        assert_eq!(corrections, vec![(2550, Some("Geste après une panne".into())), (-40550, Some("Fraude établie".into()))]);
        assert_eq!(
            log(&repo, AuditFilter { action: Some(AdminAction::CreditCorrected), ..AuditFilter::default() }).await,
            vec![
                (AdminAction::CreditCorrected, lea, "Fraude établie".into(), String::new()),
                (AdminAction::CreditCorrected, lea, "Geste après une panne".into(), "+25,50 €".into()),
            ],
            "refused corrections left no row"
        );
        repo.anonymize_user(lea).await.expect("deleted");
        let data = repo.personal_data(lea).await.expect("data");
        assert!(data.ledger.iter().all(|m| m.note.as_deref().is_none_or(str::is_empty)), "what the team wrote goes with the account");
    }
}

on_every_backend! {
    async fn people_are_found_by_name_address_or_birth_date_a_page_at_a_time(repo) {
        let f = Fixture::new(&repo).await;
        let mut ids = Vec::new();
        for i in 0..5 {
            ids.push(f.young(&repo, &format!("fan{i}@test.fr")).await);
        }
        let born = NaiveDate::from_ymd_opt(2009, 6, 2).expect("date");
        let zoe = user(&repo, "Zoe_100%@Test.fr", Role::Young, Some(born)).await;
        // What `_100%@` would match if `_` and `%` were patterns.
        user(&repo, "ab100x@test.fr", Role::Young, None).await;

        let search = |text: &str| PeopleQuery::parse(text).expect("query");
        let found = |page: &domain::admin::Page<PersonRow>| page.rows.iter().map(|p| p.id).collect::<Vec<_>>();
        let first = repo.search_people(search("fan").as_ref(), None, 2).await.expect("search");
        assert_eq!((found(&first), first.total), (ids[..2].to_vec(), 5));
        let second = repo.search_people(search("fan").as_ref(), first.next, 2).await.expect("search");
        assert_eq!(found(&second), ids[2..4].to_vec());
        let last = repo.search_people(search("fan").as_ref(), second.next, 2).await.expect("search");
        assert_eq!((found(&last), last.next), (vec![ids[4]], None));

        let by_date = repo.search_people(search("02/06/2009").as_ref(), None, 10).await.expect("search");
        assert_eq!(found(&by_date), vec![zoe]);
        let literal = repo.search_people(search("_100%@").as_ref(), None, 10).await.expect("search");
        assert_eq!(found(&literal), vec![zoe], "% and _ are letters here");
        let names = repo.search_people(search("camille mart").as_ref(), None, 100).await.expect("search");
        assert_eq!(names.total, 9, "everyone made here is Camille Martin");
        assert_eq!(repo.search_people(search("martin zz").as_ref(), None, 10).await.expect("search").total, 0);
        let everyone = repo.search_people(None, None, 100).await.expect("search");
        assert_eq!(everyone.total, names.total);
        let person = repo.person(zoe).await.expect("read").expect("zoe");
        assert_eq!((person.suspended, person.identity_status), (false, None));
    }
}

on_every_backend! {
    async fn every_decision_of_the_team_writes_its_row_with_the_decision(repo) {
        let f = Fixture::new(&repo).await;
        let team = admin(&repo).await;
        let lea = user(&repo, "lea@test.fr", Role::Young, NaiveDate::from_ymd_opt(2008, 1, 15)).await;
        repo.submit_identity(lea, false, now()).await.expect("submitted");
        assert!(repo.decide_identity(lea, true, team, now()).await.expect("decided"));
        assert!(!repo.decide_identity(lea, false, team, now()).await.expect("decided"), "once");

        let partner = user(&repo, "new@test.fr", Role::Partner, None).await;
        let pending = structure(&repo, partner, "Cinéma Star", "552100554", false).await;
        assert!(repo.decide_structure(pending, false, team, None, now()).await.expect("decided"));

        let tom = f.young(&repo, "tom@test.fr").await;
        let (offer, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        let comment = NewComment {
            author_id: tom,
            target: CommentTarget::Offer(offer),
            body: "Bof".into(),
            rating: None,
            flagged: true,
        };
        let comment_id = repo.add_comment(&comment, now()).await.expect("comment");
        assert!(repo.decide_comment(comment_id, domain::social::moderation::Decision::Hidden, team, now()).await.expect("hidden"));
        assert!(!repo.decide_comment(999_999, domain::social::moderation::Decision::Hidden, team, now()).await.expect("none"));
        repo.report_offer(offer, tom, "Prix faux", now()).await.expect("report");
        assert!(repo.keep_offer(offer, team, now()).await.expect("kept"));
        assert!(!repo.keep_offer(offer, team, now()).await.expect("settled"), "nothing left to keep");
        let withdrawal = OfferWithdrawal {
            offer_id: offer,
            admin_id: team,
            reason: "Offre trompeuse".into(),
            mail: OutgoingMail::text("Annulée", "Crédit rendu").into(),
        };
        repo.withdraw_offer(&withdrawal, now()).await.expect("withdrawn");

        let rows = repo.admin_actions(AuditFilter::default(), 3).await.expect("log");
        assert_eq!(rows.total, 6);
        let next = repo.admin_actions(AuditFilter { before: rows.next, ..AuditFilter::default() }, 3).await.expect("log");
        let all: Vec<_> = rows.rows.iter().chain(&next.rows).map(|r| (r.action, r.subject_id, r.admin_id)).collect();
        assert_eq!(&all[..5], &[
            (AdminAction::OfferWithdrawn, offer, team),
            (AdminAction::OfferKept, offer, team),
            (AdminAction::CommentHidden, comment_id, team),
            (AdminAction::StructureRejected, pending, team),
            (AdminAction::IdentityApproved, lea, team),
        ]);
        assert_eq!((all[5].0, all[5].1), (AdminAction::StructureValidated, f.structure_id), "the fixture's, by its own administrator");
        assert_eq!(next.next, None);
        assert_eq!(rows.rows[0].reason, "Offre trompeuse");
        assert_eq!(rows.rows[0].detail, "0 réservation annulée");
        assert_eq!(rows.rows[0].admin_name, "Camille Martin");
    }
}
