//! A person's copy of their data over HTTP: only for the signed-in person, their own,
//! as a file to keep, never cached, never a secret in it.

use serde_json::Value;

mod support;
use support::*;

const YOUNG: &str = "jeune@demo.culture-pass.fr";
const MINOR: &str = "mineur@demo.culture-pass.fr";
const PATH: &str = "/compte/mes-donnees.json";

async fn download(visitor: &Visitor) -> reqwest::Response {
    visitor
        .client
        .get(format!("{}{PATH}", visitor.base))
        .send()
        .await
        .expect("request")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_person_downloads_their_own_data_and_no_one_else_any() {
    let server = start_server().await;
    let anonymous = Visitor::new("anonymous", &server.base);
    assert_eq!(download(&anonymous).await.status().as_u16(), 401);

    for (name, email) in [("young", YOUNG), ("minor", MINOR)] {
        let person = Visitor::new(name, &server.base);
        person.login(email, PASSWORD).await;
        let answer = download(&person).await;
        assert_eq!(answer.status().as_u16(), 200);
        let header = |name: &str| {
            answer.headers()[name]
                .to_str()
                .expect("a header")
                .to_owned()
        };
        assert!(
            header("content-disposition")
                .starts_with("attachment; filename=\"culture-pass-mes-donnees-")
        );
        assert_eq!(header("cache-control"), "no-store");
        let text = answer.text().await.expect("body");
        let data: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(data["account"]["email"], email);
        assert!(
            data["sessions"].as_array().is_some_and(|s| !s.is_empty()),
            "{data}"
        );
        for never in ["$argon2", "password_hash", "jeton="] {
            assert!(!text.contains(never), "{never} in {text}");
        }
        let other = if email == YOUNG { MINOR } else { YOUNG };
        assert!(!text.contains(other), "{other} in {email}'s data");
    }
}
