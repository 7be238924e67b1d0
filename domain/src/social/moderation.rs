//! When a comment is shown: hidden pending review after enough reports or when the
//! word list flags it, until an administrator decides; and the per-person limits.

use serde::{Deserialize, Serialize};

/// Reports (from different people) that hide a comment until it is reviewed.
pub const REPORTS_TO_HIDE: i64 = 3;
/// Comments a person may post in an hour, reactions in a minute.
pub const COMMENTS_PER_HOUR: i64 = 10;
pub const REACTIONS_PER_MINUTE: i64 = 30;

/// What an administrator decided, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Approved,
    Hidden,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    Visible,
    /// Waiting for an administrator (reported enough, or flagged by the word list).
    PendingReview,
    Hidden,
}

/// Reports received since the last decision, whether the word list flagged it, and the
/// last decision: an approval holds until new reports reach the threshold again.
pub fn visibility(
    reports_since_decision: i64,
    flagged: bool,
    decision: Option<Decision>,
) -> Visibility {
    match decision {
        Some(Decision::Hidden) => Visibility::Hidden,
        Some(Decision::Approved) if reports_since_decision < REPORTS_TO_HIDE => Visibility::Visible,
        Some(Decision::Approved) => Visibility::PendingReview,
        None if flagged || reports_since_decision >= REPORTS_TO_HIDE => Visibility::PendingReview,
        None => Visibility::Visible,
    }
}

/// The decision that still holds once the author has changed the text: an approval was
/// of the words the administrator read, so new words wait for their own; a comment
/// hidden stays hidden.
pub fn decision_after_edit(decision: Option<Decision>) -> Option<Decision> {
    match decision {
        Some(Decision::Hidden) => Some(Decision::Hidden),
        Some(Decision::Approved) | None => None,
    }
}

/// Folds case and French accents, so the word list matches "Arnaque", "ARNAQUÉ"...
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ÿ' => 'y',
            other => other,
        })
        .collect()
}

/// Whether a word of the list appears as a whole word of the text.
pub fn flagged(text: &str, words: &[&str]) -> bool {
    let folded = fold(text);
    let tokens: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    words
        .iter()
        .map(|w| fold(w.trim()))
        .filter(|w| !w.is_empty())
        .any(|word| tokens.iter().any(|t| *t == word))
}

/// Why someone reports a comment or an offer, or why an administrator withdraws an
/// offer: a few words on one line, kept with the report (and shown to the people whose
/// bookings it cancels).
pub fn parse_reason(text: &str) -> Result<String, ReportRefusal> {
    let reason = text.trim();
    if !(3..=200).contains(&reason.chars().count()) || reason.chars().any(char::is_control) {
        return Err(ReportRefusal::NotAFewWords);
    }
    Ok(reason.to_owned())
}

/// Why the reason of a report or of a withdrawal is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ReportRefusal {
    /// Too short, too long, or on several lines.
    #[error("Dis en quelques mots (3 à 200 caractères, sur une ligne) ce qui ne va pas")]
    NotAFewWords,
}

/// Whether one more action fits in a person's limit (`done` in the current window).
pub fn within_limit(done: i64, limit: i64) -> bool {
    done < limit
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_edit_drops_the_approval_of_the_old_words_but_not_a_hiding() {
        assert_eq!(decision_after_edit(Some(Decision::Approved)), None);
        assert_eq!(
            decision_after_edit(Some(Decision::Hidden)),
            Some(Decision::Hidden)
        );
        assert_eq!(
            visibility(0, true, decision_after_edit(Some(Decision::Approved))),
            Visibility::PendingReview,
            "flagged new words wait for review"
        );
    }

    use super::*;

    #[test]
    fn three_reports_hide_a_comment_until_it_is_reviewed() {
        assert_eq!(visibility(2, false, None), Visibility::Visible);
        assert_eq!(visibility(3, false, None), Visibility::PendingReview);
    }

    #[test]
    fn an_approval_holds_until_new_reports_reach_the_threshold() {
        assert_eq!(
            visibility(0, true, Some(Decision::Approved)),
            Visibility::Visible
        );
        assert_eq!(
            visibility(3, false, Some(Decision::Approved)),
            Visibility::PendingReview
        );
        assert_eq!(
            visibility(0, false, Some(Decision::Hidden)),
            Visibility::Hidden
        );
    }

    #[test]
    fn the_word_list_flags_whole_words_whatever_the_case_and_accents() {
        let words = ["arnaque", "idiot"];
        assert!(flagged("Quelle ARNAQUE !", &words));
        assert!(flagged("arnaqué? non: arnaque", &words));
        assert!(!flagged("Idiotisme est un mot", &words));
        assert_eq!(
            visibility(0, flagged("idiot", &words), None),
            Visibility::PendingReview
        );
    }

    #[test]
    fn a_reason_is_a_few_words_on_one_line() {
        assert_eq!(parse_reason("  insulte ").as_deref(), Ok("insulte"));
        assert_eq!(parse_reason("ok"), Err(ReportRefusal::NotAFewWords));
        assert!(parse_reason(&"x".repeat(201)).is_err());
        assert!(parse_reason("deux\nlignes").is_err());
    }

    #[test]
    fn limits_count_what_was_done_in_the_window() {
        assert!(within_limit(COMMENTS_PER_HOUR - 1, COMMENTS_PER_HOUR));
        assert!(!within_limit(COMMENTS_PER_HOUR, COMMENTS_PER_HOUR));
    }
}
