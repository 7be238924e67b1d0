//! The texts and their acceptance, on the server. Each version of a text is published
//! in every language (the French one applies; the others say they are translations).

use super::api::{LegalChangeView, LegalTextView};
use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::{Locale, requested};
use crate::ssr::present::calendar_date;
use crate::ssr::{app_context, session};
use domain::legal::{Acceptance, Document, changes_since};

/// The HTML of a version of a text, as written in `texts/<language>/`: a new version is
/// an entry in `domain::legal`, its file in each language, its lines here and in
/// [`what_changed`] (a test checks none is missing).
fn html(locale: Locale, document: Document, number: u32) -> Option<&'static str> {
    match (locale, document, number) {
        (Locale::fr, Document::Terms, 1) => Some(include_str!("texts/fr/conditions-1.html")),
        (Locale::fr, Document::Privacy, 1) => Some(include_str!("texts/fr/confidentialite-1.html")),
        (Locale::en, Document::Terms, 1) => Some(include_str!("texts/en/conditions-1.html")),
        (Locale::en, Document::Privacy, 1) => Some(include_str!("texts/en/confidentialite-1.html")),
        _ => None,
    }
}

/// What a version changed, in a sentence.
fn what_changed(locale: Locale, document: Document, number: u32) -> Option<&'static str> {
    match (document, number) {
        (Document::Terms, 1) => Some(td_string!(locale, legal.terms_1_changes)),
        (Document::Privacy, 1) => Some(td_string!(locale, legal.privacy_1_changes)),
        _ => None,
    }
}

fn title(locale: Locale, document: Document) -> &'static str {
    match document {
        Document::Terms => td_string!(locale, legal.terms_title),
        Document::Privacy => td_string!(locale, legal.privacy_title),
    }
}

fn document(slug: &str) -> Option<Document> {
    Document::ALL
        .into_iter()
        .find(|d| d.path().trim_start_matches('/') == slug)
}

fn day(locale: Locale, effective: &str) -> String {
    effective
        .parse()
        .map_or_else(|_| effective.to_owned(), |day| calendar_date(locale, day))
}

fn version_path(document: Document, number: u32) -> String {
    format!("{}/{number}", document.path())
}

pub fn text(slug: &str, number: Option<u32>) -> Result<LegalTextView, AppError> {
    let document = document(slug).ok_or(AppError::NotFound)?;
    let locale = requested();
    let current = document.current();
    let version = match number {
        Some(n) => document.version(n).ok_or(AppError::NotFound)?,
        None => current,
    };
    let html = html(locale, document, version.number).ok_or_else(|| {
        tracing::error!(
            ?document,
            version = version.number,
            "a version without its text"
        );
        AppError::Internal
    })?;
    Ok(LegalTextView {
        title: title(locale, document).to_owned(),
        number: version.number,
        effective: day(locale, version.effective),
        current: version == current,
        html: html.to_owned(),
        versions: document
            .versions()
            .iter()
            .rev()
            .map(|v| {
                (
                    v.number,
                    day(locale, v.effective),
                    what_changed(locale, document, v.number)
                        .unwrap_or_default()
                        .to_owned(),
                    version_path(document, v.number),
                )
            })
            .collect(),
    })
}

pub async fn changes() -> Result<Vec<LegalChangeView>, AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    let locale = requested();
    Ok(changes_since(user.legal_acceptance())
        .into_iter()
        .map(|(document, version)| LegalChangeView {
            title: title(locale, document).to_owned(),
            number: version.number,
            effective: day(locale, version.effective),
            changes: what_changed(locale, document, version.number)
                .unwrap_or_default()
                .to_owned(),
            path: version_path(document, version.number),
        })
        .collect())
}

pub async fn accept(next: Option<String>, shown: Option<Acceptance>) -> Result<(), AppError> {
    let ctx = app_context()?;
    let user = session::require_user(&ctx).await?;
    let accepted = domain::legal::accepted(shown).map_err(|e| {
        AppError::invalid(
            "accept_terms",
            crate::lang::refusals::outdated_texts(requested(), e),
        )
    })?;
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
            td_string!(requested(), account.accept_terms_to_sign_up),
        ));
    }
    domain::legal::accepted(shown).map_err(|e| {
        AppError::invalid(
            "accept_terms",
            crate::lang::refusals::outdated_texts(requested(), e),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_version_of_each_text_has_its_page_and_its_changes_in_every_language() {
        use leptos_i18n::Locale as _;
        for locale in Locale::get_all() {
            for document in Document::ALL {
                for version in document.versions() {
                    assert!(
                        html(*locale, document, version.number).is_some_and(|h| h.contains("<h2>")),
                        "{document:?} version {} has no text in texts/{locale:?}/ (see `html`)",
                        version.number
                    );
                    assert!(
                        what_changed(*locale, document, version.number).is_some(),
                        "{document:?} version {} does not say what changed (see `what_changed`)",
                        version.number
                    );
                }
            }
        }
    }

    #[test]
    fn the_english_texts_are_in_english_and_say_the_french_applies() {
        let terms = html(Locale::en, Document::Terms, 1).expect("written");
        assert!(terms.contains("<h2>4. Bookings</h2>"));
        assert!(terms.contains("the French version is the one that applies"));
        assert!(!terms.contains("Réservations"));
        assert_eq!(title(Locale::en, Document::Privacy), "Privacy notice");
        assert_eq!(
            title(Locale::fr, Document::Privacy),
            "Politique de confidentialité"
        );
    }
}
