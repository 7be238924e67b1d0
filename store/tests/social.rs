//! Comments, reports, moderation, reactions and followed venues, on both backends.

#[macro_use]
mod support;

use chrono::Duration;
use domain::Cents;
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
        let list = repo.comments(CommentTarget::Offer(offer), 20, 0).await.expect("list");
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
        assert_eq!(repo.comments(CommentTarget::Offer(offer), 20, 0).await.expect("list")[0].body, "Corrigé");
        assert!(!repo.delete_comment(other, id, now()).await.expect("not theirs"));
        assert!(repo.delete_comment(author, id, now()).await.expect("delete"));
        assert!(repo.comments(CommentTarget::Offer(offer), 20, 0).await.expect("list").is_empty());
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
        assert!(repo.comments(CommentTarget::Offer(offer), 20, 0).await.expect("list").is_empty(), "hidden");
        let queue = repo.comments_to_review(10).await.expect("queue");
        assert_eq!((queue.len(), queue[0].reports), (1, 3));
        assert!(repo.decide_comment(id, Decision::Approved).await.expect("approve"));
        assert_eq!(repo.comments(CommentTarget::Offer(offer), 20, 0).await.expect("list").len(), 1, "restored");
        assert!(repo.comments_to_review(10).await.expect("queue").is_empty());
    }
}

on_every_backend! {
    async fn flagged_comments_wait_and_suspended_or_hasty_authors_cannot_post(repo) {
        let f = Fixture::new(&repo).await;
        let author = f.young(&repo, "lea@test.fr").await;
        let (offer, _) = f.offer(&repo, "LIVRE_PAPIER", Cents(1000), Some(5)).await;
        let flagged = NewComment { flagged: true, ..comment(author, offer, "mot interdit") };
        repo.add_comment(&flagged, now()).await.expect("posted, pending");
        assert!(repo.comments(CommentTarget::Offer(offer), 20, 0).await.expect("list").is_empty());
        for n in 1..10 {
            repo.add_comment(&comment(author, offer, "encore"), now() + Duration::seconds(n)).await.expect("within the limit");
        }
        let eleventh = repo.add_comment(&comment(author, offer, "encore"), now() + Duration::seconds(30)).await;
        assert!(matches!(eleventh, Err(StoreError::LimitReached)), "{eleventh:?}");
        repo.add_comment(&comment(author, offer, "plus tard"), now() + Duration::minutes(61)).await.expect("an hour later");
        repo.suspend_user(author, now()).await.expect("suspend");
        let suspended = repo.add_comment(&comment(author, offer, "encore"), now() + Duration::hours(3)).await;
        assert!(matches!(suspended, Err(StoreError::Invalid(_))), "{suspended:?}");
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
        let list = repo.comments(CommentTarget::Offer(offer), 20, 0).await.expect("list");
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
