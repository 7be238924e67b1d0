//! Credit policies are data, not code: the amounts, caps, ages and validity changed by
//! decree in 2019, 2021 and 2025, and other countries use other numbers. A policy is a
//! versioned value stored as a row; a deposit remembers which policy granted it.

use crate::catalogue::CapKind;
use crate::money::Cents;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// What moved the credit: a grant, a booking's debit, or a cancellation's refund (the
/// ledger's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MovementKind {
    Grant,
    Debit,
    Refund,
    /// Credit added or taken back by an administrator, with a reason in the audit log.
    Correction,
}

impl MovementKind {
    pub const ALL: [MovementKind; 4] = [
        MovementKind::Grant,
        MovementKind::Debit,
        MovementKind::Refund,
        MovementKind::Correction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MovementKind::Grant => "grant",
            MovementKind::Debit => "debit",
            MovementKind::Refund => "refund",
            MovementKind::Correction => "correction",
        }
    }
}

impl TryFrom<String> for MovementKind {
    type Error = crate::pro::status::UnknownStatus;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        crate::pro::status::read(&Self::ALL, Self::as_str, code)
    }
}

/// An amount granted when the young person reaches an age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeGrant {
    pub age: u32,
    pub amount: Cents,
}

/// How long granted credit can be spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Validity {
    /// A number of months after the grant.
    Months(u32),
    /// Until the given birthday.
    UntilAge(u32),
}

/// One version of a credit policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditPolicy {
    /// Stable code, e.g. `FR-2019`.
    pub code: String,
    pub version: i32,
    pub name: String,
    pub grants: Vec<AgeGrant>,
    pub digital_cap: Option<Cents>,
    pub physical_cap: Option<Cents>,
    pub validity: Validity,
    /// The départements where the policy grants credit; everywhere when empty.
    #[serde(default)]
    pub departements: Vec<String>,
}

/// The policy the demo uses: the 2019 experiment of the seed article.
pub const DEMO_POLICY_CODE: &str = "FR-2019";

impl CreditPolicy {
    /// Whether the policy grants credit to someone living in `departement` (someone
    /// whose département is unknown only under a policy that applies everywhere).
    pub fn covers(&self, departement: Option<&str>) -> bool {
        self.departements.is_empty()
            || departement.is_some_and(|code| self.departements.iter().any(|d| d == code))
    }

    /// The version in words: "France, décret 2025 · version 2".
    pub fn label(&self) -> String {
        version_label(&self.name, i64::from(self.version))
    }

    /// The amount granted on reaching `age`, if any.
    pub fn grant_at_age(&self, age: u32) -> Option<Cents> {
        self.grants.iter().find(|g| g.age == age).map(|g| g.amount)
    }

    /// The youngest age at which this policy grants anything.
    pub fn first_eligible_age(&self) -> Option<u32> {
        self.grants.iter().map(|g| g.age).min()
    }

    /// The total a young person gets over the policy's whole life.
    pub fn total(&self) -> Cents {
        self.grants.iter().map(|g| g.amount).sum()
    }

    /// All grants a person of `age` is entitled to (for a late registration, every past
    /// band of the policy still counts as long as the credit has not expired).
    pub fn grants_up_to(&self, age: u32) -> Cents {
        self.grants
            .iter()
            .filter(|g| g.age <= age)
            .map(|g| g.amount)
            .sum()
    }

    /// The cap of the given kind, if the policy sets one.
    pub fn cap(&self, kind: CapKind) -> Option<Cents> {
        match kind {
            CapKind::Digital => self.digital_cap,
            CapKind::Physical => self.physical_cap,
        }
    }

    /// The day the credit granted on `granted_on` stops being spendable.
    pub fn expires_on(&self, birth_date: NaiveDate, granted_on: NaiveDate) -> NaiveDate {
        match self.validity {
            Validity::Months(months) => add_months(granted_on, months),
            Validity::UntilAge(age) => birthday(birth_date, age),
        }
    }
}

/// A policy's version in words, from its stored name and number.
pub fn version_label(name: &str, version: i64) -> String {
    format!("{name} · version {version}")
}

/// Completed years of a person born on `birth_date`, on the day `on`.
pub fn age_on(birth_date: NaiveDate, on: NaiveDate) -> u32 {
    let mut age = on.year() - birth_date.year();
    if (on.month(), on.day()) < (birth_date.month(), birth_date.day()) {
        age -= 1;
    }
    u32::try_from(age).unwrap_or(0)
}

/// The `age`-th birthday (29 February births celebrate on 1 March in common years).
pub fn birthday(birth_date: NaiveDate, age: u32) -> NaiveDate {
    let year = birth_date.year() + i32::try_from(age).unwrap_or(i32::MAX - birth_date.year());
    NaiveDate::from_ymd_opt(year, birth_date.month(), birth_date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .unwrap_or(NaiveDate::MAX)
}

fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(chrono::Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The presets shipped with the product. Stored as rows at start-up; never edited in
/// place: a change is a new version.
pub fn presets() -> Vec<CreditPolicy> {
    let grant = |age, euros| AgeGrant {
        age,
        amount: Cents::euros(euros),
    };
    vec![
        CreditPolicy {
            code: "FR-2019".into(),
            version: 1,
            name: "France, expérimentation 2019".into(),
            grants: vec![grant(18, 500)],
            digital_cap: Some(Cents::euros(200)),
            physical_cap: Some(Cents::euros(200)),
            validity: Validity::Months(24),
            departements: Vec::new(),
        },
        CreditPolicy {
            code: "FR-2021".into(),
            version: 1,
            name: "France, généralisation 2021".into(),
            grants: vec![grant(18, 300)],
            digital_cap: Some(Cents::euros(100)),
            physical_cap: None,
            validity: Validity::Months(24),
            departements: Vec::new(),
        },
        CreditPolicy {
            code: "FR-2025".into(),
            version: 1,
            name: "France, décret 2025".into(),
            grants: vec![grant(17, 50), grant(18, 150)],
            digital_cap: Some(Cents::euros(50)),
            physical_cap: None,
            validity: Validity::UntilAge(21),
            departements: Vec::new(),
        },
        CreditPolicy {
            code: "DE-KULTURPASS".into(),
            version: 1,
            name: "Deutschland, KulturPass".into(),
            grants: vec![grant(18, 200)],
            digital_cap: None,
            physical_cap: None,
            validity: Validity::Months(24),
            departements: Vec::new(),
        },
        CreditPolicy {
            code: "ES-BONO".into(),
            version: 1,
            name: "España, Bono Cultural Joven".into(),
            grants: vec![grant(18, 400)],
            digital_cap: None,
            physical_cap: None,
            validity: Validity::Months(12),
            departements: Vec::new(),
        },
    ]
}

/// A preset by its code.
pub fn preset(code: &str) -> Option<CreditPolicy> {
    presets().into_iter().find(|p| p.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn age_counts_completed_years() {
        assert_eq!(age_on(date(2008, 6, 15), date(2026, 6, 14)), 17);
        assert_eq!(age_on(date(2008, 6, 15), date(2026, 6, 15)), 18);
        assert_eq!(age_on(date(2030, 1, 1), date(2026, 6, 15)), 0);
    }

    #[test]
    fn the_2019_experiment_grants_500_euros_at_18_with_two_200_euro_caps_for_two_years() {
        let p = preset("FR-2019").expect("preset");
        assert_eq!(p.grant_at_age(18), Some(Cents::euros(500)));
        assert_eq!(p.grant_at_age(17), None);
        assert_eq!(p.cap(CapKind::Digital), Some(Cents::euros(200)));
        assert_eq!(p.cap(CapKind::Physical), Some(Cents::euros(200)));
        assert_eq!(
            p.expires_on(date(2008, 1, 1), date(2026, 3, 10)),
            date(2028, 3, 10)
        );
    }

    #[test]
    fn the_2021_policy_grants_300_euros_with_a_100_euro_digital_cap_and_no_physical_cap() {
        let p = preset("FR-2021").expect("preset");
        assert_eq!(p.total(), Cents::euros(300));
        assert_eq!(p.cap(CapKind::Digital), Some(Cents::euros(100)));
        assert_eq!(p.cap(CapKind::Physical), None);
    }

    #[test]
    fn the_2025_policy_grants_50_at_17_then_150_at_18_and_expires_on_the_21st_birthday() {
        let p = preset("FR-2025").expect("preset");
        assert_eq!(p.grant_at_age(17), Some(Cents::euros(50)));
        assert_eq!(p.grant_at_age(18), Some(Cents::euros(150)));
        assert_eq!(p.grants_up_to(18), Cents::euros(200));
        assert_eq!(p.first_eligible_age(), Some(17));
        assert_eq!(p.cap(CapKind::Digital), Some(Cents::euros(50)));
        assert_eq!(
            p.expires_on(date(2009, 4, 2), date(2026, 5, 1)),
            date(2030, 4, 2)
        );
    }

    #[test]
    fn a_birthday_on_29_february_falls_on_1_march_in_common_years() {
        assert_eq!(birthday(date(2008, 2, 29), 21), date(2029, 3, 1));
        assert_eq!(birthday(date(2008, 2, 29), 20), date(2028, 2, 29));
    }

    #[test]
    fn policy_codes_are_unique() {
        let mut codes: Vec<_> = presets().into_iter().map(|p| p.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), presets().len());
    }
}
