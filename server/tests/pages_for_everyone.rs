//! The public pages of signed-out visitors are rendered once every few seconds and sent
//! to all of them (server/src/delivery/page_cache.rs): the same page for every such
//! visitor of one address, never for a signed-in one, compressed once, its scripts
//! carrying the nonce of its rendering, and fresh again once its time is up.

use std::time::Duration;

mod support;
use support::*;

const YOUNG: &str = "jeune@demo.culture-pass.fr";
const PARTNER: &str = "partenaire@demo.culture-pass.fr";

struct Answer {
    status: u16,
    kept: Option<String>,
    policy: String,
    cache_control: String,
    location: Option<String>,
    body: String,
}

async fn get(visitor: &Visitor, path: &str) -> Answer {
    let answer = visitor
        .client
        .get(format!("{}{path}", visitor.base))
        .send()
        .await
        .expect("request");
    let header = |name: &str| {
        answer
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    Answer {
        status: answer.status().as_u16(),
        kept: header("x-page-cache"),
        policy: header("content-security-policy").unwrap_or_default(),
        cache_control: header("cache-control").unwrap_or_default(),
        location: header("location"),
        body: answer.text().await.expect("body"),
    }
}

/// The place a home page is about: its heading, "Autour de <place>".
fn place_of(home: &str) -> String {
    let heading = home
        .split_once("Autour de ")
        .and_then(|(_, rest)| rest.split_once("</h1>"))
        .map(|(heading, _)| heading)
        .expect("the home's heading");
    heading.replace("<!>", "").trim().to_owned()
}

/// The nonce a Content-Security-Policy names.
fn nonce_of(policy: &str) -> String {
    policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("a nonce in {policy}"))
        .to_owned()
}

/// Whether every inline script of `html` carries `nonce` (there are some).
fn scripts_carry(html: &str, nonce: &str) -> bool {
    let scripts = html.matches("<script").count();
    scripts >= 2 && html.matches(&format!("nonce=\"{nonce}\"")).count() >= scripts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_out_visitors_of_one_address_get_one_rendering() {
    let server = start_server().await;
    let first = Visitor::new("first", &server.base);
    let second = Visitor::new("second", &server.base);

    let rendered = get(&first, "/").await;
    assert_eq!(rendered.status, 200);
    assert_eq!(rendered.kept.as_deref(), Some("miss"));
    assert_eq!(place_of(&rendered.body), "Strasbourg", "the default place");
    let again = get(&second, "/").await;
    assert_eq!(again.kept.as_deref(), Some("hit"));
    assert_eq!(again.body, rendered.body, "the same page");

    // Its scripts carry the nonce of its rendering, which every visitor's policy names.
    let nonce = nonce_of(&again.policy);
    assert_eq!(
        nonce,
        nonce_of(&rendered.policy),
        "one rendering, one nonce"
    );
    assert!(scripts_carry(&again.body, &nonce));
    assert!(!again.policy.contains("unsafe-inline"), "{}", again.policy);

    // Another address is another page.
    let brest = get(&first, "/?lieu=brest").await;
    assert_eq!(brest.kept.as_deref(), Some("miss"));
    assert_eq!(place_of(&brest.body), "Brest");
    let offer = get(&second, "/offres/1").await;
    assert_eq!(offer.kept.as_deref(), Some("miss"));
    assert_eq!(get(&first, "/offres/1").await.body, offer.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visitors_arriving_together_wait_for_one_rendering() {
    let server = start_server().await;
    let visitors: Vec<Visitor> = (0..8)
        .map(|_| Visitor::new("visitor", &server.base))
        .collect();
    let answers =
        futures::future::join_all(visitors.iter().map(|v| get(v, "/recherche?q=jazz"))).await;
    let rendered = answers
        .iter()
        .filter(|a| a.kept.as_deref() == Some("miss"))
        .count();
    assert_eq!(rendered, 1, "one rendering for all of them");
    assert!(
        answers
            .iter()
            .all(|a| a.status == 200 && a.body == answers[0].body)
    );

    // A page not to be kept is each visitor's own, rendered for them.
    let missing =
        futures::future::join_all(visitors.iter().map(|v| get(v, "/lieux/987654321"))).await;
    for answer in &missing {
        assert_eq!(answer.status, 404);
        assert_eq!(answer.kept, None);
        assert!(scripts_carry(&answer.body, &nonce_of(&answer.policy)));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_page_is_sent_compressed_as_the_browser_asks() {
    use std::io::Read;
    let server = start_server().await;
    let visitor = Visitor::new("visitor", &server.base);
    let plain = get(&visitor, "/recherche?q=concert").await.body;
    for (accept, coding) in [("gzip, deflate, br", "br"), ("gzip", "gzip")] {
        let answer = visitor
            .client
            .get(format!("{}/recherche?q=concert", server.base))
            .header("accept-encoding", accept)
            .send()
            .await
            .expect("request");
        let headers = answer.headers().clone();
        assert_eq!(headers["content-encoding"], coding);
        assert_ne!(headers["x-page-cache"], "miss", "the kept page");
        assert!(
            headers["vary"]
                .to_str()
                .is_ok_and(|v| v.contains("accept-encoding"))
        );
        let bytes = answer.bytes().await.expect("body");
        let mut page = Vec::new();
        match coding {
            "br" => brotli::BrotliDecompress(&mut &bytes[..], &mut page).expect("brotli"),
            _ => {
                flate2::read::GzDecoder::new(&bytes[..])
                    .read_to_end(&mut page)
                    .expect("gzip");
            }
        }
        assert_eq!(String::from_utf8(page).expect("utf-8"), plain);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_with_a_session_gets_their_own_page() {
    let server = start_server().await;
    let anonymous = Visitor::new("anonymous", &server.base);
    let young = Visitor::new("young", &server.base);
    young.login(YOUNG, PASSWORD).await;

    let public = get(&anonymous, "/").await;
    assert!(public.body.contains(r#"data-testid="welcome""#));
    assert_eq!(public.cache_control, "no-cache");
    for _ in 0..2 {
        let own = get(&young, "/").await;
        assert_eq!(own.status, 200);
        assert_eq!(own.kept, None, "rendered for them");
        assert_eq!(
            own.cache_control, "private, no-cache",
            "never in a shared cache"
        );
        assert!(own.policy.contains("'nonce-"), "{}", own.policy);
        assert!(!own.body.contains(r#"data-testid="welcome""#), "signed in");
    }

    // Even a session cookie the server does not know is someone's: never a kept page.
    let stale = get_with_cookie(&server.base, "/", "cp_session=0123abcd").await;
    assert_eq!(stale, None);
}

async fn get_with_cookie(base: &str, path: &str, cookie: &str) -> Option<String> {
    let answer = reqwest::Client::new()
        .get(format!("{base}{path}"))
        .header("cookie", cookie)
        .send()
        .await
        .expect("request");
    answer
        .headers()
        .get("x-page-cache")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_is_not_a_public_page_is_never_kept() {
    let server = start_server().await;
    let visitor = Visitor::new("visitor", &server.base);
    for _ in 0..2 {
        let missing = get(&visitor, "/offres/987654321").await;
        assert_eq!(missing.status, 404);
        assert_eq!(missing.kept, None, "an error is not kept");
        assert!(scripts_carry(&missing.body, &nonce_of(&missing.policy)));
        for path in ["/connexion", "/reservations"] {
            assert_eq!(get(&visitor, path).await.kept, None, "{path}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_reaches_signed_out_visitors_once_the_page_expires() {
    let server = start_server().await;
    let anonymous = Visitor::new("anonymous", &server.base);
    let partner = Visitor::new("partner", &server.base);
    partner.login(PARTNER, PASSWORD).await;
    let before = get(&anonymous, "/offres/1").await;
    assert_eq!(before.kept.as_deref(), Some("miss"));

    let title = "Un titre changé à l'instant";
    retitle_offer(&partner, 1, title, "Décrite à nouveau").await;
    let kept = get(&anonymous, "/offres/1").await;
    assert_eq!(kept.kept.as_deref(), Some("hit"));
    assert_eq!(kept.body, before.body, "the kept page, until it expires");

    // Out of date, it is sent once more while its next version is rendered, which the
    // next visitors get.
    tokio::time::sleep(Duration::from_secs(6)).await;
    let stale = get(&anonymous, "/offres/1").await;
    assert_eq!(stale.kept.as_deref(), Some("stale"));
    assert_eq!(stale.body, before.body);
    let mut fresh = get(&anonymous, "/offres/1").await;
    for _ in 0..50 {
        if fresh.kept.as_deref() == Some("hit") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        fresh = get(&anonymous, "/offres/1").await;
    }
    assert_eq!(
        fresh.kept.as_deref(),
        Some("hit"),
        "the next version, rendered once"
    );
    assert!(fresh.body.contains("Un titre changé à l&#39;instant") || fresh.body.contains(title));
}

/// A search form as the browser sends it (every field, the empty ones too) is sent on to
/// the address that holds only what was chosen, in the form's order
/// (server/src/delivery/search_address.rs): one address, and one kept page, per search.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submitted_search_form_is_sent_on_to_its_tidy_address() {
    let server = start_server().await;
    let visitor = Visitor::new("visitor", &server.base);
    let search = |query: &'static str| {
        let visitor = &visitor;
        async move {
            let answer = get(visitor, &format!("/recherche?{query}")).await;
            (answer.status, answer.location)
        }
    };
    assert_eq!(
        search("q=jazz&lieu=&rayon=&groupe=&prix=gratuit&quand=&tri=").await,
        (303, Some("/recherche?q=jazz&prix=gratuit".to_owned()))
    );
    assert_eq!(
        search("q=&lieu=").await,
        (303, Some("/recherche".to_owned()))
    );
    // A tidy address is the page itself.
    assert_eq!(search("q=caf%C3%A9&duo=1").await, (200, None));
}
