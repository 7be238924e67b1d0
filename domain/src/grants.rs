//! When a young person's credit arrives. At the identity check, every age band already
//! reached (a late sign-up is owed them, within the policy's rules); afterwards each later
//! band on the birthday it is reached, from midnight where the person lives. A grant
//! records the highest band it covers, so that no band is ever paid twice.

use crate::credit::{CreditPolicy, age_on, birthday};
use crate::eligibility::{Eligibility, eligibility};
use crate::money::Cents;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Credit to grant now: every band owed up to `up_to_age`, as one amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueGrant {
    /// The highest age band this grant covers.
    pub up_to_age: u32,
    pub amount: Cents,
    /// The last day of validity of the whole deposit once this is granted (exclusive).
    pub expires_on: NaiveDate,
}

/// The band that comes next, and the (local) day it comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextGrant {
    pub age: u32,
    pub amount: Cents,
    pub on: NaiveDate,
}

/// What to grant today, and when to look again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GrantPlan {
    pub now: Option<DueGrant>,
    pub next: Option<NextGrant>,
}

/// At the identity check (`today` is the person's local date): the bands already reached,
/// if the policy still allows them (`eligibility`), then the next band.
pub fn at_identity_check(
    policy: &CreditPolicy,
    birth_date: NaiveDate,
    today: NaiveDate,
) -> GrantPlan {
    let age = age_on(birth_date, today);
    let now = match eligibility(policy, birth_date, today) {
        Eligibility::Eligible { amount, expires_on } if !amount.is_zero() => {
            highest_band_reached(policy, age).map(|up_to_age| DueGrant {
                up_to_age,
                amount,
                expires_on,
            })
        }
        _ => None,
    };
    GrantPlan {
        now,
        next: next_grant(policy, birth_date, today),
    }
}

/// On a scheduled look, for someone whose identity was checked (`granted_up_to`: the
/// highest band already granted, if any). Every band reached since is owed, even late
/// (the scheduler may have been stopped), unless the credit would already be expired.
pub fn on_schedule(
    policy: &CreditPolicy,
    birth_date: NaiveDate,
    today: NaiveDate,
    granted_up_to: Option<u32>,
) -> GrantPlan {
    let age = age_on(birth_date, today);
    let owed: Cents = policy
        .grants
        .iter()
        .filter(|g| g.age <= age && granted_up_to.is_none_or(|done| g.age > done))
        .map(|g| g.amount)
        .sum();
    let expires_on = policy.expires_on(birth_date, today);
    let now = match highest_band_reached(policy, age) {
        Some(up_to_age) if !owed.is_zero() && expires_on > today => Some(DueGrant {
            up_to_age,
            amount: owed,
            expires_on,
        }),
        _ => None,
    };
    GrantPlan {
        now,
        next: next_grant(policy, birth_date, today),
    }
}

/// The first band after today's age, if the credit can still be spent on that day.
pub fn next_grant(
    policy: &CreditPolicy,
    birth_date: NaiveDate,
    today: NaiveDate,
) -> Option<NextGrant> {
    let age = age_on(birth_date, today);
    policy
        .grants
        .iter()
        .filter(|g| g.age > age)
        .min_by_key(|g| g.age)
        .map(|g| NextGrant {
            age: g.age,
            amount: g.amount,
            on: birthday(birth_date, g.age),
        })
        .filter(|next| policy.expires_on(birth_date, next.on) > next.on)
}

fn highest_band_reached(policy: &CreditPolicy, age: u32) -> Option<u32> {
    policy
        .grants
        .iter()
        .map(|g| g.age)
        .filter(|&a| a <= age)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credit::preset;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid")
    }

    fn policy(code: &str) -> CreditPolicy {
        preset(code).expect("a preset")
    }

    const BORN: (i32, u32, u32) = (2009, 3, 12);

    fn born() -> NaiveDate {
        day(BORN.0, BORN.1, BORN.2)
    }

    /// The person's life under a policy: checked at 16, then looked at each day from
    /// the check to their 22nd birthday, granting what each look says. Returns every
    /// grant: (local day, band covered, amount).
    fn life(code: &str, checked_on: NaiveDate) -> Vec<(NaiveDate, u32, Cents)> {
        let p = policy(code);
        let mut grants = Vec::new();
        let first = at_identity_check(&p, born(), checked_on);
        let mut granted_up_to = first.now.map(|g| g.up_to_age);
        if let Some(g) = first.now {
            grants.push((checked_on, g.up_to_age, g.amount));
        }
        let mut next_look = first.next.map(|n| n.on);
        let mut today = checked_on;
        while today < day(2031, 3, 12) {
            today = today.succ_opt().expect("a next day");
            if next_look.is_none_or(|on| today < on) {
                continue;
            }
            let plan = on_schedule(&p, born(), today, granted_up_to);
            if let Some(g) = plan.now {
                granted_up_to = Some(g.up_to_age);
                grants.push((today, g.up_to_age, g.amount));
            }
            next_look = plan.next.map(|n| n.on);
        }
        grants
    }

    #[test]
    fn under_each_french_policy_a_16_year_old_is_granted_each_band_on_its_birthday_once() {
        let checked = day(2025, 9, 1);
        assert_eq!(
            life("FR-2019", checked),
            vec![(day(2027, 3, 12), 18, Cents::euros(500))]
        );
        assert_eq!(
            life("FR-2021", checked),
            vec![(day(2027, 3, 12), 18, Cents::euros(300))]
        );
        assert_eq!(
            life("FR-2025", checked),
            vec![
                (day(2026, 3, 12), 17, Cents::euros(50)),
                (day(2027, 3, 12), 18, Cents::euros(150)),
            ]
        );
    }

    #[test]
    fn the_german_and_spanish_presets_grant_at_18() {
        let checked = day(2025, 9, 1);
        assert_eq!(
            life("DE-KULTURPASS", checked),
            vec![(day(2027, 3, 12), 18, Cents::euros(200))]
        );
        assert_eq!(
            life("ES-BONO", checked),
            vec![(day(2027, 3, 12), 18, Cents::euros(400))]
        );
    }

    #[test]
    fn a_late_sign_up_gets_the_bands_already_reached_at_once_then_the_next_on_its_day() {
        // Checked at 17 and a half under FR-2025: the 17 band now, the 18 band later.
        assert_eq!(
            life("FR-2025", day(2026, 9, 1)),
            vec![
                (day(2026, 9, 1), 17, Cents::euros(50)),
                (day(2027, 3, 12), 18, Cents::euros(150)),
            ]
        );
        // Checked at 18 and a half: both bands at once, nothing after.
        assert_eq!(
            life("FR-2025", day(2027, 9, 1)),
            vec![(day(2027, 9, 1), 18, Cents::euros(200))]
        );
        // Checked at 19: the policy's rules say it is too late.
        assert_eq!(life("FR-2025", day(2028, 9, 1)), vec![]);
        assert_eq!(life("FR-2019", day(2028, 9, 1)), vec![]);
    }

    #[test]
    fn the_day_before_the_birthday_nothing_is_due_and_the_next_grant_is_announced() {
        let p = policy("FR-2025");
        let plan = on_schedule(&p, born(), day(2026, 3, 11), None);
        assert_eq!(plan.now, None);
        assert_eq!(
            plan.next,
            Some(NextGrant {
                age: 17,
                amount: Cents::euros(50),
                on: day(2026, 3, 12)
            })
        );
        let on_the_day = on_schedule(&p, born(), day(2026, 3, 12), None);
        assert_eq!(
            on_the_day.now,
            Some(DueGrant {
                up_to_age: 17,
                amount: Cents::euros(50),
                expires_on: day(2030, 3, 12)
            })
        );
    }

    #[test]
    fn a_band_already_granted_is_never_owed_again() {
        let p = policy("FR-2025");
        assert_eq!(on_schedule(&p, born(), day(2026, 6, 1), Some(17)).now, None);
        assert_eq!(on_schedule(&p, born(), day(2027, 6, 1), Some(18)).now, None);
        assert_eq!(
            on_schedule(&p, born(), day(2027, 6, 1), Some(17))
                .now
                .map(|g| g.amount),
            Some(Cents::euros(150))
        );
    }

    #[test]
    fn a_scheduler_that_was_stopped_still_pays_every_band_reached_while_the_credit_is_valid() {
        let p = policy("FR-2025");
        // Checked at 16, looked at again only at 19 and a half: both bands.
        assert_eq!(
            on_schedule(&p, born(), day(2028, 9, 1), None).now,
            Some(DueGrant {
                up_to_age: 18,
                amount: Cents::euros(200),
                expires_on: day(2030, 3, 12)
            })
        );
        // At 21 the credit would be expired already: nothing.
        assert_eq!(on_schedule(&p, born(), day(2030, 3, 12), None).now, None);
    }

    #[test]
    fn a_29_february_birthday_comes_on_1_march_in_common_years() {
        let leap = day(2008, 2, 29);
        let p = policy("FR-2025");
        assert_eq!(
            next_grant(&p, leap, day(2024, 12, 1)).map(|n| n.on),
            Some(day(2025, 3, 1))
        );
        assert_eq!(on_schedule(&p, leap, day(2025, 2, 28), None).now, None);
        assert!(on_schedule(&p, leap, day(2025, 3, 1), None).now.is_some());
    }
}
