//! French company identifiers of partners: SIREN (the structure, 9 digits) and SIRET
//! (an establishment, 14 digits), both protected by a Luhn checksum.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum IdentifierError {
    #[error("Un SIREN compte 9 chiffres")]
    SirenLength,
    #[error("Un SIRET compte 14 chiffres")]
    SiretLength,
    #[error("Ce numéro n'est pas valide (clé de contrôle incorrecte)")]
    Checksum,
}

/// A structure's SIREN.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Siren(String);

/// A venue's SIRET.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Siret(String);

/// The SIREN of La Poste, whose SIRETs famously do not pass the Luhn check.
const LA_POSTE_SIREN: &str = "356000000";

fn digits_only(input: &str) -> String {
    input.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The Luhn checksum used by the INSEE for SIREN and SIRET.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.chars().rev().enumerate() {
        let Some(mut d) = c.to_digit(10) else {
            return false;
        };
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

impl Siren {
    /// Reads a SIREN as typed (spaces allowed).
    pub fn parse(input: &str) -> Result<Self, IdentifierError> {
        let digits = digits_only(input);
        if digits.len() != 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdentifierError::SirenLength);
        }
        if !luhn_valid(&digits) {
            return Err(IdentifierError::Checksum);
        }
        Ok(Siren(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Siret {
    /// Reads a SIRET as typed (spaces allowed).
    pub fn parse(input: &str) -> Result<Self, IdentifierError> {
        let digits = digits_only(input);
        if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdentifierError::SiretLength);
        }
        if !digits.starts_with(LA_POSTE_SIREN) && !luhn_valid(&digits) {
            return Err(IdentifierError::Checksum);
        }
        Ok(Siret(digits))
    }

    /// The SIREN of the structure this establishment belongs to.
    pub fn siren(&self) -> &str {
        &self.0[..9]
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_siren_passes_the_luhn_check() {
        // SNCF Voyageurs' SIREN.
        assert!(Siren::parse("519 037 584").is_ok());
        assert_eq!(Siren::parse("519037585"), Err(IdentifierError::Checksum));
    }

    #[test]
    fn a_siren_must_have_nine_digits() {
        assert_eq!(Siren::parse("51903758"), Err(IdentifierError::SirenLength));
        assert_eq!(Siren::parse("51903758A"), Err(IdentifierError::SirenLength));
    }

    #[test]
    fn a_siret_passes_the_luhn_check_and_knows_its_siren() {
        let siret = Siret::parse("732 829 320 00074").expect("valid");
        assert_eq!(siret.siren(), "732829320");
        assert_eq!(
            Siret::parse("73282932000075"),
            Err(IdentifierError::Checksum)
        );
        assert_eq!(
            Siret::parse("7328293200007"),
            Err(IdentifierError::SiretLength)
        );
    }

    #[test]
    fn la_poste_sirets_are_accepted_without_the_luhn_check() {
        assert!(Siret::parse("35600000012345").is_ok());
    }
}
