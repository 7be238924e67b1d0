//! Running it for a country, over HTTP on the real binary: a booking storm through
//! `kill -9` and restarts on both backends, two instances sharing one PostgreSQL, and a
//! backup taken in the middle of a storm, then restored.
//!
//! In every case the same invariants are checked on the database afterwards
//! (`support::storm::check`): each wallet equals its ledger and holds its credit less its
//! bookings, no stock is over-booked, every booking acknowledged by a `200` is there.

mod support;

use chrono::{Duration as Days, Utc};
use std::collections::HashSet;
use std::time::Duration;
use support::storm::{self, Acknowledged, Error, Plan};
use support::{PASSWORD, Visitor, backends, outbox_read_by, start_server_on};

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
        let repo = store::connect(&server.database_url, 4).await?;
        let now = Utc::now();
        let policy = storm::policy(&repo, now).await?;
        let (venue, _) = storm::venue(&repo, now).await?;
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
            assert!(
                (killed_after..set.stocks.len() * plan.clients).contains(&answered.len()),
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
    let repo = store::connect(&first.database_url, 4).await?;
    let now = Utc::now();
    let policy = storm::policy(&repo, now).await?;
    let (venue, _) = storm::venue(&repo, now).await?;

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
            user_id,
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
    let repo = store::connect(&server.database_url, 4).await?;
    let now = Utc::now();
    let policy = storm::policy(&repo, now).await?;
    let (venue, _) = storm::venue(&repo, now).await?;
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
