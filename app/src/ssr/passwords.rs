//! Password hashing with argon2id (19 MiB, 2 passes: the OWASP minimum), run on the
//! blocking pool a few at a time (`cpu::run`), so that a burst of logins never stalls
//! the async runtime nor takes the memory of hundreds of hashes at once.

use crate::error::AppError;
use crate::ssr::AppContext;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use domain::account::{LOGIN_WINDOW_MINUTES, LoginCounter};

fn argon2() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|e| {
        tracing::error!(error = %e, "argon2 parameters");
        AppError::Internal
    })?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a new password into a PHC string (with a fresh random salt).
pub async fn hash(password: String) -> Result<String, AppError> {
    crate::ssr::cpu::run(crate::ssr::cpu::Work::Hashing, move || {
        argon2()?
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|e| {
                tracing::error!(error = %e, "argon2 hash");
                AppError::Internal
            })
    })
    .await?
}

/// A hash of nothing anyone knows: unknown e-mails are checked against it so that a
/// login takes as long whether the account exists or not.
const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$G0aPbLl2ScBUbxYVQ8ik1LNsCymrALGcEpJlWETeQLs";

/// Whether `password` matches `hash` (or the decoy when there is no account).
pub async fn verify(password: String, hash: Option<String>) -> Result<bool, AppError> {
    crate::ssr::cpu::run(crate::ssr::cpu::Work::Hashing, move || {
        let known = hash.is_some();
        let stored = hash.unwrap_or_else(|| DECOY.to_owned());
        let parsed = PasswordHash::new(&stored).map_err(|e| {
            tracing::error!(error = %e, "stored password hash unreadable");
            AppError::Internal
        })?;
        // Verify first, always: the decoy must cost as much as a real check.
        let matches = argon2()?
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(known && matches)
    })
    .await?
}

/// [`verify`], counted against the login limits of `email` from this client: every
/// attempt is counted before the password is checked, atomically (parallel guesses
/// cannot all pass the limit), and a right password takes its attempt back. Every check
/// of a password people type goes through here: signing in, and the confirmations of a
/// new e-mail, a new password or a deletion (a stolen session must not guess on).
pub async fn verify_counted(
    ctx: &AppContext,
    email: &str,
    password: String,
    hash: Option<String>,
) -> Result<bool, AppError> {
    let now = ctx.now();
    let window_start = now - chrono::Duration::minutes(LOGIN_WINDOW_MINUTES);
    let client = crate::ssr::client::client_ip().network().to_string();
    let [address_from_client, from_client] = LoginCounter::for_attempt(email, &client);
    let mut blocked = false;
    for counter in [&address_from_client, &from_client] {
        let attempts = ctx
            .repo
            .count_attempt(&counter.key(), now, window_start)
            .await?;
        blocked |= !counter.allows(attempts);
    }
    if blocked {
        return Err(AppError::TooManyAttempts);
    }
    let right = verify(password, hash).await?;
    if right {
        ctx.repo.clear_attempts(&address_from_client.key()).await?;
        ctx.repo.forgive_attempt(&from_client.key()).await?;
    }
    Ok(right)
}
