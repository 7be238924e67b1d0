//! Which offers the team reads before the young can find them: the first offers of a
//! structure (while it has fewer published than a setting says) and offers whose words
//! are on the watch list. Publishing such an offer puts it "en validation"; an
//! administrator publishes it or gives it back to the partner with a reason, and the
//! partner edits it and asks again.

use serde::{Deserialize, Serialize};

/// Why an offer waits for the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewCause {
    /// The structure has published fewer offers than the setting.
    NewStructure,
    /// A word of the watch list is in its title, description or artist.
    WatchWord,
}

impl ReviewCause {
    pub const ALL: [ReviewCause; 2] = [ReviewCause::NewStructure, ReviewCause::WatchWord];

    pub fn to_stored(self) -> &'static str {
        match self {
            ReviewCause::NewStructure => "new_structure",
            ReviewCause::WatchWord => "watch_word",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewCause::NewStructure => "Nouvelle structure",
            ReviewCause::WatchWord => "Mot surveillé",
        }
    }
}

impl TryFrom<String> for ReviewCause {
    type Error = super::status::UnknownStatus;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        super::status::read(&Self::ALL, Self::to_stored, code)
    }
}

/// Whether an offer about to be published (or edited while published) waits for the
/// team, and why: its structure has `published` offers so far against `reviewed_first`,
/// `was_published` says the team or the rule already let this one through (a paused or
/// published offer), and `text` is what the young would read of it.
pub fn review_cause(
    published: i64,
    reviewed_first: i64,
    was_published: bool,
    text: &str,
    watch_words: &[&str],
) -> Option<ReviewCause> {
    if crate::social::moderation::flagged(text, watch_words) {
        Some(ReviewCause::WatchWord)
    } else if !was_published && published < reviewed_first {
        Some(ReviewCause::NewStructure)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: &[&str] = &["arnaque"];

    fn cause(published: i64, was_published: bool, text: &str) -> Option<ReviewCause> {
        review_cause(published, 3, was_published, text, WORDS)
    }

    #[test]
    fn a_structures_first_offers_wait_then_its_next_ones_are_published_at_once() {
        for published in 0..3 {
            assert_eq!(
                cause(published, false, "Concert"),
                Some(ReviewCause::NewStructure)
            );
        }
        assert_eq!(cause(3, false, "Concert"), None);
        assert_eq!(
            review_cause(0, 0, false, "Concert", WORDS),
            None,
            "0: no offer waits"
        );
        assert_eq!(
            cause(1, true, "Concert"),
            None,
            "resumed after a pause: read already"
        );
    }

    #[test]
    fn a_watch_word_sends_any_offer_to_the_team() {
        assert_eq!(
            cause(50, false, "Une ARNAQUE géniale"),
            Some(ReviewCause::WatchWord)
        );
        assert_eq!(
            cause(0, false, "arnaque"),
            Some(ReviewCause::WatchWord),
            "the word says more"
        );
        assert_eq!(
            cause(50, true, "arnaque"),
            Some(ReviewCause::WatchWord),
            "even once published"
        );
        assert_eq!(
            cause(50, false, "Arnaqueurs, le film"),
            None,
            "whole words only"
        );
    }

    #[test]
    fn causes_are_stored_and_read_back() {
        for cause in ReviewCause::ALL {
            assert_eq!(
                ReviewCause::try_from(cause.to_stored().to_owned()),
                Ok(cause)
            );
        }
    }
}
