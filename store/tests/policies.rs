//! Credit policies as live data, on both backends: the configured policy seeds the
//! schedule once; a version scheduled by the team comes into force at its instant, with
//! its audit row written in the same transaction; a deposit keeps the version it was
//! granted under, and its top-up at the next band too; someone whose first band comes
//! later is granted under the version in force at their identity check (the terms'
//! promise) for where they live; a version for some départements leaves the others under
//! the national one; a version may be taken back only before its instant, and its id and
//! number are not given again.

#[macro_use]
mod support;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::Cents;
use domain::admin::{AdminAction, SubjectKind};
use domain::credit::{CreditPolicy, preset};
use store::{ActionRecord, AuditFilter, Repo};
use support::*;

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 instant")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid")
}

async fn presets(repo: &Repo) {
    for policy in domain::credit::presets() {
        repo.ensure_policy(&policy, now()).await.expect("policy");
    }
}

async fn approve(repo: &Repo, user_id: i64, at: DateTime<Utc>) {
    repo.submit_identity(user_id, true, at)
        .await
        .expect("approved");
    repo.grant_due_for(user_id, "FR-2025", at)
        .await
        .expect("looked at");
}

/// FR-2025 with the bands tripled, everywhere.
fn national() -> CreditPolicy {
    let mut policy = preset("FR-2025").expect("preset");
    for band in &mut policy.grants {
        band.amount = Cents(band.amount.get() * 3);
    }
    policy.name = "France, 2027".into();
    policy
}

/// FR-2025 with the bands doubled, for the overseas départements only.
fn overseas() -> CreditPolicy {
    let mut policy = preset("FR-2025").expect("preset");
    for band in &mut policy.grants {
        band.amount = Cents(band.amount.get() * 2);
    }
    policy.name = "France, outre-mer".into();
    policy.departements = vec!["971".into(), "972".into()];
    policy
}

on_every_backend! {
    async fn a_version_comes_into_force_at_its_instant_where_it_applies_and_deposits_keep_theirs(repo) {
        presets(&repo).await;
        let admin = admin(&repo).await;
        assert!(repo.seed_schedule("FR-2025").await.expect("seeded"));
        assert!(!repo.seed_schedule("FR-2019").await.expect("once"), "the schedule is seeded once");
        let (seeded, in_force) = repo.policy_in_force(None, "FR-2019", now()).await.expect("in force");
        assert_eq!((in_force.code.as_str(), in_force.version), ("FR-2025", 1));

        // 17 today in Guadeloupe, 18 on 5 January 2027: 50 € at once. A minor in
        // Strasbourg, 17 on 12 March 2027, approved today: nothing yet.
        let guadeloupe = person(&repo, "lea@test.fr", day(2009, 1, 5), "971").await;
        let minor = person(&repo, "ines@test.fr", day(2010, 3, 12), "67").await;
        for id in [guadeloupe, minor] {
            approve(&repo, id, now()).await;
        }
        assert_eq!(repo.wallet(guadeloupe).await.expect("wallet").expect("deposit").balance(), Cents::euros(50));

        let overseas_from = at("2027-01-01T00:00:00Z");
        let national_from = at("2027-03-01T00:00:00Z");
        let (v2, version) = repo
            .schedule_policy(&overseas(), overseas_from, admin, now())
            .await
            .expect("scheduled");
        assert_eq!(version, 2);
        let (v3, version) = repo
            .schedule_policy(&national(), national_from, admin, now())
            .await
            .expect("scheduled");
        assert_eq!(version, 3);
        let in_force = |departement: Option<&'static str>, at: DateTime<Utc>| {
            let repo = repo.clone();
            async move { repo.policy_in_force(departement, "FR-2019", at).await.expect("in force").0 }
        };
        assert_eq!(in_force(Some("971"), overseas_from - Duration::seconds(1)).await, seeded);
        assert_eq!(in_force(Some("971"), overseas_from).await, v2);
        assert_eq!(in_force(Some("67"), overseas_from).await, seeded, "elsewhere, the national one");
        assert_eq!(in_force(None, overseas_from).await, seeded);
        assert_eq!(in_force(Some("971"), national_from).await, v3, "a later national version applies everywhere");

        let log = repo
            .admin_actions(AuditFilter { action: None, subject: Some((SubjectKind::Policy, v2)), before: None }, 10)
            .await
            .expect("log");
        assert_eq!(log.rows.len(), 1);
        assert_eq!(log.rows[0].action, AdminAction::PolicyScheduled);
        assert_eq!(log.rows[0].detail, "France, outre-mer · version 2");

        // The deposit granted under version 1 is topped up at 18 under it, after version
        // 2 came into force where the person lives.
        let band = repo.grant_due_bands("FR-2019", at("2027-01-05T04:00:00Z")).await.expect("job");
        assert_eq!(band, 1);
        let wallet = repo.wallet(guadeloupe).await.expect("wallet").expect("deposit");
        assert_eq!((wallet.balance(), wallet.policy_version), (Cents::euros(200), 1));

        // Approved while version 2 is in force overseas: its bands there (both reached, a
        // late sign-up, doubled), the national version's in Strasbourg.
        let martinique = person(&repo, "mael@test.fr", day(2009, 1, 5), "972").await;
        let strasbourg = person(&repo, "tom@test.fr", day(2009, 1, 5), "67").await;
        for id in [martinique, strasbourg] {
            approve(&repo, id, at("2027-02-01T12:00:00Z")).await;
        }
        let wallet = repo.wallet(martinique).await.expect("wallet").expect("deposit");
        assert_eq!((wallet.balance(), wallet.policy_name.as_str()), (Cents::euros(400), "France, outre-mer"));
        let wallet = repo.wallet(strasbourg).await.expect("wallet").expect("deposit");
        assert_eq!((wallet.balance(), wallet.policy_version), (Cents::euros(200), 1));

        // The minor's first band comes after version 3 started: it is the version of
        // their identity check's day that grants it.
        assert_eq!(
            repo.next_grant(minor, "FR-2019", at("2027-03-02T12:00:00Z")).await.expect("next").map(|n| n.amount),
            Some(Cents::euros(50))
        );
        repo.grant_due_bands("FR-2019", at("2027-03-12T00:00:00Z")).await.expect("job");
        let wallet = repo.wallet(minor).await.expect("wallet").expect("deposit");
        assert_eq!((wallet.balance(), wallet.policy_version), (Cents::euros(50), 1));
        // Approved after it started: version 3, in Guadeloupe too.
        let later = person(&repo, "zoe@test.fr", day(2009, 1, 5), "971").await;
        approve(&repo, later, at("2027-03-02T12:00:00Z")).await;
        let wallet = repo.wallet(later).await.expect("wallet").expect("deposit");
        assert_eq!((wallet.balance(), wallet.policy_version), (Cents::euros(600), 3));
        for id in [guadeloupe, martinique, strasbourg, minor, later] {
            assert_ledger_balances(&repo, id).await;
        }

        let schedule = repo.policy_schedule().await.expect("schedule");
        let read: Vec<(i64, i64)> = schedule.iter().map(|v| (v.id, v.deposits)).collect();
        assert_eq!(read, vec![(v3, 1), (v2, 1), (seeded, 3)]);
        assert_eq!(schedule[1].policy.departements, vec!["971", "972"]);
    }
}

on_every_backend! {
    async fn only_a_version_whose_instant_has_not_come_is_taken_back(repo) {
        presets(&repo).await;
        let admin = admin(&repo).await;
        repo.seed_schedule("FR-2019").await.expect("seeded");
        let starts = now() + Duration::days(10);
        let (id, _) = repo
            .schedule_policy(&overseas(), starts, admin, now())
            .await
            .expect("scheduled");
        let record = ActionRecord::new(admin, AdminAction::PolicyCancelled, id).because("Erreur de montant");
        assert!(!repo.cancel_policy(&record, starts).await.expect("read"), "in force: kept");
        let cancelled = ActionRecord::new(admin, AdminAction::PolicyCancelled, id).because("Erreur de montant");
        assert!(repo.cancel_policy(&cancelled, now()).await.expect("cancelled"));
        assert_eq!(repo.policy_in_force(Some("971"), "FR-2025", starts).await.expect("in force").1.code, "FR-2019");
        assert!(repo.policy_schedule().await.expect("schedule").iter().all(|v| v.id != id), "not listed once taken back");
        let log = repo
            .admin_actions(AuditFilter { action: Some(AdminAction::PolicyCancelled), subject: None, before: None }, 10)
            .await
            .expect("log");
        assert_eq!(log.rows.len(), 1, "one row for the one cancellation");
        assert_eq!(log.rows[0].reason, "Erreur de montant");
        // The next version takes the following id and number: the journal's rows about
        // the one taken back name no other.
        let (again, version) = repo.schedule_policy(&overseas(), starts, admin, now()).await.expect("again");
        assert_eq!(version, 3);
        assert_ne!(again, id);
    }
}
