//! The terms of use and the privacy notice over HTTP: an account is only opened with
//! them accepted (and the acceptance is in the person's data); an account that has not
//! accepted the versions in force is sent to accept them when it signs in, and books
//! nothing until it does.

use app::features::account::api as account;
use app::features::auth::api as auth;
use app::features::booking::api as booking;
use app::features::legal::api as legal;
use chrono::{Months, NaiveDate, Utc};
use domain::account::Role;
use domain::legal::Acceptance;
use domain::text::Email;
use leptos::server_fn::ServerFn;
use store::NewUser;

mod support;
use support::*;

fn new_account(email: &str, accept: bool) -> Vec<(&'static str, String)> {
    let mut form = vec![
        ("account[email]", email.to_owned()),
        ("account[password]", NEW_PASSWORD.to_owned()),
        ("account[first_name]", "Léa".to_owned()),
        ("account[last_name]", "Martin".to_owned()),
        ("account[birth_date]", "2007-05-01".to_owned()),
        ("account[departement]", "67".to_owned()),
    ];
    if accept {
        form.push(("account[accept_terms]", "true".to_owned()));
    }
    form
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_is_opened_only_with_the_texts_accepted_and_keeps_the_proof() {
    let server = start_server().await;
    let lea = Visitor::new("lea", &server.base);
    let (status, body) = lea
        .call(
            account::SignUp::PATH,
            &new_account("lea@example.org", false),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("accept_terms"), "{body}");
    assert!(
        body.contains("Accepte les conditions d'utilisation pour créer ton compte"),
        "{body}"
    );
    // Nothing was made: the address is still free.
    lea.ok(account::SignUp::PATH, &new_account("lea@example.org", true))
        .await;
    let text = lea
        .client
        .get(format!("{}/compte/mes-donnees.json", server.base))
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("a body");
    let data: serde_json::Value = serde_json::from_str(&text).expect("json");
    let current = Acceptance::current();
    let accepted = data["legal_acceptances"].as_array().expect("a section");
    assert_eq!(accepted.len(), 1, "{data}");
    assert_eq!(accepted[0]["terms_version"], current.terms);
    assert_eq!(accepted[0]["privacy_version"], current.privacy);

    // The texts are there to read, each version at its address; an unknown one is a 404.
    for (path, status) in [
        ("/conditions", 200),
        ("/confidentialite", 200),
        ("/conditions/1", 200),
        ("/confidentialite/1", 200),
        ("/conditions/99", 404),
    ] {
        let answer = lea
            .client
            .get(format!("{}{path}", server.base))
            .send()
            .await
            .expect("page");
        assert_eq!(answer.status().as_u16(), status, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_older_than_the_texts_accepts_them_at_sign_in_before_booking() {
    let server = start_server().await;
    // An account made before the texts existed: it accepted nothing.
    let repo = store::connect(&server.database_url, 2)
        .await
        .expect("the database");
    let eighteen = Utc::now()
        .date_naive()
        .checked_sub_months(Months::new(18 * 12 + 2))
        .unwrap_or(NaiveDate::MIN);
    let hash = app::ssr::passwords::hash(NEW_PASSWORD.to_owned())
        .await
        .expect("a hash");
    let id = repo
        .create_verified_user(
            &NewUser {
                email: Email::parse("ancien@example.org").expect("email"),
                password_hash: hash,
                first_name: "Jules".into(),
                last_name: "Ancien".into(),
                role: Role::Young,
                birth_date: Some(eighteen),
                departement: Some("67".into()),
            },
            Utc::now(),
        )
        .await
        .expect("an account");
    repo.submit_identity(id, true, Utc::now())
        .await
        .expect("approved");
    repo.grant_due_for(id, "FR-2019", Utc::now())
        .await
        .expect("credit");

    let jules = Visitor::new("jules", &server.base);
    let answer = jules
        .client
        .post(format!("{}{}", server.base, auth::Login::PATH))
        .form(&[
            ("email", "ancien@example.org"),
            ("password", NEW_PASSWORD),
            ("next", "/offres/1"),
        ])
        .send()
        .await
        .expect("login");
    let location = answer
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(location, "/conditions/accepter?next=%2Foffres%2F1");

    let book = [
        ("stock_id", "1".to_owned()),
        ("quantity", "1".to_owned()),
        ("idempotency_key", "terms-1".to_owned()),
    ];
    let (status, body) = jules.call(booking::Book::PATH, &book).await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("TermsNotAccepted"), "{body}");
    let changes = jules.ok(legal::LegalChanges::PATH, &[]).await;
    assert_eq!(changes.as_array().map(Vec::len), Some(2), "{changes}");

    // A page that showed older versions than those in force accepts nothing.
    let current = Acceptance::current();
    let (status, body) = jules
        .call(
            legal::AcceptTerms::PATH,
            &[
                ("terms_version", (current.terms - 1).to_string()),
                ("privacy_version", current.privacy.to_string()),
            ],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("viennent de changer"), "{body}");
    assert_eq!(
        jules
            .ok(legal::LegalChanges::PATH, &[])
            .await
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    jules
        .ok(
            legal::AcceptTerms::PATH,
            &[
                ("next", "/offres/1".to_owned()),
                ("terms_version", current.terms.to_string()),
                ("privacy_version", current.privacy.to_string()),
            ],
        )
        .await;
    let changes = jules.ok(legal::LegalChanges::PATH, &[]).await;
    assert_eq!(changes, serde_json::json!([]));
    let ticket = jules.ok(booking::Book::PATH, &book).await;
    assert!(ticket["token"].is_string(), "{ticket}");
}
