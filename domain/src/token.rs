//! The booking token ("contremarque"): what the young person shows at the counter.
//!
//! Six characters from a 30-letter alphabet without the look-alikes I/1 and O/0,
//! about 729 million combinations. Typed by a cashier, so it is read
//! case-insensitively and with surrounding spaces forgiven.

use rand_core::Rng;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The characters a token is made of.
pub const ALPHABET: &[u8; 30] = b"ABCDEFGHJKLMNPQRSTUVWXYZ234567";
/// Every token has exactly this many characters.
pub const LENGTH: usize = 6;
/// How many fresh tokens to try when one collides with an existing booking.
pub const MAX_GENERATION_ATTEMPTS: usize = 100;

/// A well-formed booking token, always upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Token(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("Une contremarque compte 6 caractères")]
    WrongLength,
    #[error("Une contremarque ne contient que des lettres (sans I ni O) et les chiffres 2 à 7")]
    ForbiddenCharacter,
}

impl Token {
    /// Reads a token as typed by a person: trimmed, case-insensitive.
    pub fn parse(input: &str) -> Result<Self, TokenError> {
        let upper = input.trim().to_ascii_uppercase();
        if upper.chars().count() != LENGTH {
            return Err(TokenError::WrongLength);
        }
        if !upper.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err(TokenError::ForbiddenCharacter);
        }
        Ok(Token(upper))
    }

    /// Draws a uniformly random token (rejection sampling: no modulo bias).
    pub fn generate(rng: &mut impl Rng) -> Self {
        let mut token = String::with_capacity(LENGTH);
        while token.len() < LENGTH {
            // 5 random bits give 0..32; the two values past the alphabet are redrawn.
            let index = (rng.next_u32() >> 27) as usize;
            if let Some(&c) = ALPHABET.get(index) {
                token.push(char::from(c));
            }
        }
        Token(token)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the QR code on the ticket encodes.
    pub fn qr_payload(&self) -> String {
        format!("PASSCULTURE:v3;TOKEN:{}", self.0)
    }

    /// Reads what a camera scanned: the QR payload of a ticket, or a bare token.
    pub fn from_scan(text: &str) -> Result<Self, TokenError> {
        let text = text.trim();
        let token = text
            .split(';')
            .find_map(|part| part.strip_prefix("TOKEN:"))
            .unwrap_or(text);
        Token::parse(token)
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Token {
    type Error = TokenError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Token::parse(&value)
    }
}

impl From<Token> for String {
    fn from(token: Token) -> String {
        token.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use std::collections::HashSet;

    #[test]
    fn generated_tokens_have_six_characters_of_the_alphabet() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for _ in 0..10_000 {
            let token = Token::generate(&mut rng);
            assert_eq!(token.as_str().len(), LENGTH);
            assert!(token.as_str().bytes().all(|b| ALPHABET.contains(&b)));
        }
    }

    #[test]
    fn generated_tokens_use_every_character_and_rarely_collide() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(42);
        let tokens: Vec<Token> = (0..20_000).map(|_| Token::generate(&mut rng)).collect();
        let used: HashSet<u8> = tokens.iter().flat_map(|t| t.as_str().bytes()).collect();
        assert_eq!(used.len(), ALPHABET.len());
        let distinct: HashSet<&Token> = tokens.iter().collect();
        // 20 000 draws among 729 M: the birthday bound gives well under one collision.
        assert!(distinct.len() >= 19_998);
    }

    #[test]
    fn a_token_is_read_case_insensitively_and_trimmed() {
        assert_eq!(
            Token::parse("  ab2c7z ").map(String::from),
            Ok("AB2C7Z".to_owned())
        );
    }

    #[test]
    fn look_alike_characters_are_refused() {
        assert_eq!(Token::parse("ABCDE1"), Err(TokenError::ForbiddenCharacter));
        assert_eq!(Token::parse("ABCDEO"), Err(TokenError::ForbiddenCharacter));
        assert_eq!(Token::parse("ABCDEI"), Err(TokenError::ForbiddenCharacter));
        assert_eq!(Token::parse("ABCDE8"), Err(TokenError::ForbiddenCharacter));
    }

    #[test]
    fn a_token_of_the_wrong_length_is_refused() {
        assert_eq!(Token::parse("ABCDE"), Err(TokenError::WrongLength));
        assert_eq!(Token::parse("ABCDEFG"), Err(TokenError::WrongLength));
        assert_eq!(Token::parse("ÉBCDEF"), Err(TokenError::ForbiddenCharacter));
    }

    #[test]
    fn the_qr_code_carries_the_versioned_payload() {
        let token = Token::parse("ABC234").expect("valid");
        assert_eq!(token.qr_payload(), "PASSCULTURE:v3;TOKEN:ABC234");
    }

    #[test]
    fn a_scanned_payload_or_a_bare_token_reads_as_the_token() {
        let token = Token::parse("ABC234").expect("valid");
        assert_eq!(
            Token::from_scan("PASSCULTURE:v3;TOKEN:ABC234"),
            Ok(token.clone())
        );
        assert_eq!(Token::from_scan(" abc234 "), Ok(token));
        assert!(Token::from_scan("PASSCULTURE:v3;TOKEN:").is_err());
        assert!(Token::from_scan("https://example.org").is_err());
    }
}
