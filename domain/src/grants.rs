//! When a young person's credit arrives. At the identity check, every age band already
//! reached (a late sign-up is owed them, within the policy's rules); afterwards each later
//! band on the birthday it is reached, from midnight where the person lives. One rule,
//! [`owed`], says both, so that a look that comes late (a scheduler that was stopped, an
//! approval whose grant failed and is retried) owes exactly what a look on time would. A
//! grant records the highest band it covers, so that no band is ever paid twice.

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

/// What is owed on `today` (the person's local date) to someone whose identity was
/// approved on `checked_on` and who was granted every band up to `granted_up_to`:
/// - the bands already reached on `checked_on`, if the policy allowed them on that day
///   (`eligibility`: a late sign-up at 18 under FR-2025 gets both bands, at 19 none),
///   valid from that day;
/// - each band reached since, valid from its birthday. The scheduler may come late:
///   a band stays owed while its validity runs, and never gains validity by waiting.
pub fn owed(
    policy: &CreditPolicy,
    birth_date: NaiveDate,
    checked_on: NaiveDate,
    today: NaiveDate,
    granted_up_to: Option<u32>,
) -> GrantPlan {
    let not_granted = |age: u32| granted_up_to.is_none_or(|done| age > done);
    let at_check = match eligibility(policy, birth_date, checked_on) {
        Eligibility::Eligible { expires_on, .. } => Some(expires_on),
        _ => None,
    };
    // Each band owed, with the day its validity ends.
    let bands: Vec<(u32, Cents, NaiveDate)> = policy
        .grants
        .iter()
        .filter(|g| not_granted(g.age))
        .filter_map(|g| {
            let reached = birthday(birth_date, g.age);
            let until = if reached <= checked_on {
                at_check?
            } else if reached <= today {
                policy.expires_on(birth_date, reached)
            } else {
                return None;
            };
            (until > today).then_some((g.age, g.amount, until))
        })
        .collect();
    let now = match (
        bands.iter().map(|b| b.0).max(),
        bands.iter().map(|b| b.2).max(),
    ) {
        (Some(up_to_age), Some(expires_on)) => Some(DueGrant {
            up_to_age,
            amount: bands.iter().map(|b| b.1).sum(),
            expires_on,
        })
        .filter(|grant| !grant.amount.is_zero()),
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

    /// Checked at 16 and a half.
    fn checked() -> NaiveDate {
        day(2025, 9, 1)
    }

    /// The person's life under a policy: approved on `checked_on`, then looked at on
    /// each day the last look said, up to their 22nd birthday, granting what each look
    /// says. Returns every grant: (local day, band covered, amount).
    fn life(code: &str, checked_on: NaiveDate) -> Vec<(NaiveDate, u32, Cents)> {
        let p = policy(code);
        let mut grants = Vec::new();
        let mut granted_up_to = None;
        let mut next_look = Some(checked_on);
        let mut today = checked_on;
        while today <= day(2031, 3, 12) {
            if next_look.is_some_and(|on| today >= on) {
                let plan = owed(&p, born(), checked_on, today, granted_up_to);
                if let Some(g) = plan.now {
                    granted_up_to = Some(g.up_to_age);
                    grants.push((today, g.up_to_age, g.amount));
                }
                next_look = plan.next.map(|n| n.on);
            }
            today = today.succ_opt().expect("a next day");
        }
        grants
    }

    #[test]
    fn under_each_french_policy_a_16_year_old_is_granted_each_band_on_its_birthday_once() {
        assert_eq!(
            life("FR-2019", checked()),
            vec![(day(2027, 3, 12), 18, Cents::euros(500))]
        );
        assert_eq!(
            life("FR-2021", checked()),
            vec![(day(2027, 3, 12), 18, Cents::euros(300))]
        );
        assert_eq!(
            life("FR-2025", checked()),
            vec![
                (day(2026, 3, 12), 17, Cents::euros(50)),
                (day(2027, 3, 12), 18, Cents::euros(150)),
            ]
        );
    }

    #[test]
    fn the_german_and_spanish_presets_grant_at_18() {
        assert_eq!(
            life("DE-KULTURPASS", checked()),
            vec![(day(2027, 3, 12), 18, Cents::euros(200))]
        );
        assert_eq!(
            life("ES-BONO", checked()),
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
        // Checked at 19: the policy's rules say it is too late, and stay so.
        assert_eq!(life("FR-2025", day(2028, 9, 1)), vec![]);
        assert_eq!(life("FR-2019", day(2028, 9, 1)), vec![]);
    }

    #[test]
    fn the_day_before_the_birthday_nothing_is_due_and_the_next_grant_is_announced() {
        let p = policy("FR-2025");
        let plan = owed(&p, born(), checked(), day(2026, 3, 11), None);
        assert_eq!(plan.now, None);
        assert_eq!(
            plan.next,
            Some(NextGrant {
                age: 17,
                amount: Cents::euros(50),
                on: day(2026, 3, 12)
            })
        );
        assert_eq!(
            owed(&p, born(), checked(), day(2026, 3, 12), None).now,
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
        let look = |today, granted| owed(&p, born(), checked(), today, granted).now;
        assert_eq!(look(day(2026, 6, 1), Some(17)), None);
        assert_eq!(look(day(2027, 6, 1), Some(18)), None);
        assert_eq!(
            look(day(2027, 6, 1), Some(17)).map(|g| g.amount),
            Some(Cents::euros(150))
        );
    }

    #[test]
    fn a_late_look_pays_every_band_reached_while_its_validity_runs_and_extends_none() {
        let p = policy("FR-2025");
        // Approved at 16, looked at again only at 19 and a half: both bands.
        assert_eq!(
            owed(&p, born(), checked(), day(2028, 9, 1), None).now,
            Some(DueGrant {
                up_to_age: 18,
                amount: Cents::euros(200),
                expires_on: day(2030, 3, 12)
            })
        );
        // At 21 the credit would be expired already: nothing.
        assert_eq!(
            owed(&p, born(), checked(), day(2030, 3, 12), None).now,
            None
        );
        // Under FR-2019 the 18 band is valid two years from the birthday, not from the look.
        let p = policy("FR-2019");
        assert_eq!(
            owed(&p, born(), checked(), day(2028, 9, 1), None).now,
            Some(DueGrant {
                up_to_age: 18,
                amount: Cents::euros(500),
                expires_on: day(2029, 3, 12)
            })
        );
        assert_eq!(
            owed(&p, born(), checked(), day(2029, 3, 12), None).now,
            None
        );
        assert_eq!(owed(&p, born(), checked(), day(2033, 1, 1), None).now, None);
    }

    #[test]
    fn a_29_february_birthday_comes_on_1_march_in_common_years() {
        let leap = day(2008, 2, 29);
        let p = policy("FR-2025");
        let checked = day(2024, 12, 1);
        assert_eq!(
            next_grant(&p, leap, checked).map(|n| n.on),
            Some(day(2025, 3, 1))
        );
        assert_eq!(owed(&p, leap, checked, day(2025, 2, 28), None).now, None);
        assert!(owed(&p, leap, checked, day(2025, 3, 1), None).now.is_some());
    }
}
