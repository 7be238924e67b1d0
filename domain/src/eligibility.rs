//! Who may open an account, and what credit a verified young person is granted by the
//! active policy: computed from the birth date, on a given day.

use crate::credit::{CreditPolicy, age_on};
use crate::money::Cents;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Accounts can be created from this age (as in the real pass Culture).
pub const MINIMUM_ACCOUNT_AGE: u32 = 15;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BirthDateError {
    #[error("Date de naissance invalide (format AAAA-MM-JJ)")]
    Unreadable,
    #[error("La date de naissance ne peut pas être dans le futur")]
    InTheFuture,
    #[error("Il faut avoir au moins 15 ans pour créer un compte")]
    TooYoung,
    #[error("Date de naissance invraisemblable")]
    Implausible,
}

/// Reads a birth date as a date input sends it, and checks it allows an account.
pub fn parse_birth_date(input: &str, today: NaiveDate) -> Result<NaiveDate, BirthDateError> {
    let date = NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d")
        .map_err(|_| BirthDateError::Unreadable)?;
    if date > today {
        return Err(BirthDateError::InTheFuture);
    }
    match age_on(date, today) {
        age if age < MINIMUM_ACCOUNT_AGE => Err(BirthDateError::TooYoung),
        age if age > 120 => Err(BirthDateError::Implausible),
        _ => Ok(date),
    }
}

/// A French département code: `01`–`95` (with `2A`/`2B` for Corsica) or `971`–`976`
/// (`975`: Saint-Pierre-et-Miquelon, which has the overseas départements' postal codes).
/// Digits only: the code is kept as typed, and `str::parse` alone would let `+1` through.
pub fn parse_departement(input: &str) -> Option<String> {
    let code = input.trim().to_ascii_uppercase();
    let digits = |c: &str| c.bytes().all(|b| b.is_ascii_digit());
    let valid = match code.as_str() {
        "2A" | "2B" => true,
        c if c.len() == 2 && digits(c) => c
            .parse::<u32>()
            .is_ok_and(|n| (1..=95).contains(&n) && n != 20),
        c if c.len() == 3 && digits(c) => c.parse::<u32>().is_ok_and(|n| (971..=976).contains(&n)),
        _ => false,
    };
    valid.then_some(code)
}

/// What a policy grants someone, on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Eligibility {
    /// Too young for any grant yet; credit comes at `from_age`.
    NotYet { from_age: u32 },
    /// The amount due now (every band reached so far) and the day it expires.
    Eligible {
        amount: Cents,
        expires_on: NaiveDate,
    },
    /// Past the policy's ages: no credit.
    TooLate,
}

/// The policy's grants for a person born on `birth_date`, verified on `today`. Every age
/// band reached counts (a late registration still gets each band); eligibility ends at
/// the birthday after the last band, or earlier if the credit would already be expired.
pub fn eligibility(policy: &CreditPolicy, birth_date: NaiveDate, today: NaiveDate) -> Eligibility {
    let age = age_on(birth_date, today);
    let (Some(first), Some(last)) = (
        policy.first_eligible_age(),
        policy.grants.iter().map(|g| g.age).max(),
    ) else {
        return Eligibility::TooLate;
    };
    if age < first {
        return Eligibility::NotYet { from_age: first };
    }
    let expires_on = policy.expires_on(birth_date, today);
    if age > last || expires_on <= today {
        return Eligibility::TooLate;
    }
    Eligibility::Eligible {
        amount: policy.grants_up_to(age),
        expires_on,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credit::preset;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid")
    }

    const TODAY: (i32, u32, u32) = (2026, 11, 26);

    fn today() -> NaiveDate {
        date(TODAY.0, TODAY.1, TODAY.2)
    }

    #[test]
    fn an_account_needs_a_readable_past_birth_date_and_15_years() {
        assert_eq!(
            parse_birth_date("2008-05-01", today()),
            Ok(date(2008, 5, 1))
        );
        assert_eq!(
            parse_birth_date("01/05/2008", today()),
            Err(BirthDateError::Unreadable)
        );
        assert_eq!(
            parse_birth_date("2027-01-01", today()),
            Err(BirthDateError::InTheFuture)
        );
        assert_eq!(
            parse_birth_date("2012-01-01", today()),
            Err(BirthDateError::TooYoung)
        );
        assert_eq!(
            parse_birth_date("1850-01-01", today()),
            Err(BirthDateError::Implausible)
        );
    }

    #[test]
    fn departement_codes_of_the_mainland_corsica_and_overseas_are_accepted() {
        for ok in ["67", "01", "2a", "2B", "95", "973", "975", " 34 "] {
            assert!(parse_departement(ok).is_some(), "{ok}");
        }
        for bad in ["", "00", "20", "96", "970", "977", "6", "ABC", "9730"] {
            assert!(parse_departement(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_departement_code_is_digits_only_so_a_plus_sign_is_refused() {
        // Found by the property tests: "+1" parsed as 1 and was kept as the code.
        for bad in ["+1", "+9", " +5 "] {
            assert_eq!(parse_departement(bad), None, "{bad}");
        }
    }

    #[test]
    fn at_18_the_2019_policy_grants_500_euros_for_two_years() {
        let p = preset("FR-2019").expect("preset");
        assert_eq!(
            eligibility(&p, date(2008, 6, 1), today()),
            Eligibility::Eligible {
                amount: Cents::euros(500),
                expires_on: date(2028, 11, 26)
            }
        );
    }

    #[test]
    fn at_17_the_2019_policy_grants_nothing_yet() {
        let p = preset("FR-2019").expect("preset");
        assert_eq!(
            eligibility(&p, date(2009, 6, 1), today()),
            Eligibility::NotYet { from_age: 18 }
        );
    }

    #[test]
    fn at_19_the_2019_policy_is_over() {
        let p = preset("FR-2019").expect("preset");
        assert_eq!(
            eligibility(&p, date(2007, 6, 1), today()),
            Eligibility::TooLate
        );
    }

    #[test]
    fn the_2025_policy_gives_50_euros_at_17_and_200_in_all_to_an_18_year_old_registering_late() {
        let p = preset("FR-2025").expect("preset");
        assert_eq!(
            eligibility(&p, date(2009, 6, 1), today()),
            Eligibility::Eligible {
                amount: Cents::euros(50),
                expires_on: date(2030, 6, 1)
            }
        );
        assert_eq!(
            eligibility(&p, date(2008, 6, 1), today()),
            Eligibility::Eligible {
                amount: Cents::euros(200),
                expires_on: date(2029, 6, 1)
            }
        );
    }

    #[test]
    fn a_policy_without_grants_makes_nobody_eligible() {
        let mut p = preset("FR-2019").expect("preset");
        p.grants.clear();
        assert_eq!(
            eligibility(&p, date(2008, 6, 1), today()),
            Eligibility::TooLate
        );
    }
}
