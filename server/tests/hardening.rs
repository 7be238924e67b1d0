//! The server attacked over HTTP, one test per defence: hostile text stays text in the
//! page's title and text areas, sign-in sends back only to this site, login limits
//! hold under a race without locking the owner out, control characters and query
//! syntax never make a 5xx (on both databases), image bombs are refused before decoding,
//! mail links never come from the request's `Host`, the outbox hides them once mail
//! really leaves, other sites cannot write, every answer carries the security headers,
//! floods from one client get 429, and secure sessions use a `__Host-` cookie.

use app::features::account::api as account;
use app::features::auth::api as auth;
use app::features::booking::api as booking;
use app::features::pro::api as pro;
use app::features::social::api as social;
use leptos::server_fn::ServerFn;
use serde_json::Value;

mod support;
use support::*;

const YOUNG: &str = "jeune@demo.culture-pass.fr";
const PARTNER: &str = "partenaire@demo.culture-pass.fr";
const ADMIN: &str = "admin@demo.culture-pass.fr";

type Form = Vec<(&'static str, String)>;

fn form(pairs: &[(&'static str, &str)]) -> Form {
    pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
}

async fn get(visitor: &Visitor, path: &str) -> reqwest::Response {
    visitor
        .client
        .get(format!("{}{path}", visitor.base))
        .send()
        .await
        .expect("request")
}

/// The demo partner's first validated structure.
async fn demo_structure(partner: &Visitor) -> i64 {
    let structures = partner.ok(pro::MyStructures::PATH, &[]).await;
    structures
        .as_array()
        .and_then(|list| list.iter().find(|s| s["status"] == "validated"))
        .and_then(|s| s["id"].as_i64())
        .expect("a validated demo structure")
}

fn venue_form(name: &str) -> Vec<(&'static str, String)> {
    form(&[
        ("venue[name]", name),
        ("venue[no_siret_reason]", "Salle municipale prêtée"),
        ("venue[venue_type]", "SALLE_SPECTACLE"),
        ("venue[address]", "1 place Kléber"),
        ("venue[postal_code]", "67000"),
        ("venue[city]", "Strasbourg"),
        ("venue[latitude]", "48.5833"),
        ("venue[longitude]", "7.7458"),
    ])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_text_stays_text_in_titles_and_text_areas() {
    let server = start_server().await;
    let partner = Visitor::new("partner", &server.base);
    partner.login(PARTNER, PASSWORD).await;
    let anonymous = Visitor::new("anonymous", &server.base);

    // A partner renames a published offer and describes it with markup.
    let title = "</title><script>alert('titre')</script>";
    let description = "</textarea><script>alert('description')</script>";
    let offer = 1;
    retitle_offer(&partner, offer, title, description).await;
    let page = get(&anonymous, &format!("/offres/{offer}"))
        .await
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("<title>&lt;/title&gt;&lt;script&gt;alert('titre')&lt;/script&gt; — Culture Pass</title>"),
        "the title is escaped in the head"
    );
    assert!(
        !page.contains("<script>alert("),
        "no markup from the partner"
    );
    let editor_page = get(&partner, &format!("/pro/offres/{offer}"))
        .await
        .text()
        .await
        .expect("html");
    assert!(
        editor_page.contains("&lt;/textarea&gt;&lt;script&gt;alert('description')"),
        "the description is escaped in its text area"
    );
    assert!(
        !editor_page.contains("<script>alert("),
        "no markup in the editor"
    );

    // A venue named with markup.
    let structure = demo_structure(&partner).await;
    let venue_name = "</title><img src=x onerror=alert('lieu')>";
    let mut venue = venue_form(venue_name);
    venue.push(("structure_id", structure.to_string()));
    let venue_id = partner
        .ok(pro::AddVenue::PATH, &venue)
        .await
        .as_i64()
        .expect("venue id");
    let venue_page = get(&anonymous, &format!("/lieux/{venue_id}")).await;
    if venue_page.status() == 200 {
        let html = venue_page.text().await.expect("html");
        assert!(
            !html.contains("<img src=x"),
            "no markup from the venue's name"
        );
        assert!(
            html.contains("&lt;/title&gt;&lt;img src=x"),
            "the name is shown as text"
        );
    }

    // A comment being edited closes no text area.
    let young = Visitor::new("young", &server.base);
    young.login(YOUNG, PASSWORD).await;
    let comment = "</textarea><script>alert('avis')</script>";
    young
        .ok(
            social::PostComment::PATH,
            &form(&[
                ("about", "offer"),
                ("id", "2"),
                ("body", comment),
                ("rating", "4"),
            ]),
        )
        .await;
    let with_edit_form = get(&young, "/offres/2").await.text().await.expect("html");
    assert!(
        with_edit_form.contains("data-testid=\"edit-comment\""),
        "the edit form is there"
    );
    assert!(
        !with_edit_form.contains("<script>alert("),
        "no markup from the comment"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_sends_back_only_to_paths_of_this_site() {
    let server = start_server().await;
    for (next, expected) in [
        ("/reservations", "/reservations"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("/\n/evil.example", "/"),
        ("https://evil.example", "/"),
        ("/.//evil.example", "/evil.example"),
        ("javascript:alert(1)", "/"),
    ] {
        let visitor = Visitor::new("young", &server.base);
        let answer = visitor
            .client
            .post(format!("{}{}", server.base, auth::Login::PATH))
            .form(&[("email", YOUNG), ("password", PASSWORD), ("next", next)])
            .send()
            .await
            .expect("login");
        let location = answer
            .headers()
            .get("location")
            .or_else(|| answer.headers().get("serverfnredirect"))
            .and_then(|l| l.to_str().ok())
            .unwrap_or("/")
            .to_owned();
        assert_eq!(location, expected, "next={next:?}");
    }
    // The page does not copy a foreign `next` into its form.
    let page = get(
        &Visitor::new("anonymous", &server.base),
        "/connexion?next=//evil.example",
    )
    .await
    .text()
    .await
    .expect("html");
    assert!(!page.contains("evil.example"), "a foreign next is dropped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_limits_count_every_attempt_and_never_lock_the_owner_out() {
    for backend in backends() {
        let server = start_server_on(
            backend,
            &[("TRUSTED_PROXIES", "127.0.0.1"), ("CLIENT_LIMITS", "off")],
        )
        .await;
        let attacker = Visitor::from_address("attacker", &server.base, "203.0.113.5");
        // 40 wrong passwords at once for one address, from one client.
        let mut guesses = Vec::new();
        for n in 0..40 {
            let client = attacker.client.clone();
            let url = format!("{}{}", server.base, auth::Login::PATH);
            guesses.push(tokio::spawn(async move {
                let password = format!("guess number {n}");
                client
                    .post(url)
                    .form(&[("email", YOUNG), ("password", password.as_str())])
                    .send()
                    .await
                    .expect("login")
                    .status()
                    .as_u16()
            }));
        }
        let mut statuses = Vec::new();
        for guess in guesses {
            statuses.push(guess.await.expect("task"));
        }
        let checked = statuses.iter().filter(|s| **s == 401).count();
        let blocked = statuses.iter().filter(|s| **s == 429).count();
        assert_eq!(checked + blocked, 40, "{backend}: {statuses:?}");
        assert!(
            checked <= 5,
            "{backend}: at most 5 passwords checked, {checked} were"
        );

        // The owner, from their own device, is not locked out.
        let owner = Visitor::from_address("owner", &server.base, "198.51.100.7");
        owner.login(YOUNG, PASSWORD).await;
        // The attacker's client stays blocked, even with the right password.
        let (status, body) = attacker
            .call(
                auth::Login::PATH,
                &form(&[("email", YOUNG), ("password", PASSWORD)]),
            )
            .await;
        assert_eq!(status, 429, "{backend}: {body}");

        // Password spraying: many addresses, one client.
        let sprayer = Visitor::from_address("sprayer", &server.base, "192.0.2.9");
        let mut last = 0;
        for n in 0..31 {
            let email = format!("someone{n}@example.org");
            last = sprayer
                .call(
                    auth::Login::PATH,
                    &form(&[("email", &email), ("password", "password123")]),
                )
                .await
                .0;
        }
        assert_eq!(
            last, 429,
            "{backend}: the 31st address from one client is refused"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_characters_and_query_syntax_never_make_a_server_error() {
    for backend in backends() {
        let server = start_server_on(backend, &[("CLIENT_LIMITS", "off")]).await;
        let base = server.base.clone();
        let anonymous = Visitor::new("anonymous", &base);
        let young = Visitor::new("young", &base);
        young.login(YOUNG, PASSWORD).await;
        let partner = Visitor::new("partner", &base);
        partner.login(PARTNER, PASSWORD).await;
        let structure = demo_structure(&partner).await.to_string();

        for hostile in ["a\0b", "x\u{1b}[31my", "\u{85}z"] {
            let sign_up = |field: &str| {
                let mut pairs = vec![
                    ("account[email]", "nouveau@example.org".to_owned()),
                    ("account[password]", NEW_PASSWORD.to_owned()),
                    ("account[first_name]", "Léa".to_owned()),
                    ("account[last_name]", "Martin".to_owned()),
                    ("account[birth_date]", "2007-05-01".to_owned()),
                    ("account[departement]", "67".to_owned()),
                    ("account[accept_terms]", "true".to_owned()),
                ];
                for pair in &mut pairs {
                    if pair.0 == field {
                        pair.1 = format!("{}{hostile}", pair.1);
                    }
                }
                pairs
            };
            let mut calls: Vec<(&Visitor, &str, Form)> = vec![
                (
                    &anonymous,
                    auth::Login::PATH,
                    vec![
                        ("email", format!("jeune{hostile}@demo.fr")),
                        ("password", PASSWORD.into()),
                    ],
                ),
                (
                    &anonymous,
                    auth::Login::PATH,
                    vec![("email", YOUNG.into()), ("password", format!("x{hostile}"))],
                ),
                (
                    &anonymous,
                    account::RequestPasswordReset::PATH,
                    vec![("email", format!("a{hostile}@b.fr"))],
                ),
                (
                    &anonymous,
                    account::ResetPassword::PATH,
                    vec![
                        ("token", format!("t{hostile}")),
                        ("password", NEW_PASSWORD.into()),
                    ],
                ),
                (
                    &anonymous,
                    pro::PartnerSignUp::PATH,
                    vec![
                        ("first_name", format!("C{hostile}")),
                        ("last_name", "L".into()),
                        ("email", "p@example.org".into()),
                        ("password", NEW_PASSWORD.into()),
                        ("accept_terms", "true".into()),
                    ],
                ),
                (
                    &young,
                    booking::Book::PATH,
                    vec![
                        ("stock_id", "1".into()),
                        ("quantity", "1".into()),
                        ("idempotency_key", format!("k{hostile}")),
                    ],
                ),
                (
                    &young,
                    account::ChangeEmail::PATH,
                    vec![
                        ("password", PASSWORD.into()),
                        ("email", format!("n{hostile}@b.fr")),
                    ],
                ),
                (
                    &young,
                    social::PostComment::PATH,
                    vec![
                        ("about", "offer".into()),
                        ("id", "1".into()),
                        ("body", format!("Très bien {hostile}")),
                        ("rating", "4".into()),
                    ],
                ),
                (
                    &young,
                    social::ReportOffer::PATH,
                    vec![
                        ("offer_id", "3".into()),
                        ("reason", format!("Arnaque {hostile}")),
                    ],
                ),
                (
                    &partner,
                    pro::RegisterStructure::PATH,
                    vec![("name", format!("Théâtre{hostile}")), ("siren", siren(11))],
                ),
                (
                    &partner,
                    pro::CreateOffer::PATH,
                    vec![
                        ("venue_id", "1".into()),
                        ("offer[subcategory]", "LIVRE_PAPIER".into()),
                        ("offer[title]", format!("Titre{hostile}")),
                    ],
                ),
                (
                    &partner,
                    pro::CreateOffer::PATH,
                    vec![
                        ("venue_id", "1".into()),
                        ("offer[subcategory]", "LIVRE_PAPIER".into()),
                        ("offer[title]", "Titre".into()),
                        ("offer[description]", format!("Desc{hostile}")),
                    ],
                ),
                (
                    &partner,
                    pro::InviteColleague::PATH,
                    vec![
                        ("structure_id", structure.clone()),
                        ("email", format!("c{hostile}@b.fr")),
                    ],
                ),
            ];
            for field in [
                "account[email]",
                "account[password]",
                "account[first_name]",
                "account[last_name]",
                "account[birth_date]",
                "account[departement]",
            ] {
                calls.push((&anonymous, account::SignUp::PATH, sign_up(field)));
            }
            for field in [
                "venue[name]",
                "venue[address]",
                "venue[city]",
                "venue[no_siret_reason]",
                "venue[postal_code]",
            ] {
                let mut venue = venue_form("Salle");
                for pair in &mut venue {
                    if pair.0 == field {
                        pair.1 = format!("{}{hostile}", pair.1);
                    }
                }
                venue.push(("structure_id", structure.clone()));
                calls.push((&partner, pro::AddVenue::PATH, venue));
            }
            for (visitor, path, fields) in &calls {
                let (status, body) = visitor.call(path, fields).await;
                assert!(
                    (400..500).contains(&status),
                    "{backend}: {path} with {hostile:?} answered {status} {body}"
                );
            }
        }

        // Letters that fold into full-text syntax, on the page and through the API.
        for query in ["ʼ", "⑴", "ː", "dʼété", "x\\y", "ʼ:*|!&"] {
            let encoded = domain::search::encode_component(query);
            for path in [
                format!("/recherche?q={encoded}"),
                format!("/api/search?params[q]={encoded}"),
            ] {
                let status = get(&anonymous, &path).await.status().as_u16();
                assert_eq!(status, 200, "{backend}: {path}");
            }
        }
        let status = get(&anonymous, "/api/search?params[q]=a%00b")
            .await
            .status()
            .as_u16();
        assert_eq!(status, 400, "{backend}: a NUL in a search is refused");
    }
}

/// A PNG that declares `width` × `height` pixels and carries almost none.
fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&u32::try_from(data.len()).expect("small").to_be_bytes());
        let mut typed = kind.to_vec();
        typed.extend_from_slice(data);
        out.extend_from_slice(&typed);
        out.extend_from_slice(&crc32(&typed).to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
    chunk(&mut out, b"IHDR", &header);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_image_declaring_49_megapixels_is_refused_before_decoding() {
    let server = start_server().await;
    let partner = Visitor::new("partner", &server.base);
    partner.login(PARTNER, PASSWORD).await;
    let upload = |accept: &'static str| {
        let part =
            reqwest::multipart::Part::bytes(png_declaring(7000, 7000)).file_name("bombe.png");
        partner
            .client
            .post(format!("{}/pro/offres/1/image", server.base))
            .header("Accept", accept)
            .multipart(reqwest::multipart::Form::new().part("image", part))
            .send()
    };
    let answer = upload("application/json").await.expect("upload");
    assert_eq!(answer.status().as_u16(), 400, "a program gets a 4xx");
    let error: Value =
        serde_json::from_str(&answer.text().await.expect("body")).expect("typed error");
    assert_eq!(error["Invalid"]["field"], "image");
    assert!(
        error["Invalid"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("trop grande")),
        "{error}"
    );
    let answer = upload("text/html").await.expect("upload");
    assert_eq!(
        answer.status().as_u16(),
        303,
        "a form goes back to its page"
    );
    let location = answer.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.contains("image_erreur="), "{location}");
}

/// The outbox as the administrator reads it.
async fn outbox(base: &str) -> Vec<Value> {
    let admin = Visitor::new("admin", base);
    admin.login(ADMIN, PASSWORD).await;
    outbox_read_by(&admin).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_links_use_the_public_address_whatever_the_host_header_says() {
    let server = start_server_on(
        "sqlite",
        &[
            ("PUBLIC_URL", "https://pass.example.org"),
            // The test talks plain HTTP: a Secure cookie would not come back.
            ("SESSION_SECURE_COOKIE", "false"),
        ],
    )
    .await;
    let answer = reqwest::Client::new()
        .post(format!(
            "{}{}",
            server.base,
            account::RequestPasswordReset::PATH
        ))
        .header("Host", "attacker.example")
        .form(&[("email", YOUNG)])
        .send()
        .await
        .expect("request");
    assert_eq!(answer.status().as_u16(), 200);
    // Four more asks: three links an hour to one address, then none (silently).
    for _ in 0..4 {
        let (status, _) = Visitor::new("anyone", &server.base)
            .call(
                account::RequestPasswordReset::PATH,
                &form(&[("email", YOUNG)]),
            )
            .await;
        assert_eq!(status, 200, "the answer never tells");
    }
    let mails = outbox(&server.base).await;
    let resets = mails.iter().filter(|m| m["recipient"] == YOUNG).count();
    assert_eq!(resets, 3, "no more than three links an hour to one address");
    let body = mails
        .iter()
        .find(|m| m["recipient"] == YOUNG)
        .and_then(|m| m["body"].as_str())
        .expect("the reset mail");
    assert!(
        body.contains("https://pass.example.org/mot-de-passe/nouveau?jeton="),
        "{body}"
    );
    assert!(!body.contains("attacker.example"), "{body}");
    // No relay configured (development): the administrator sees the working link.
    assert!(!body.contains("[masqué]"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn once_mail_really_leaves_the_outbox_hides_the_secret_of_links() {
    let maildir = tempfile::tempdir().expect("maildir");
    let relay = Relay::start(free_port(), maildir.path());
    let smtp = format!("smtp://127.0.0.1:{}", relay.port);
    let server = start_server_on("sqlite", &[("SMTP_URL", &smtp)]).await;
    let young = Visitor::new("young", &server.base);
    young
        .ok(
            account::RequestPasswordReset::PATH,
            &form(&[("email", YOUNG)]),
        )
        .await;
    let mails = outbox(&server.base).await;
    let body = mails
        .iter()
        .find(|m| m["recipient"] == YOUNG)
        .and_then(|m| m["body"].as_str())
        .expect("the reset mail");
    assert!(body.contains("jeton=[masqué]"), "{body}");
    let after = body.split("jeton=").nth(1).unwrap_or_default();
    assert!(
        after.starts_with("[masqué]"),
        "nothing of the token shows: {body}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_from_other_sites_are_refused_and_this_sites_pass() {
    let server = start_server().await;
    let login = |headers: &[(&'static str, &str)]| {
        let mut request = reqwest::Client::new()
            .post(format!("{}{}", server.base, auth::Login::PATH))
            .form(&[("email", YOUNG), ("password", PASSWORD)]);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send()
    };
    for headers in [
        vec![("Origin", "https://evil.example")],
        vec![("Origin", "null")],
        vec![("Sec-Fetch-Site", "cross-site")],
    ] {
        let answer = login(&headers).await.expect("login");
        assert_eq!(answer.status().as_u16(), 403, "{headers:?}");
        assert_eq!(answer.text().await.expect("body"), "\"CrossSite\"", "typed");
    }
    for headers in [
        vec![
            ("Origin", server.base.as_str()),
            ("Sec-Fetch-Site", "same-origin"),
        ],
        vec![],
    ] {
        let answer = login(&headers).await.expect("login");
        assert!(
            answer.status().is_success() || answer.status().is_redirection(),
            "{headers:?}: {}",
            answer.status()
        );
    }
    // Reading is not writing.
    let page = reqwest::Client::new()
        .get(format!("{}/", server.base))
        .header("Sec-Fetch-Site", "cross-site")
        .send()
        .await
        .expect("page");
    assert_eq!(page.status().as_u16(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_carries_the_security_headers() {
    let server = start_server().await;
    let anonymous = Visitor::new("anonymous", &server.base);
    for path in [
        "/",
        "/offres/1",
        "/connexion",
        "/api/search?params[q]=jazz",
        "/manifest.webmanifest",
        "/nulle-part",
        "/healthz",
    ] {
        let answer = get(&anonymous, path).await;
        let headers = answer.headers().clone();
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let policy = header("content-security-policy");
        assert!(
            policy.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-"),
            "{path}: {policy}"
        );
        for part in [
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "connect-src 'self'",
            "img-src 'self' data:",
        ] {
            assert!(policy.contains(part), "{path}: {policy}");
        }
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(
            header("referrer-policy"),
            "strict-origin-when-cross-origin",
            "{path}"
        );
        assert!(
            header("permissions-policy").contains("camera=(self)"),
            "{path}"
        );
        assert!(
            header("permissions-policy").contains("geolocation=(self)"),
            "{path}"
        );
        assert!(
            headers.get("strict-transport-security").is_none(),
            "{path}: no HSTS over http"
        );
        // A page rendered for each visitor (a page kept for signed-out visitors has the
        // nonce of its rendering: server/tests/pages_for_everyone.rs).
        if path == "/connexion" {
            let nonce = policy
                .split("'nonce-")
                .nth(1)
                .and_then(|rest| rest.split('\'').next())
                .expect("a nonce")
                .to_owned();
            let html = answer.text().await.expect("html");
            let scripts = html.matches("<script").count();
            let signed = html.matches(&format!("nonce=\"{nonce}\"")).count();
            assert!(
                scripts > 0 && signed >= scripts,
                "every inline script carries the nonce: {scripts} scripts, {signed} signed"
            );
            let again = get(&anonymous, "/connexion").await;
            let other = again.headers()["content-security-policy"]
                .to_str()
                .expect("csp")
                .to_owned();
            assert!(!other.contains(&nonce), "a fresh nonce per answer");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn floods_from_one_client_are_refused_and_others_pass() {
    let server = start_server_on("sqlite", &[("TRUSTED_PROXIES", "127.0.0.1")]).await;
    let sign_up = |visitor: &Visitor, n: usize| {
        let email = format!("vague{n}@example.org");
        let fields = vec![
            ("account[email]", email),
            ("account[password]", NEW_PASSWORD.to_owned()),
            ("account[first_name]", "Léa".to_owned()),
            ("account[last_name]", "Martin".to_owned()),
            ("account[birth_date]", "2007-05-01".to_owned()),
            ("account[departement]", "67".to_owned()),
            ("account[accept_terms]", "true".to_owned()),
        ];
        let client = visitor.client.clone();
        let url = format!("{}{}", server.base, account::SignUp::PATH);
        async move {
            client
                .post(url)
                .form(&fields)
                .send()
                .await
                .expect("sign-up")
        }
    };
    let flood = Visitor::from_address("flood", &server.base, "203.0.113.5");
    for n in 0..10 {
        let status = sign_up(&flood, n).await.status();
        assert!(
            status.is_success() || status.is_redirection(),
            "sign-up {n}: {status}"
        );
    }
    let refused = sign_up(&flood, 10).await;
    assert_eq!(refused.status().as_u16(), 429);
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .expect("header")
        .parse()
        .expect("seconds");
    assert!(wait > 0, "Retry-After {wait}");
    let error: Value = serde_json::from_str(&refused.text().await.expect("body")).expect("typed");
    assert!(
        error["RateLimited"]["seconds"].as_u64().is_some(),
        "{error}"
    );
    let neighbour = Visitor::from_address("neighbour", &server.base, "198.51.100.7");
    let status = sign_up(&neighbour, 11).await.status();
    assert!(
        status.is_success() || status.is_redirection(),
        "another client: {status}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secure_sessions_use_a_host_prefixed_cookie_and_hsts() {
    let server = start_server_on("sqlite", &[("SESSION_SECURE_COOKIE", "true")]).await;
    let answer = reqwest::Client::new()
        .post(format!("{}{}", server.base, auth::Login::PATH))
        .form(&[("email", YOUNG), ("password", PASSWORD)])
        .send()
        .await
        .expect("login");
    let cookie = answer.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .to_owned();
    assert!(cookie.starts_with("__Host-cp_session="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"),
        "{cookie}"
    );
    assert!(
        answer.headers()["strict-transport-security"]
            .to_str()
            .is_ok_and(|h| h.contains("max-age="))
    );
    // The prefixed cookie is the session.
    let session = cookie.split(';').next().expect("pair").to_owned();
    let me = reqwest::Client::new()
        .post(format!("{}{}", server.base, auth::CurrentUser::PATH))
        .header("Cookie", session)
        .send()
        .await
        .expect("me");
    let user: Value = serde_json::from_str(&me.text().await.expect("body")).expect("json");
    assert_eq!(user["first_name"], "Inès");
}
