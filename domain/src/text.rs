//! Newtypes for what people type: parse once at the edge, then trust the type.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
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
}

/// An offer title: 1 to 90 characters once trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferTitle(String);

pub const MAX_TITLE_CHARS: usize = 90;

impl OfferTitle {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        let title = input.trim();
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
        let email = input.trim().to_lowercase();
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
        match input.chars().count() {
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
    fn passwords_need_twelve_characters_and_never_print() {
        assert_eq!(
            NewPassword::parse("court"),
            Err(TextError::PasswordTooShort)
        );
        let password = NewPassword::parse("une phrase de passe").expect("valid");
        assert_eq!(format!("{password:?}"), "NewPassword(***)");
    }
}
