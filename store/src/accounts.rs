//! Accounts and sessions: people, their logins and sessions, the attempt counters that
//! slow down guessing, reset links and their mails, identity checks.

use crate::audit::ActionRecord;
use crate::backend::{Affected, Db, Store};
use crate::error::StoreError;
use crate::models::*;
use crate::outbox::Recipient;
use chrono::{DateTime, Utc};
use domain::admin::{AdminAction, Page};
use domain::notification::MailKind;
use domain::text::Email;
use sqlx::QueryBuilder;

type Result<T> = std::result::Result<T, StoreError>;

#[async_trait::async_trait]
pub trait Accounts: Send + Sync + 'static {
    /// An account whose address is known good (the demo's, tests', benches'): verified
    /// from the start. A person signing up goes through [`crate::EmailChecks::sign_up`].
    async fn create_verified_user(&self, user: &NewUser, now: DateTime<Utc>) -> Result<i64>;
    async fn user_by_email(&self, email: &Email) -> Result<Option<UserRow>>;
    async fn user(&self, user_id: i64) -> Result<Option<UserRow>>;
    async fn create_session(
        &self,
        id_hash: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()>;
    /// The user of a live session.
    async fn session_user(&self, id_hash: &str, now: DateTime<Utc>) -> Result<Option<UserRow>>;
    async fn delete_session(&self, id_hash: &str) -> Result<()>;
    /// Counts one attempt (a login, a link mail) against `counter` and returns its
    /// attempts in the window, this one included, in one statement: a window that began
    /// before `window_start` starts again at `now` with this attempt.
    async fn count_attempt(
        &self,
        counter: &str,
        now: DateTime<Utc>,
        window_start: DateTime<Utc>,
    ) -> Result<i64>;
    /// Takes one attempt back from `counter` (a login that succeeded), never below zero.
    async fn forgive_attempt(&self, counter: &str) -> Result<()>;
    /// Forgets `counter` (its owner signed in).
    async fn clear_attempts(&self, counter: &str) -> Result<()>;
    /// Deletes what is dead and only a risk if kept: expired sessions, reset and address
    /// links used or expired, invitations expired, attempt counters whose window closed
    /// before `window_start`, messages delivered or given up longer ago than
    /// `domain::notification::kept_for`. Returns how many rows went.
    async fn purge_expired(&self, now: DateTime<Utc>, window_start: DateTime<Utc>) -> Result<u64>;
    /// Moves the account to an address known good (tests, tools), its verification as it
    /// was (`Conflict` when another account has it). A person's new address replaces the old one only
    /// through its link ([`crate::EmailChecks::confirm_email`]).
    async fn set_email(&self, user_id: i64, email: &Email) -> Result<()>;
    /// Replaces a password hash and ends every session of the person.
    async fn set_password(&self, user_id: i64, password_hash: &str) -> Result<()>;
    /// Remembers the language a person chose (a tag the app knows), for their other
    /// devices and for what is sent to them outside any page.
    async fn set_language(&self, user_id: i64, tag: &str) -> Result<()>;
    /// Deletes an account the way the law asks while keeping the books straight: the
    /// person's data is erased from the user row (which stays, anonymous, under the
    /// bookings and the ledger), sessions and favorites are deleted.
    async fn anonymize_user(&self, user_id: i64) -> Result<()>;
    /// Stores a reset link (its hash) and the e-mail that carries it, together.
    async fn create_password_reset(
        &self,
        reset: &NewPasswordReset,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// Uses a reset link once: the user it was for, if it is valid, unused and unexpired;
    /// their address is then verified (the link came to it).
    async fn consume_password_reset(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>>;
    /// Records the identity check of a new account, already decided or pending; an
    /// approved one schedules the look that grants its credit (`crate::Grants`).
    async fn submit_identity(&self, user_id: i64, approved: bool, now: DateTime<Utc>)
    -> Result<()>;
    /// Pending checks, oldest first, with who they are for: a page after the person
    /// `after` (the previous page's last), with how many wait.
    async fn pending_identities(&self, after: Option<i64>, limit: i64) -> Result<Page<UserRow>>;
    /// Decides a pending check (an approval schedules the look that grants its credit);
    /// `false` when it was not pending (decided meanwhile).
    async fn decide_identity(
        &self,
        user_id: i64,
        approve: bool,
        admin_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool>;
}

#[async_trait::async_trait]
impl<DB: Db> Accounts for Store<DB> {
    #[tracing::instrument(skip_all)]
    async fn create_verified_user(&self, user: &NewUser, now: DateTime<Utc>) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let id = self.insert_user(&mut tx, user, Some(now), now).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn user_by_email(&self, email: &Email) -> Result<Option<UserRow>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            crate::columns::user_columns!(),
            " FROM users u WHERE u.email = $1"
        ))
        .bind(email.as_str())
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn user(&self, user_id: i64) -> Result<Option<UserRow>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            crate::columns::user_columns!(),
            " FROM users u WHERE u.id = $1"
        ))
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn create_session(
        &self,
        id_hash: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query("INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(id_hash)
            .bind(user_id)
            .bind(crate::time::to_db(now))
            .bind(crate::time::to_db(expires_at))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn session_user(&self, id_hash: &str, now: DateTime<Utc>) -> Result<Option<UserRow>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            crate::columns::user_columns!(),
            " FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.suspended_at IS NULL"
        ))
        .bind(id_hash)
        .bind(crate::time::to_db(now))
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn delete_session(&self, id_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn count_attempt(
        &self,
        counter: &str,
        now: DateTime<Utc>,
        window_start: DateTime<Utc>,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let attempts = sqlx::query_scalar::<_, i64>(
            "INSERT INTO attempt_counters (counter, window_start, attempts) VALUES ($1, $2, 1) \
             ON CONFLICT (counter) DO UPDATE SET \
             attempts = CASE WHEN attempt_counters.window_start < $3 THEN 1 ELSE attempt_counters.attempts + 1 END, \
             window_start = CASE WHEN attempt_counters.window_start < $3 THEN $2 ELSE attempt_counters.window_start END \
             RETURNING attempts",
        )
        .bind(counter)
        .bind(crate::time::to_db(now))
        .bind(crate::time::to_db(window_start))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(attempts)
    }

    async fn forgive_attempt(&self, counter: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE attempt_counters SET attempts = attempts - 1 WHERE counter = $1 AND attempts > 0")
            .bind(counter)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn clear_attempts(&self, counter: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM attempt_counters WHERE counter = $1")
            .bind(counter)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn purge_expired(&self, now: DateTime<Utc>, window_start: DateTime<Utc>) -> Result<u64> {
        let now = crate::time::to_db(now);
        let mut tx = self.begin_write().await?;
        let mut purged = 0;
        for (statement, at) in [
            ("DELETE FROM sessions WHERE expires_at <= $1", now),
            (
                "DELETE FROM password_resets WHERE used_at IS NOT NULL OR expires_at <= $1",
                now,
            ),
            (
                "DELETE FROM email_checks WHERE used_at IS NOT NULL OR expires_at <= $1",
                now,
            ),
            (
                "DELETE FROM structure_invitations WHERE expires_at <= $1 AND accepted_at IS NULL",
                now,
            ),
            (
                "DELETE FROM attempt_counters WHERE window_start < $1",
                crate::time::to_db(window_start),
            ),
            (
                "DELETE FROM outbox WHERE status IN ('sent', 'failed') AND created_at <= $1",
                now - domain::notification::kept_for().num_seconds(),
            ),
        ] {
            purged += sqlx::query(statement)
                .bind(at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        tx.commit().await?;
        Ok(purged)
    }

    async fn set_email(&self, user_id: i64, email: &Email) -> Result<()> {
        let mut tx = self.begin_write().await?;
        self.move_address(&mut tx, user_id, email.as_str()).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_language(&self, user_id: i64, tag: &str) -> Result<()> {
        let changed = sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
            .bind(tag)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        if changed.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn set_password(&self, user_id: i64, password_hash: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        // Every other session, and every reset link still open, ends with the old password.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM password_resets WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn anonymize_user(&self, user_id: i64) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // Their mail goes with them: what waits is never sent, nothing keeps the address
        // (nor a new address they had not confirmed yet).
        sqlx::query(
            "DELETE FROM outbox WHERE user_id = $1 \
             OR recipient = (SELECT email FROM users WHERE id = $1) \
             OR (kind = 'address_check' AND recipient IN \
                 (SELECT email FROM email_checks WHERE user_id = $1 AND used_at IS NULL))",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        let changed = sqlx::query(
            "UPDATE users SET email = 'supprime-' || CAST(id AS TEXT) || '@invalid', password_hash = '!', \
             first_name = 'Compte', last_name = 'supprimé', birth_date = NULL, departement = NULL, \
             suspension_reason = NULL, language = NULL WHERE id = $1",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        // What the team wrote about them in their ledger goes too (the audit log keeps
        // its record of the action).
        sqlx::query(
            "UPDATE credit_movements SET note = '' WHERE note IS NOT NULL \
             AND deposit_id IN (SELECT id FROM deposits WHERE user_id = $1)",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        for table in [
            "DELETE FROM sessions WHERE user_id = $1",
            "DELETE FROM push_subscriptions WHERE user_id = $1",
            "DELETE FROM favorites WHERE user_id = $1",
            "DELETE FROM password_resets WHERE user_id = $1",
            "DELETE FROM email_checks WHERE user_id = $1",
            // No credit comes to an erased account.
            "DELETE FROM upcoming_grants WHERE user_id = $1",
            // The band of each grant and the instant it came would tell the birth date.
            "UPDATE credit_movements SET grant_age = NULL \
             WHERE deposit_id IN (SELECT id FROM deposits WHERE user_id = $1)",
            "DELETE FROM legal_acceptances WHERE user_id = $1",
            // Their choices of mail, and the key that would still stop it.
            "DELETE FROM mail_choices WHERE user_id = $1",
            "DELETE FROM mail_keys WHERE user_id = $1",
        ] {
            sqlx::query(table).bind(user_id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn create_password_reset(
        &self,
        reset: &NewPasswordReset,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(&reset.token_hash)
            .bind(reset.user_id)
            .bind(crate::time::to_db(now))
            .bind(crate::time::to_db(reset.expires_at))
            .execute(&mut *tx)
            .await?;
        self.queue_mail(
            &mut tx,
            MailKind::PasswordReset,
            Recipient::Address(&reset.recipient),
            None,
            &crate::Letter::from(reset.mail.clone()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn consume_password_reset(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let now = crate::time::to_db(now);
        let mut tx = self.begin_write().await?;
        let user_id = sqlx::query_scalar::<_, i64>(
            "UPDATE password_resets SET used_at = $1 \
             WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
        )
        .bind(now)
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        // The link was mailed to the account's address (a new address deletes the links
        // of the old): opening it proves the person reads that mailbox.
        sqlx::query(
            "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1) WHERE id = $2",
        )
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(user_id)
    }

    async fn submit_identity(
        &self,
        user_id: i64,
        approved: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO identity_checks (user_id, status, submitted_at, decided_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(user_id)
        .bind(if approved { "approved" } else { "pending" })
        .bind(crate::time::to_db(now))
        .bind(approved.then_some(crate::time::to_db(now)))
        .execute(&mut *tx)
        .await?;
        if approved {
            Self::schedule_first_look(&mut tx, user_id, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn pending_identities(&self, after: Option<i64>, limit: i64) -> Result<Page<UserRow>> {
        let total: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM identity_checks WHERE status = 'pending'")
                .fetch_one(&self.pool)
                .await?;
        let mut query = QueryBuilder::<DB>::new(concat!(
            "SELECT ",
            crate::columns::user_columns!(),
            " FROM identity_checks c JOIN users u ON u.id = c.user_id WHERE c.status = 'pending'"
        ));
        if let Some(after) = after {
            // After the cursor's place in the queue: later submitted, or as early and after it.
            query
                .push(" AND (c.submitted_at, u.id) > ((SELECT submitted_at FROM identity_checks WHERE user_id = ")
                .push_bind(after)
                .push("), ")
                .push_bind(after)
                .push(")");
        }
        query.push(" ORDER BY c.submitted_at, u.id");
        Ok(self
            .read_page(query, limit, total, |user: &UserRow| user.id)
            .await?)
    }

    async fn decide_identity(
        &self,
        user_id: i64,
        approve: bool,
        admin_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let decided = sqlx::query(
            "UPDATE identity_checks SET status = $1, decided_at = $2, decided_by = $3 \
             WHERE user_id = $4 AND status = 'pending'",
        )
        .bind(if approve { "approved" } else { "rejected" })
        .bind(crate::time::to_db(now))
        .bind(admin_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if decided && approve {
            Self::schedule_first_look(&mut tx, user_id, now).await?;
        }
        if decided {
            let action = if approve {
                AdminAction::IdentityApproved
            } else {
                AdminAction::IdentityRejected
            };
            Self::record_action(&mut tx, &ActionRecord::new(admin_id, action, user_id), now)
                .await?;
        }
        tx.commit().await?;
        Ok(decided)
    }
}
