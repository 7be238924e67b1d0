//! Offers the team reads first, on SQLite and PostgreSQL: a waiting offer is out of the
//! search; the team publishes it or gives it back with a reason (a draft the partner can
//! publish again); each decision writes its audit row, none when it is refused; the team
//! finds offers by words, structure, venue and status, a page at a time.

#[macro_use]
mod support;

use domain::Cents;
use domain::admin::AdminAction;
use domain::pro::review::ReviewCause;
use domain::pro::status::OfferStatus;
use store::*;
use support::*;

async fn findable(repo: &Repo, offer_id: i64) -> bool {
    let search = OfferSearch::around(None, None, now());
    repo.search_offers(&search)
        .await
        .expect("search")
        .iter()
        .any(|card| card.id == offer_id)
}

async fn status(repo: &Repo, offer_id: i64) -> (OfferStatus, Option<String>) {
    let row = repo
        .partner_offer(offer_id, now())
        .await
        .expect("read")
        .expect("offer");
    (row.status, row.review_note)
}

on_every_backend! {
    async fn a_waiting_offer_is_out_of_sight_until_the_team_publishes_it_or_gives_it_back(repo) {
        let f = Fixture::new(&repo).await;
        let team = admin(&repo).await;
        assert_eq!(repo.published_offers(f.structure_id).await.expect("count"), 0);
        let (offer, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        assert_eq!(repo.published_offers(f.structure_id).await.expect("count"), 1, "the fixture publishes at once");
        repo.set_offer_status(offer, OfferStatus::Draft, now()).await.expect("draft");

        repo.submit_offer(offer, ReviewCause::NewStructure, now()).await.expect("submitted");
        assert_eq!(status(&repo, offer).await, (OfferStatus::Pending, None));
        assert!(!findable(&repo, offer).await, "waiting: not in the search");
        let again = repo.submit_offer(offer, ReviewCause::NewStructure, now()).await;
        assert!(matches!(again, Err(StoreError::Invalid(_))), "already waiting: {again:?}");

        let refuse = ActionRecord::new(team, AdminAction::OfferRefused, offer).because("Le prix manque dans la description");
        assert!(repo.decide_offer(offer, false, &refuse, now()).await.expect("refused"));
        assert!(!repo.decide_offer(offer, false, &refuse, now()).await.expect("once"), "not waiting any more");
        assert_eq!(status(&repo, offer).await, (OfferStatus::Draft, Some("Le prix manque dans la description".into())));
        assert!(!findable(&repo, offer).await);

        repo.submit_offer(offer, ReviewCause::NewStructure, now()).await.expect("asked again");
        assert_eq!(status(&repo, offer).await, (OfferStatus::Pending, None), "the note goes with a new request");
        let approve = ActionRecord::new(team, AdminAction::OfferApproved, offer);
        assert!(repo.decide_offer(offer, true, &approve, now()).await.expect("approved"));
        assert_eq!(status(&repo, offer).await, (OfferStatus::Published, None));
        assert!(findable(&repo, offer).await, "published: in the search");

        let log = repo.admin_actions(AuditFilter { action: None, subject: Some((domain::admin::SubjectKind::Offer, offer)), before: None }, 10).await.expect("log");
        let rows: Vec<_> = log.rows.iter().map(|r| (r.action, r.reason.clone())).collect();
        assert_eq!(rows, vec![
            (AdminAction::OfferApproved, String::new()),
            (AdminAction::OfferRefused, "Le prix manque dans la description".into()),
        ]);

        // Withdrawn by moderation while paused: never back in the queue or the search.
        repo.set_offer_status(offer, OfferStatus::Paused, now()).await.expect("paused");
        let withdrawal = OfferWithdrawal {
            offer_id: offer,
            admin_id: team,
            reason: "Offre trompeuse".into(),
            mail: OutgoingMail::text("Annulée", "Crédit rendu").into(),
        };
        repo.withdraw_offer(&withdrawal, now()).await.expect("withdrawn");
        assert_eq!(status(&repo, offer).await.0, OfferStatus::Rejected);
        assert!(repo.submit_offer(offer, ReviewCause::WatchWord, now()).await.is_err(), "not submitted");
        assert!(repo.set_offer_status(offer, OfferStatus::Draft, now()).await.is_err(), "not a draft again");
        assert!(!repo.decide_offer(offer, true, &approve, now()).await.expect("decide"), "not published");
        assert!(!findable(&repo, offer).await);
    }
}

on_every_backend! {
    async fn the_team_finds_offers_by_words_structure_venue_and_status_a_page_at_a_time(repo) {
        let f = Fixture::new(&repo).await;
        let mut offers = Vec::new();
        for _ in 0..3 {
            offers.push(f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await.0);
        }
        for offer in &offers[1..] {
            repo.set_offer_status(*offer, OfferStatus::Draft, now()).await.expect("draft");
            repo.submit_offer(*offer, ReviewCause::WatchWord, now()).await.expect("submitted");
        }
        let waiting = TeamOfferQuery { status: Some(OfferStatus::Pending), ..TeamOfferQuery::default() };
        let first = repo.team_offers(&waiting, 1).await.expect("list");
        assert_eq!((first.rows[0].id, first.total), (offers[1], 2));
        assert_eq!(first.rows[0].review_cause.as_deref(), Some("watch_word"));
        let second = repo.team_offers(&TeamOfferQuery { after: first.next, ..waiting.clone() }, 1).await.expect("list");
        assert_eq!((second.rows[0].id, second.next), (offers[2], None));

        let by_structure = TeamOfferQuery { words: Some("KLÉBER".to_lowercase()), ..TeamOfferQuery::default() };
        assert_eq!(repo.team_offers(&by_structure, 10).await.expect("list").total, 3, "the structure's and venue's name");
        let by_title = TeamOfferQuery { words: Some("livre papier".into()), status: Some(OfferStatus::Published), ..TeamOfferQuery::default() };
        let published = repo.team_offers(&by_title, 10).await.expect("list");
        assert_eq!(published.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![offers[0]]);
        let nothing = TeamOfferQuery { words: Some("100%_".into()), ..TeamOfferQuery::default() };
        assert_eq!(repo.team_offers(&nothing, 10).await.expect("list").total, 0, "% and _ are letters");
    }
}
