//! What a credit policy gives, in a line for visitors ("500 € à 18 ans, à dépenser en
//! 24 mois"): the welcome on the home page and the administrators' list of policies.
//! The policy is data (`domain::credit::CreditPolicy`); its words are the language's.

use super::Locale;
use super::money::euros;
use crate::i18n::td_string;
use domain::credit::{CreditPolicy, Validity};

/// The grants and how long they last.
pub fn pitch(locale: Locale, policy: &CreditPolicy) -> String {
    let grants = policy
        .grants
        .iter()
        .map(|grant| {
            let (amount, age) = (euros(locale, grant.amount), grant.age);
            td_string!(locale, pitch.grant, amount, age).to_string()
        })
        .collect::<Vec<_>>()
        .join(", ");
    let validity = match policy.validity {
        Validity::Months(months) => td_string!(locale, pitch.within_months, months).to_string(),
        Validity::UntilAge(age) => td_string!(locale, pitch.until_age, age).to_string(),
    };
    td_string!(locale, pitch.sentence, grants, validity).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::credit::preset;

    #[test]
    fn a_first_visit_reads_what_the_pass_gives_in_one_sentence() {
        let one_grant = preset("FR-2019").expect("preset");
        assert_eq!(
            pitch(Locale::fr, &one_grant),
            "500 € à 18 ans, à dépenser en 24 mois"
        );
        assert_eq!(
            pitch(Locale::en, &one_grant),
            "€500 at 18, to spend within 24 months"
        );
        let two_grants = preset("FR-2025").expect("preset");
        assert_eq!(
            pitch(Locale::fr, &two_grants),
            "50 € à 17 ans, 150 € à 18 ans, à dépenser avant tes 21 ans"
        );
        assert_eq!(
            pitch(Locale::en, &two_grants),
            "€50 at 17, €150 at 18, to spend before you turn 21"
        );
    }
}
