//! Running it for a country, over HTTP on the real binary: a booking storm through
//! `kill -9` and restarts on both backends, two instances sharing one PostgreSQL, a
//! backup taken in the middle of a storm, then restored, and offers' images moved to an
//! S3-compatible bucket (moto's server) and served from it.
//!
//! In every case the same invariants are checked on the database afterwards
//! (`support::storm::check`): each wallet equals its ledger and holds its credit less its
//! bookings, no stock is over-booked, every booking acknowledged by a `200` is there.

mod support;

use chrono::Duration as Days;
use std::collections::HashSet;
use std::time::Duration;
use support::storm::{self, Acknowledged, Error, Plan};
use support::{PASSWORD, S3, Visitor, backends, outbox_read_by, start_server_on};

/// The servers of these tests: no per-client limits (every client is 127.0.0.1), a
/// `cp_session` cookie over plain HTTP.
const SETTINGS: [(&str, &str); 2] = [("CLIENT_LIMITS", "off"), ("SESSION_SECURE_COOKIE", "false")];

fn acknowledged(tokens: &Acknowledged) -> Vec<String> {
    tokens.lock().map(|t| t.clone()).unwrap_or_default()
}

async fn finish(tasks: Vec<tokio::task::JoinHandle<Result<(), Error>>>) -> Result<(), Error> {
    for task in tasks {
        task.await??;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_in_the_middle_of_a_storm_loses_no_acknowledged_booking() -> Result<(), Error> {
    const ROUNDS: usize = 10;
    for backend in backends() {
        let mut server = start_server_on(backend, &SETTINGS).await;
        let storm::Ground {
            repo,
            now,
            policy,
            venue,
        } = storm::ground(&server.database_url).await?;
        let plan = Plan {
            clients: 16,
            offers: 24,
            seats: 10,
            books: false,
        };
        let mut sets = Vec::new();
        let mut everyone_acknowledged = HashSet::new();
        for round in 0..ROUNDS {
            let set = storm::seed(&repo, &format!("r{round}-"), venue, policy, plan, now).await?;
            let cookies = storm::sign_in(&repo, &set, now).await?;
            let tokens = Acknowledged::default();
            let tasks = storm::http_storm(&[server.base.clone()], &set, &cookies, &tokens);
            // Killed at a different moment each round, bookings in flight.
            let killed_after = 10 + 15 * round;
            for _ in 0..600 {
                if acknowledged(&tokens).len() >= killed_after {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            server.kill();
            finish(tasks).await?;
            let answered = acknowledged(&tokens);
            // Fewer than the seats: the storm had not ended.
            assert!(
                (killed_after..set.stocks.len() * plan.seats as usize).contains(&answered.len()),
                "{backend} round {round}: killed in the middle of the storm ({} answered)",
                answered.len()
            );
            everyone_acknowledged.extend(answered);
            sets.push(set);

            server.restart().await;
            let mut stored = HashSet::new();
            for set in &sets {
                stored.extend(storm::check(&repo, set).await?);
            }
            let lost: Vec<_> = everyone_acknowledged.difference(&stored).collect();
            assert!(
                lost.is_empty(),
                "{backend} round {round}: acknowledged, then lost: {lost:?}"
            );
        }
        // The restarted server still books.
        let set = storm::seed(&repo, "after-", venue, policy, plan, now).await?;
        let cookies = storm::sign_in(&repo, &set, now).await?;
        let tokens = Acknowledged::default();
        finish(storm::http_storm(
            &[server.base.clone()],
            &set,
            &cookies,
            &tokens,
        ))
        .await?;
        assert_eq!(
            storm::check(&repo, &set).await?.len(),
            acknowledged(&tokens).len()
        );
        eprintln!(
            "{backend}: {ROUNDS} kills, {} bookings acknowledged before them, none lost",
            everyone_acknowledged.len()
        );
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgresql_book_schedule_and_sign_in_as_one() -> Result<(), Error> {
    if !backends().contains(&"postgres") {
        eprintln!("skipped: TEST_DATABASE_URL names no PostgreSQL server");
        return Ok(());
    }
    let settings = [SETTINGS[0], SETTINGS[1], ("JOBS_PERIOD_SECONDS", "1")];
    let first = start_server_on("postgres", &settings).await;
    let second = first.another_instance().await;
    let bases = [first.base.clone(), second.base.clone()];
    let storm::Ground {
        repo,
        now,
        policy,
        venue,
    } = storm::ground(&first.database_url).await?;

    // Books booked 20 days ago and never collected: expired by the schedulers of both
    // instances, each refunded once.
    let past = now - Days::days(30);
    let uncollected = Plan {
        clients: 8,
        offers: 1,
        seats: 8,
        books: true,
    };
    let late = storm::seed(&repo, "late-", venue, policy, uncollected, past).await?;
    for &user_id in &late.users {
        repo.book(&store::BookCommand {
            booker: store::Booker::Person(user_id),
            stock_id: late.stocks[0],
            quantity: 1,
            idempotency_key: None,
            now: now - Days::days(20),
        })
        .await?;
    }

    // 64 clients, each request to one instance or the other, fewer seats than clients.
    let plan = Plan {
        clients: 64,
        offers: 12,
        seats: 40,
        books: false,
    };
    let set = storm::seed(&repo, "storm-", venue, policy, plan, now).await?;
    let cookies = storm::sign_in(&repo, &set, now).await?;
    let tokens = Acknowledged::default();
    finish(storm::http_storm(&bases, &set, &cookies, &tokens)).await?;
    let stored = storm::check(&repo, &set).await?;
    let answered: HashSet<String> = acknowledged(&tokens).into_iter().collect();
    assert_eq!(
        stored, answered,
        "one booking per acknowledged request, no other"
    );
    assert_eq!(answered.len(), 12 * 40, "every seat sold, none twice");

    // Both schedulers ran; each book expired once, its credit back once.
    let mut expired = false;
    for _ in 0..100 {
        let bookings = futures::future::try_join_all(
            late.users.iter().map(|&user| repo.bookings_of_user(user)),
        )
        .await?;
        expired = bookings
            .iter()
            .flatten()
            .all(|b| b.status == domain::ticket::BookingStatus::Cancelled);
        if expired {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(expired, "the uncollected books expired");
    tokio::time::sleep(Duration::from_secs(2)).await; // both schedulers passed again
    storm::check(&repo, &late).await?;
    for &user in &late.users {
        let refunds = repo
            .movements(user)
            .await?
            .iter()
            .filter(|m| m.kind == domain::credit::MovementKind::Refund)
            .count();
        assert_eq!(refunds, 1, "user {user}: one refund");
    }

    // A session opened on one instance is valid on the other.
    let mut young = Visitor::signed_in("young", &first.base, "jeune@demo.culture-pass.fr").await;
    young.base = second.base.clone();
    // Signed out, the balance is null; here, a number of cents.
    let balance = young.ok("/api/my_balance", &[]).await;
    assert!(balance.is_number(), "{balance}");

    // A reset link written by one instance works on the other.
    Visitor::new("forgetful", &first.base)
        .ok(
            "/api/request_password_reset",
            &[("email", "jeune@demo.culture-pass.fr".into())],
        )
        .await;
    let admin = Visitor::signed_in("admin", &second.base, "admin@demo.culture-pass.fr").await;
    let mails = outbox_read_by(&admin).await;
    let body = mails
        .iter()
        .find(|m| m["recipient"] == "jeune@demo.culture-pass.fr")
        .and_then(|m| m["body"].as_str())
        .ok_or("the reset mail")?;
    let token: String = body
        .split("jeton=")
        .nth(1)
        .ok_or("a link")?
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let new_password = "une toute nouvelle phrase de passe";
    Visitor::new("back", &second.base)
        .ok(
            "/api/reset_password",
            &[("token", token), ("password", new_password.into())],
        )
        .await;
    Visitor::new("again", &first.base)
        .login("jeune@demo.culture-pass.fr", new_password)
        .await;
    let (status, _) = Visitor::new("old", &second.base)
        .call(
            "/api/login",
            &[
                ("email", "jeune@demo.culture-pass.fr".into()),
                ("password", PASSWORD.into()),
            ],
        )
        .await;
    assert_ne!(status, 200, "the old password no longer opens the account");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_in_a_storm_holds_every_booking_acknowledged_before_it_and_restores()
-> Result<(), Error> {
    let mut server = start_server_on("sqlite", &SETTINGS).await;
    let folder = tempfile::tempdir()?;
    let copy = folder.path().join("copie.db");
    let copy_arg = copy.display().to_string();
    let storm::Ground {
        repo,
        now,
        policy,
        venue,
    } = storm::ground(&server.database_url).await?;
    let plan = Plan {
        clients: 32,
        offers: 40,
        seats: 24,
        books: false,
    };
    let set = storm::seed(&repo, "backup-", venue, policy, plan, now).await?;
    let cookies = storm::sign_in(&repo, &set, now).await?;

    let tokens = Acknowledged::default();
    let tasks = storm::http_storm(&[server.base.clone()], &set, &cookies, &tokens);
    for _ in 0..600 {
        if acknowledged(&tokens).len() >= 50 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let before = acknowledged(&tokens);
    let (done, said) = tokio::task::block_in_place(|| server.command(&["backup", &copy_arg]));
    assert!(done, "{said}");
    let during = acknowledged(&tokens).len();
    finish(tasks).await?;
    let after = acknowledged(&tokens).len();
    eprintln!(
        "backed up after {} acknowledged bookings, {during} when it ended, {after} in all",
        before.len()
    );
    assert!(
        !before.is_empty() && before.len() < after,
        "the backup began inside the storm"
    );

    let kept = {
        let copy_repo = store::connect(&format!("sqlite://{copy_arg}"), 2).await?;
        storm::check(&copy_repo, &set).await?
    };
    let missing: Vec<_> = before.iter().filter(|t| !kept.contains(*t)).collect();
    assert!(
        missing.is_empty(),
        "acknowledged before the backup, not in it: {missing:?}"
    );

    // A backup never overwrites; a restore never runs under a server.
    let (done, said) = server.command(&["backup", &copy_arg]);
    assert!(!done && said.contains("already exists"), "{said}");
    let (done, said) = server.command(&["restore", &copy_arg]);
    assert!(!done && said.contains("a server is running"), "{said}");
    let not_a_backup = folder.path().join("notes.txt");
    std::fs::write(&not_a_backup, "pas une base")?;

    drop(repo);
    server.kill();
    let (done, said) = server.command(&["restore", &not_a_backup.display().to_string()]);
    assert!(!done && said.contains("is not a backup"), "{said}");
    let (done, said) = server.command(&["restore", &copy_arg]);
    assert!(done, "{said}");
    server.restart().await;
    let repo = store::connect(&server.database_url, 4).await?;
    assert_eq!(
        storm::check(&repo, &set).await?,
        kept,
        "the database is the backup"
    );
    let answer = reqwest::get(format!("{}/readyz", server.base)).await?;
    assert_eq!(answer.status(), 200);
    Ok(())
}

/// The large version of offer 1's image (a demo picture): its bytes and its `ETag`.
async fn offer_image(base: &str) -> Result<(Vec<u8>, String), Error> {
    let answer = reqwest::get(format!("{base}/images/offres/1/grande.jpg")).await?;
    assert_eq!(answer.status(), 200);
    let etag = answer.headers()["etag"].to_str()?.to_owned();
    Ok((answer.bytes().await?.to_vec(), etag))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn images_move_to_an_s3_bucket_and_are_served_from_it() -> Result<(), Error> {
    let s3 = S3::start().await;
    s3.bucket("images-test").await;
    let aws = s3.settings();
    let mut settings: Vec<(&str, &str)> = SETTINGS.to_vec();
    settings.extend(aws.iter().map(|(name, value)| (*name, value.as_str())));
    // The demo's pictures are stored in the database, as by default.
    let mut server = start_server_on("sqlite", &settings).await;
    let (before, etag) = offer_image(&server.base).await?;

    // The instance first learns of the bucket: images stored before are still served.
    server.set("IMAGE_STORE", "s3://images-test");
    server.restart().await;
    assert_eq!(
        offer_image(&server.base).await?,
        (before.clone(), etag.clone())
    );

    // Then they move, while it serves.
    let (done, said) = server.command(&["images", "migrate", "--to", "s3://images-test"]);
    assert!(done, "{said}");
    let moved: u64 = said
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or(said.clone())?;
    assert!(moved > 10, "the demo's pictures moved: {said}");
    let keys = s3.keys("images-test").await;
    assert_eq!(
        keys.len() as u64,
        2 * moved,
        "a large version and a thumbnail each"
    );
    assert!(
        keys.iter()
            .any(|k| k.starts_with("offres/1/") && k.ends_with("/grande.jpg"))
    );

    // Served from the bucket: the same bytes, the same tag; the tag alone gets a 304.
    let (after, etag_after) = offer_image(&server.base).await?;
    assert!(
        after == before && etag_after == etag,
        "the same image from the bucket"
    );
    let again = reqwest::Client::new()
        .get(format!("{}/images/offres/1/grande.jpg", server.base))
        .header("if-none-match", format!("W/{etag}"))
        .send()
        .await?;
    assert_eq!(again.status(), 304);

    // An instance not told of the bucket cannot serve what is in it, and says so.
    let mut unaware = server;
    unaware.set("IMAGE_STORE", "database");
    unaware.restart().await;
    let lost = reqwest::get(format!("{}/images/offres/1/grande.jpg", unaware.base)).await?;
    assert_eq!(lost.status(), 500);
    let mut server = unaware;
    server.set("IMAGE_STORE", "s3://images-test");
    server.restart().await;

    // A new upload goes to the bucket; the version it replaces leaves it.
    let partner =
        Visitor::signed_in("partner", &server.base, "partenaire@demo.culture-pass.fr").await;
    let poster = {
        let image = image::RgbImage::from_pixel(600, 450, image::Rgb([20, 160, 90]));
        let mut bytes = std::io::Cursor::new(Vec::new());
        image.write_to(&mut bytes, image::ImageFormat::Png)?;
        bytes.into_inner()
    };
    let form = reqwest::multipart::Form::new().part(
        "image",
        reqwest::multipart::Part::bytes(poster).file_name("affiche.png"),
    );
    let answer = partner
        .client
        .post(format!("{}/pro/offres/1/image", server.base))
        .header("Accept", "application/json")
        .multipart(form)
        .send()
        .await?;
    assert_eq!(answer.status(), 204, "{}", answer.text().await?);
    let (newest, _) = offer_image(&server.base).await?;
    let picture = image::load_from_memory(&newest)?.to_rgb8();
    assert_eq!(picture.dimensions(), (600, 450));
    assert!(picture.get_pixel(300, 200)[1] > 120, "the new picture");
    let now_kept = s3.keys("images-test").await;
    let of_offer_1: Vec<_> = now_kept
        .iter()
        .filter(|k| k.starts_with("offres/1/"))
        .collect();
    assert_eq!(of_offer_1.len(), 2, "only the new version: {of_offer_1:?}");
    assert!(
        !now_kept
            .iter()
            .any(|k| keys.contains(k) && k.starts_with("offres/1/"))
    );

    // Nothing is left in the database to move.
    let (done, said) = server.command(&["images", "migrate", "--to", "s3://images-test"]);
    assert!(done && said.starts_with("0 images moved"), "{said}");
    let (done, said) = server.command(&["images", "migrate", "--to", "ftp://ailleurs"]);
    assert!(!done && said.contains("--to"), "{said}");
    Ok(())
}
