//! Server functions of the texts: reading one, what changed for the signed-in person,
//! and accepting the versions in force.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A version of a text, as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegalTextView {
    pub title: String,
    pub number: u32,
    pub effective: String,
    pub current: bool,
    /// Written by us, in the server's binary: never anyone's input.
    pub html: String,
    /// Every version: (number, date, what changed, its page).
    pub versions: Vec<(u32, String, String, String)>,
}

/// A version published since the person's last acceptance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegalChangeView {
    pub title: String,
    pub number: u32,
    pub effective: String,
    pub changes: String,
    pub path: String,
}

/// One version of the terms of use (`document` = `conditions`) or of the privacy notice
/// (`confidentialite`); the one in force without `version`. `404` for an unknown one.
#[server(prefix = "/api", endpoint = "legal_text")]
pub async fn legal_text(
    document: String,
    #[server(default)] version: Option<u32>,
) -> Result<LegalTextView, AppError> {
    crate::ssr::reply(super::service::text(&document, version))
}

/// What changed since the signed-in person last accepted the texts.
#[server(prefix = "/api", endpoint = "legal_changes")]
pub async fn legal_changes() -> Result<Vec<LegalChangeView>, AppError> {
    crate::ssr::reply(super::service::changes().await)
}

/// Accepts the versions in force, then goes on to `next` (a path of this site) or home.
/// `terms_version` and `privacy_version` are those the page showed: `400` when a newer
/// one was published meanwhile (without them, the versions in force are accepted).
#[server(prefix = "/api", endpoint = "accept_terms")]
pub async fn accept_terms(
    #[server(default)] next: Option<String>,
    #[server(default)] terms_version: Option<u32>,
    #[server(default)] privacy_version: Option<u32>,
) -> Result<(), AppError> {
    let shown = super::service::shown(terms_version, privacy_version);
    crate::ssr::reply(super::service::accept(next, shown).await)
}
