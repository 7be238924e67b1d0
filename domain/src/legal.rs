//! The terms of use and the privacy notice, versioned. Opening an account accepts the
//! current versions of both; a new version of either asks for acceptance again at the
//! next sign-in, and booking waits for it. Each version says what changed, so that the
//! person asked again reads the difference, not the whole text. The texts, their titles
//! and what each version changed are the app's, in each language (French applies).

use serde::{Deserialize, Serialize};

/// One of the two texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Document {
    Terms,
    Privacy,
}

/// A version of a text: its number and the day it applies from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    pub number: u32,
    /// `YYYY-MM-DD`.
    pub effective: &'static str,
}

/// Every version of the terms of use, oldest first.
pub const TERMS: &[Version] = &[Version {
    number: 1,
    effective: "2026-12-04",
}];

/// Every version of the privacy notice, oldest first.
pub const PRIVACY: &[Version] = &[Version {
    number: 1,
    effective: "2026-12-04",
}];

impl Document {
    pub const ALL: [Document; 2] = [Document::Terms, Document::Privacy];

    pub fn versions(self) -> &'static [Version] {
        match self {
            Document::Terms => TERMS,
            Document::Privacy => PRIVACY,
        }
    }

    pub fn current(self) -> Version {
        *self
            .versions()
            .last()
            .unwrap_or_else(|| unreachable!("each document has a version"))
    }

    pub fn version(self, number: u32) -> Option<Version> {
        self.versions().iter().find(|v| v.number == number).copied()
    }

    /// Where the text is read (`/conditions`, `/confidentialite`; `/v2` after it for a
    /// given version).
    pub fn path(self) -> &'static str {
        match self {
            Document::Terms => "/conditions",
            Document::Privacy => "/confidentialite",
        }
    }
}

/// The versions of both texts someone accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance {
    pub terms: u32,
    pub privacy: u32,
}

impl Acceptance {
    /// The versions in force.
    pub fn current() -> Acceptance {
        Acceptance {
            terms: Document::Terms.current().number,
            privacy: Document::Privacy.current().number,
        }
    }

    fn of(self, document: Document) -> u32 {
        match document {
            Document::Terms => self.terms,
            Document::Privacy => self.privacy,
        }
    }
}

/// What a form accepts: the versions it showed (the app's build wrote them in it), if
/// they are still those in force, so that nobody is recorded as accepting a text that
/// was published while they read the older one; the versions in force when the form
/// named none (a client of the API, which accepts what is in force).
pub fn accepted(shown: Option<Acceptance>) -> Result<Acceptance, OutdatedTexts> {
    match shown {
        Some(shown) if shown != Acceptance::current() => Err(OutdatedTexts),
        _ => Ok(Acceptance::current()),
    }
}

/// The texts changed while the person was reading them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("Les conditions viennent de changer : relis-les, puis accepte à nouveau")]
pub struct OutdatedTexts;

/// Whether someone who accepted `accepted` (nothing, for an account older than the
/// texts) must accept again before booking.
pub fn must_accept(accepted: Option<Acceptance>) -> bool {
    accepted.is_none_or(|a| Document::ALL.iter().any(|&d| a.of(d) < d.current().number))
}

/// What changed since `accepted`, text by text: the versions that came after it.
pub fn changes_since(accepted: Option<Acceptance>) -> Vec<(Document, Version)> {
    Document::ALL
        .iter()
        .flat_map(|&document| {
            let seen = accepted.map_or(0, |a| a.of(document));
            document
                .versions()
                .iter()
                .filter(move |v| v.number > seen)
                .map(move |&v| (document, v))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_versions_are_the_last_of_each_text_and_exist() {
        for document in Document::ALL {
            let current = document.current();
            assert_eq!(document.version(current.number), Some(current));
            let numbers: Vec<u32> = document.versions().iter().map(|v| v.number).collect();
            let mut sorted = numbers.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(numbers, sorted, "{document:?}: increasing numbers");
        }
    }

    #[test]
    fn someone_who_accepted_the_current_versions_is_not_asked_again() {
        assert!(!must_accept(Some(Acceptance::current())));
        assert!(changes_since(Some(Acceptance::current())).is_empty());
    }

    #[test]
    fn an_account_older_than_the_texts_or_an_older_version_must_accept() {
        assert!(must_accept(None));
        assert_eq!(changes_since(None).len(), TERMS.len() + PRIVACY.len());
        let current = Acceptance::current();
        let older_terms = Acceptance {
            terms: current.terms - 1,
            ..current
        };
        assert!(must_accept(Some(older_terms)));
        assert_eq!(
            changes_since(Some(older_terms)),
            vec![(Document::Terms, Document::Terms.current())]
        );
        let older_privacy = Acceptance {
            privacy: current.privacy - 1,
            ..current
        };
        assert!(must_accept(Some(older_privacy)));
    }

    #[test]
    fn a_form_accepts_the_versions_it_showed_only_while_they_are_in_force() {
        let current = Acceptance::current();
        assert_eq!(accepted(Some(current)), Ok(current));
        assert_eq!(accepted(None), Ok(current));
        let older = Acceptance {
            terms: current.terms - 1,
            ..current
        };
        assert_eq!(accepted(Some(older)), Err(OutdatedTexts));
    }

    #[test]
    fn a_version_newer_than_the_texts_is_not_asked_again() {
        // A server rolled back to an older release: who accepted the newer texts is not
        // asked to accept older ones.
        let current = Acceptance::current();
        assert!(!must_accept(Some(Acceptance {
            terms: current.terms + 1,
            ..current
        })));
    }
}
