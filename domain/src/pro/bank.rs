//! A structure's bank details, where the pass pays its reimbursements: the account
//! holder, an IBAN checked with its length for the country and its mod-97 check digits
//! (ISO 13616), and a BIC (ISO 9362). An administrator of the structure enters them; the
//! pass's team validates them before any payment goes there, and entering new ones sends
//! them back to the team.

use super::{FieldError, FieldRefusal, refuse};
use serde::{Deserialize, Serialize};

/// The IBAN lengths of the SEPA countries (and a few near them); other countries are
/// held to ISO's bounds only.
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AT", 20),
    ("BE", 16),
    ("BG", 22),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("GI", 23),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IS", 26),
    ("IT", 27),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("RO", 24),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("VA", 22),
];

/// An IBAN, upper-case and without spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Iban(String);

impl Iban {
    /// Reads an IBAN as people copy it: spaces and dashes anywhere, any case.
    pub fn parse(text: &str) -> Result<Iban, FieldRefusal> {
        let iban: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if iban.is_empty() {
            return Err(FieldRefusal::IbanEmpty);
        }
        if !iban.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(FieldRefusal::IbanCharacters);
        }
        let bytes = iban.as_bytes();
        if bytes.len() < 4
            || !bytes[..2].iter().all(u8::is_ascii_alphabetic)
            || !bytes[2..4].iter().all(u8::is_ascii_digit)
        {
            return Err(FieldRefusal::IbanStart);
        }
        let expected = LENGTHS
            .iter()
            .find(|(country, _)| country.as_bytes() == &bytes[..2])
            .map(|(_, length)| *length);
        match expected {
            Some(length) if length != iban.len() => {
                return Err(FieldRefusal::IbanCountryLength);
            }
            None if !(15..=34).contains(&iban.len()) => {
                return Err(FieldRefusal::IbanLength);
            }
            _ => {}
        }
        if mod_97(&iban) != 1 {
            return Err(FieldRefusal::IbanCheckDigits);
        }
        Ok(Iban(iban))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// In groups of four, as printed on a bank's RIB.
    pub fn grouped(&self) -> String {
        group(&self.0)
    }

    /// Only the country and the last four characters, for pages where the whole
    /// number has no use: "FR76 •••• 0189".
    pub fn masked(&self) -> String {
        let tail = &self.0[self.0.len() - 4..];
        format!("{} •••• {tail}", &self.0[..4])
    }
}

fn group(text: &str) -> String {
    text.as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The remainder of the IBAN, moved and read as a number, by 97: 1 when its check
/// digits are right.
fn mod_97(iban: &str) -> u32 {
    let (head, tail) = iban.split_at(4);
    tail.chars().chain(head.chars()).fold(0, |rest, c| {
        let value = c.to_digit(36).unwrap_or(0);
        if value < 10 {
            (rest * 10 + value) % 97
        } else {
            (rest * 100 + value) % 97
        }
    })
}

/// A BIC: bank, country, place and optional branch (8 or 11 characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bic(String);

impl Bic {
    pub fn parse(text: &str) -> Result<Bic, FieldRefusal> {
        let bic: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let bytes = bic.as_bytes();
        let valid = matches!(bytes.len(), 8 | 11)
            && bytes[..6].iter().all(u8::is_ascii_alphabetic)
            && bytes[6..].iter().all(u8::is_ascii_alphanumeric);
        if valid {
            Ok(Bic(bic))
        } else {
            Err(FieldRefusal::Bic)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checked bank details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankDetails {
    pub holder: String,
    pub iban: Iban,
    pub bic: Bic,
}

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankForm {
    pub holder: String,
    pub iban: String,
    pub bic: String,
}

impl BankForm {
    pub fn parse(&self) -> Result<BankDetails, FieldError> {
        let holder = self.holder.trim();
        if !(2..=140).contains(&holder.chars().count()) || holder.chars().any(char::is_control) {
            return Err(refuse("holder", FieldRefusal::Holder));
        }
        let iban = Iban::parse(&self.iban).map_err(|e| refuse("iban", e))?;
        let bic = Bic::parse(&self.bic).map_err(|e| refuse("bic", e))?;
        if iban.as_str()[..2] != bic.as_str()[4..6] && !same_area(&iban, &bic) {
            return Err(refuse("bic", FieldRefusal::BicCountry));
        }
        Ok(BankDetails {
            holder: holder.to_owned(),
            iban,
            bic,
        })
    }
}

/// Monaco's and France's overseas banks use French IBANs with their own BIC country,
/// and the reverse: the pair is accepted.
fn same_area(iban: &Iban, bic: &Bic) -> bool {
    const FRENCH: &[&str] = &["FR", "MC", "GP", "MQ", "GF", "RE", "YT", "PM", "NC", "PF"];
    FRENCH.contains(&&iban.as_str()[..2]) && FRENCH.contains(&&bic.as_str()[4..6])
}

/// Where the team stands on a structure's bank details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BankStatus {
    Pending,
    Validated,
    Refused,
}

impl BankStatus {
    pub const ALL: [BankStatus; 3] = [
        BankStatus::Pending,
        BankStatus::Validated,
        BankStatus::Refused,
    ];

    pub fn to_stored(self) -> &'static str {
        match self {
            BankStatus::Pending => "pending",
            BankStatus::Validated => "validated",
            BankStatus::Refused => "refused",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BankStatus::Pending => "En cours de vérification par l'équipe du pass",
            BankStatus::Validated => "Validées : les remboursements sont versés sur ce compte",
            BankStatus::Refused => "Refusées : saisis-les à nouveau",
        }
    }
}

impl TryFrom<String> for BankStatus {
    type Error = super::status::UnknownStatus;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        super::status::read(&Self::ALL, Self::to_stored, code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(iban: &str, bic: &str) -> BankForm {
        BankForm {
            holder: "Cinéma Le Palace".to_owned(),
            iban: iban.to_owned(),
            bic: bic.to_owned(),
        }
    }

    fn field(result: Result<BankDetails, FieldError>) -> String {
        result.map(|_| ()).expect_err("refused").field
    }

    #[test]
    fn real_ibans_pass_as_people_copy_them() {
        for iban in [
            "FR76 3000 6000 0112 3456 7890 189",
            "fr7630006000011234567890189",
            "DE89 3704 0044 0532 0130 00",
            "GB82-WEST-1234-5698-7654-32",
            "BE68 5390 0754 7034",
        ] {
            assert!(Iban::parse(iban).is_ok(), "{iban}");
        }
        let iban = Iban::parse("fr76 3000 6000 0112 3456 7890 189").expect("valid");
        assert_eq!(iban.as_str(), "FR7630006000011234567890189");
        assert_eq!(iban.grouped(), "FR76 3000 6000 0112 3456 7890 189");
        assert_eq!(iban.masked(), "FR76 •••• 0189");
    }

    #[test]
    fn a_wrong_character_breaks_the_check_digits() {
        assert_eq!(
            Iban::parse("FR76 3000 6000 0112 3456 7890 188"),
            Err(FieldRefusal::IbanCheckDigits)
        );
        // Two digits swapped.
        assert!(Iban::parse("FR76 3000 6000 0112 3456 7809 189").is_err());
    }

    #[test]
    fn length_and_characters_are_checked() {
        assert_eq!(
            Iban::parse("FR76 3000 6000 0112 3456 7890 18"),
            Err(FieldRefusal::IbanCountryLength)
        );
        assert!(Iban::parse("FR76 3000 6000 0112 3456 7890 189!").is_err());
        assert!(Iban::parse("7630006000011234567890189").is_err());
        assert!(Iban::parse("").is_err());
        assert!(Iban::parse("ZZ12").is_err());
    }

    #[test]
    fn a_bic_has_eight_or_eleven_characters() {
        assert!(Bic::parse("BNPAFRPP").is_ok());
        assert_eq!(
            Bic::parse("bnpa fr pp xxx").expect("valid").as_str(),
            "BNPAFRPPXXX"
        );
        assert!(Bic::parse("BNPAFRP").is_err());
        assert!(Bic::parse("BNP1FRPPXXX").is_err());
        assert!(Bic::parse("BNPAFRPPXX").is_err());
    }

    #[test]
    fn the_form_says_which_field_to_fix() {
        let good = form("FR7630006000011234567890189", "AGRIFRPP");
        assert_eq!(good.parse().expect("valid").holder, "Cinéma Le Palace");
        assert_eq!(
            field(
                BankForm {
                    holder: " ".into(),
                    ..good.clone()
                }
                .parse()
            ),
            "holder"
        );
        assert_eq!(field(form("FR76", "AGRIFRPP").parse()), "iban");
        assert_eq!(
            field(form("FR7630006000011234567890189", "AGRI").parse()),
            "bic"
        );
        // A German bank's BIC for a French account.
        assert_eq!(
            field(form("FR7630006000011234567890189", "DEUTDEFF").parse()),
            "bic"
        );
        // A Monaco bank may hold a French-area account.
        assert!(
            form("FR7630006000011234567890189", "CMCIMCM1")
                .parse()
                .is_ok()
        );
    }

    #[test]
    fn statuses_are_stored_and_read_back() {
        for status in BankStatus::ALL {
            assert_eq!(
                BankStatus::try_from(status.to_stored().to_owned()),
                Ok(status)
            );
        }
    }
}
