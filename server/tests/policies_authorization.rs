//! Credit policies as live data over HTTP against the real server: each policy server
//! function refused to every visitor it is not for (anonymous, a young person, a partner
//! administrator of their structure, a partner of another one), nothing changed by a
//! refusal; a bad form answered on its field; then the team's way: the configured policy
//! is the first version, a version scheduled for tomorrow waits and can be taken back,
//! one scheduled for today is in force at once (the home page's pitch says it), and the
//! young person's deposit keeps the version it was granted under.

use app::features::account::api as account;
use app::features::discovery::api as discovery;
use app::features::policies::api as policies;
use leptos::server_fn::ServerFn;
use serde_json::Value;

mod support;
use support::*;

fn paris_day(days_from_today: i64) -> String {
    (chrono::Utc::now().with_timezone(&chrono_tz::Europe::Paris)
        + chrono::Duration::days(days_from_today))
    .date_naive()
    .to_string()
}

/// The form of the version the page offers, with some fields changed.
fn form(page: &Value, changes: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&'static str, String)> = [
        "code",
        "name",
        "grants",
        "digital_cap",
        "physical_cap",
        "validity_kind",
        "validity",
        "departements",
        "starts_on",
    ]
    .into_iter()
    .map(|name| {
        (
            name,
            page["form"][name].as_str().unwrap_or_default().to_owned(),
        )
    })
    .collect();
    for (name, value) in changes {
        if let Some(field) = fields.iter_mut().find(|(n, _)| n == name) {
            field.1 = (*value).to_owned();
        }
    }
    fields
}

fn states(page: &Value) -> Vec<String> {
    page["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .map(|v| {
            format!(
                "{} — {}",
                v["label"].as_str().unwrap_or(""),
                v["state"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_team_schedules_versions_and_each_function_refuses_whom_it_is_not_for() {
    let server = start_server().await;
    let base = server.base.clone();
    let anonymous = Visitor::new("anonymous", &base);
    let young = Visitor::signed_in("young", &base, "jeune@demo.culture-pass.fr").await;
    let partner = Visitor::signed_in("partner", &base, "partenaire@demo.culture-pass.fr").await;
    let stranger = Visitor::partner("stranger", &base, "stranger@musee.fr", &siren(7)).await;
    let admin = Visitor::signed_in("admin", &base, "admin@demo.culture-pass.fr").await;

    let page = admin.ok(policies::CreditPolicies::PATH, &[]).await;
    assert_eq!(
        states(&page),
        vec!["France, expérimentation 2019 · version 1 — En vigueur"],
        "the configured policy is the first version"
    );
    let tomorrow = form(
        &page,
        &[
            ("name", "France, 2019 revu"),
            ("grants", "18 : 300"),
            ("starts_on", &paris_day(1)),
        ],
    );

    for (visitor, expected) in [
        (&anonymous, 401),
        (&young, 403),
        (&partner, 403),
        (&stranger, 403),
    ] {
        for (path, fields) in [
            (policies::CreditPolicies::PATH, vec![]),
            (policies::SchedulePolicy::PATH, tomorrow.clone()),
            (
                policies::CancelPolicy::PATH,
                vec![
                    ("policy_id", "1".to_owned()),
                    ("reason", "Une erreur de saisie".to_owned()),
                ],
            ),
        ] {
            let (status, body) = visitor.call(path, &fields).await;
            assert_eq!(status, expected, "{} {path}: {body}", visitor.name);
        }
    }
    let unchanged = admin.ok(policies::CreditPolicies::PATH, &[]).await;
    assert_eq!(states(&unchanged), states(&page), "refusals change nothing");

    // A bad form is answered on its field and changes nothing.
    for (changes, field) in [
        (vec![("grants", "18 ans 300")], "grants"),
        (vec![("digital_cap", "900")], "digital_cap"),
        (vec![("departements", "99")], "departements"),
        (vec![("starts_on", paris_day(-1).as_str())], "starts_on"),
        (vec![("code", "")], "code"),
    ] {
        let mut fields = tomorrow.clone();
        for (name, value) in changes {
            fields
                .iter_mut()
                .filter(|(n, _)| *n == name)
                .for_each(|f| f.1 = value.to_owned());
        }
        let (status, body) = admin.call(policies::SchedulePolicy::PATH, &fields).await;
        assert_eq!(status, 400, "{body}");
        assert!(body.contains(&format!("\"field\":\"{field}\"")), "{body}");
    }
    assert_eq!(
        states(&admin.ok(policies::CreditPolicies::PATH, &[]).await),
        states(&page)
    );

    // Tomorrow's version waits, and is taken back with a reason.
    let label = admin.ok(policies::SchedulePolicy::PATH, &tomorrow).await;
    assert_eq!(label, "France, 2019 revu · version 2");
    let page = admin.ok(policies::CreditPolicies::PATH, &[]).await;
    assert_eq!(
        states(&page),
        vec![
            "France, 2019 revu · version 2 — Programmée",
            "France, expérimentation 2019 · version 1 — En vigueur"
        ]
    );
    let scheduled = page["versions"][0]["id"].as_i64().expect("id").to_string();
    let (status, body) = admin
        .call(
            policies::CancelPolicy::PATH,
            &[("policy_id", scheduled.clone()), ("reason", "non".into())],
        )
        .await;
    assert!(
        status == 400 && body.contains("\"field\":\"reason\""),
        "{body}"
    );
    admin
        .ok(
            policies::CancelPolicy::PATH,
            &[
                ("policy_id", scheduled),
                ("reason", "Montant à revoir".into()),
            ],
        )
        .await;
    assert_eq!(
        states(&admin.ok(policies::CreditPolicies::PATH, &[]).await),
        states(&unchanged)
    );

    // Today's version (number 3: the one taken back keeps 2) is in force at once: the
    // pitch of the home page says it, and the version in force cannot be taken back.
    let pitch = |home: Value| home["pass_pitch"].as_str().unwrap_or_default().to_owned();
    assert!(
        pitch(anonymous.ok(discovery::HomeRows::PATH, &[]).await).starts_with("500 € à 18 ans")
    );
    let today = form(
        &page,
        &[
            ("name", "France, 2019 revu"),
            ("grants", "18 : 300"),
            ("starts_on", &paris_day(0)),
        ],
    );
    admin.ok(policies::SchedulePolicy::PATH, &today).await;
    let page = admin.ok(policies::CreditPolicies::PATH, &[]).await;
    assert_eq!(
        states(&page)[..2],
        [
            "France, 2019 revu · version 3 — En vigueur".to_owned(),
            "France, expérimentation 2019 · version 1 — Remplacée".to_owned()
        ]
    );
    assert!(
        pitch(anonymous.ok(discovery::HomeRows::PATH, &[]).await).starts_with("300 € à 18 ans")
    );
    let in_force = page["versions"][0]["id"].as_i64().expect("id").to_string();
    let (status, body) = admin
        .call(
            policies::CancelPolicy::PATH,
            &[
                ("policy_id", in_force),
                ("reason", "Trop tard pour ça".into()),
            ],
        )
        .await;
    assert!(status == 400 && body.contains("déjà en vigueur"), "{body}");

    // The young person's deposit keeps its version.
    let wallet = young.ok(account::MyWallet::PATH, &[]).await;
    assert_eq!(
        wallet["Credit"]["policy"], "France, expérimentation 2019 · version 1",
        "{wallet}"
    );
}
