//! Verified addresses: the link mailed to a new account, or to a new address, and what
//! opening it does. Only a link's SHA-256 is kept; it works once, for a day. A new
//! address replaces the old one only when its link is opened, so a typo never locks
//! anyone out and a stolen session cannot move an account to another mailbox unseen.

use crate::backend::{Affected, Db, Store};
use crate::error::StoreError;
use crate::models::{EmailCheckRow, EmailConfirmed, Letter, NewEmailCheck, NewUser, OutgoingMail};
use crate::outbox::Recipient;
use chrono::{DateTime, Utc};
use domain::legal::Acceptance;
use domain::notification::MailKind;

type Result<T> = std::result::Result<T, StoreError>;

#[async_trait::async_trait]
pub trait EmailChecks: Send + Sync + 'static {
    /// Opens an account whose address is still to be verified, with the link that
    /// verifies it and the welcome mail carrying it, in one transaction (`Conflict` when
    /// the address has an account).
    async fn sign_up(
        &self,
        user: &NewUser,
        check: &NewEmailCheck,
        accepted: Acceptance,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    /// Mails the person a link that verifies `check.email` (their address again, or a
    /// new one to replace it). Their earlier links to the same address stop working (the
    /// newest is the one they look for), and so do those to another new address when
    /// this is one (a mistyped address's link dies with the next); a link for a new
    /// address survives a link asked again for the current one.
    async fn send_email_check(
        &self,
        user_id: i64,
        check: &NewEmailCheck,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// The link `token_hash`, if it may still be opened: whose it is and the address it
    /// verifies (to write, before opening it, what the old address will be told).
    async fn email_check(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<EmailCheckRow>>;
    /// Opens a link once: verifies the address it was mailed to, replacing the account's
    /// if it was a new one, and then mails `notice` to the old address (its owner learns
    /// of it, whoever made the change). `None` when the link is unknown, used or
    /// expired; `Conflict` (nothing used) when another account took the new address
    /// meanwhile.
    async fn confirm_email(
        &self,
        token_hash: &str,
        notice: &OutgoingMail,
        now: DateTime<Utc>,
    ) -> Result<Option<EmailConfirmed>>;
    /// The new address whose link is waiting to be opened, if any (and still free).
    async fn address_awaiting_check(
        &self,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<String>>;
}

#[async_trait::async_trait]
impl<DB: Db> EmailChecks for Store<DB> {
    #[tracing::instrument(skip_all)]
    async fn sign_up(
        &self,
        user: &NewUser,
        check: &NewEmailCheck,
        accepted: Acceptance,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let user_id = self.insert_user(&mut tx, user, None, now).await?;
        Self::record_acceptance(&mut tx, user_id, accepted, now).await?;
        self.insert_check(&mut tx, user_id, check, MailKind::Welcome, now)
            .await?;
        tx.commit().await?;
        Ok(user_id)
    }

    #[tracing::instrument(skip(self, check, now))]
    async fn send_email_check(
        &self,
        user_id: i64,
        check: &NewEmailCheck,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "DELETE FROM email_checks WHERE user_id = $1 AND used_at IS NULL \
             AND (email = $2 OR (email <> (SELECT email FROM users WHERE id = $1) \
             AND $2 <> (SELECT email FROM users WHERE id = $1)))",
        )
        .bind(user_id)
        .bind(&check.email)
        .execute(&mut *tx)
        .await?;
        self.insert_check(&mut tx, user_id, check, MailKind::AddressCheck, now)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn email_check(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<EmailCheckRow>> {
        Ok(sqlx::query_as(
            "SELECT c.user_id, u.first_name, c.email \
             FROM email_checks c JOIN users u ON u.id = c.user_id \
             WHERE c.token_hash = $1 AND c.used_at IS NULL AND c.expires_at > $2",
        )
        .bind(token_hash)
        .bind(crate::time::to_db(now))
        .fetch_optional(&self.pool)
        .await?)
    }

    #[tracing::instrument(skip_all)]
    async fn confirm_email(
        &self,
        token_hash: &str,
        notice: &OutgoingMail,
        now: DateTime<Utc>,
    ) -> Result<Option<EmailConfirmed>> {
        let at = crate::time::to_db(now);
        let mut tx = self.begin_write().await?;
        let opened: Option<(i64, String)> = sqlx::query_as(
            "UPDATE email_checks SET used_at = $1 \
             WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
             RETURNING user_id, email",
        )
        .bind(at)
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((user_id, email)) = opened else {
            return Ok(None);
        };
        let current: String = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
        let confirmed = if current == email {
            EmailConfirmed::Verified { user_id }
        } else {
            self.move_address(&mut tx, user_id, &email).await?;
            let old = Recipient::Address(&current);
            let notice = Letter::from(notice.clone());
            self.queue_mail(&mut tx, MailKind::AddressChanged, old, None, &notice, now)
                .await?;
            EmailConfirmed::Replaced { user_id }
        };
        sqlx::query(
            "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1) WHERE id = $2",
        )
        .bind(at)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(confirmed))
    }

    async fn address_awaiting_check(
        &self,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<String>> {
        Ok(sqlx::query_scalar(
            "SELECT c.email FROM email_checks c JOIN users u ON u.id = c.user_id \
             WHERE c.user_id = $1 AND c.used_at IS NULL AND c.expires_at > $2 \
             AND c.email <> u.email \
             AND NOT EXISTS (SELECT 1 FROM users other WHERE other.email = c.email) \
             ORDER BY c.created_at DESC LIMIT 1",
        )
        .bind(user_id)
        .bind(crate::time::to_db(now))
        .fetch_optional(&self.pool)
        .await?)
    }
}

impl<DB: Db> Store<DB> {
    /// Inserts a person, their address verified at `verified_at` (or still to be).
    pub(crate) async fn insert_user(
        &self,
        conn: &mut DB::Connection,
        user: &NewUser,
        verified_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO users (email, password_hash, first_name, last_name, role, birth_date, \
             departement, created_at, email_verified_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(user.email.as_str())
        .bind(&user.password_hash)
        .bind(&user.first_name)
        .bind(&user.last_name)
        .bind(user.role.as_str())
        .bind(user.birth_date.map(|d| d.format("%Y-%m-%d").to_string()))
        .bind(&user.departement)
        .bind(crate::time::to_db(now))
        .bind(verified_at.map(crate::time::to_db))
        .fetch_one(&mut *conn)
        .await?)
    }

    /// Stores a link (its hash) and queues the mail of `kind` that carries it to the
    /// address it verifies.
    async fn insert_check(
        &self,
        conn: &mut DB::Connection,
        user_id: i64,
        check: &NewEmailCheck,
        kind: MailKind,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO email_checks (token_hash, user_id, email, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&check.token_hash)
        .bind(user_id)
        .bind(&check.email)
        .bind(crate::time::to_db(now))
        .bind(crate::time::to_db(check.expires_at))
        .execute(&mut *conn)
        .await?;
        self.queue_mail(
            conn,
            kind,
            Recipient::Address(&check.email),
            None,
            &Letter::from(check.mail.clone()),
            now,
        )
        .await
    }

    /// Moves the account to `email` (`Conflict` when another account has it): links
    /// mailed to the old address no longer open the account nor stop the new one's mail,
    /// links to other addresses are dead (none can move it again), and what still waits
    /// for the relay goes to the new address, except the old address's links, which go
    /// nowhere.
    pub(crate) async fn move_address(
        &self,
        conn: &mut DB::Connection,
        user_id: i64,
        email: &str,
    ) -> Result<()> {
        // Reset and address links name their address, not their person: those still
        // waiting for the relay die with the old address.
        sqlx::query(
            "UPDATE outbox SET status = 'failed', last_error = 'its link was for the old address' \
             WHERE kind IN ('password_reset', 'welcome', 'address_check') \
             AND status IN ('pending', 'sending') \
             AND recipient = (SELECT email FROM users WHERE id = $1)",
        )
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
        let changed = sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
            .bind(email)
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
        if changed.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        // The next mail makes a new unsubscribe key.
        for statement in [
            "DELETE FROM password_resets WHERE user_id = $1",
            "DELETE FROM email_checks WHERE user_id = $1 AND used_at IS NULL",
            "DELETE FROM mail_keys WHERE user_id = $1",
            "UPDATE outbox SET recipient = (SELECT email FROM users WHERE id = $1) \
             WHERE user_id = $1 AND status IN ('pending', 'sending')",
        ] {
            sqlx::query(statement)
                .bind(user_id)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }
}
