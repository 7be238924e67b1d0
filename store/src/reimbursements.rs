//! Paying partners (`domain::payments`): a structure's bank details, checked by the team;
//! runs that hold each booking they pay in one line (the booking is the line's key, so
//! nothing is paid twice), one draft at a time; paying a run marks its bookings
//! "reimbursed" only if every one of them is still used, else nothing changes. Each of
//! the team's decisions writes its row of the audit log in the same transaction.

use crate::audit::ActionRecord;
use crate::backend::{Affected, Db, Store};
use crate::error::StoreError;
use crate::models::Letter;
use crate::outbox::Recipient;
use crate::time::Seconds;
use chrono::{DateTime, NaiveDate, Utc};
use domain::admin::{AdminAction, Page};
use domain::notification::MailKind;
use domain::payments::{RunRefusal, RunStatus};
use domain::pro::bank::{BankDetails, BankStatus};
use domain::pro::statement::StatementLine;
use sqlx::QueryBuilder;

type Result<T> = std::result::Result<T, StoreError>;

/// A run's refusal, on the form's `run` field.
fn refused(refusal: RunRefusal) -> StoreError {
    StoreError::RunRefused(refusal)
}

/// A structure's bank details and where the team stands on them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BankAccountRow {
    pub structure_id: i64,
    pub holder: String,
    pub iban: String,
    pub bic: String,
    #[sqlx(try_from = "String")]
    pub status: BankStatus,
    #[sqlx(try_from = "Seconds")]
    pub submitted_at: DateTime<Utc>,
    pub refusal_reason: Option<String>,
}

/// Bank details waiting for the team, with whose they are.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BankCheckRow {
    pub structure_id: i64,
    pub structure_name: String,
    pub siren: String,
    pub holder: String,
    pub iban: String,
    pub bic: String,
    pub submitted_by: String,
    #[sqlx(try_from = "Seconds")]
    pub submitted_at: DateTime<Utc>,
}

/// Bank details as the team read them: a decision is about exactly these.
#[derive(Debug, Clone, Copy)]
pub struct SeenDetails<'a> {
    pub holder: &'a str,
    pub iban: &'a str,
    pub bic: &'a str,
}

/// A structure with used bookings that no payment holds yet.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutstandingRow {
    pub structure_id: i64,
    pub structure_name: String,
    #[sqlx(try_from = "Seconds")]
    pub first_used_at: DateTime<Utc>,
    pub bookings: i64,
    /// Whether the team validated its bank details: a run pays only those.
    pub bank_validated: bool,
}

/// What a run pays one structure: its lines, computed by `domain::payments`.
#[derive(Debug, Clone)]
pub struct NewPayment {
    pub structure_id: i64,
    pub lines: Vec<StatementLine>,
}

impl NewPayment {
    fn amount(&self) -> i64 {
        self.lines.iter().map(|line| line.amount.get()).sum()
    }

    fn reimbursed(&self) -> i64 {
        self.lines.iter().map(|line| line.reimbursed.get()).sum()
    }
}

/// A run, with who prepared it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RunRow {
    pub id: i64,
    pub last_day: String,
    #[sqlx(try_from = "String")]
    pub status: RunStatus,
    pub payments: i64,
    pub total_cents: i64,
    pub prepared_by: String,
    #[sqlx(try_from = "Seconds")]
    pub prepared_at: DateTime<Utc>,
    #[sqlx(try_from = "crate::time::MaybeSeconds")]
    pub closed_at: Option<DateTime<Utc>>,
}

/// One transfer of a run: to which structure, on which account, how much.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PaymentRow {
    pub id: i64,
    pub run_id: i64,
    pub structure_id: i64,
    pub structure_name: String,
    pub siren: String,
    pub holder: String,
    pub iban: String,
    pub bic: String,
    pub amount_cents: i64,
    pub reimbursed_cents: i64,
    pub last_day: String,
    #[sqlx(try_from = "crate::time::MaybeSeconds")]
    pub paid_at: Option<DateTime<Utc>>,
}

/// A booking a payment reimbursed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PaymentLineRow {
    pub payment_id: i64,
    pub token: String,
    pub offer_title: String,
    pub venue_name: String,
    #[sqlx(try_from = "crate::time::MaybeSeconds")]
    pub used_at: Option<DateTime<Utc>>,
    pub amount_cents: i64,
    pub reimbursed_cents: i64,
}

#[async_trait::async_trait]
pub trait Reimbursements: Send + Sync + 'static {
    async fn bank_account(&self, structure_id: i64) -> Result<Option<BankAccountRow>>;
    /// New bank details for the structure, waiting for the team (whatever it had said of
    /// the previous ones).
    async fn submit_bank_account(
        &self,
        structure_id: i64,
        details: &BankDetails,
        submitted_by: i64,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// Bank details waiting for the team, longest waiting first, after the structure
    /// `after` (the previous page's last).
    async fn bank_accounts_to_check(
        &self,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Page<BankCheckRow>>;
    /// Validates waiting bank details, or refuses them with the record's reason. False
    /// when they were not waiting as `seen` (decided already, or replaced since they
    /// were read).
    async fn decide_bank_account(
        &self,
        structure_id: i64,
        seen: SeenDetails<'_>,
        approve: bool,
        record: &ActionRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Structures with bookings used before `until` that no payment holds.
    async fn outstanding_structures(&self, until: DateTime<Utc>) -> Result<Vec<OutstandingRow>>;
    /// A structure's bookings used before `until` that no payment holds.
    async fn outstanding_bookings(
        &self,
        structure_id: i64,
        until: DateTime<Utc>,
    ) -> Result<Vec<i64>>;
    /// Writes a draft run and its payments on the structures' validated accounts, with
    /// its row of the audit log; refused when a draft exists or anything changed since
    /// the payments were computed (a booking no longer used or already held, bank details
    /// no longer validated).
    async fn prepare_run(
        &self,
        last_day: NaiveDate,
        payments: &[NewPayment],
        admin_id: i64,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    /// Runs, newest first, before a cursor.
    async fn runs(&self, before: Option<i64>, limit: i64) -> Result<Page<RunRow>>;
    async fn run(&self, run_id: i64) -> Result<Option<RunRow>>;
    /// The run still to pay, if any.
    async fn draft_run(&self) -> Result<Option<i64>>;
    async fn run_payments(&self, run_id: i64) -> Result<Vec<PaymentRow>>;
    /// Pays a draft run (its bookings become "reimbursed") or gives it up (its bookings
    /// go back to the next run), with the record's row of the audit log. Once paid, each
    /// structure's notice (`notices`, by structure) is queued, in the same transaction,
    /// to its administrators, if the run sends it money.
    async fn close_run(
        &self,
        run_id: i64,
        paid: bool,
        record: &ActionRecord<'_>,
        notices: &[(i64, Letter)],
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// A structure's paid transfers, newest first, before a cursor.
    async fn structure_payments(
        &self,
        structure_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Page<PaymentRow>>;
    /// The bookings of these payments.
    async fn payment_lines(&self, payment_ids: &[i64]) -> Result<Vec<PaymentLineRow>>;
}

const PAYMENTS: &str = "SELECT p.id, p.run_id, p.structure_id, s.name AS structure_name, s.siren, \
     p.holder, p.iban, p.bic, p.amount_cents, p.reimbursed_cents, r.last_day, \
     CASE WHEN r.status = 'paid' THEN r.closed_at END AS paid_at \
     FROM reimbursement_payments p JOIN reimbursement_runs r ON r.id = p.run_id \
     JOIN structures s ON s.id = p.structure_id";

const RUNS: &str = "SELECT r.id, r.last_day, r.status, r.payments, r.total_cents, \
     u.first_name || ' ' || u.last_name AS prepared_by, r.prepared_at, r.closed_at \
     FROM reimbursement_runs r JOIN users u ON u.id = r.prepared_by";

#[async_trait::async_trait]
impl<DB: Db> Reimbursements for Store<DB> {
    async fn bank_account(&self, structure_id: i64) -> Result<Option<BankAccountRow>> {
        Ok(sqlx::query_as(
            "SELECT structure_id, holder, iban, bic, status, submitted_at, refusal_reason \
             FROM bank_accounts WHERE structure_id = $1",
        )
        .bind(structure_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn submit_bank_account(
        &self,
        structure_id: i64,
        details: &BankDetails,
        submitted_by: i64,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO bank_accounts (structure_id, holder, iban, bic, status, submitted_by, submitted_at) \
             VALUES ($1, $2, $3, $4, 'pending', $5, $6) \
             ON CONFLICT (structure_id) DO UPDATE SET holder = excluded.holder, iban = excluded.iban, \
             bic = excluded.bic, status = 'pending', submitted_by = excluded.submitted_by, \
             submitted_at = excluded.submitted_at, decided_at = NULL, refusal_reason = NULL",
        )
        .bind(structure_id)
        .bind(&details.holder)
        .bind(details.iban.as_str())
        .bind(details.bic.as_str())
        .bind(submitted_by)
        .bind(crate::time::to_db(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn bank_accounts_to_check(
        &self,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Page<BankCheckRow>> {
        let total: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM bank_accounts WHERE status = 'pending'")
                .fetch_one(&self.pool)
                .await?;
        let mut query = QueryBuilder::<DB>::new(
            "SELECT a.structure_id, s.name AS structure_name, s.siren, a.holder, a.iban, a.bic, \
             u.first_name || ' ' || u.last_name AS submitted_by, a.submitted_at \
             FROM bank_accounts a JOIN structures s ON s.id = a.structure_id \
             JOIN users u ON u.id = a.submitted_by WHERE a.status = 'pending'",
        );
        if let Some(after) = after {
            query
                .push(" AND (a.submitted_at, a.structure_id) > ((SELECT submitted_at FROM bank_accounts WHERE structure_id = ")
                .push_bind(after)
                .push("), ")
                .push_bind(after)
                .push(")");
        }
        query.push(" ORDER BY a.submitted_at, a.structure_id");
        Ok(self
            .read_page(query, limit, total, |row: &BankCheckRow| row.structure_id)
            .await?)
    }

    #[tracing::instrument(skip(self, record))]
    async fn decide_bank_account(
        &self,
        structure_id: i64,
        seen: SeenDetails<'_>,
        approve: bool,
        record: &ActionRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let (status, reason) = if approve {
            ("validated", None)
        } else {
            ("refused", Some(record.reason))
        };
        let decided = sqlx::query(
            "UPDATE bank_accounts SET status = $1, refusal_reason = $2, decided_at = $3 \
             WHERE structure_id = $4 AND holder = $5 AND iban = $6 AND bic = $7 \
             AND status = 'pending'",
        )
        .bind(status)
        .bind(reason)
        .bind(crate::time::to_db(now))
        .bind(structure_id)
        .bind(seen.holder)
        .bind(seen.iban)
        .bind(seen.bic)
        .execute(&mut *tx)
        .await?;
        if decided.rows_affected() != 1 {
            return Ok(false);
        }
        Self::record_action(&mut tx, record, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn outstanding_structures(&self, until: DateTime<Utc>) -> Result<Vec<OutstandingRow>> {
        Ok(sqlx::query_as(
            "SELECT v.structure_id, s.name AS structure_name, MIN(b.used_at) AS first_used_at, \
             COUNT(*) AS bookings, a.structure_id IS NOT NULL AS bank_validated \
             FROM bookings b JOIN offers o ON o.id = b.offer_id JOIN venues v ON v.id = o.venue_id \
             JOIN structures s ON s.id = v.structure_id \
             LEFT JOIN bank_accounts a ON a.structure_id = v.structure_id AND a.status = 'validated' \
             WHERE b.status = 'used' AND b.used_at < $1 \
             AND NOT EXISTS (SELECT 1 FROM reimbursement_lines l WHERE l.booking_id = b.id) \
             GROUP BY v.structure_id, s.name, a.structure_id ORDER BY v.structure_id",
        )
        .bind(crate::time::to_db(until))
        .fetch_all(&self.pool)
        .await?)
    }

    async fn outstanding_bookings(
        &self,
        structure_id: i64,
        until: DateTime<Utc>,
    ) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT b.id FROM bookings b JOIN offers o ON o.id = b.offer_id \
             JOIN venues v ON v.id = o.venue_id \
             WHERE v.structure_id = $1 AND b.status = 'used' AND b.used_at < $2 \
             AND NOT EXISTS (SELECT 1 FROM reimbursement_lines l WHERE l.booking_id = b.id) \
             ORDER BY b.id",
        )
        .bind(structure_id)
        .bind(crate::time::to_db(until))
        .fetch_all(&self.pool)
        .await?)
    }

    #[tracing::instrument(skip(self, payments))]
    async fn prepare_run(
        &self,
        last_day: NaiveDate,
        payments: &[NewPayment],
        admin_id: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let total: i64 = payments.iter().map(NewPayment::reimbursed).sum();
        if payments.iter().all(|payment| payment.lines.is_empty()) {
            return Err(refused(RunRefusal::NothingToPay));
        }
        let mut tx = self.begin_write().await?;
        let run_id: i64 = sqlx::query_scalar(
            "INSERT INTO reimbursement_runs (last_day, status, payments, total_cents, prepared_by, prepared_at) \
             VALUES ($1, 'draft', $2, $3, $4, $5) RETURNING id",
        )
        .bind(last_day.format("%Y-%m-%d").to_string())
        .bind(payments.len() as i64)
        .bind(total)
        .bind(admin_id)
        .bind(crate::time::to_db(now))
        .fetch_one(&mut *tx)
        .await
        .map_err(|error| match StoreError::from(error) {
            StoreError::Conflict(_) => refused(RunRefusal::AlreadyPreparing),
            other => other,
        })?;
        for payment in payments {
            let payment_id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO reimbursement_payments \
                 (run_id, structure_id, holder, iban, bic, amount_cents, reimbursed_cents) \
                 SELECT $1, a.structure_id, a.holder, a.iban, a.bic, $2, $3 FROM bank_accounts a \
                 WHERE a.structure_id = $4 AND a.status = 'validated' RETURNING id",
            )
            .bind(run_id)
            .bind(payment.amount())
            .bind(payment.reimbursed())
            .bind(payment.structure_id)
            .fetch_optional(&mut *tx)
            .await?;
            let payment_id = payment_id.ok_or_else(|| refused(RunRefusal::Changed))?;
            for line in &payment.lines {
                // The booking's row stays locked until the run is written: an undone
                // validation waits, then sees the line and is refused.
                let used: Option<i64> = sqlx::query_scalar(DB::for_update(
                    "SELECT id FROM bookings WHERE id = $1 AND status = 'used'",
                    None,
                ))
                .bind(line.booking_id)
                .fetch_optional(&mut *tx)
                .await?;
                if used.is_none() {
                    return Err(refused(RunRefusal::Changed));
                }
                sqlx::query(
                    "INSERT INTO reimbursement_lines (booking_id, payment_id, amount_cents, reimbursed_cents) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(line.booking_id)
                .bind(payment_id)
                .bind(line.amount.get())
                .bind(line.reimbursed.get())
                .execute(&mut *tx)
                .await
                .map_err(|error| match StoreError::from(error) {
                    StoreError::Conflict(_) => refused(RunRefusal::Changed),
                    other => other,
                })?;
            }
        }
        let detail = format!(
            "{} · {}",
            domain::text::counted(payments.len() as i64, "virement", "virements"),
            domain::Cents(total)
        );
        let record = ActionRecord::new(admin_id, AdminAction::RunPrepared, run_id).detail(detail);
        Self::record_action(&mut tx, &record, now).await?;
        tx.commit().await?;
        Ok(run_id)
    }

    async fn runs(&self, before: Option<i64>, limit: i64) -> Result<Page<RunRow>> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reimbursement_runs")
            .fetch_one(&self.pool)
            .await?;
        let mut query = QueryBuilder::<DB>::new(RUNS);
        query.push(" WHERE TRUE");
        if let Some(before) = before {
            query.push(" AND r.id < ").push_bind(before);
        }
        query.push(" ORDER BY r.id DESC");
        Ok(self
            .read_page(query, limit, total, |row: &RunRow| row.id)
            .await?)
    }

    async fn run(&self, run_id: i64) -> Result<Option<RunRow>> {
        let mut query = QueryBuilder::<DB>::new(RUNS);
        query.push(" WHERE r.id = ").push_bind(run_id);
        Ok(query
            .build_query_as::<RunRow>()
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn draft_run(&self) -> Result<Option<i64>> {
        Ok(
            sqlx::query_scalar("SELECT id FROM reimbursement_runs WHERE status = 'draft'")
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn run_payments(&self, run_id: i64) -> Result<Vec<PaymentRow>> {
        let mut query = QueryBuilder::<DB>::new(PAYMENTS);
        query
            .push(" WHERE p.run_id = ")
            .push_bind(run_id)
            .push(" ORDER BY s.name, p.id");
        Ok(query
            .build_query_as::<PaymentRow>()
            .fetch_all(&self.pool)
            .await?)
    }

    #[tracing::instrument(skip(self, record))]
    async fn close_run(
        &self,
        run_id: i64,
        paid: bool,
        record: &ActionRecord<'_>,
        notices: &[(i64, Letter)],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let draft: Option<i64> = sqlx::query_scalar(DB::for_update(
            "SELECT id FROM reimbursement_runs WHERE id = $1 AND status = 'draft'",
            None,
        ))
        .bind(run_id)
        .fetch_optional(&mut *tx)
        .await?;
        if draft.is_none() {
            return Err(refused(RunRefusal::NotDraft));
        }
        if paid {
            let held: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM reimbursement_lines l \
                 JOIN reimbursement_payments p ON p.id = l.payment_id WHERE p.run_id = $1",
            )
            .bind(run_id)
            .fetch_one(&mut *tx)
            .await?;
            let reimbursed = sqlx::query(
                "UPDATE bookings SET status = 'reimbursed' WHERE status = 'used' AND id IN \
                 (SELECT l.booking_id FROM reimbursement_lines l \
                 JOIN reimbursement_payments p ON p.id = l.payment_id WHERE p.run_id = $1)",
            )
            .bind(run_id)
            .execute(&mut *tx)
            .await?;
            if reimbursed.rows_affected() != held as u64 {
                return Err(refused(RunRefusal::Changed));
            }
            for (structure_id, notice) in notices {
                // Only to a structure this run sends money to.
                let administrators = sqlx::query_scalar::<_, i64>(
                    "SELECT m.user_id FROM structure_members m \
                     JOIN reimbursement_payments p ON p.structure_id = m.structure_id \
                     WHERE p.run_id = $1 AND p.structure_id = $2 AND p.reimbursed_cents > 0 \
                     AND m.role = 'admin' ORDER BY m.user_id",
                )
                .bind(run_id)
                .bind(structure_id)
                .fetch_all(&mut *tx)
                .await?;
                for administrator in administrators {
                    self.queue_mail(
                        &mut tx,
                        MailKind::TransferSent,
                        Recipient::Person(administrator),
                        None,
                        notice,
                        now,
                    )
                    .await?;
                }
            }
        } else {
            sqlx::query(
                "DELETE FROM reimbursement_lines WHERE payment_id IN \
                 (SELECT id FROM reimbursement_payments WHERE run_id = $1)",
            )
            .bind(run_id)
            .execute(&mut *tx)
            .await?;
        }
        let status = if paid {
            RunStatus::Paid
        } else {
            RunStatus::Abandoned
        };
        sqlx::query("UPDATE reimbursement_runs SET status = $1, closed_at = $2 WHERE id = $3")
            .bind(status.to_stored())
            .bind(crate::time::to_db(now))
            .bind(run_id)
            .execute(&mut *tx)
            .await?;
        Self::record_action(&mut tx, record, now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn structure_payments(
        &self,
        structure_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Page<PaymentRow>> {
        let total: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM reimbursement_payments p \
             JOIN reimbursement_runs r ON r.id = p.run_id \
             WHERE p.structure_id = $1 AND r.status = 'paid'",
        )
        .bind(structure_id)
        .fetch_one(&self.pool)
        .await?;
        let mut query = QueryBuilder::<DB>::new(PAYMENTS);
        query
            .push(" WHERE r.status = 'paid' AND p.structure_id = ")
            .push_bind(structure_id);
        if let Some(before) = before {
            query.push(" AND p.id < ").push_bind(before);
        }
        query.push(" ORDER BY p.id DESC");
        Ok(self
            .read_page(query, limit, total, |row: &PaymentRow| row.id)
            .await?)
    }

    async fn payment_lines(&self, payment_ids: &[i64]) -> Result<Vec<PaymentLineRow>> {
        if payment_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut query = QueryBuilder::<DB>::new(
            "SELECT l.payment_id, b.token, o.title AS offer_title, v.name AS venue_name, b.used_at, \
             l.amount_cents, l.reimbursed_cents \
             FROM reimbursement_lines l JOIN bookings b ON b.id = l.booking_id \
             JOIN offers o ON o.id = b.offer_id JOIN venues v ON v.id = o.venue_id \
             WHERE l.payment_id IN (",
        );
        let mut ids = query.separated(", ");
        for id in payment_ids {
            ids.push_bind(*id);
        }
        query.push(") ORDER BY l.payment_id DESC, b.used_at, b.id");
        Ok(query
            .build_query_as::<PaymentLineRow>()
            .fetch_all(&self.pool)
            .await?)
    }
}
