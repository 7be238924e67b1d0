//! Paying partners over HTTP against the real server: each payment server function
//! refused to every visitor it is not for (anonymous, young person, an editor of the
//! structure, the administrator of another one; the team for partners' functions and
//! partners for the team's), nothing changed by a refusal; bad bank details answered on
//! their field; then the whole way: the structure's administrator enters its details, the
//! team validates them, prepares a run, downloads its file and pays it, and the partner
//! reads the transfer with its booking.

use app::features::counter::api as counter;
use app::features::payments::api as payments;
use app::features::pro::api as pro;
use leptos::server_fn::ServerFn;
use serde_json::Value;

mod support;
use support::*;

const PARTNER: &str = "partenaire@demo.culture-pass.fr";
/// "L'Étranger", a book of the demo partner's structure.
const THING_STOCK: &str = "7";
const IBAN: &str = "FR76 3000 6000 0112 3456 7890 189";

fn bank_form(structure: &str, iban: &str) -> Vec<(&'static str, String)> {
    vec![
        ("structure_id", structure.to_owned()),
        ("holder", "Librairie de démonstration".into()),
        ("iban", iban.into()),
        ("bic", "AGRIFRPP".into()),
    ]
}

/// A partner who signs up and joins the owner's structure as an editor.
async fn editor(base: &str, owner: &Visitor, admin: &Visitor, structure: &str) -> Visitor {
    owner
        .ok(
            pro::InviteColleague::PATH,
            &[
                ("structure_id", structure.to_owned()),
                ("email", "editrice@demo.fr".into()),
                ("role", "editor".into()),
            ],
        )
        .await;
    let editor = Visitor::new("editor", base);
    editor
        .ok(
            pro::PartnerSignUp::PATH,
            &[
                ("first_name", "Inès".into()),
                ("last_name", "Éditrice".into()),
                ("email", "editrice@demo.fr".into()),
                ("password", NEW_PASSWORD.into()),
                ("accept_terms", "true".into()),
            ],
        )
        .await;
    let mails = admin
        .ok(
            "/api/outbox",
            &[("destinataire", "editrice@demo.fr".into())],
        )
        .await;
    let token = mails["rows"]
        .as_array()
        .and_then(|m| {
            m.iter()
                .filter(|m| m["recipient"] == "editrice@demo.fr" && m["kind"] == "invitation")
                .find_map(|m| m["body"].as_str().and_then(|b| b.split("jeton=").nth(1)))
        })
        .and_then(|rest| rest.split_whitespace().next())
        .expect("invitation mail")
        .to_owned();
    editor
        .ok(pro::AcceptInvitation::PATH, &[("token", token)])
        .await;
    editor
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_team_pays_validated_accounts_and_each_function_refuses_whom_it_is_not_for() {
    let server = start_server().await;
    let base = server.base.clone();
    let anonymous = Visitor::new("anonymous", &base);
    let young = Visitor::new("young", &base);
    young.login("jeune@demo.culture-pass.fr", PASSWORD).await;
    let owner = Visitor::new("owner", &base);
    owner.login(PARTNER, PASSWORD).await;
    let admin = Visitor::new("admin", &base);
    admin.login("admin@demo.culture-pass.fr", PASSWORD).await;
    let stranger = Visitor::partner("stranger", &base, "stranger@musee.fr", &siren(7)).await;

    // A book bought and handed over at the counter: a used booking to pay.
    let booking = young
        .ok(
            "/api/book",
            &[("stock_id", THING_STOCK.into()), ("quantity", "1".into())],
        )
        .await;
    let token = booking["token"].as_str().expect("token").to_owned();
    owner
        .ok(counter::ValidateTicket::PATH, &[("token", token.clone())])
        .await;
    // Runs cut days in Paris.
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive()
        .to_string();
    // The demo partner's structure that sells it.
    let structures = owner.ok(pro::MyStructures::PATH, &[]).await;
    let mut structure = None;
    for id in structures
        .as_array()
        .expect("structures")
        .iter()
        .filter_map(|s| s["id"].as_i64())
    {
        let (_, bookings) = owner
            .call(
                pro::StructureBookings::PATH,
                &[("structure_id", id.to_string())],
            )
            .await;
        if bookings.contains(&token) {
            structure = Some(id.to_string());
        }
    }
    let structure = structure.expect("the structure of the book");
    let editor = editor(&base, &owner, &admin, &structure).await;

    // The partners' functions: the structure's members read, its administrators write.
    for (visitor, expected) in [
        (&anonymous, 401),
        (&young, 403),
        (&stranger, 403),
        (&admin, 403),
    ] {
        let (status, body) = visitor
            .call(
                payments::StructurePayments::PATH,
                &[("structure_id", structure.clone())],
            )
            .await;
        assert_eq!(
            status, expected,
            "{} reads the payments: {body}",
            visitor.name
        );
        let (status, body) = visitor
            .call(
                payments::SaveBankDetails::PATH,
                &bank_form(&structure, IBAN),
            )
            .await;
        assert_eq!(
            status, expected,
            "{} enters bank details: {body}",
            visitor.name
        );
    }
    let (status, body) = editor
        .call(
            payments::SaveBankDetails::PATH,
            &bank_form(&structure, IBAN),
        )
        .await;
    assert_eq!(status, 403, "an editor enters bank details: {body}");
    let seen = editor
        .ok(
            payments::StructurePayments::PATH,
            &[("structure_id", structure.clone())],
        )
        .await;
    assert_eq!(
        (seen["may_edit"].clone(), seen["bank"].clone()),
        (Value::Bool(false), Value::Null),
        "{seen}"
    );

    // Bad details are answered on their field and change nothing.
    for (iban, bic, field) in [
        ("FR76 3000 6000 0112 3456 7890 188", "AGRIFRPP", "iban"),
        (IBAN, "AGRI", "bic"),
    ] {
        let mut form = bank_form(&structure, iban);
        form[3].1 = bic.into();
        let (status, body) = owner.call(payments::SaveBankDetails::PATH, &form).await;
        assert_eq!(status, 400, "{body}");
        assert!(body.contains(&format!("\"field\":\"{field}\"")), "{body}");
    }
    let (status, body) = stranger
        .call(
            payments::SaveBankDetails::PATH,
            &bank_form(&structure, IBAN),
        )
        .await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(
        owner
            .ok(
                payments::StructurePayments::PATH,
                &[("structure_id", structure.clone())]
            )
            .await["bank"],
        Value::Null,
        "refusals changed nothing"
    );
    owner
        .ok(
            payments::SaveBankDetails::PATH,
            &bank_form(&structure, IBAN),
        )
        .await;
    let seen = owner
        .ok(
            payments::StructurePayments::PATH,
            &[("structure_id", structure.clone())],
        )
        .await;
    assert_eq!(seen["bank"]["iban"], "FR76 •••• 0189", "masked: {seen}");
    assert_eq!(seen["bank"]["validated"], false);

    // The team's functions: refused to everyone else, and nothing is paid.
    let team_calls: [(&str, Vec<(&str, String)>); 5] = [
        (payments::ReimbursementRuns::PATH, vec![]),
        (
            payments::DecideBankDetails::PATH,
            vec![
                ("structure_id", structure.clone()),
                ("holder", "Librairie de démonstration".into()),
                ("iban", IBAN.replace(' ', "")),
                ("bic", "AGRIFRPP".into()),
                ("approve", "true".into()),
                ("reason", String::new()),
            ],
        ),
        (
            payments::PrepareRun::PATH,
            vec![("last_day", today.clone())],
        ),
        (
            payments::ReimbursementRun::PATH,
            vec![("run_id", "1".into())],
        ),
        (
            payments::CloseRun::PATH,
            vec![
                ("run_id", "1".into()),
                ("paid", "true".into()),
                ("reason", String::new()),
            ],
        ),
    ];
    for visitor in [&anonymous, &young, &owner, &editor, &stranger] {
        for (path, args) in &team_calls {
            let (status, body) = visitor.call(path, args).await;
            let expected = if visitor.name == "anonymous" {
                401
            } else {
                403
            };
            assert_eq!(status, expected, "{} calls {path}: {body}", visitor.name);
        }
    }
    let overview = admin.ok(payments::ReimbursementRuns::PATH, &[]).await;
    assert_eq!(
        overview["runs"].as_array().map(Vec::len),
        Some(0),
        "{overview}"
    );
    assert_eq!(overview["checks"][0]["iban_key"], IBAN.replace(' ', ""));

    // Not validated yet: nothing to pay.
    let (status, body) = admin
        .call(payments::PrepareRun::PATH, &[("last_day", today.clone())])
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("\"field\":\"last_day\""), "{body}");
    let (status, body) = admin
        .call(
            payments::PrepareRun::PATH,
            &[("last_day", "2999-01-01".into())],
        )
        .await;
    assert!(status == 400 && body.contains("jours passés"), "{body}");
    admin.ok(team_calls[1].0, &team_calls[1].1).await;
    let (status, body) = admin.call(team_calls[1].0, &team_calls[1].1).await;
    assert_eq!(status, 400, "decided once: {body}");

    // The run: prepared, its file, paid once.
    let run = admin
        .ok(payments::PrepareRun::PATH, &[("last_day", today.clone())])
        .await
        .as_i64()
        .expect("run id");
    let details = admin
        .ok(
            payments::ReimbursementRun::PATH,
            &[("run_id", run.to_string())],
        )
        .await;
    assert_eq!(details["draft"], true, "{details}");
    let transfers = details["payments"].as_array().expect("transfers");
    assert_eq!(
        transfers.len(),
        1,
        "only validated accounts are paid: {details}"
    );
    let transfer = transfers[0].clone();
    assert!(
        transfer["structure"]
            .as_str()
            .is_some_and(|s| s.starts_with("Librairie Kléber")),
        "{transfer}"
    );
    // The payment file is the team's alone.
    let file_path = details["file"].as_str().expect("file").to_owned();
    for visitor in [&anonymous, &young, &owner, &editor, &stranger] {
        let file = visitor
            .client
            .get(format!("{base}{file_path}"))
            .send()
            .await
            .expect("file");
        let expected = if visitor.name == "anonymous" {
            401
        } else {
            403
        };
        assert_eq!(
            file.status().as_u16(),
            expected,
            "{} downloads the payment file",
            visitor.name
        );
    }
    let file = admin
        .client
        .get(format!("{base}{file_path}"))
        .send()
        .await
        .expect("file");
    assert_eq!(file.status().as_u16(), 200);
    let csv = file.text().await.expect("csv");
    assert!(
        csv.starts_with("\u{feff}Référence;Structure;SIREN;Titulaire;IBAN;BIC;Montant"),
        "{csv}"
    );
    assert!(
        csv.contains(&format!(
            "{};",
            transfer["reference"].as_str().expect("reference")
        )),
        "{csv}"
    );
    assert!(
        csv.contains("FR7630006000011234567890189;AGRIFRPP;"),
        "{csv}"
    );

    let (status, body) = owner
        .call(counter::UndoValidation::PATH, &[("token", token.clone())])
        .await;
    assert_eq!(
        status, 409,
        "a booking held by a run keeps its validation: {body}"
    );
    let (status, body) = admin
        .call(
            payments::CloseRun::PATH,
            &[
                ("run_id", run.to_string()),
                ("paid", "false".into()),
                ("reason", "x".into()),
            ],
        )
        .await;
    assert!(
        status == 400 && body.contains("\"field\":\"reason\""),
        "{body}"
    );
    admin
        .ok(
            payments::CloseRun::PATH,
            &[
                ("run_id", run.to_string()),
                ("paid", "true".into()),
                ("reason", String::new()),
            ],
        )
        .await;
    let (status, body) = admin
        .call(
            payments::CloseRun::PATH,
            &[
                ("run_id", run.to_string()),
                ("paid", "true".into()),
                ("reason", String::new()),
            ],
        )
        .await;
    assert!(status == 400 && body.contains("plus à payer"), "{body}");

    // The structure's administrator is told of the transfer, once; its editor is not.
    let transfers: Vec<Value> = outbox_read_by(&admin)
        .await
        .into_iter()
        .filter(|m| m["kind"] == "transfer_sent")
        .collect();
    let recipients: Vec<&str> = transfers
        .iter()
        .filter_map(|m| m["recipient"].as_str())
        .collect();
    assert_eq!(recipients, vec![PARTNER], "{transfers:?}");
    let reference = format!("PASS-CULTURE-{run}-{structure}");
    assert!(
        transfers[0]["body"]
            .as_str()
            .is_some_and(|body| body.contains(&reference) && body.contains("FR76 •••• 0189")),
        "{transfers:?}"
    );

    // The partner reads the transfer with its booking; the editor too.
    for member in [&owner, &editor] {
        let seen = member
            .ok(
                payments::StructurePayments::PATH,
                &[("structure_id", structure.clone())],
            )
            .await;
        assert_eq!(seen["summary"], "1 virement reçu", "{seen}");
        let bookings = seen["transfers"][0]["bookings"]
            .as_array()
            .expect("bookings");
        assert!(
            bookings.iter().any(|b| b["token"] == token.as_str()),
            "{seen}"
        );
    }
    let overview = admin.ok(payments::ReimbursementRuns::PATH, &[]).await;
    assert_eq!(overview["runs"][0]["status"], "Payé", "{overview}");
    let log = admin
        .ok("/api/admin/audit_log", &[("action", "run_paid".into())])
        .await;
    assert_eq!(log["rows"].as_array().map(Vec::len), Some(1), "{log}");
}
