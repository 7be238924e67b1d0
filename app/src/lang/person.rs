//! The language a person chose, for what reaches them outside a request of theirs: a
//! mail, a push, the answer to their mail client's one-click unsubscribe. French until
//! they choose (the account keeps the choice made on the profile page).

use super::{Locale, of_account};
use store::{Repo, StoreError};

/// The language person `user` chose (French for no one, or someone who never chose).
pub async fn of_person(repo: &Repo, user: Option<i64>) -> Result<Locale, StoreError> {
    let chosen = match user {
        Some(user) => repo.user(user).await?.and_then(|user| user.language),
        None => None,
    };
    Ok(of_account(chosen.as_deref()))
}
