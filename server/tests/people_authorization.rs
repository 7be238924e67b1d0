//! The people pages' and the audit log's server functions over HTTP against the real
//! server: refused to every visitor but an administrator (and nothing changes), bad input
//! answered with its field, and what an administrator does takes effect at once: a
//! suspended person is signed out and cannot sign in until the suspension is lifted; a
//! correction moves the wallet; every action is in the log.

use app::features::people::api as people;
use leptos::server_fn::ServerFn;

mod support;
use support::*;

const YOUNG: &str = "jeune@demo.culture-pass.fr";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_find_suspend_and_correct_and_each_action_is_logged() {
    let server = start_server().await;
    let base = server.base.clone();
    let anonymous = Visitor::new("anonymous", &base);
    let young = Visitor::new("young", &base);
    young.login(YOUNG, PASSWORD).await;
    let partner = Visitor::new("partner", &base);
    partner
        .login("partenaire@demo.culture-pass.fr", PASSWORD)
        .await;
    let stranger = Visitor::partner("stranger", &base, "stranger@musee.fr", &siren(7)).await;
    let admin = Visitor::new("admin", &base);
    admin.login("admin@demo.culture-pass.fr", PASSWORD).await;

    let young_id = young.ok("/api/current_user", &[]).await["id"]
        .as_i64()
        .expect("id");
    let balance = || async { young.ok("/api/my_balance", &[]).await };
    let before = balance().await;
    let id = young_id.to_string();
    let calls: [(&str, Vec<(&str, String)>); 6] = [
        (people::FindPeople::PATH, vec![("q", "demo".into())]),
        (people::PersonDetails::PATH, vec![("user_id", id.clone())]),
        (
            people::SuspendPerson::PATH,
            vec![
                ("user_id", id.clone()),
                ("reason", "Fraude au crédit".into()),
            ],
        ),
        (
            people::LiftSuspension::PATH,
            vec![
                ("user_id", id.clone()),
                ("reason", "Erreur de saisie".into()),
            ],
        ),
        (
            people::CorrectCredit::PATH,
            vec![
                ("user_id", id.clone()),
                ("amount", "200".into()),
                ("reason", "Geste commercial".into()),
            ],
        ),
        (people::AuditLog::PATH, vec![("action", String::new())]),
    ];
    for visitor in [&anonymous, &young, &partner, &stranger] {
        for (path, args) in &calls {
            let (status, body) = visitor.call(path, args).await;
            let expected = if visitor.name == "anonymous" {
                401
            } else {
                403
            };
            assert_eq!(status, expected, "{} calls {path}: {body}", visitor.name);
        }
    }
    assert_eq!(balance().await, before, "nothing changed");
    young.ok("/api/current_user", &[]).await;

    // Found by address, seen in full.
    let found = admin
        .ok(people::FindPeople::PATH, &[("q", YOUNG.into())])
        .await;
    assert_eq!(found["rows"][0]["id"], young_id, "{found}");
    assert_eq!(found["summary"], "1 personne");
    let (status, body) = admin
        .call(people::FindPeople::PATH, &[("q", "31/02/2008".into())])
        .await;
    assert_eq!(status, 400, "not a day: {body}");
    let details = admin
        .ok(people::PersonDetails::PATH, &[("user_id", id.clone())])
        .await;
    assert_eq!(details["email"], YOUNG);
    assert!(
        !details["sessions"].as_array().expect("sessions").is_empty(),
        "{details}"
    );
    let (status, _) = admin
        .call(people::PersonDetails::PATH, &[("user_id", "999999".into())])
        .await;
    assert_eq!(status, 404);

    // A correction: its field errors, then the wallet moves.
    for (amount, reason, field) in [
        ("douze", "Geste commercial", "amount"),
        ("5000", "Geste commercial", "amount"),
        ("20", "ok", "reason"),
        ("-100000", "Fraude au crédit", "amount"),
    ] {
        let (status, body) = admin
            .call(
                people::CorrectCredit::PATH,
                &[
                    ("user_id", id.clone()),
                    ("amount", amount.into()),
                    ("reason", reason.into()),
                ],
            )
            .await;
        assert_eq!(status, 400, "{amount}: {body}");
        assert!(body.contains(&format!("\"field\":\"{field}\"")), "{body}");
    }
    assert_eq!(
        balance().await,
        before,
        "refused corrections changed nothing"
    );
    let done = admin
        .ok(
            people::CorrectCredit::PATH,
            &[
                ("user_id", id.clone()),
                ("amount", "+20".into()),
                ("reason", "Geste après une panne".into()),
            ],
        )
        .await;
    assert!(
        done.as_str()
            .is_some_and(|s| s.starts_with("Crédit corrigé")),
        "{done}"
    );
    assert_ne!(balance().await, before);

    // A suspension: a reason is needed, then the person is out until it is lifted.
    let (status, body) = admin
        .call(
            people::SuspendPerson::PATH,
            &[("user_id", id.clone()), ("reason", "x".into())],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    young.ok("/api/current_user", &[]).await;
    admin
        .ok(
            people::SuspendPerson::PATH,
            &[
                ("user_id", id.clone()),
                ("reason", "Fraude au crédit".into()),
            ],
        )
        .await;
    let (status, body) = young.call("/api/my_wallet", &[]).await;
    assert_eq!(status, 401, "signed out: {body}");
    // The booking reads the session in its own transaction: it finds no one either.
    let book = [("stock_id", "1".to_owned()), ("quantity", "1".to_owned())];
    let (status, body) = young.call("/api/book", &book).await;
    assert_eq!(status, 401, "books nothing: {body}");
    let again = Visitor::new("again", &base);
    let (status, body) = again
        .call(
            "/api/login",
            &[("email", YOUNG.into()), ("password", PASSWORD.into())],
        )
        .await;
    assert_eq!(status, 403, "{body}");
    assert!(
        body.contains("\"Suspended\""),
        "told why, in the typed error: {body}"
    );
    let (status, body) = again
        .call(
            "/api/login",
            &[
                ("email", YOUNG.into()),
                ("password", "wrong-password".into()),
            ],
        )
        .await;
    assert_eq!(status, 401, "the wrong password says nothing more: {body}");
    let admin_id = admin.ok("/api/current_user", &[]).await["id"]
        .as_i64()
        .expect("id");
    let (status, _) = admin
        .call(
            people::SuspendPerson::PATH,
            &[
                ("user_id", admin_id.to_string()),
                ("reason", "Essai sur soi".into()),
            ],
        )
        .await;
    assert_eq!(status, 400, "an administrator is not suspended here");
    admin
        .ok(
            people::LiftSuspension::PATH,
            &[
                ("user_id", id.clone()),
                ("reason", "Erreur de saisie".into()),
            ],
        )
        .await;
    again.login(YOUNG, PASSWORD).await;

    // The log, newest first, filtered by kind and by person.
    let log = admin
        .ok(
            people::AuditLog::PATH,
            &[("action", String::new()), ("personne", id.clone())],
        )
        .await;
    let actions: Vec<&str> = log["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| row["action"].as_str().expect("action"))
        .collect();
    assert_eq!(
        actions,
        ["Suspension levée", "Compte suspendu", "Crédit corrigé"],
        "{log}"
    );
    assert_eq!(log["rows"][2]["detail"], "+20 €");
    assert_eq!(log["rows"][1]["reason"], "Fraude au crédit");
    let corrections = admin
        .ok(
            people::AuditLog::PATH,
            &[("action", "credit_corrected".into())],
        )
        .await;
    assert_eq!(corrections["summary"], "1 action");
    let (status, _) = admin
        .call(people::AuditLog::PATH, &[("action", "drop_table".into())])
        .await;
    assert_eq!(status, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_read_and_decide_offers_waiting_for_review() {
    use app::features::offer_review::api as review;
    let server = start_server().await;
    let base = server.base.clone();
    let anonymous = Visitor::new("anonymous", &base);
    let young = Visitor::new("young", &base);
    young.login(YOUNG, PASSWORD).await;
    let partner = Visitor::new("partner", &base);
    partner
        .login("partenaire@demo.culture-pass.fr", PASSWORD)
        .await;
    let admin = Visitor::new("admin", &base);
    admin.login("admin@demo.culture-pass.fr", PASSWORD).await;
    let calls: [(&str, Vec<(&str, String)>); 2] = [
        (
            review::TeamOffers::PATH,
            vec![("q", String::new()), ("statut", String::new())],
        ),
        (
            review::DecideOffer::PATH,
            vec![
                ("offer_id", "1".into()),
                ("approve", "false".into()),
                ("reason", "Offre à préciser".into()),
            ],
        ),
    ];
    for visitor in [&anonymous, &young, &partner] {
        for (path, args) in &calls {
            let (status, body) = visitor.call(path, args).await;
            let expected = if visitor.name == "anonymous" {
                401
            } else {
                403
            };
            assert_eq!(status, expected, "{} calls {path}: {body}", visitor.name);
        }
    }
    let published = admin
        .ok(
            review::TeamOffers::PATH,
            &[("q", String::new()), ("statut", "publiee".into())],
        )
        .await;
    assert_eq!(published["rows"][0]["id"], 1, "oldest first: {published}");
    let (status, body) = admin.call(calls[1].0, &calls[1].1).await;
    assert_eq!(status, 400, "a published offer waits for nothing: {body}");
    let (status, _) = admin
        .call(
            review::TeamOffers::PATH,
            &[("q", String::new()), ("statut", "supprimee".into())],
        )
        .await;
    assert_eq!(status, 400);
    let offer = partner
        .ok("/api/offer_details", &[("offer_id", "1".into())])
        .await;
    assert_eq!(offer["id"], 1, "still published: {offer}");
}
