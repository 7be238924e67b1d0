//! Newtypes for what people type: parse once at the edge, then trust the type.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum TextError {
    #[error("Le titre est obligatoire")]
    TitleEmpty,
    #[error("Le titre ne peut pas dépasser 90 caractères")]
    TitleTooLong,
    #[error("Adresse e-mail invalide")]
    EmailInvalid,
    #[error("Le mot de passe est obligatoire")]
    PasswordEmpty,
    #[error("Le mot de passe doit compter au moins 12 caractères")]
    PasswordTooShort,
    #[error("Le mot de passe ne peut pas dépasser 128 caractères")]
    PasswordTooLong,
    #[error("Caractères non autorisés (caractères de contrôle)")]
    ControlCharacter,
    #[error("Une seule ligne, sans caractère invisible ni de sens d'écriture")]
    NotOneLine,
}

/// Whether `c` may appear in text people type: anything but control characters (NUL,
/// escape, the C1 block...), except the line breaks and tabs of multi-line fields.
/// PostgreSQL cannot store NUL, SQLite counts a text's length only up to it, and the
/// others only serve to disguise what a text shows.
pub fn allowed_char(c: char) -> bool {
    !c.is_control() || matches!(c, '\n' | '\r' | '\t')
}

/// The one check every parser of typed text goes through: `input` as it is, or
/// [`TextError::ControlCharacter`].
pub fn plain(input: &str) -> Result<&str, TextError> {
    if input.chars().all(allowed_char) {
        Ok(input)
    } else {
        Err(TextError::ControlCharacter)
    }
}

/// Characters that change how a line reads without showing themselves: bidirectional
/// controls (which can reverse "gratuit" on screen) and zero-width spaces and joiners
/// of words (which make two addresses or names look alike). The joiners some scripts and
/// emoji need (U+200C, U+200D) stay allowed.
fn disguising(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// [`plain`] for one-line text (names, titles, addresses): no line breaks or tabs
/// either (a name is mailed in a subject), and nothing that disguises what it shows.
pub fn plain_line(input: &str) -> Result<&str, TextError> {
    if plain(input)?
        .chars()
        .any(|c| matches!(c, '\n' | '\r' | '\t') || disguising(c))
    {
        Err(TextError::NotOneLine)
    } else {
        Ok(input)
    }
}

/// A count and its noun phrase, agreed: "0 place", "1 place", "2 places" (French puts
/// nought and one in the singular). Never "place(s)".
pub fn counted(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n.abs() <= 1 { one } else { many })
}

/// The longest address accepted as a place to go back to after signing in.
pub const MAX_PATH_CHARS: usize = 2000;

/// Where to send someone back to on this site (after signing in): `next` if it is a
/// path of this site, normalised, or `None`. Browsers read many strings as another host:
/// `//host`, `/\host`, a tab or a line break after the first slash (they strip them),
/// `/.//host` once dot segments are resolved. So only printable ASCII without
/// backslashes is accepted, dot segments are resolved and runs of slashes collapsed:
/// what comes back starts with exactly one `/`, followed by something other than `/`.
pub fn same_site_path(next: &str) -> Option<String> {
    let printable = next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    let one_slash = next.starts_with('/') && !next.starts_with("//");
    if !printable || !one_slash || next.len() > MAX_PATH_CHARS {
        return None;
    }
    let (path, rest) = next.split_at(next.find(['?', '#']).unwrap_or(next.len()));
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment.to_ascii_lowercase().as_str() {
            "" | "." | "%2e" => {}
            ".." | ".%2e" | "%2e." | "%2e%2e" => {
                segments.pop();
            }
            _ => segments.push(segment),
        }
    }
    Some(format!("/{}{rest}", segments.join("/")))
}

/// An offer title: 1 to 90 characters once trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferTitle(String);

pub const MAX_TITLE_CHARS: usize = 90;

impl OfferTitle {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        let title = plain_line(input)?.trim();
        match title.chars().count() {
            0 => Err(TextError::TitleEmpty),
            n if n > MAX_TITLE_CHARS => Err(TextError::TitleTooLong),
            _ => Ok(OfferTitle(title.to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An e-mail address, trimmed and lower-cased so that it is a stable login.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        let email = plain_line(input.trim())?.to_lowercase();
        let valid = email.len() <= 254
            && !email.chars().any(char::is_whitespace)
            && email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            });
        if valid {
            Ok(Email(email))
        } else {
            Err(TextError::EmailInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: 12 to 128 characters (long passphrases beat complexity rules).
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        match plain(input)?.chars().count() {
            0 => Err(TextError::PasswordEmpty),
            n if n < 12 => Err(TextError::PasswordTooShort),
            n if n > 128 => Err(TextError::PasswordTooLong),
            _ => Ok(NewPassword(input.to_owned())),
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_of_91_characters_is_rejected_and_90_accepted() {
        assert_eq!(
            OfferTitle::parse(&"é".repeat(91)),
            Err(TextError::TitleTooLong)
        );
        assert!(OfferTitle::parse(&"é".repeat(90)).is_ok());
    }

    #[test]
    fn a_blank_title_is_rejected() {
        assert_eq!(OfferTitle::parse("   "), Err(TextError::TitleEmpty));
    }

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse(" Jeune@Demo.FR ").map(|e| e.as_str().to_owned()),
            Ok("jeune@demo.fr".into())
        );
    }

    #[test]
    fn malformed_emails_are_rejected() {
        for bad in [
            "",
            "jeune",
            "@demo.fr",
            "jeune@",
            "jeune@demo",
            "a@b@c.fr",
            "je une@demo.fr",
            "a@.fr",
        ] {
            assert_eq!(Email::parse(bad), Err(TextError::EmailInvalid), "{bad}");
        }
    }

    #[test]
    fn control_characters_are_refused_in_every_typed_text_but_line_breaks_and_tabs() {
        for hostile in ["a\0b", "\u{1b}[31m", "x\u{85}y", "\u{7f}", "\u{9b}"] {
            assert_eq!(
                plain(hostile),
                Err(TextError::ControlCharacter),
                "{hostile:?}"
            );
            assert_eq!(
                OfferTitle::parse(hostile),
                Err(TextError::ControlCharacter),
                "{hostile:?}"
            );
        }
        assert_eq!(
            Email::parse("jeune\0@demo.fr"),
            Err(TextError::ControlCharacter)
        );
        assert_eq!(
            NewPassword::parse("une phrase\0 de passe"),
            Err(TextError::ControlCharacter)
        );
        assert_eq!(plain("ligne 1\r\n\tligne 2"), Ok("ligne 1\r\n\tligne 2"));
        assert_eq!(plain("ʼ⑴ː émoji 🎭"), Ok("ʼ⑴ː émoji 🎭"));
    }

    #[test]
    fn one_line_texts_refuse_line_breaks_and_characters_that_disguise_them() {
        for hostile in [
            "Support\r\n\r\nUrgent : https://evil.example",
            "Concert \u{202e}tiutarg\u{202c}",
            "admin\u{200b}",
            "a\tb",
            "\u{2066}x\u{2069}",
        ] {
            assert_eq!(
                plain_line(hostile),
                Err(TextError::NotOneLine),
                "{hostile:?}"
            );
            assert!(OfferTitle::parse(hostile).is_err(), "{hostile:?}");
        }
        assert!(Email::parse("admin@demo.fr\u{200b}").is_err());
        assert_eq!(plain_line("Théâtre d'été 🎭"), Ok("Théâtre d'été 🎭"));
        assert_eq!(
            plain_line("می\u{200c}خواهم"),
            Ok("می\u{200c}خواهم"),
            "Persian's joiner"
        );
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(counted(0, "place", "places"), "0 place");
        assert_eq!(
            counted(1, "date ajoutée", "dates ajoutées"),
            "1 date ajoutée"
        );
        assert_eq!(
            counted(3, "date ajoutée", "dates ajoutées"),
            "3 dates ajoutées"
        );
    }

    #[test]
    fn only_paths_of_this_site_are_followed_after_signing_in() {
        for (next, expected) in [
            ("/reservations", "/reservations"),
            ("/offres/12?tri=utiles#avis", "/offres/12?tri=utiles#avis"),
            ("/recherche?q=%2F%2Fx", "/recherche?q=%2F%2Fx"),
            ("/a/./b/../c", "/a/c"),
            ("/", "/"),
            ("/.//evil.example", "/evil.example"),
            ("/%2e%2E//evil.example", "/evil.example"),
            ("/../../etc", "/etc"),
        ] {
            assert_eq!(same_site_path(next).as_deref(), Some(expected), "{next:?}");
        }
        for next in [
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\tevil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            " /evil",
            "https://evil.example",
            "http:/evil.example",
            "javascript:alert(1)",
            "evil.example",
            "",
            "/caf\u{e9}",
            "/\u{2215}\u{2215}evil.example",
            "/\0",
        ] {
            assert_eq!(same_site_path(next), None, "{next:?}");
        }
        assert_eq!(
            same_site_path(&format!("/{}", "a".repeat(MAX_PATH_CHARS))),
            None
        );
    }

    #[test]
    fn passwords_need_twelve_characters_and_never_print() {
        assert_eq!(
            NewPassword::parse("court"),
            Err(TextError::PasswordTooShort)
        );
        let password = NewPassword::parse("une phrase de passe").expect("valid");
        assert_eq!(format!("{password:?}"), "NewPassword(***)");
    }
}
