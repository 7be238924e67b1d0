//! Server functions of the language choice.

use crate::error::AppError;
use leptos::prelude::*;

/// Chooses the app's language (`lang`: a tag of one of its languages, such as `en`):
/// kept in the browser and, when someone is signed in, on their account. Sent by the
/// browser itself, the form is answered by going back to its page, in that language.
#[server(prefix = "/api", endpoint = "choose_language")]
pub async fn choose_language(lang: String) -> Result<(), AppError> {
    crate::ssr::reply(super::service::choose(lang).await)
}
