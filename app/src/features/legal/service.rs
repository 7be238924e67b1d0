//! The texts and their acceptance, on the server.

use super::api::{LegalChangeView, LegalTextView};
use crate::error::AppError;
use crate::ssr::{app_context, session};
use domain::legal::{Acceptance, Document, changes_since};

/// The HTML of a version of a text, as written in `texts/`.
fn html(document: Document, number: u32) -> Option<&'static str> {
    match (document, number) {
        (Document::Terms, 1) => Some(include_str!("texts/conditions-1.html")),
        (Document::Privacy, 1) => Some(include_str!("texts/confidentialite-1.html")),
        _ => None,
    }
}

fn document(slug: &str) -> Option<Document> {
    Document::ALL
        .into_iter()
        .find(|d| d.path().trim_start_matches('/') == slug)
}

fn french(effective: &str) -> String {
    effective.parse().map_or_else(
        |_| effective.to_owned(),
        crate::ssr::present::french_calendar_date,
    )
}

fn version_path(document: Document, number: u32) -> String {
    format!("{}/{number}", document.path())
}

pub fn text(slug: &str, number: Option<u32>) -> Result<LegalTextView, AppError> {
    let document = document(slug).ok_or(AppError::NotFound)?;
    let current = document.current();
    let version = match number {
        Some(n) => document.version(n).ok_or(AppError::NotFound)?,
        None => current,
    };
    let html = html(document, version.number).ok_or_else(|| {
        tracing::error!(
            ?document,
            version = version.number,
            "a version without its text"
        );
        AppError::Internal
    })?;
    Ok(LegalTextView {
        title: document.title().to_owned(),
        number: version.number,
        effective: french(version.effective),
        current: version == current,
        html: html.to_owned(),
        versions: document
            .versions()
            .iter()
            .rev()
            .map(|v| {
                (
                    v.number,
                    french(v.effective),
                    v.changes.to_owned(),
                    version_path(document, v.number),
                )
            })
            .collect(),
    })
}

pub async fn changes() -> Result<Vec<LegalChangeView>, AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    Ok(changes_since(user.legal_acceptance())
        .into_iter()
        .map(|(document, version)| LegalChangeView {
            title: document.title().to_owned(),
            number: version.number,
            effective: french(version.effective),
            changes: version.changes.to_owned(),
            path: version_path(document, version.number),
        })
        .collect())
}

pub async fn accept(next: Option<String>) -> Result<(), AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    ctx.repo
        .accept_legal(user.id, Acceptance::current(), ctx.now())
        .await?;
    let next = next.as_deref().and_then(domain::text::same_site_path);
    leptos_axum::redirect(next.as_deref().unwrap_or("/"));
    Ok(())
}

/// The acceptance a sign-up form carries: its box must be ticked.
pub fn accepted_at_sign_up(ticked: bool) -> Result<Acceptance, AppError> {
    if ticked {
        Ok(Acceptance::current())
    } else {
        Err(AppError::invalid(
            "accept_terms",
            "Accepte les conditions d'utilisation pour créer ton compte",
        ))
    }
}
