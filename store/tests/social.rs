//! Comments, reports, moderation, reactions and followed venues, on both backends.

#[macro_use]
mod support;

use chrono::Duration;
use domain::Cents;
use domain::social::comment::CommentOrder;
use domain::social::moderation::{Decision, Visibility};
use domain::token::Token;
use store::*;
use support::*;

fn comment(author_id: i64, offer_id: i64, body: &str) -> NewComment {
    NewComment {
        author_id,
        target: CommentTarget::Offer(offer_id),
        body: body.to_owned(),
        rating: Some(4),
        flagged: false,
    }
}

on_every_backend! {
    async fn a_comment_shows_whether_its_author_went(repo) {
        let f = Fixture::new(&repo).await;
        let went = f.young(&repo, "lea@test.fr").await;
        let other = f.young(&repo, "tom@test.fr").await;
        let (offer, stock) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        let booking = repo.book(&book(went, stock)).await.expect("book");
        repo.validate_ticket(f.partner_id, &Token::parse(&booking.token).expect("token"), now()).await.expect("used");
        repo.add_comment(&comment(went, offer, "Un roman bouleversant"), now()).await.expect("comment");
        repo.add_comment(&comment(other, offer, "Pas lu mais tentant"), now() + Duration::seconds(1)).await.expect("comment");
        let list = repo.comments(CommentTarget::Offer(offer), CommentOrder::Newest, None, 20, 0).await.expect("list");
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].body, "Pas lu mais tentant", "newest first");
        assert!(!list[0].went && !list[0].booked);
        assert!(list[1].went, "a used booking: the badge");
        assert_eq!(list[1].rating, Some(4));
    }
}

on_every_backend! {
    async fn authors_edit_for_15_minutes_and_delete_their_own(repo) {
        let f = Fixture::new(&repo).await;
        let author = f.young(&repo, "lea@test.fr").await;
        let other = f.young(&repo, "tom@test.fr").await;
        let (offer, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        let id = repo.add_comment(&comment(author, offer, "Premier jet"), now()).await.expect("comment");
        let edit = |author_id| CommentEdit { author_id, comment_id: id, body: "Corrigé".into(), rating: None, flagged: false };
        assert!(matches!(repo.edit_comment(&edit(other), now()).await, Err(StoreError::NotFound)));
        repo.edit_comment(&edit(author), now() + Duration::minutes(10)).await.expect("within the window");
        let late = repo.edit_comment(&edit(author), now() + Duration::minutes(16)).await;
        assert!(matches!(late, Err(StoreError::Invalid(_))), "{late:?}");
        assert_eq!(repo.comments(CommentTarget::Offer(offer), CommentOrder::Newest, None, 20, 0).await.expect("list")[0].body, "Corrigé");
        assert!(!repo.delete_comment(other, id, now()).await.expect("not theirs"));
        assert!(repo.delete_comment(author, id, now()).await.expect("delete"));
        assert!(repo.comments(CommentTarget::Offer(offer), CommentOrder::Newest, None, 20, 0).await.expect("list").is_empty());
    }
}

on_every_backend! {
    async fn three_reports_hide_a_comment_until_an_admin_restores_it(repo) {
        let f = Fixture::new(&repo).await;
        let author = f.young(&repo, "lea@test.fr").await;
        let (offer, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        let id = repo.add_comment(&comment(author, offer, "Avis tranché"), now()).await.expect("comment");
        let mut reporters = Vec::new();
        for n in 0..3 {
            reporters.push(f.young(&repo, &format!("r{n}@test.fr")).await);
        }
        assert_eq!(repo.report_comment(id, reporters[0], "spam", now()).await.expect("report"), Visibility::Visible);
        assert!(matches!(repo.report_comment(id, reporters[0], "spam", now()).await, Err(StoreError::Conflict(_))), "once each");
        repo.report_comment(id, reporters[1], "spam", now()).await.expect("report");
        assert_eq!(repo.report_comment(id, reporters[2], "spam", now()).await.expect("report"), Visibility::PendingReview);
        assert!(repo.comments(CommentTarget::Offer(offer), CommentOrder::Newest, None, 20, 0).await.expect("list").is_empty(), "hidden");
        let queue = repo.comments_to_review(None, 10).await.expect("queue").rows;
        assert_eq!((queue.len(), queue[0].reports), (1, 3));
        assert!(repo.decide_comment(id, Decision::Approved, admin(&repo).await, now()).await.expect("approve"));
        assert_eq!(repo.comments(CommentTarget::Offer(offer), CommentOrder::Newest, None, 20, 0).await.expect("list").len(), 1, "restored");
        assert!(repo.comments_to_review(None, 10).await.expect("queue").rows.is_empty());
    }
}

on_every_backend! {
    async fn flagged_comments_wait_and_suspended_or_hasty_authors_cannot_post(repo) {
        let f = Fixture::new(&repo).await;
        let author = f.young(&repo, "lea@test.fr").await;
        let (offer, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        let flagged = NewComment { flagged: true, ..comment(author, offer, "mot interdit") };
        repo.add_comment(&flagged, now()).await.expect("posted, pending");
        assert!(repo.comments(CommentTarget::Offer(offer), CommentOrder::Newest, None, 20, 0).await.expect("list").is_empty());
        for n in 1..10 {
            repo.add_comment(&comment(author, offer, "encore"), now() + Duration::seconds(n)).await.expect("within the limit");
        }
        let eleventh = repo.add_comment(&comment(author, offer, "encore"), now() + Duration::seconds(30)).await;
        assert!(matches!(eleventh, Err(StoreError::LimitReached)), "{eleventh:?}");
        repo.add_comment(&comment(author, offer, "plus tard"), now() + Duration::minutes(61)).await.expect("an hour later");
        assert!(suspend(&repo, author).await);
        let suspended = repo.add_comment(&comment(author, offer, "encore"), now() + Duration::hours(3)).await;
        assert!(matches!(suspended, Err(StoreError::Invalid(_))), "{suspended:?}");
        let (_, stock) = f.offer(&repo, "LIVRE_PAPIER", Cents(0), Some(5)).await;
        let booking = repo.book(&book(author, stock)).await;
        assert!(
            matches!(booking, Err(StoreError::BookingRefused(domain::booking::BookingRefusal::AccountSuspended))),
            "a suspended person books nothing, even free: {booking:?}"
        );
    }
}

on_every_backend! {
    async fn an_edit_needs_a_new_approval_and_a_suspended_author_cannot_edit(repo) {
        let f = Fixture::new(&repo).await;
        let author = f.young(&repo, "lea@test.fr").await;
        let (offer, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        let list = || repo.comments(CommentTarget::Offer(offer), CommentOrder::Newest, None, 20, 0);
        let flagged = NewComment { flagged: true, ..comment(author, offer, "pas une arnaque") };
        let id = repo.add_comment(&flagged, now()).await.expect("posted, pending");
        assert!(repo.decide_comment(id, domain::social::moderation::Decision::Approved, admin(&repo).await, now()).await.expect("approved"));
        assert_eq!(list().await.expect("list").len(), 1, "approved, visible");
        let edit = CommentEdit { author_id: author, comment_id: id, body: "arnaque, insultes".into(), rating: None, flagged: true };
        repo.edit_comment(&edit, now() + Duration::minutes(1)).await.expect("edited");
        assert!(list().await.expect("list").is_empty(), "the new words wait for their own review");
        assert!(repo.comments_to_review(None, 20).await.expect("queue").rows.iter().any(|c| c.id == id));
        assert!(suspend(&repo, author).await);
        let refused = repo.edit_comment(&CommentEdit { flagged: false, ..edit }, now() + Duration::minutes(2)).await;
        assert!(matches!(refused, Err(StoreError::Invalid(_))), "{refused:?}");
    }
}

on_every_backend! {
    async fn a_partner_answers_a_comment_once(repo) {
        let f = Fixture::new(&repo).await;
        let author = f.young(&repo, "lea@test.fr").await;
        let (offer, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        let id = repo.add_comment(&comment(author, offer, "Livré vite ?"), now()).await.expect("comment");
        repo.reply_to_comment(f.partner_id, id, "Sous 48 h !", now()).await.expect("reply");
        let again = repo.reply_to_comment(f.partner_id, id, "Encore", now()).await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
        let list = repo.comments(CommentTarget::Offer(offer), CommentOrder::Newest, None, 20, 0).await.expect("list");
        assert_eq!(list.len(), 1, "the answer is not a comment of its own");
        assert_eq!(list[0].reply_body.as_deref(), Some("Sous 48 h !"));
        assert_eq!(repo.comment_target(id).await.expect("target"), Some(CommentTarget::Offer(offer)));
    }
}

on_every_backend! {
    async fn reactions_toggle_and_count_within_a_limit(repo) {
        let f = Fixture::new(&repo).await;
        let lea = f.young(&repo, "lea@test.fr").await;
        let tom = f.young(&repo, "tom@test.fr").await;
        let (offer, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        assert!(repo.toggle_reaction(lea, offer, ReactionKind::Like, now()).await.expect("on"));
        assert!(repo.toggle_reaction(tom, offer, ReactionKind::Like, now()).await.expect("on"));
        assert!(repo.toggle_reaction(tom, offer, ReactionKind::Want, now()).await.expect("on"));
        let seen = repo.reactions(offer, Some(lea)).await.expect("counts");
        assert_eq!(seen, Reactions { likes: 2, wants: 1, liked: true, wanted: false });
        assert!(!repo.toggle_reaction(lea, offer, ReactionKind::Like, now()).await.expect("off"));
        assert_eq!(repo.reactions(offer, None).await.expect("counts").likes, 1);
        let mut offers = Vec::new();
        for _ in 0..31 {
            offers.push(f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await.0);
        }
        let mut refused = 0;
        for offer in offers {
            if matches!(repo.toggle_reaction(lea, offer, ReactionKind::Want, now()).await, Err(StoreError::LimitReached)) {
                refused += 1;
            }
        }
        assert_eq!(refused, 1, "30 reactions a minute");
    }
}

on_every_backend! {
    async fn followed_venues_feed_their_new_offers(repo) {
        let f = Fixture::new(&repo).await;
        let lea = f.young(&repo, "lea@test.fr").await;
        let other_venue = venue(&repo, f.structure_id, (48.58, 7.75)).await;
        let (mine, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        offer_at(&repo, other_venue, "LIVRE_PAPIER", Cents(1000), Some(5), None, false).await;
        assert!(repo.followed_offers(lea, now(), 20).await.expect("feed").is_empty());
        repo.follow_venue(lea, f.venue_id, true, now()).await.expect("follow");
        repo.follow_venue(lea, f.venue_id, true, now()).await.expect("twice is once");
        assert!(repo.follows(lea, f.venue_id).await.expect("follows"));
        let feed = repo.followed_offers(lea, now(), 20).await.expect("feed");
        assert_eq!(feed.iter().map(|o| o.id).collect::<Vec<_>>(), vec![mine]);
        repo.follow_venue(lea, f.venue_id, false, now()).await.expect("unfollow");
        assert!(repo.followed_offers(lea, now(), 20).await.expect("feed").is_empty());
    }
}

on_every_backend! {
    async fn venue_comments_badge_whoever_went_to_any_of_its_offers(repo) {
        let f = Fixture::new(&repo).await;
        let went = f.young(&repo, "lea@test.fr").await;
        let (_, stock) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        let booking = repo.book(&book(went, stock)).await.expect("book");
        repo.validate_ticket(f.partner_id, &Token::parse(&booking.token).expect("token"), now()).await.expect("used");
        let about_venue = NewComment { target: CommentTarget::Venue(f.venue_id), ..comment(went, 0, "Une librairie accueillante") };
        repo.add_comment(&about_venue, now()).await.expect("comment");
        let list = repo.comments(CommentTarget::Venue(f.venue_id), CommentOrder::Newest, None, 20, 0).await.expect("list");
        assert_eq!(list.len(), 1);
        assert!(list[0].went, "went to one of the venue's offers");
        assert_eq!(repo.comment_stats(CommentTarget::Venue(f.venue_id)).await.expect("stats"), (1, Some(40)));
    }
}

on_every_backend! {
    async fn helpful_comments_come_first_when_asked_and_authors_cannot_mark_their_own(repo) {
        let f = Fixture::new(&repo).await;
        let (lea, tom, zoe) = (f.young(&repo, "lea@test.fr").await, f.young(&repo, "tom@test.fr").await, f.young(&repo, "zoe@test.fr").await);
        let (offer, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        let older = repo.add_comment(&comment(lea, offer, "Avis détaillé et utile"), now()).await.expect("comment");
        let newer = repo.add_comment(&comment(tom, offer, "Bof"), now() + Duration::seconds(5)).await.expect("comment");
        let own = repo.toggle_helpful(lea, older, now()).await;
        assert!(matches!(own, Err(StoreError::Invalid(_))), "{own:?}");
        assert!(repo.toggle_helpful(tom, older, now()).await.expect("mark"));
        assert!(repo.toggle_helpful(zoe, older, now()).await.expect("mark"));
        assert!(repo.toggle_helpful(zoe, newer, now()).await.expect("mark"));
        assert!(!repo.toggle_helpful(zoe, newer, now()).await.expect("unmark"), "a second tap takes it back");
        let ids = |rows: Vec<CommentRow>| rows.iter().map(|c| (c.id, c.helpful)).collect::<Vec<_>>();
        let newest = repo.comments(CommentTarget::Offer(offer), CommentOrder::Newest, None, 20, 0).await.expect("list");
        assert_eq!(ids(newest), vec![(newer, 0), (older, 2)]);
        let helpful = repo.comments(CommentTarget::Offer(offer), CommentOrder::Helpful, Some(zoe), 20, 0).await.expect("list");
        assert!(helpful[0].marked_helpful && !helpful[1].marked_helpful, "the viewer's own marks");
        assert_eq!(ids(helpful), vec![(older, 2), (newer, 0)]);
        let second_page = repo.comments(CommentTarget::Offer(offer), CommentOrder::Helpful, None, 1, 1).await.expect("page");
        assert_eq!(ids(second_page), vec![(newer, 0)], "paged");
        assert!(matches!(repo.toggle_helpful(tom, 999_999, now()).await, Err(StoreError::NotFound)));
    }
}

on_every_backend! {
    async fn cards_count_comments_ratings_and_likes(repo) {
        let f = Fixture::new(&repo).await;
        let (lea, tom, zoe) = (f.young(&repo, "lea@test.fr").await, f.young(&repo, "tom@test.fr").await, f.young(&repo, "zoe@test.fr").await);
        let (offer, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        let (quiet, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        repo.add_comment(&comment(lea, offer, "Bien"), now()).await.expect("comment");
        repo.add_comment(&NewComment { rating: Some(5), ..comment(tom, offer, "Très bien") }, now()).await.expect("comment");
        repo.add_comment(&NewComment { rating: Some(5), ..comment(zoe, offer, "Superbe") }, now()).await.expect("comment");
        repo.add_comment(&NewComment { flagged: true, ..comment(tom, offer, "Caché") }, now()).await.expect("comment");
        repo.toggle_reaction(lea, offer, ReactionKind::Like, now()).await.expect("like");
        let mut stats = repo.card_stats(&[quiet, offer]).await.expect("stats");
        stats.sort_by_key(|s| s.offer_id);
        assert_eq!(stats, vec![
            // (4 + 5 + 5) / 3 = 4.67: rounded to 4,7 on both backends.
            CardStats { offer_id: offer, comments: 3, rating_tenths: Some(47), likes: 1 },
            CardStats { offer_id: quiet, comments: 0, rating_tenths: None, likes: 0 },
        ]);
        assert!(repo.card_stats(&[]).await.expect("none").is_empty());
        assert_eq!(repo.comment_stats(CommentTarget::Offer(offer)).await.expect("stats"), (3, Some(47)), "the same figures on the page");
    }
}

on_every_backend! {
    async fn withdrawing_a_reported_offer_cancels_its_bookings_and_gives_the_credit_back(repo) {
        let f = Fixture::new(&repo).await;
        let (lea, tom) = (f.young(&repo, "lea@test.fr").await, f.young(&repo, "tom@test.fr").await);
        let (offer, stock) = f.offer(&repo, "LIVRE_PAPIER", Cents(1500), Some(5)).await;
        let (other, other_stock) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        let kept = repo.book(&book(lea, stock)).await.expect("book");
        let used = repo.book(&book(tom, stock)).await.expect("book");
        repo.validate_ticket(f.partner_id, &Token::parse(&used.token).expect("token"), now()).await.expect("used");
        repo.book(&book(lea, other_stock)).await.expect("book elsewhere");
        assert!(!repo.has_reported_offer(offer, tom).await.expect("reported?"), "not yet");
        repo.report_offer(offer, tom, "Offre trompeuse", now()).await.expect("report");
        assert!(repo.has_reported_offer(offer, tom).await.expect("reported?"));
        assert!(!repo.has_reported_offer(other, tom).await.expect("reported?"), "another offer");
        assert!(!repo.has_reported_offer(offer, lea).await.expect("reported?"), "another person");
        assert!(matches!(repo.report_offer(offer, tom, "encore", now()).await, Err(StoreError::Conflict(_))), "once each");
        repo.report_offer(offer, lea, "Prix faux", now() + Duration::seconds(1)).await.expect("report");
        repo.report_offer(other, lea, "Doublon", now()).await.expect("report");
        assert!(matches!(repo.report_offer(999_999, lea, "inconnue", now()).await, Err(StoreError::NotFound)));
        let queue = repo.offers_to_review(None, 10).await.expect("queue").rows;
        assert_eq!(queue.iter().map(|q| (q.offer_id, q.reports, q.active_bookings)).collect::<Vec<_>>(), vec![(offer, 2, 1), (other, 1, 1)]);
        assert_eq!(queue[0].last_reason, "Prix faux");
        // A page at a time, by offer, each page with the whole count.
        let first = repo.offers_to_review(None, 1).await.expect("page");
        assert_eq!((first.rows[0].offer_id, first.total), (offer, 2));
        let second = repo.offers_to_review(first.next, 1).await.expect("page");
        assert_eq!((second.rows[0].offer_id, second.total, second.next), (other, 2, None));

        let withdrawal = OfferWithdrawal {
            offer_id: offer,
            admin_id: admin(&repo).await,
            reason: "Offre trompeuse".into(),
            mail: OutgoingMail::text("Réservation annulée", "Ton crédit t'a été rendu").into(),
        };
        assert_eq!(repo.withdraw_offer(&withdrawal, now()).await.expect("withdraw"), 1, "the used ticket stays");
        assert!(matches!(repo.withdraw_offer(&withdrawal, now()).await, Err(StoreError::NotFound)), "once");
        assert_eq!(assert_ledger_balances(&repo, lea).await, Cents::euros(490), "15 € back, the other booking kept");
        assert_eq!(assert_ledger_balances(&repo, tom).await, Cents::euros(485), "a used ticket is not refunded");
        let booking = repo.booking_of_user(lea, kept.id).await.expect("read").expect("some");
        assert_eq!(booking.status, domain::ticket::BookingStatus::Cancelled);
        assert_eq!(booking.cancellation_reason.as_deref(), Some("moderation: Offre trompeuse"));
        // The first page ended on the offer now withdrawn: the next page still follows it.
        let next = repo.offers_to_review(first.next, 10).await.expect("queue");
        assert_eq!((next.rows.iter().map(|q| q.offer_id).collect::<Vec<_>>(), next.total), (vec![other], 1));
        assert!(repo.keep_offer(other, admin(&repo).await, now()).await.expect("kept"));
        let queue = repo.offers_to_review(None, 10).await.expect("queue");
        assert!(queue.rows.is_empty() && queue.total == 0, "settled");
        let offer_row = repo.offer(offer).await.expect("read").expect("some");
        assert!(!offer_row.is_visible(now()), "out of sight");
        let mails = repo.outbox(10).await.expect("outbox");
        assert_eq!(mails.iter().filter(|m| m.recipient == "lea@test.fr" && m.subject == "Réservation annulée").count(), 1);
        let withdrawn = domain::notification::MailKind::OfferWithdrawn;
        assert!(mails.iter().all(|m| m.recipient != "tom@test.fr" || m.kind != withdrawn), "nothing cancelled for tom");
    }
}
