//! Credit at each birthday, on both backends: a minor whose identity was approved before
//! their first band receives each band from midnight on their birthday where they live
//! (Paris, Cayenne), exactly once whatever the number of schedulers running; a late
//! sign-up receives at once the bands already reached, and the scheduler grants them if
//! the grant right after the approval did not happen; an erased account receives nothing
//! more.

#[macro_use]
mod support;

use chrono::{DateTime, NaiveDate, Utc};
use domain::Cents;
use domain::grants::{GrantPlan, NextGrant};
use store::Repo;
use support::*;

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 instant")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid")
}

async fn policies(repo: &Repo) {
    for code in ["FR-2019", "FR-2025"] {
        let policy = domain::credit::preset(code).expect("preset");
        repo.ensure_policy(&policy, now()).await.expect("policy");
    }
}

/// Approves the person's identity on `at` and grants at once what it gives, as the
/// server does.
async fn approve(repo: &Repo, user_id: i64, policy: &str, at: DateTime<Utc>) -> Option<GrantPlan> {
    repo.submit_identity(user_id, true, at)
        .await
        .expect("approved");
    repo.grant_due_for(user_id, policy, at)
        .await
        .expect("looked at")
}

async fn balance(repo: &Repo, user_id: i64) -> Option<Cents> {
    repo.wallet(user_id)
        .await
        .expect("wallet")
        .map(|w| w.balance())
}

/// The bands the ledger records, in order.
async fn bands(repo: &Repo, user_id: i64) -> Vec<(Option<i64>, i64)> {
    repo.movements(user_id)
        .await
        .expect("movements")
        .iter()
        .map(|m| (m.grant_age, m.amount_cents))
        .collect()
}

on_every_backend! {
    async fn each_band_arrives_at_midnight_on_the_birthday_where_the_person_lives(repo) {
        policies(&repo).await;
        // Both turn 17 on 12 March 2027 (Paris is then UTC+1, Cayenne UTC-3).
        let paris = person(&repo, "lea@test.fr", day(2010, 3, 12), "67").await;
        let cayenne = person(&repo, "mael@test.fr", day(2010, 3, 12), "973").await;
        for id in [paris, cayenne] {
            let plan = approve(&repo, id, "FR-2025", now()).await.expect("looked at once");
            assert_eq!(plan.now, None, "nothing at 16");
            assert_eq!(
                plan.next,
                Some(NextGrant { age: 17, amount: Cents::euros(50), on: day(2027, 3, 12) })
            );
            assert_eq!(balance(&repo, id).await, None);
        }

        assert_eq!(repo.grant_due_bands("FR-2025", at("2027-03-11T22:59:59Z")).await.expect("job"), 0);
        assert_eq!(repo.grant_due_bands("FR-2025", at("2027-03-11T23:00:00Z")).await.expect("job"), 1);
        assert_eq!(balance(&repo, paris).await, Some(Cents::euros(50)));
        assert_eq!(balance(&repo, cayenne).await, None, "still the 11th in Cayenne");
        // Valid until the 21st birthday, from midnight in Paris.
        let wallet = repo.wallet(paris).await.expect("wallet").expect("a deposit");
        assert_eq!(wallet.expires_at, at("2031-03-11T23:00:00Z"));
        assert_eq!(wallet.policy_code, "FR-2025");

        assert_eq!(repo.grant_due_bands("FR-2025", at("2027-03-12T02:59:59Z")).await.expect("job"), 0);
        assert_eq!(repo.grant_due_bands("FR-2025", at("2027-03-12T03:00:00Z")).await.expect("job"), 1);
        assert_eq!(balance(&repo, cayenne).await, Some(Cents::euros(50)));
        assert_eq!(repo.grant_due_bands("FR-2025", at("2027-06-01T12:00:00Z")).await.expect("job"), 0);
        assert_eq!(
            repo.next_grant(paris, "FR-2025", at("2027-06-01T12:00:00Z")).await.expect("next"),
            Some(NextGrant { age: 18, amount: Cents::euros(150), on: day(2028, 3, 12) })
        );

        // At 18, the rest; then nothing more, ever.
        assert_eq!(repo.grant_due_bands("FR-2025", at("2028-03-12T03:00:00Z")).await.expect("job"), 2);
        for id in [paris, cayenne] {
            assert_eq!(assert_ledger_balances(&repo, id).await, Cents::euros(200));
            assert_eq!(bands(&repo, id).await, vec![(Some(17), 5_000), (Some(18), 15_000)]);
            assert_eq!(repo.next_grant(id, "FR-2025", at("2028-03-12T03:00:00Z")).await.expect("next"), None);
        }
        assert_eq!(repo.grant_due_bands("FR-2025", at("2030-01-01T00:00:00Z")).await.expect("job"), 0);
    }
}

on_every_backend! {
    async fn schedulers_running_at_once_grant_each_band_exactly_once(repo) {
        policies(&repo).await;
        let mut people = Vec::new();
        for n in 0..24 {
            let id = person(&repo, &format!("p{n}@test.fr"), day(2010, 3, 12), "67").await;
            approve(&repo, id, "FR-2025", now()).await;
            people.push(id);
        }
        let birthday = at("2027-03-12T08:00:00Z");
        let runs: Vec<_> = (0..8)
            .map(|_| {
                let repo = repo.clone();
                tokio::spawn(async move { repo.grant_due_bands("FR-2025", birthday).await })
            })
            .collect();
        let mut granted = 0;
        for run in runs {
            granted += run.await.expect("joined").expect("job");
        }
        assert_eq!(granted, 24, "each band once in all");
        for id in people {
            assert_eq!(bands(&repo, id).await, vec![(Some(17), 5_000)]);
            assert_eq!(assert_ledger_balances(&repo, id).await, Cents::euros(50));
        }
    }
}

on_every_backend! {
    async fn a_late_sign_up_receives_the_bands_already_reached_then_the_next_on_its_birthday(repo) {
        policies(&repo).await;
        // 17 and a half under FR-2025: the 17 band now, the 18 band on 1 June 2027.
        let seventeen = person(&repo, "a@test.fr", day(2009, 6, 1), "75").await;
        let plan = approve(&repo, seventeen, "FR-2025", now()).await.expect("looked at");
        assert_eq!(plan.now.map(|g| (g.up_to_age, g.amount)), Some((17, Cents::euros(50))));
        assert_eq!(plan.next.map(|n| n.on), Some(day(2027, 6, 1)));
        // 18 and a half: both bands at once, nothing after.
        let eighteen = person(&repo, "b@test.fr", day(2008, 6, 1), "75").await;
        approve(&repo, eighteen, "FR-2025", now()).await;
        assert_eq!(bands(&repo, eighteen).await, vec![(Some(18), 20_000)]);
        // 19 under FR-2019: too late.
        let nineteen = person(&repo, "c@test.fr", day(2007, 6, 1), "75").await;
        let plan = approve(&repo, nineteen, "FR-2019", now()).await.expect("looked at");
        assert_eq!((plan.now, plan.next), (None, None));
        assert_eq!(balance(&repo, nineteen).await, None);

        assert_eq!(repo.grant_due_bands("FR-2019", at("2027-06-01T12:00:00Z")).await.expect("job"), 1);
        // The person's policy is their deposit's, whatever the configured one became.
        assert_eq!(bands(&repo, seventeen).await, vec![(Some(17), 5_000), (Some(18), 15_000)]);
        assert_eq!(bands(&repo, eighteen).await, vec![(Some(18), 20_000)]);
    }
}

on_every_backend! {
    async fn an_approval_is_granted_once_and_by_the_scheduler_if_its_grant_did_not_happen(repo) {
        policies(&repo).await;
        let id = person(&repo, "d@test.fr", day(2008, 6, 1), "67").await;
        approve(&repo, id, "FR-2019", now()).await;
        assert_eq!(repo.grant_due_for(id, "FR-2019", now()).await.expect("again"), None);
        assert_eq!(repo.grant_due_bands("FR-2019", now()).await.expect("job"), 0);
        assert_eq!(bands(&repo, id).await, vec![(Some(18), 50_000)]);
        assert_eq!(assert_ledger_balances(&repo, id).await, Cents::euros(500));

        // Approved at 18 and a half under FR-2025, the grant right after lost: the
        // scheduler grants what the approval gave, three days later, valid as from then.
        let late = person(&repo, "f@test.fr", day(2008, 6, 1), "67").await;
        repo.submit_identity(late, true, now()).await.expect("approved");
        let later = now() + chrono::Duration::days(3);
        assert_eq!(repo.grant_due_bands("FR-2025", later).await.expect("job"), 1);
        assert_eq!(bands(&repo, late).await, vec![(Some(18), 20_000)]);
        let wallet = repo.wallet(late).await.expect("wallet").expect("a deposit");
        assert_eq!(wallet.expires_at, at("2029-05-31T22:00:00Z"), "the 21st birthday, Paris");

        // Approved at 19 under FR-2025: too late then, too late for the scheduler.
        let too_late = person(&repo, "g@test.fr", day(2007, 6, 1), "67").await;
        repo.submit_identity(too_late, true, now()).await.expect("approved");
        assert_eq!(repo.grant_due_bands("FR-2025", later).await.expect("job"), 0);
        assert_eq!(balance(&repo, too_late).await, None);
    }
}

on_every_backend! {
    async fn an_erased_account_receives_no_more_credit(repo) {
        policies(&repo).await;
        let id = person(&repo, "e@test.fr", day(2010, 3, 12), "67").await;
        approve(&repo, id, "FR-2025", now()).await;
        repo.anonymize_user(id).await.expect("erased");
        assert_eq!(repo.grant_due_bands("FR-2025", at("2027-03-12T08:00:00Z")).await.expect("job"), 0);
        assert_eq!(balance(&repo, id).await, None);
    }
}
