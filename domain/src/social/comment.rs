//! A comment as people type it, cleaned once at the edge: invisible and direction
//! characters removed (they hide or reverse text), blank lines collapsed, control
//! characters and emoji floods refused, 3 to 1 000 characters, an optional 1–5 rating.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

pub const MIN_CHARS: usize = 3;
pub const MAX_CHARS: usize = 1_000;
/// More pictographs than this is a flood, not a comment.
pub const MAX_EMOJI: usize = 20;
/// The same character more than this many times in a row is a flood too.
pub const MAX_REPEAT: usize = 15;
/// An author may edit a comment this long after writing it (deleting: any time).
pub const EDIT_WINDOW: Duration = Duration::minutes(15);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommentError {
    #[error("Écris au moins 3 caractères")]
    TooShort,
    #[error("1 000 caractères au plus")]
    TooLong,
    #[error("Caractères non autorisés")]
    ControlCharacters,
    #[error("Trop d'émojis ou de caractères répétés")]
    Flood,
    #[error("La note va de 1 à 5")]
    Rating,
}

/// Characters that change how the text around them reads without being seen: Unicode's
/// Default_Ignorable_Code_Point, which holds zero-width spaces and joiners, word joiners,
/// byte-order marks, every bidirectional mark, override and isolate (the Arabic letter
/// mark too), the Hangul fillers that pass for letters in a blank comment, variation
/// selectors, and the tag characters that can carry a hidden copy of a text.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

fn pictograph(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}')
}

/// A cleaned comment text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentText(String);

impl CommentText {
    pub fn parse(input: &str) -> Result<Self, CommentError> {
        // Invisible characters go first: one between `\r` and `\n` must not turn a line
        // break into a refused control character.
        let cleaned = input
            .chars()
            .filter(|c| !invisible(*c))
            .collect::<String>()
            .replace("\r\n", "\n");
        if cleaned
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            return Err(CommentError::ControlCharacters);
        }
        // At most one blank line in a row; no blank start or end.
        let mut text = String::with_capacity(cleaned.len());
        let mut blank_run = 0;
        for line in cleaned.trim().lines() {
            let line = line.trim_end();
            if line.is_empty() {
                blank_run += 1;
                if blank_run > 1 {
                    continue;
                }
            } else {
                blank_run = 0;
            }
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(line);
        }
        match text.chars().count() {
            n if n < MIN_CHARS => return Err(CommentError::TooShort),
            n if n > MAX_CHARS => return Err(CommentError::TooLong),
            _ => {}
        }
        if text.chars().filter(|c| pictograph(*c)).count() > MAX_EMOJI || has_long_run(&text) {
            return Err(CommentError::Flood);
        }
        Ok(CommentText(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn has_long_run(text: &str) -> bool {
    let mut run = 0;
    let mut previous = None;
    for c in text.chars() {
        run = if Some(c) == previous { run + 1 } else { 1 };
        previous = Some(c);
        if run > MAX_REPEAT {
            return true;
        }
    }
    false
}

/// An optional rating as typed: empty, or 1 to 5.
pub fn parse_rating(text: &str) -> Result<Option<u8>, CommentError> {
    match text.trim() {
        "" => Ok(None),
        text => text
            .parse::<u8>()
            .ok()
            .filter(|r| (1..=5).contains(r))
            .map(Some)
            .ok_or(CommentError::Rating),
    }
}

/// Whether the author may still edit a comment written at `created_at`.
pub fn can_edit(created_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= created_at && now - created_at <= EDIT_WINDOW
}

/// How a list of comments is ordered: newest first, or those people found most
/// helpful first (newest first among equals).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentOrder {
    #[default]
    Newest,
    Helpful,
}

impl CommentOrder {
    /// Read from the page's address (`?tri=utiles`); anything else is the default.
    pub fn from_query(value: Option<&str>) -> Self {
        match value {
            Some("utiles") => CommentOrder::Helpful,
            _ => CommentOrder::Newest,
        }
    }

    /// How it is written in the page's address (`None`: the default, left out).
    pub fn query(self) -> Option<&'static str> {
        match self {
            CommentOrder::Newest => None,
            CommentOrder::Helpful => Some("utiles"),
        }
    }
}

/// What the author's bookings of the offer say about their comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Badge {
    /// A used ticket: they went.
    WentThere,
    /// A booking not used yet.
    Booked,
}

impl Badge {
    pub fn of(has_used_booking: bool, has_active_booking: bool) -> Option<Badge> {
        if has_used_booking {
            Some(Badge::WentThere)
        } else if has_active_booking {
            Some(Badge::Booked)
        } else {
            None
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Badge::WentThere => "Y est allé·e",
            Badge::Booked => "A réservé",
        }
    }
}

/// A piece of a comment as shown: text (always escaped by the view), or a link to a
/// site of the allow-list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Segment {
    Text(String),
    Link(String),
}

/// Splits a comment into text and links; only `https://` addresses whose host is on
/// `allowed_hosts` (or a subdomain of one) become links, everything else stays text.
pub fn segments(text: &str, allowed_hosts: &[&str]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let push_text = |out: &mut Vec<Segment>, piece: &str| match out.last_mut() {
        Some(Segment::Text(previous)) => previous.push_str(piece),
        _ => out.push(Segment::Text(piece.to_owned())),
    };
    let mut rest = text;
    while let Some(start) = rest.find("https://") {
        push_text(&mut out, &rest[..start]);
        let candidate = &rest[start..];
        let end = candidate
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\''))
            .unwrap_or(candidate.len());
        let url = candidate[..end].trim_end_matches(['.', ',', ')', '!', '?', ';', ':']);
        // The host as browsers read it: the authority ends at `/`, `?`, `#` or `\`
        // (a slash to them); anything but letters, digits, dots and dashes (a user name
        // before `@`, say: `https://wikipedia.org:x@evil.example`) makes it no link.
        let authority = url["https://".len()..]
            .split(['/', '?', '#', '\\'])
            .next()
            .unwrap_or("");
        let (host, port) = authority.rsplit_once(':').unwrap_or((authority, ""));
        let host = host.to_ascii_lowercase();
        let plain = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            && port.chars().all(|c| c.is_ascii_digit());
        let allowed = allowed_hosts
            .iter()
            .any(|h| host == *h || host.ends_with(&format!(".{h}")));
        if allowed && plain {
            out.push(Segment::Link(url.to_owned()));
        } else {
            push_text(&mut out, url);
        }
        rest = &candidate[url.len()..];
    }
    if !rest.is_empty() {
        push_text(&mut out, rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_of_comments_round_trips_through_the_address() {
        for order in [CommentOrder::Newest, CommentOrder::Helpful] {
            assert_eq!(CommentOrder::from_query(order.query()), order);
        }
        assert_eq!(
            CommentOrder::from_query(Some("nonsense")),
            CommentOrder::Newest
        );
    }

    #[test]
    fn a_comment_is_trimmed_and_keeps_at_most_one_blank_line() {
        let text =
            CommentText::parse("  Super concert !\r\n\r\n\r\n\r\nJ'y retourne.  ").expect("ok");
        assert_eq!(text.as_str(), "Super concert !\n\nJ'y retourne.");
    }

    #[test]
    fn comments_are_3_to_1000_characters() {
        assert_eq!(CommentText::parse(" a "), Err(CommentError::TooShort));
        assert!(CommentText::parse("Top").is_ok());
        assert_eq!(
            CommentText::parse(&"é".repeat(1001)),
            Err(CommentError::TooLong)
        );
        assert!(CommentText::parse(&"ab ".repeat(333)).is_ok());
    }

    #[test]
    fn invisible_and_direction_characters_are_removed() {
        let tricky = "bon\u{200B}jour \u{202E}olleh\u{202C} \u{2066}x\u{2069}";
        assert_eq!(
            CommentText::parse(tricky).expect("ok").as_str(),
            "bonjour olleh x"
        );
        assert_eq!(
            CommentText::parse("\u{200B}\u{200B}\u{200B}a"),
            Err(CommentError::TooShort)
        );
    }

    #[test]
    fn every_default_ignorable_character_is_removed_so_a_comment_cannot_look_blank() {
        // Found by the property tests: "\u{206A}\u{206A}\u{3164}" was a 3-character comment
        // that shows nothing; the Arabic letter mark and tag characters stayed too.
        assert_eq!(
            CommentText::parse("\u{206A}\u{206A}\u{3164}"),
            Err(CommentError::TooShort)
        );
        assert_eq!(
            CommentText::parse("\u{3164}\u{3164}\u{3164}\u{FFA0}\u{115F}"),
            Err(CommentError::TooShort)
        );
        assert_eq!(
            CommentText::parse("a\u{061C}b\u{E0041}\u{E0042}c\u{FE0F} ok")
                .expect("ok")
                .as_str(),
            "abc ok"
        );
    }

    #[test]
    fn an_invisible_character_inside_a_line_break_leaves_it_a_line_break() {
        // Found by the property tests: "\r\u{200B}\n" was refused as a control character.
        assert_eq!(
            CommentText::parse("Bien\r\u{200B}\nvu")
                .expect("ok")
                .as_str(),
            "Bien\nvu"
        );
    }

    #[test]
    fn control_characters_are_refused() {
        assert_eq!(
            CommentText::parse("bip\u{7}bip"),
            Err(CommentError::ControlCharacters)
        );
    }

    #[test]
    fn emoji_floods_and_long_runs_are_refused() {
        assert!(CommentText::parse("Génial 🎉🎉🎉").is_ok());
        assert_eq!(
            CommentText::parse(&"🎉".repeat(21)),
            Err(CommentError::Flood)
        );
        assert_eq!(
            CommentText::parse(&format!("trop{}", "o".repeat(16))),
            Err(CommentError::Flood)
        );
    }

    #[test]
    fn script_tags_stay_text() {
        let text = CommentText::parse("<script>alert(1)</script>").expect("kept as text");
        assert_eq!(
            segments(text.as_str(), &["culture.gouv.fr"]),
            vec![Segment::Text("<script>alert(1)</script>".into())]
        );
    }

    #[test]
    fn ratings_go_from_1_to_5() {
        assert_eq!(parse_rating(""), Ok(None));
        assert_eq!(parse_rating("4"), Ok(Some(4)));
        assert_eq!(parse_rating("0"), Err(CommentError::Rating));
        assert_eq!(parse_rating("6"), Err(CommentError::Rating));
    }

    #[test]
    fn a_comment_can_be_edited_for_15_minutes() {
        let at = DateTime::from_timestamp(1_800_000_000, 0).expect("ts");
        assert!(can_edit(at, at + Duration::minutes(15)));
        assert!(!can_edit(
            at,
            at + Duration::minutes(15) + Duration::seconds(1)
        ));
    }

    #[test]
    fn the_badge_says_went_there_over_booked() {
        assert_eq!(Badge::of(true, true), Some(Badge::WentThere));
        assert_eq!(Badge::of(false, true), Some(Badge::Booked));
        assert_eq!(Badge::of(false, false), None);
    }

    #[test]
    fn only_https_links_to_allowed_sites_are_links() {
        let allowed = ["culture.gouv.fr", "theatre-strasbourg.fr"];
        let parts = segments(
            "Voir https://www.theatre-strasbourg.fr/saison. Et https://evil.example/x ou javascript:alert(1)",
            &allowed,
        );
        assert_eq!(
            parts,
            vec![
                Segment::Text("Voir ".into()),
                Segment::Link("https://www.theatre-strasbourg.fr/saison".into()),
                Segment::Text(". Et https://evil.example/x ou javascript:alert(1)".into()),
            ]
        );
        assert_eq!(
            segments("https://culture.gouv.fr.evil.com", &allowed),
            vec![Segment::Text("https://culture.gouv.fr.evil.com".into())]
        );
    }

    #[test]
    fn a_user_name_or_a_backslash_cannot_dress_another_host_as_an_allowed_one() {
        let allowed = ["wikipedia.org"];
        for text in [
            "https://wikipedia.org:x@evil.example/phish",
            "https://wikipedia.org@evil.example",
            "https://evil.example\\.wikipedia.org/y",
            "https://evil.example%2F.wikipedia.org",
            "https://wikipedia.org:80x/",
        ] {
            assert_eq!(
                segments(text, &allowed),
                vec![Segment::Text(text.to_owned())],
                "{text}"
            );
        }
        assert!(
            segments("https://fr.wikipedia.org:443/wiki/Op%C3%A9ra", &allowed).contains(
                &Segment::Link("https://fr.wikipedia.org:443/wiki/Op%C3%A9ra".to_owned())
            )
        );
    }
}
