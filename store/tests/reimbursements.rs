//! Paying partners, on SQLite and PostgreSQL: bank details wait for the team (and wait
//! again when replaced); a run pays used bookings on validated accounts only, holds each
//! booking once, is the only draft, and marks its bookings reimbursed when paid; an
//! abandoned run frees them; anything changed since the computation refuses the run and
//! leaves nothing behind; each decision has its row of the audit log.

#[macro_use]
mod support;

use chrono::{Duration, NaiveDate};
use domain::Cents;
use domain::account::Role;
use domain::admin::{AdminAction, SubjectKind};
use domain::notification::MailKind;
use domain::payments::RunStatus;
use domain::pro::bank::{BankForm, BankStatus};
use domain::pro::statement::StatementLine;
use domain::ticket::{BookingStatus, TicketRefusal};
use domain::token::Token;
use store::*;
use support::*;

const IBAN: &str = "FR7630006000011234567890189";
const HOLDER: &str = "Librairie Kléber SARL";

/// The details of [`details`], as the team reads them.
fn seen(iban: &str) -> SeenDetails<'_> {
    SeenDetails {
        holder: HOLDER,
        iban,
        bic: "AGRIFRPP",
    }
}

fn details() -> domain::pro::bank::BankDetails {
    BankForm {
        holder: HOLDER.into(),
        iban: IBAN.into(),
        bic: "AGRIFRPP".into(),
    }
    .parse()
    .expect("valid details")
}

/// The structure's details entered by its partner and validated by the team.
async fn validated_account(repo: &Repo, structure_id: i64, partner_id: i64) {
    repo.submit_bank_account(structure_id, &details(), partner_id, now())
        .await
        .expect("submit");
    let team = admin(repo).await;
    let record = ActionRecord::new(team, AdminAction::BankDetailsValidated, structure_id);
    assert!(
        repo.decide_bank_account(structure_id, seen(IBAN), true, &record, now())
            .await
            .expect("decide")
    );
}

/// A book bought by `young` at the fixture's venue and handed over at the counter.
async fn used_book(repo: &Repo, f: &Fixture, young: i64, euros: i64) -> i64 {
    let (_, stock) = f
        .offer(repo, "LIVRE_PAPIER", Cents::euros(euros), Some(5))
        .await;
    let booking = repo.book(&book(young, stock)).await.expect("book");
    let token = Token::parse(&booking.token).expect("token");
    repo.validate_ticket(f.partner_id, &token, now() + Duration::minutes(1))
        .await
        .expect("validate");
    booking.id
}

/// Lines paid in full (the tiers are `domain`'s to compute).
fn payment(structure_id: i64, bookings: &[(i64, i64)]) -> NewPayment {
    NewPayment {
        structure_id,
        lines: bookings
            .iter()
            .map(|&(booking_id, euros)| StatementLine {
                booking_id,
                venue_id: 0,
                amount: Cents::euros(euros),
                reimbursed: Cents::euros(euros),
            })
            .collect(),
    }
}

fn refusal<T: std::fmt::Debug>(result: Result<T, StoreError>) -> String {
    match result {
        Err(StoreError::RunRefused(refusal)) => refusal.to_string(),
        other => panic!("expected a run refusal, got {other:?}"),
    }
}

async fn status(repo: &Repo, young: i64, booking_id: i64) -> BookingStatus {
    repo.booking_of_user(young, booking_id)
        .await
        .expect("read")
        .expect("booking")
        .status
}

async fn run_log(repo: &Repo, run_id: i64) -> Vec<AdminAction> {
    let filter = AuditFilter {
        subject: Some((SubjectKind::Run, run_id)),
        ..AuditFilter::default()
    };
    let page = repo.admin_actions(filter, 10).await.expect("log");
    page.rows.into_iter().map(|row| row.action).collect()
}

fn last_day() -> NaiveDate {
    now().date_naive()
}

fn until() -> chrono::DateTime<chrono::Utc> {
    now() + Duration::days(1)
}

on_every_backend! {
    async fn bank_details_wait_for_the_team_and_wait_again_when_replaced(repo) {
        let f = Fixture::new(&repo).await;
        assert!(repo.bank_account(f.structure_id).await.expect("read").is_none());
        repo.submit_bank_account(f.structure_id, &details(), f.partner_id, now()).await.expect("submit");
        let waiting = repo.bank_accounts_to_check(None, 10).await.expect("queue");
        assert_eq!(waiting.total, 1);
        assert_eq!(waiting.rows[0].iban, IBAN);
        assert_eq!(waiting.rows[0].structure_name, "Librairie Kléber");

        let team = admin(&repo).await;
        let record = ActionRecord::new(team, AdminAction::BankDetailsValidated, f.structure_id);
        let other_iban = "DE89370400440532013000";
        assert!(!repo.decide_bank_account(f.structure_id, seen(other_iban), true, &record, now()).await.expect("decide"),
            "a decision on details the team did not read changes nothing");
        assert!(repo.decide_bank_account(f.structure_id, seen(IBAN), true, &record, now()).await.expect("decide"));
        assert!(!repo.decide_bank_account(f.structure_id, seen(IBAN), true, &record, now()).await.expect("decide"), "once");
        let account = repo.bank_account(f.structure_id).await.expect("read").expect("account");
        assert_eq!((account.status, account.holder.as_str()), (BankStatus::Validated, "Librairie Kléber SARL"));
        assert_eq!(repo.bank_accounts_to_check(None, 10).await.expect("queue").total, 0);

        let mut renamed = details();
        renamed.holder = "Quelqu'un d'autre".into();
        repo.submit_bank_account(f.structure_id, &renamed, f.partner_id, now()).await.expect("submit");
        assert_eq!(repo.bank_account(f.structure_id).await.expect("read").expect("account").status, BankStatus::Pending,
            "new details wait for the team again");
        assert!(!repo.decide_bank_account(f.structure_id, seen(IBAN), true, &record, now()).await.expect("decide"),
            "the same IBAN under another holder is not what the team read");
        repo.submit_bank_account(f.structure_id, &details(), f.partner_id, now()).await.expect("submit");
        let refuse = ActionRecord::new(team, AdminAction::BankDetailsRefused, f.structure_id).because("RIB illisible");
        assert!(repo.decide_bank_account(f.structure_id, seen(IBAN), false, &refuse, now()).await.expect("decide"));
        let account = repo.bank_account(f.structure_id).await.expect("read").expect("account");
        assert_eq!((account.status, account.refusal_reason.as_deref()), (BankStatus::Refused, Some("RIB illisible")));
        let log = repo.admin_actions(AuditFilter { subject: Some((SubjectKind::Structure, f.structure_id)), ..AuditFilter::default() }, 10)
            .await.expect("log");
        assert_eq!(log.rows.iter().map(|r| r.action).collect::<Vec<_>>(),
            vec![AdminAction::BankDetailsRefused, AdminAction::BankDetailsValidated, AdminAction::StructureValidated]);
    }
}

on_every_backend! {
    async fn a_run_pays_used_bookings_once_and_only_on_validated_accounts(repo) {
        let f = Fixture::new(&repo).await;
        let lea = f.young(&repo, "lea@test.fr").await;
        let first = used_book(&repo, &f, lea, 12).await;
        let second = used_book(&repo, &f, lea, 8).await;
        let (_, stock) = f.offer(&repo, "LIVRE_PAPIER", Cents::euros(5), Some(5)).await;
        let confirmed = repo.book(&book(lea, stock)).await.expect("book").id;
        let (_, stock) = f.offer(&repo, "LIVRE_PAPIER", Cents::euros(6), Some(5)).await;
        let cancelled = repo.book(&book(lea, stock)).await.expect("book").id;
        repo.cancel_by_young(lea, cancelled, now()).await.expect("cancel");
        // Another structure, whose details the team has not validated.
        let other_partner = user(&repo, "cine@test.fr", Role::Partner, None).await;
        let other = structure(&repo, other_partner, "Cinéma Star", "552100554", true).await;
        repo.submit_bank_account(other, &details(), other_partner, now()).await.expect("submit");

        let outstanding = repo.outstanding_structures(until()).await.expect("outstanding");
        assert_eq!(outstanding.iter().map(|o| (o.structure_id, o.bookings, o.bank_validated)).collect::<Vec<_>>(),
            vec![(f.structure_id, 2, false)], "used bookings only");
        assert!(repo.outstanding_structures(now()).await.expect("outstanding").is_empty(),
            "bookings used after the last day wait for the next run");
        validated_account(&repo, f.structure_id, f.partner_id).await;
        assert!(repo.outstanding_structures(until()).await.expect("outstanding")[0].bank_validated);
        assert_eq!(repo.outstanding_bookings(f.structure_id, until()).await.expect("ids"), vec![first, second]);

        let team = admin(&repo).await;
        let refused = repo.prepare_run(last_day(), &[payment(other, &[(first, 12)])], team, now()).await;
        assert!(refusal(refused).contains("ont changé"), "no payment to an account the team did not validate");
        let refused = repo.prepare_run(last_day(), &[payment(f.structure_id, &[(confirmed, 5)])], team, now()).await;
        assert!(refusal(refused).contains("ont changé"), "a booking not used is not paid");
        assert!(repo.runs(None, 10).await.expect("runs").rows.is_empty(), "a refused run leaves nothing");

        let run = repo.prepare_run(last_day(), &[payment(f.structure_id, &[(first, 12), (second, 8)])], team, now())
            .await.expect("prepare");
        let again = repo.prepare_run(last_day(), &[payment(f.structure_id, &[(first, 12)])], team, now()).await;
        assert!(refusal(again).contains("déjà en préparation"));
        assert!(repo.outstanding_structures(until()).await.expect("outstanding").is_empty(), "held by the draft");
        let token = Token::parse(&repo.booking_of_user(lea, first).await.expect("read").expect("booking").token).expect("token");
        let undo = repo.undo_validation(f.partner_id, &token, now() + Duration::minutes(2)).await;
        assert!(matches!(undo, Err(StoreError::TicketRefused(TicketRefusal::NotCancellable))), "{undo:?}");

        let draft = repo.run(run).await.expect("read").expect("run");
        assert_eq!((draft.status, draft.payments, draft.total_cents, draft.last_day.as_str()), (RunStatus::Draft, 1, 2000, "2026-12-01"));
        let payments = repo.run_payments(run).await.expect("payments");
        assert_eq!((payments[0].iban.as_str(), payments[0].reimbursed_cents, payments[0].paid_at), (IBAN, 2000, None));
        assert!(repo.structure_payments(f.structure_id, None, 10).await.expect("history").rows.is_empty(), "not paid yet");

        let paid = ActionRecord::new(team, AdminAction::RunPaid, run);
        let notice = OutgoingMail::text("Virement de 20,00 € envoyé", "PASS-CULTURE");
        repo.close_run(run, true, &paid, &[(f.structure_id, notice.clone().into())], now()).await.expect("pay");
        let transfers = |repo: Repo| async move {
            repo.outbox(50).await.expect("outbox").into_iter()
                .filter(|m| m.kind == MailKind::TransferSent)
                .map(|m| (m.user_id, m.subject))
                .collect::<Vec<_>>()
        };
        assert_eq!(transfers(repo.clone()).await, vec![(Some(f.partner_id), notice.subject.clone())],
            "the structure's administrator is told, in the payment's transaction");
        assert_eq!(status(&repo, lea, first).await, BookingStatus::Reimbursed);
        assert_eq!(status(&repo, lea, second).await, BookingStatus::Reimbursed);
        assert_eq!(status(&repo, lea, confirmed).await, BookingStatus::Confirmed);
        assert!(refusal(repo.close_run(run, true, &paid, &[(f.structure_id, notice.into())], now()).await).contains("plus à payer"), "once");
        assert_eq!(transfers(repo.clone()).await.len(), 1, "a refused payment tells no one");
        assert_eq!(repo.run(run).await.expect("read").expect("run").status, RunStatus::Paid);
        let history = repo.structure_payments(f.structure_id, None, 10).await.expect("history");
        assert_eq!((history.total, history.rows[0].reimbursed_cents), (1, 2000));
        assert!(history.rows[0].paid_at.is_some());
        let lines = repo.payment_lines(&[history.rows[0].id]).await.expect("lines");
        assert_eq!(lines.iter().map(|l| l.amount_cents).collect::<Vec<_>>(), vec![1200, 800]);
        assert_eq!(run_log(&repo, run).await, vec![AdminAction::RunPaid, AdminAction::RunPrepared]);

        let twice = repo.prepare_run(last_day(), &[payment(f.structure_id, &[(first, 12)])], team, now()).await;
        assert!(refusal(twice).contains("ont changé"), "a reimbursed booking is never paid again");
        assert_eq!(repo.runs(None, 10).await.expect("runs").total, 1);
    }
}

on_every_backend! {
    async fn an_abandoned_run_gives_its_bookings_to_the_next_one(repo) {
        let f = Fixture::new(&repo).await;
        let lea = f.young(&repo, "lea@test.fr").await;
        let used = used_book(&repo, &f, lea, 15).await;
        validated_account(&repo, f.structure_id, f.partner_id).await;
        let team = admin(&repo).await;
        let run = repo.prepare_run(last_day(), &[payment(f.structure_id, &[(used, 15)])], team, now())
            .await.expect("prepare");
        let record = ActionRecord::new(team, AdminAction::RunAbandoned, run).because("Montant à vérifier");
        let notice = OutgoingMail::text("Virement envoyé", "PASS-CULTURE");
        repo.close_run(run, false, &record, &[(f.structure_id, notice.into())], now()).await.expect("abandon");
        assert!(repo.outbox(50).await.expect("outbox").iter().all(|m| m.kind != MailKind::TransferSent),
            "an abandoned run tells no one");
        assert_eq!(repo.run(run).await.expect("read").expect("run").status, RunStatus::Abandoned);
        assert_eq!(status(&repo, lea, used).await, BookingStatus::Used);
        assert_eq!(repo.outstanding_bookings(f.structure_id, until()).await.expect("ids"), vec![used]);
        let paid = ActionRecord::new(team, AdminAction::RunPaid, run);
        assert!(refusal(repo.close_run(run, true, &paid, &[], now()).await).contains("plus à payer"));

        let next = repo.prepare_run(last_day(), &[payment(f.structure_id, &[(used, 15)])], team, now())
            .await.expect("a new draft once the other is given up");
        repo.close_run(next, true, &ActionRecord::new(team, AdminAction::RunPaid, next), &[], now()).await.expect("pay");
        assert_eq!(status(&repo, lea, used).await, BookingStatus::Reimbursed);
        assert_eq!(run_log(&repo, run).await, vec![AdminAction::RunAbandoned, AdminAction::RunPrepared]);
        let runs = repo.runs(None, 1).await.expect("runs");
        assert_eq!((runs.total, runs.rows[0].id, runs.next), (2, next, Some(next)), "newest first, a page at a time");
    }
}

on_every_backend! {
    async fn an_e_book_once_reimbursed_is_still_the_readers_and_not_booked_twice(repo) {
        let f = Fixture::new(&repo).await;
        let lea = f.young(&repo, "lea@test.fr").await;
        let online = virtual_venue(&repo, f.structure_id).await;
        let (_, stock) = offer_at(&repo, online, "LIVRE_NUMERIQUE", Cents::euros(9), None, None, false).await;
        let ebook = repo.book(&book(lea, stock)).await.expect("book");
        assert_eq!(ebook.status, BookingStatus::Used, "delivered at once");
        validated_account(&repo, f.structure_id, f.partner_id).await;
        let team = admin(&repo).await;
        let run = repo.prepare_run(last_day(), &[payment(f.structure_id, &[(ebook.id, 9)])], team, now())
            .await.expect("prepare");
        repo.close_run(run, true, &ActionRecord::new(team, AdminAction::RunPaid, run), &[], now()).await.expect("pay");
        assert_eq!(status(&repo, lea, ebook.id).await, BookingStatus::Reimbursed);
        let again = repo.book(&book(lea, stock)).await;
        assert!(matches!(again, Err(StoreError::BookingRefused(domain::booking::BookingRefusal::AlreadyBooked))), "{again:?}");
    }
}

on_every_backend! {
    async fn a_booking_reimbursed_nothing_is_settled_at_zero_and_waits_no_more(repo) {
        let f = Fixture::new(&repo).await;
        let lea = f.young(&repo, "lea@test.fr").await;
        let free = used_book(&repo, &f, lea, 0).await;
        validated_account(&repo, f.structure_id, f.partner_id).await;
        let team = admin(&repo).await;
        let run = repo.prepare_run(last_day(), &[payment(f.structure_id, &[(free, 0)])], team, now())
            .await.expect("a run that settles without paying");
        assert_eq!(repo.run(run).await.expect("read").expect("run").total_cents, 0);
        let notice = OutgoingMail::text("Virement de 0,00 € envoyé", "PASS-CULTURE");
        repo.close_run(run, true, &ActionRecord::new(team, AdminAction::RunPaid, run), &[(f.structure_id, notice.into())], now())
            .await.expect("settle");
        assert!(repo.outbox(50).await.expect("outbox").iter().all(|m| m.kind != MailKind::TransferSent),
            "no mail about a transfer of nothing");
        assert_eq!(status(&repo, lea, free).await, BookingStatus::Reimbursed);
        assert!(repo.outstanding_structures(until()).await.expect("outstanding").is_empty(), "nothing waits any more");
        assert!(refusal(repo.prepare_run(last_day(), &[], team, now()).await).contains("Aucune réservation"));
    }
}
