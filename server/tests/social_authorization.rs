//! Every server function of the social side, over HTTP against the real server, as the
//! wrong kind of visitor (refused) and the right one (done); and a `<script>` comment is
//! kept as text, never markup. The list is checked against the registered functions.

use app::features::people::api as people;
use app::features::social::api as social;
use leptos::server_fn::ServerFn;
use std::collections::BTreeSet;

mod support;
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn social_functions_refuse_the_wrong_roles_and_scripts_stay_text() {
    let server = start_server().await;
    let base = server.base.clone();
    let anonymous = Visitor::new("anonymous", &base);
    let young = Visitor::new("young", &base);
    young.login("jeune@demo.culture-pass.fr", PASSWORD).await;
    let partner = Visitor::new("partner", &base);
    partner
        .login("partenaire@demo.culture-pass.fr", PASSWORD)
        .await;
    let admin = Visitor::new("admin", &base);
    admin.login("admin@demo.culture-pass.fr", PASSWORD).await;
    let stranger = Visitor::partner("stranger", &base, "stranger@musee.fr", &siren(7)).await;
    let other_young = Visitor::new("other young", &base);
    other_young
        .login("mineur@demo.culture-pass.fr", PASSWORD)
        .await;

    // An offer of the demo partner.
    let offer = 1i64;
    let venue = young
        .ok("/api/offer_details", &[("offer_id", offer.to_string())])
        .await["venue_id"]
        .as_i64()
        .expect("venue");

    // Posting: the young only.
    let script = "<script>alert('xss')</script> <img src=x onerror=alert(1)>";
    let post = [
        ("about", "offer".to_owned()),
        ("id", offer.to_string()),
        ("body", script.to_owned()),
        ("rating", "5".to_owned()),
    ];
    for (visitor, status) in [(&anonymous, 401), (&partner, 403), (&admin, 403)] {
        assert_eq!(
            visitor.call(social::PostComment::PATH, &post).await.0,
            status,
            "{} posts",
            visitor.name
        );
    }
    young.ok(social::PostComment::PATH, &post).await;
    let comments = anonymous
        .ok(
            social::ListComments::PATH,
            &[("about", "offer".to_owned()), ("id", offer.to_string())],
        )
        .await;
    let comment = comments["comments"][0]["id"].as_i64().expect("comment");
    assert_eq!(
        comments["comments"][0]["body"][0]["Text"], script,
        "kept as text"
    );
    let page = anonymous
        .client
        .get(format!("{base}/offres/{offer}"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(page.contains("&lt;script&gt;alert("), "escaped in the page");
    assert!(!page.contains("<script>alert("), "never markup");
    assert!(!page.contains("<img src=x"), "never markup");

    // Bad input is refused with its field.
    let (status, body) = young
        .call(
            social::PostComment::PATH,
            &[
                ("about", "offer".to_owned()),
                ("id", offer.to_string()),
                ("body", "\u{200B}a\u{200B}".into()),
                ("rating", String::new()),
            ],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("body"), "{body}");
    let (status, _) = young
        .call(
            social::PostComment::PATH,
            &[
                ("about", "offer".to_owned()),
                ("id", offer.to_string()),
                ("body", "Très bien".into()),
                ("rating", "9".into()),
            ],
        )
        .await;
    assert_eq!(status, 400);
    let (status, _) = young
        .call(
            social::PostComment::PATH,
            &[
                ("about", "structure".to_owned()),
                ("id", offer.to_string()),
                ("body", "Très bien".into()),
                ("rating", String::new()),
            ],
        )
        .await;
    assert_eq!(status, 400, "comments are about an offer or a venue");

    // A venue's comments, the same way.
    let about_venue = [
        ("about", "venue".to_owned()),
        ("id", venue.to_string()),
        ("body", "Un lieu <b>chaleureux</b>".to_owned()),
        ("rating", String::new()),
    ];
    assert_eq!(
        partner
            .call(social::PostComment::PATH, &about_venue)
            .await
            .0,
        403
    );
    young.ok(social::PostComment::PATH, &about_venue).await;
    let venue_comments = anonymous
        .ok(
            social::ListComments::PATH,
            &[("about", "venue".to_owned()), ("id", venue.to_string())],
        )
        .await;
    assert_eq!(
        venue_comments["comments"][0]["body"][0]["Text"],
        "Un lieu <b>chaleureux</b>"
    );
    let (status, _) = anonymous
        .call(
            social::ListComments::PATH,
            &[("about", "venue".to_owned()), ("id", "999999".to_owned())],
        )
        .await;
    assert_eq!(status, 404);

    // Marking helpful: the young, not the author.
    let mark = [("comment_id", comment.to_string())];
    for (visitor, status) in [(&anonymous, 401), (&partner, 403), (&young, 400)] {
        assert_eq!(
            visitor.call(social::MarkHelpful::PATH, &mark).await.0,
            status,
            "{} marks",
            visitor.name
        );
    }
    assert_eq!(other_young.ok(social::MarkHelpful::PATH, &mark).await, true);

    // Editing and deleting: the author only.
    let edit = [
        ("comment_id", comment.to_string()),
        ("body", "Finalement, très bien".to_owned()),
        ("rating", "4".to_owned()),
    ];
    assert_eq!(
        anonymous.call(social::EditComment::PATH, &edit).await.0,
        401
    );
    assert_eq!(
        other_young.call(social::EditComment::PATH, &edit).await.0,
        404
    );
    assert_eq!(
        other_young
            .call(
                social::DeleteComment::PATH,
                &[("comment_id", comment.to_string())]
            )
            .await
            .0,
        404
    );
    young.ok(social::EditComment::PATH, &edit).await;

    // Answering: a partner of the venue only.
    let answer = [
        ("comment_id", comment.to_string()),
        ("body", "Merci !".to_owned()),
    ];
    for (visitor, status) in [(&anonymous, 401), (&young, 403), (&stranger, 403)] {
        assert_eq!(
            visitor.call(social::ReplyComment::PATH, &answer).await.0,
            status,
            "{} answers",
            visitor.name
        );
    }
    partner.ok(social::ReplyComment::PATH, &answer).await;
    assert_eq!(
        partner.call(social::ReplyComment::PATH, &answer).await.0,
        400,
        "once"
    );

    // Reporting: anyone signed in, once.
    let report = [
        ("comment_id", comment.to_string()),
        ("reason", "insulte".to_owned()),
    ];
    assert_eq!(
        anonymous.call(social::ReportComment::PATH, &report).await.0,
        401
    );
    other_young.ok(social::ReportComment::PATH, &report).await;
    assert_eq!(
        other_young
            .call(social::ReportComment::PATH, &report)
            .await
            .0,
        400,
        "once"
    );

    // Reactions and follows: the young only.
    let react = [("offer_id", offer.to_string()), ("kind", "like".to_owned())];
    for (visitor, status) in [(&anonymous, 401), (&partner, 403)] {
        assert_eq!(
            visitor.call(social::ToggleReaction::PATH, &react).await.0,
            status,
            "{} reacts",
            visitor.name
        );
    }
    let after = young.ok(social::ToggleReaction::PATH, &react).await;
    assert_eq!(after["liked"], true);
    anonymous
        .ok(
            social::OfferReactions::PATH,
            &[("offer_id", offer.to_string())],
        )
        .await;
    let follow = [
        ("venue_id", venue.to_string()),
        ("follow", "true".to_owned()),
    ];
    for (visitor, status) in [(&anonymous, 401), (&partner, 403)] {
        assert_eq!(
            visitor.call(social::FollowVenue::PATH, &follow).await.0,
            status,
            "{} follows",
            visitor.name
        );
    }
    young.ok(social::FollowVenue::PATH, &follow).await;
    assert_eq!(
        young
            .ok(
                social::FollowsVenue::PATH,
                &[("venue_id", venue.to_string())]
            )
            .await,
        true
    );
    assert_eq!(
        anonymous.call(social::FollowedOffers::PATH, &[]).await.0,
        401
    );
    assert!(
        !young
            .ok(social::FollowedOffers::PATH, &[])
            .await
            .as_array()
            .expect("list")
            .is_empty()
    );

    // Reporting an offer: anyone signed in, once.
    let offer_report = [
        ("offer_id", offer.to_string()),
        ("reason", "Prix faux".to_owned()),
    ];
    assert_eq!(
        anonymous
            .call(social::ReportOffer::PATH, &offer_report)
            .await
            .0,
        401
    );
    let offer_only = [("offer_id", offer.to_string())];
    assert_eq!(
        other_young
            .ok(social::ReportedOffer::PATH, &offer_only)
            .await,
        false,
        "not yet"
    );
    other_young
        .ok(social::ReportOffer::PATH, &offer_report)
        .await;
    // Whether one has reported is one's own: visitors and the others see `false`.
    assert_eq!(
        other_young
            .ok(social::ReportedOffer::PATH, &offer_only)
            .await,
        true
    );
    for someone_else in [&anonymous, &young] {
        assert_eq!(
            someone_else
                .ok(social::ReportedOffer::PATH, &offer_only)
                .await,
            false
        );
    }
    assert_eq!(
        other_young
            .call(social::ReportOffer::PATH, &offer_report)
            .await
            .0,
        400,
        "once"
    );

    // Moderation: administrators only.
    for visitor in [&anonymous, &young, &partner] {
        for (path, args) in [
            (social::OffersToReview::PATH, vec![]),
            (
                social::KeepOffer::PATH,
                vec![("offer_id", offer.to_string())],
            ),
            (
                social::WithdrawOffer::PATH,
                vec![
                    ("offer_id", offer.to_string()),
                    ("reason", "Offre trompeuse".to_owned()),
                ],
            ),
        ] {
            let (status, _) = visitor.call(path, &args).await;
            assert!(
                (400..500).contains(&status),
                "{} calls {path}: {status}",
                visitor.name
            );
        }
        assert!(
            (400..500).contains(&visitor.call(social::CommentsToReview::PATH, &[]).await.0),
            "{}",
            visitor.name
        );
        let (status, _) = visitor
            .call(
                social::ModerateComment::PATH,
                &[
                    ("comment_id", comment.to_string()),
                    ("approve", "false".into()),
                ],
            )
            .await;
        assert!(
            (400..500).contains(&status),
            "{} moderates: {status}",
            visitor.name
        );
    }
    admin.ok(social::CommentsToReview::PATH, &[]).await;
    let reported = admin.ok(social::OffersToReview::PATH, &[]).await;
    assert_eq!(reported["rows"][0]["offer_id"], offer, "{reported}");
    admin
        .ok(social::KeepOffer::PATH, &[("offer_id", offer.to_string())])
        .await;
    assert_eq!(
        admin.ok(social::OffersToReview::PATH, &[]).await["rows"]
            .as_array()
            .map(Vec::len),
        Some(0),
        "kept: settled"
    );
    let (status, body) = admin
        .call(
            social::WithdrawOffer::PATH,
            &[("offer_id", offer.to_string()), ("reason", "x".to_owned())],
        )
        .await;
    assert_eq!(status, 400, "a reason is required: {body}");
    admin
        .ok(
            social::ModerateComment::PATH,
            &[
                ("comment_id", comment.to_string()),
                ("approve", "false".into()),
            ],
        )
        .await;
    let hidden = anonymous
        .ok(
            social::ListComments::PATH,
            &[("about", "offer".to_owned()), ("id", offer.to_string())],
        )
        .await;
    assert!(
        hidden["comments"]
            .as_array()
            .expect("list")
            .iter()
            .all(|c| c["id"] != comment),
        "hidden by the admin"
    );
    let young_id = young.ok("/api/current_user", &[]).await["id"]
        .as_i64()
        .expect("id");
    admin
        .ok(
            people::SuspendPerson::PATH,
            &[
                ("user_id", young_id.to_string()),
                ("reason", "Commentaires injurieux".into()),
            ],
        )
        .await;
    let (status, body) = young
        .call(
            social::PostComment::PATH,
            &[
                ("about", "offer".to_owned()),
                ("id", offer.to_string()),
                ("body", "Encore moi".into()),
                ("rating", String::new()),
            ],
        )
        .await;
    assert_eq!(status, 401, "a suspension signs the author out: {body}");

    // Every social function was tried here.
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .filter(|path| path.starts_with("/api/social/"))
        .collect();
    let tried: BTreeSet<&str> = [
        social::ListComments::PATH,
        social::MarkHelpful::PATH,
        social::ReportOffer::PATH,
        social::ReportedOffer::PATH,
        social::PostComment::PATH,
        social::EditComment::PATH,
        social::DeleteComment::PATH,
        social::ReportComment::PATH,
        social::ReplyComment::PATH,
        social::OfferReactions::PATH,
        social::ToggleReaction::PATH,
        social::FollowVenue::PATH,
        social::FollowsVenue::PATH,
        social::FollowedOffers::PATH,
    ]
    .into_iter()
    .collect();
    assert_eq!(registered, tried);
}
