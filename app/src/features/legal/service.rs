//! The texts and their acceptance, on the server.

use super::api::{LegalChangeView, LegalTextView};
use crate::error::AppError;
use crate::ssr::{app_context, session};
use domain::legal::{Acceptance, Document, changes_since};

/// The HTML of a version of a text, as written in `texts/`: a new version is an entry
/// in `domain::legal`, its file, and its line here (a test checks none is missing).
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

pub async fn accept(next: Option<String>, shown: Option<Acceptance>) -> Result<(), AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    let accepted =
        domain::legal::accepted(shown).map_err(|e| AppError::invalid("accept_terms", e))?;
    ctx.repo.accept_legal(user.id, accepted, ctx.now()).await?;
    let next = next.as_deref().and_then(domain::text::same_site_path);
    leptos_axum::redirect(next.as_deref().unwrap_or("/"));
    Ok(())
}

/// The versions a form's page showed (hidden fields), if it sent them.
pub fn shown(terms: Option<u32>, privacy: Option<u32>) -> Option<Acceptance> {
    Some(Acceptance {
        terms: terms?,
        privacy: privacy?,
    })
}

/// The acceptance a sign-up form carries: its box ticked, on the versions in force.
pub fn accepted_at_sign_up(
    ticked: bool,
    shown: Option<Acceptance>,
) -> Result<Acceptance, AppError> {
    if !ticked {
        return Err(AppError::invalid(
            "accept_terms",
            "Accepte les conditions d'utilisation pour créer ton compte",
        ));
    }
    domain::legal::accepted(shown).map_err(|e| AppError::invalid("accept_terms", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_version_of_each_text_has_its_page() {
        for document in Document::ALL {
            for version in document.versions() {
                assert!(
                    html(document, version.number).is_some_and(|h| h.contains("<h2>")),
                    "{document:?} version {} has no text in texts/ (see `html`)",
                    version.number
                );
            }
        }
    }
}
