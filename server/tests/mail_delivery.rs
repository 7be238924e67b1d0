//! Mail leaves through a real SMTP server (aiosmtpd), outside the requests that cause it:
//! a relay that is down (here the worst kind: it accepts connections and says nothing)
//! never fails or holds the request, the message waits in the outbox with the reason of
//! each failed attempt, and once the relay is back it is delivered exactly once;
//! a booking's confirmation is written by the sender from the booking. Administrators
//! preview every kind of mail, its HTML under a policy of its own. A kind one may stop
//! stops in one click from the mail; the essential ones always go. The notification
//! centre lists what concerns a person, mailed or not.

use app::features::account::api as account;
use app::features::booking::api as booking;
use app::features::notifications::api as notifications;
use app::features::pro::api as pro;
use leptos::server_fn::ServerFn;
use serde_json::Value;
use std::time::Duration;

mod support;
use support::*;

const YOUNG: &str = "jeune@demo.culture-pass.fr";
const ADMIN: &str = "admin@demo.culture-pass.fr";
const PARTNER: &str = "partenaire@demo.culture-pass.fr";
const MINOR: &str = "mineur@demo.culture-pass.fr";
/// "L'Étranger" in the demo data.
const THING_STOCK: &str = "7";

/// The outbox's messages of `kind`, as the administrators' page reads them.
async fn mails_of(admin: &Visitor, kind: &str) -> Vec<Value> {
    outbox_read_by(admin)
        .await
        .into_iter()
        .filter(|m| m["kind"] == kind)
        .collect()
}

/// Waits (at most a minute) until the one message of `kind` satisfies `done`.
async fn wait_for_mail(admin: &Visitor, kind: &str, done: impl Fn(&Value) -> bool) -> Value {
    let mut last = Vec::new();
    for _ in 0..240 {
        last = mails_of(admin, kind).await;
        if let [mail] = last.as_slice()
            && done(mail)
        {
            return mail.clone();
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the message never got there: {last:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relay_that_is_down_delays_mail_and_it_is_delivered_once_when_back() {
    for backend in backends() {
        eprintln!("-- on {backend}");
        // The relay's port is held, so that nothing else takes it meanwhile, by a
        // listener that never answers: each attempt ends when its time runs out.
        let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        let relay_port = silent.local_addr().expect("its address").port();
        let smtp = format!("smtp://127.0.0.1:{relay_port}");
        let server = start_server_on(
            backend,
            &[
                ("CLIENT_LIMITS", "off"),
                ("SMTP_URL", &smtp),
                ("MAIL_FIRST_RETRY_SECONDS", "1"),
                ("MAIL_RELAY_TIMEOUT_SECONDS", "1"),
            ],
        )
        .await;
        let admin = Visitor::new("admin", &server.base);
        admin.login(ADMIN, PASSWORD).await;

        // The relay says nothing: the requests succeed all the same.
        let young = Visitor::new("young", &server.base);
        young
            .ok(
                account::RequestPasswordReset::PATH,
                &[("email", YOUNG.to_owned())],
            )
            .await;
        young.login(YOUNG, PASSWORD).await;
        let ticket = young
            .ok(
                booking::Book::PATH,
                &[
                    ("stock_id", "1".to_owned()),
                    ("quantity", "1".to_owned()),
                    ("idempotency_key", "mail-test-1".to_owned()),
                ],
            )
            .await;
        let token = ticket["token"].as_str().expect("a ticket").to_owned();
        for kind in ["password_reset", "booking_confirmed"] {
            let waiting = wait_for_mail(&admin, kind, |m| {
                m["status"] == "pending" && m["attempts"].as_i64() >= Some(1)
            })
            .await;
            assert_eq!(waiting["recipient"], YOUNG);
            let delivery = waiting["delivery"].as_str().unwrap_or_default();
            assert!(delivery.starts_with("Nouvel essai prévu"), "{delivery}");
            assert!(delivery.contains("did not answer"), "{delivery}");
        }

        // The relay comes up: the next attempts deliver them.
        drop(silent);
        let maildir = tempfile::tempdir().expect("maildir");
        let relay = Relay::start(relay_port, maildir.path());
        let reset = wait_for_mail(&admin, "password_reset", |m| m["status"] == "sent").await;
        assert!(reset["attempts"].as_i64() >= Some(2), "{reset}");
        // The confirmation was written by the sender from the booking.
        let confirmation =
            wait_for_mail(&admin, "booking_confirmed", |m| m["status"] == "sent").await;
        let body = confirmation["body"].as_str().unwrap_or_default();
        assert!(
            body.contains(&format!("Ton code de réservation : {token}")),
            "{body}"
        );
        assert!(body.contains("/reservations/"), "{body}");
        // The partner whose offer it is was told, with the code to validate.
        let told = wait_for_mail(&admin, "new_booking", |m| m["status"] == "sent").await;
        assert_eq!(told["recipient"], PARTNER);
        let body = told["body"].as_str().unwrap_or_default();
        assert!(
            body.contains(&format!("Code de réservation : {token}")),
            "{body}"
        );
        assert!(body.contains("/pro/structures/"), "{body}");
        // Exactly one delivery each, even after more rounds of the sender.
        tokio::time::sleep(Duration::from_secs(5)).await;
        let received = relay.received();
        assert_eq!(received.len(), 3, "{received:?}");
        let to = |address: &str| {
            let header = format!("To: {address}");
            received.iter().filter(|m| m.contains(&header)).count()
        };
        assert_eq!((to(YOUNG), to(PARTNER)), (2, 1), "{received:?}");
        // The partner's mail stops in one click, as one choice: no mail about bookings
        // at all (not a digest instead).
        let partner_mail = received
            .iter()
            .find(|m| m.contains(&format!("To: {PARTNER}")))
            .expect("the partner's mail");
        let path = unsubscribe_path(partner_mail);
        assert!(path.ends_with("&type=new_booking"), "{path}");
        // Its foot says why, in the partners' register (quoted-printable: soft breaks
        // removed).
        let unfolded = partner_mail.replace("=\r\n", "").replace("=\n", "");
        assert!(
            unfolded.contains("Vous recevez cet e-mail parce que vous"),
            "{unfolded}"
        );
        let stopped = reqwest::Client::new()
            .post(format!("{}{path}", server.base))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
            .await
            .expect("one click");
        assert_eq!(stopped.status().as_u16(), 200);
        let partner = Visitor::new("partner", &server.base);
        partner.login(PARTNER, PASSWORD).await;
        assert_eq!(partner.ok(pro::MyBookingMail::PATH, &[]).await, "Never");
        assert!(
            received
                .iter()
                .any(|m| m.contains("Subject: Choisis un nouveau mot de passe")),
            "{received:?}"
        );
        // The confirmation carries a plain-text and an HTML part.
        assert!(
            received.iter().any(|m| m.contains("multipart/alternative")),
            "{received:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn administrators_preview_every_kind_of_mail_and_no_one_else() {
    let server = start_server().await;
    let admin = Visitor::new("admin", &server.base);
    admin.login(ADMIN, PASSWORD).await;
    let samples = admin.ok(account::MailSamples::PATH, &[]).await;
    let kinds: Vec<&str> = samples
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|s| s["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"booking_confirmed"), "{kinds:?}");
    assert!(kinds.contains(&"event_tomorrow"), "{kinds:?}");

    let preview = |visitor: &Visitor, kind: &str| {
        visitor
            .client
            .get(format!("{}/admin/courriels/apercu/{kind}", server.base))
            .send()
    };
    let page = preview(&admin, "booking_confirmed").await.expect("preview");
    assert_eq!(page.status().as_u16(), 200);
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        policy.starts_with("default-src 'none'; style-src 'unsafe-inline'"),
        "{policy}"
    );
    assert!(!policy.contains("script-src"), "{policy}");
    let html = page.text().await.expect("html");
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert!(html.contains("Réservation confirmée"), "{html}");
    assert_eq!(
        preview(&admin, "nothing")
            .await
            .expect("unknown")
            .status()
            .as_u16(),
        404
    );

    let young = Visitor::new("young", &server.base);
    assert_eq!(
        preview(&young, "booking_confirmed")
            .await
            .expect("anonymous")
            .status()
            .as_u16(),
        401
    );
    young.login(YOUNG, PASSWORD).await;
    assert_eq!(
        preview(&young, "booking_confirmed")
            .await
            .expect("young")
            .status()
            .as_u16(),
        403
    );
    let (status, _) = young.call(account::MailSamples::PATH, &[]).await;
    assert_eq!(status, 403);

    // The outbox: every message, or those to one address (however it is typed); a bad
    // address is refused on its field; nobody else reads it.
    let anonymous = Visitor::new("anonymous", &server.base);
    for email in [YOUNG, PARTNER] {
        anonymous
            .ok(
                account::RequestPasswordReset::PATH,
                &[("email", email.to_owned())],
            )
            .await;
    }
    let to_young = admin
        .ok(
            account::Outbox::PATH,
            &[("destinataire", format!(" {} ", YOUNG.to_uppercase()))],
        )
        .await;
    let rows = to_young["rows"].as_array().expect("rows");
    assert!(!rows.is_empty(), "{to_young}");
    assert!(rows.iter().all(|m| m["recipient"] == YOUNG), "{to_young}");
    assert!(
        to_young["summary"]
            .as_str()
            .is_some_and(|s| s.starts_with(&format!("{} courriel", rows.len()))),
        "{to_young}"
    );
    let every = outbox_read_by(&admin).await;
    assert!(every.iter().any(|m| m["recipient"] == PARTNER), "{every:?}");
    let (status, body) = admin
        .call(
            account::Outbox::PATH,
            &[("destinataire", "pas une adresse".into())],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("destinataire"), "{body}");
    let nobody_else = [("destinataire", String::new())];
    assert_eq!(young.call(account::Outbox::PATH, &nobody_else).await.0, 403);
    assert_eq!(
        anonymous.call(account::Outbox::PATH, &nobody_else).await.0,
        401
    );
}

/// Books a book (a thing: cancellable until collected) once, under `key`: the booking.
async fn book(young: &Visitor, key: &str) -> Value {
    young
        .ok(
            booking::Book::PATH,
            &[
                ("stock_id", THING_STOCK.to_owned()),
                ("quantity", "1".to_owned()),
                ("idempotency_key", key.to_owned()),
            ],
        )
        .await
}

/// Whether the person's choices (`my_mail_choices`) say `kind` comes by mail.
fn by_mail(choices: &Value, kind: &str) -> Option<Value> {
    choices
        .as_array()
        .expect("a list")
        .iter()
        .find(|c| c["kind"] == kind)
        .map(|c| c["by_mail"].clone())
}

/// The unsubscribe address a received mail carries, as a path of this site.
fn unsubscribe_path(mail: &str) -> String {
    let start = mail
        .find("List-Unsubscribe: <")
        .unwrap_or_else(|| panic!("no List-Unsubscribe in {mail}"))
        + "List-Unsubscribe: <".len();
    let url = &mail[start..start + mail[start..].find('>').expect("the end of the address")];
    let path = &url[url.find("/desabonnement").expect("the unsubscribe path")..];
    path.to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kind_of_mail_stops_in_one_click_and_the_essential_ones_still_go() {
    let relay_port = free_port();
    let maildir = tempfile::tempdir().expect("maildir");
    let relay = Relay::start(relay_port, maildir.path());
    let smtp = format!("smtp://127.0.0.1:{relay_port}");
    let server = start_server_on("sqlite", &[("CLIENT_LIMITS", "off"), ("SMTP_URL", &smtp)]).await;
    let admin = Visitor::new("admin", &server.base);
    admin.login(ADMIN, PASSWORD).await;
    // The partner chose a daily digest: no mail per booking to them here.
    let partner = Visitor::new("partner", &server.base);
    partner.login(PARTNER, PASSWORD).await;
    assert_eq!(
        partner.ok(pro::MyBookingMail::PATH, &[]).await,
        "EachBooking"
    );
    let (status, body) = partner
        .call(
            pro::ChooseBookingMail::PATH,
            &[("choice", "weekly".to_owned())],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains("Choisissez une des trois possibilités"),
        "{body}"
    );
    partner
        .ok(
            pro::ChooseBookingMail::PATH,
            &[("choice", "digest".to_owned())],
        )
        .await;
    assert_eq!(
        partner.ok(pro::MyBookingMail::PATH, &[]).await,
        "DailyDigest"
    );
    let young = Visitor::new("young", &server.base);
    young.login(YOUNG, PASSWORD).await;
    let first = book(&young, "unsubscribe-1").await;
    wait_for_mail(&admin, "booking_confirmed", |m| m["status"] == "sent").await;
    let received = relay.received();
    let [confirmation] = received.as_slice() else {
        panic!("one mail: {received:?}");
    };
    // The test server's address is plain HTTP: a link, but no one-click (RFC 8058 wants
    // HTTPS; `app/src/ssr/mail.rs` tests the header over HTTPS).
    assert!(
        confirmation.contains("List-Unsubscribe: <"),
        "{confirmation}"
    );
    assert!(
        !confirmation.contains("List-Unsubscribe-Post"),
        "{confirmation}"
    );
    let path = unsubscribe_path(confirmation);
    assert!(path.ends_with("&type=booking_confirmed"), "{path}");

    // A browser opening the link gets a page that asks first; a forged key, a 400.
    let nobody = reqwest::Client::new();
    let page = nobody
        .get(format!("{}{path}", server.base))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.expect("html");
    assert!(
        html.contains("La confirmation de chaque réservation"),
        "{html}"
    );
    let forged = path.replace("jeton=", "jeton=0");
    let refused = nobody
        .post(format!("{}{forged}", server.base))
        .header("Accept-Language", "en-GB,en;q=0.9")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("forged");
    assert_eq!(refused.status().as_u16(), 400);
    assert_eq!(
        refused.text().await.expect("reason"),
        "This unsubscribe link is not valid",
        "a broken link is refused in the language the request asks for"
    );
    let choices = young.ok(notifications::MyMailChoices::PATH, &[]).await;
    assert_eq!(
        by_mail(&choices, "booking_confirmed"),
        Some(Value::Bool(true))
    );

    // The person reads English now: the answer to their mail client says it in English.
    young
        .ok(
            app::features::language::api::ChooseLanguage::PATH,
            &[("lang", "en".to_owned())],
        )
        .await;
    // The mail client's button: one POST, no session, no page, from anywhere (a webmail
    // posting from its own site is not refused as a cross-site write).
    let stopped = nobody
        .post(format!("{}{path}", server.base))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Origin", "https://webmail.example")
        .header("Sec-Fetch-Site", "cross-site")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("one click");
    assert_eq!(stopped.status().as_u16(), 200);
    assert_eq!(
        stopped.text().await.expect("answer"),
        "Unsubscribed: this kind of mail will no longer be sent",
        "the answer speaks the language the person chose"
    );
    young
        .ok(
            app::features::language::api::ChooseLanguage::PATH,
            &[("lang", "fr".to_owned())],
        )
        .await;
    let choices = young.ok(notifications::MyMailChoices::PATH, &[]).await;
    assert_eq!(
        by_mail(&choices, "booking_confirmed"),
        Some(Value::Bool(false))
    );
    // The page's button, for another kind the same key names.
    let key = path
        .split("jeton=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .expect("the key");
    let page_visitor = Visitor::new("someone with the mail", &server.base);
    let stopped = page_visitor
        .ok(
            notifications::Unsubscribe::PATH,
            &[
                ("key", key.to_owned()),
                ("kind", "event_tomorrow".to_owned()),
            ],
        )
        .await;
    assert_eq!(stopped, "Le rappel la veille d’un événement");
    let choices = young.ok(notifications::MyMailChoices::PATH, &[]).await;
    assert_eq!(
        by_mail(&choices, "event_tomorrow"),
        Some(Value::Bool(false))
    );

    // The next confirmation is not sent; a password reset, essential, still is.
    young
        .ok(
            booking::CancelBooking::PATH,
            &[("booking_id", first["id"].to_string())],
        )
        .await;
    book(&young, "unsubscribe-2").await;
    young
        .ok(
            account::RequestPasswordReset::PATH,
            &[("email", YOUNG.to_owned())],
        )
        .await;
    wait_for_mail(&admin, "password_reset", |m| m["status"] == "sent").await;
    let mut confirmations = Vec::new();
    for _ in 0..240 {
        confirmations = mails_of(&admin, "booking_confirmed").await;
        if confirmations.iter().any(|m| m["status"] == "failed") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let declined = confirmations
        .iter()
        .find(|m| m["status"] == "failed")
        .unwrap_or_else(|| panic!("the second confirmation was sent: {confirmations:?}"));
    let delivery = declined["delivery"].as_str().unwrap_or_default();
    assert_eq!(
        delivery,
        "Non envoyé : la personne a choisi de ne pas recevoir ce type de message"
    );
    // Not mailed, still in the app: both confirmations are in the centre.
    let centre = young.ok(notifications::MyNotifications::PATH, &[]).await;
    let confirmed = centre
        .as_array()
        .expect("a list")
        .iter()
        .filter(|notice| notice["title"] == "Réservation confirmée")
        .count();
    assert_eq!(confirmed, 2, "{centre}");
    let received = relay.received();
    assert_eq!(received.len(), 2, "{received:?}");
    // The mail one may stop says how, in its body too (quoted-printable: its soft line
    // breaks removed).
    assert!(
        received.iter().any(|m| m
            .replace("=\r\n", "")
            .replace("=\n", "")
            .contains("Ne plus recevoir ce type d")),
        "{received:?}"
    );
    let reset = received
        .iter()
        .find(|m| m.contains("Subject: Choisis un nouveau mot de passe"))
        .expect("the reset mail");
    assert!(!reset.contains("List-Unsubscribe"), "{reset}");

    // Choosing again on the profile brings it back.
    young
        .ok(
            notifications::ChooseMail::PATH,
            &[
                ("kind", "booking_confirmed".to_owned()),
                ("by_mail", "true".to_owned()),
            ],
        )
        .await;
    let choices = young.ok(notifications::MyMailChoices::PATH, &[]).await;
    assert_eq!(
        by_mail(&choices, "booking_confirmed"),
        Some(Value::Bool(true))
    );
    let (status, body) = young
        .call(
            notifications::ChooseMail::PATH,
            &[
                ("kind", "password_reset".to_owned()),
                ("by_mail", "false".to_owned()),
            ],
        )
        .await;
    assert_eq!(status, 400, "{body}");
}

/// How many notifications the header's bell counts for `visitor`.
async fn unread(visitor: &Visitor) -> i64 {
    visitor.ok("/api/current_user", &[]).await["unread_notifications"]
        .as_i64()
        .expect("a count")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_centre_lists_a_persons_notifications_and_the_bell_counts_the_new_ones() {
    let server = start_server().await;
    let nobody = Visitor::new("nobody", &server.base);
    let (status, _) = nobody.call(notifications::MyNotifications::PATH, &[]).await;
    assert_eq!(status, 401);
    let partner = Visitor::new("partner", &server.base);
    partner.login(PARTNER, PASSWORD).await;
    let (status, _) = partner
        .call(notifications::MyNotifications::PATH, &[])
        .await;
    assert_eq!(status, 403);
    assert_eq!(unread(&partner).await, 0);

    let young = Visitor::new("young", &server.base);
    young.login(YOUNG, PASSWORD).await;
    assert_eq!(unread(&young).await, 0);
    let ticket = book(&young, "centre-1").await;
    assert_eq!(unread(&young).await, 1);

    let list = young.ok(notifications::MyNotifications::PATH, &[]).await;
    let newest = &list[0];
    assert_eq!(newest["title"], "Réservation confirmée");
    assert_eq!(newest["about"], "L'Étranger");
    assert_eq!(newest["link"], format!("/reservations/{}", ticket["id"]));
    assert_eq!(newest["unread"], true);
    // Listing reads nothing (a prefetch, a server rendering); the page says when shown.
    assert_eq!(unread(&young).await, 1);
    let up_to = [("up_to", newest["id"].to_string())];
    // Not someone else's to say.
    let (status, _) = partner
        .call(notifications::ReadNotifications::PATH, &up_to)
        .await;
    assert_eq!(status, 403);
    young
        .ok(notifications::ReadNotifications::PATH, &up_to)
        .await;
    assert_eq!(unread(&young).await, 0);
    let again = young.ok(notifications::MyNotifications::PATH, &[]).await;
    assert_eq!(again[0]["id"], newest["id"]);
    assert_eq!(again[0]["unread"], false);
    // Another person's centre does not show it.
    let other = Visitor::new("other", &server.base);
    other.login(MINOR, PASSWORD).await;
    let theirs = other.ok(notifications::MyNotifications::PATH, &[]).await;
    assert!(
        theirs
            .as_array()
            .expect("a list")
            .iter()
            .all(|notice| notice["id"] != newest["id"]),
        "{theirs}"
    );
}

/// A raw message with its quoted-printable soft breaks and `=` unfolded.
fn unfolded(raw: &str) -> String {
    raw.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

/// The secret of the link to `path` in an unfolded message.
fn link_token(message: &str, path: &str) -> Option<String> {
    let at = message.find(&format!("{path}?jeton="))? + path.len() + "?jeton=".len();
    Some(
        message[at..]
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect(),
    )
}

/// Waits (at most a minute) until the relay holds `count` messages to `address` that
/// contain `containing`; all of them, unfolded.
async fn mails_to(relay: &Relay, address: &str, containing: &str, count: usize) -> Vec<String> {
    let header = format!("To: {address}");
    let mut got = Vec::new();
    for _ in 0..240 {
        got = relay
            .received()
            .iter()
            .map(|m| unfolded(m))
            .filter(|m| m.contains(&header) && m.contains(containing))
            .collect();
        if got.len() >= count {
            return got;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("{count} message(s) to {address} never came: {got:?}");
}

/// A server on SQLite that delivers to a relay of its own (whose mailbox lives as long
/// as the returned directory).
async fn server_with_relay() -> (Server, Relay, tempfile::TempDir) {
    let relay_port = free_port();
    let maildir = tempfile::tempdir().expect("maildir");
    let relay = Relay::start(relay_port, maildir.path());
    let server = start_server_on(
        "sqlite",
        &[
            ("CLIENT_LIMITS", "off"),
            ("SMTP_URL", &format!("smtp://127.0.0.1:{relay_port}")),
        ],
    )
    .await;
    (server, relay, maildir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_account_books_once_the_link_of_its_welcome_mail_is_opened() {
    let (server, relay, _maildir) = server_with_relay().await;
    let address = "nouvelle.venue@example.org";
    // Just 18: the active policy's credit comes with the account.
    let birth_date = chrono::Utc::now()
        .date_naive()
        .checked_sub_months(chrono::Months::new(18 * 12 + 1))
        .expect("a date");
    let lea = Visitor::new("lea", &server.base);
    let (status, body) = lea
        .call(
            account::SignUp::PATH,
            &[
                ("account[email]", address.to_owned()),
                ("account[password]", NEW_PASSWORD.to_owned()),
                ("account[first_name]", "Léa".to_owned()),
                ("account[last_name]", "Martin".to_owned()),
                ("account[birth_date]", birth_date.to_string()),
                ("account[departement]", "67".to_owned()),
                ("account[accept_terms]", "true".to_owned()),
            ],
        )
        .await;
    assert!(status < 400, "{status} {body}");

    // The welcome reaches the mailbox, with its link; it always goes (no unsubscribe).
    let welcome = mails_to(&relay, address, "/adresse/confirmer", 1)
        .await
        .remove(0);
    assert!(
        welcome.contains("Subject: Bienvenue sur le Culture Pass"),
        "{welcome}"
    );
    assert!(!welcome.contains("List-Unsubscribe"), "{welcome}");
    let first = link_token(&welcome, "/adresse/confirmer").expect("a link");
    assert_eq!(first.len(), 64, "{welcome}");

    // Booking waits for the address, with the reason.
    let book = [
        ("stock_id", THING_STOCK.to_owned()),
        ("quantity", "1".to_owned()),
        ("idempotency_key", "verified-1".to_owned()),
    ];
    let (status, body) = lea.call(booking::Book::PATH, &book).await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("EmailNotVerified"), "{body}");

    // A new link kills the first; the new one works once, signed in or not.
    let sent = lea.ok(account::ResendAddressLink::PATH, &[]).await;
    assert_eq!(sent, address);
    let again = mails_to(&relay, address, "/adresse/confirmer", 2).await;
    let second = again
        .iter()
        .filter_map(|m| link_token(m, "/adresse/confirmer"))
        .find(|token| *token != first)
        .expect("a second link");
    let stranger = Visitor::new("stranger", &server.base);
    let (status, body) = stranger
        .call(account::ConfirmAddress::PATH, &[("token", first)])
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("plus valable"), "{body}");
    assert_eq!(
        stranger
            .ok(account::ConfirmAddress::PATH, &[("token", second.clone())])
            .await,
        "Verified"
    );
    let (status, _) = stranger
        .call(account::ConfirmAddress::PATH, &[("token", second)])
        .await;
    assert_eq!(status, 400, "once");
    let ticket = lea.ok(booking::Book::PATH, &book).await;
    assert!(ticket["token"].is_string(), "{ticket}");
    // Verified, nothing more to resend.
    let (status, body) = lea.call(account::ResendAddressLink::PATH, &[]).await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_address_replaces_the_old_one_when_its_link_is_opened() {
    let (server, relay, _maildir) = server_with_relay().await;
    let young = Visitor::new("young", &server.base);
    young.login(YOUNG, PASSWORD).await;
    let new_address = "ailleurs@example.org";
    let change = |password: &str| {
        [
            ("password", password.to_owned()),
            ("email", new_address.to_owned()),
        ]
    };
    let (status, body) = young
        .call(account::ChangeEmail::PATH, &change("pas le bon"))
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        young
            .ok(account::ChangeEmail::PATH, &change(PASSWORD))
            .await,
        new_address
    );
    // Until the link is opened, the old address is the one that signs in.
    let mine = young.ok(account::MyAddress::PATH, &[]).await;
    assert_eq!(mine["email"], YOUNG);
    assert_eq!(mine["awaiting"], new_address);
    let mail = mails_to(&relay, new_address, "/adresse/confirmer", 1)
        .await
        .remove(0);
    let token = link_token(&mail, "/adresse/confirmer").expect("a link");
    assert_eq!(
        young
            .ok(account::ConfirmAddress::PATH, &[("token", token)])
            .await,
        "Replaced"
    );
    let mine = young.ok(account::MyAddress::PATH, &[]).await;
    assert_eq!(mine["email"], new_address);
    assert_eq!(mine["verified"], true);
    // The old address is told, with whom to write to if it was not its owner.
    let told = mails_to(&relay, YOUNG, "support@", 1).await.remove(0);
    assert!(
        !told.contains(new_address),
        "the new address is masked: {told}"
    );
    let again = Visitor::new("again", &server.base);
    again.login(new_address, PASSWORD).await;
}
