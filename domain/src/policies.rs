//! Credit policies changed by the team while the pass runs (issue 17, part 1). A change
//! is a new version scheduled from a day, never an edit: a deposit keeps the version it
//! was granted under. A version applies everywhere or to some départements; for a person,
//! the version in force is the latest started one that applies where they live, so a
//! version for the overseas départements leaves the others under the national one. The
//! form starts from a preset or from the version in force; this module reads it and says
//! where each version stands.

use crate::credit::{AgeGrant, CreditPolicy, Validity};
use crate::eligibility::parse_departement;
use crate::money::Cents;
use crate::text::plain_line;
use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Ages a band may be granted at: accounts open at 15, and no policy runs past 25.
const BAND_AGES: std::ops::RangeInclusive<u32> = 15..=25;
/// The most one band may grant.
const MAX_BAND: Cents = Cents::euros(2_000);
const MAX_BANDS: usize = 6;
/// How far ahead a version may be scheduled: two years.
const MAX_MONTHS_AHEAD: u32 = 24;

/// The start of the version the configured policy seeds: in force since the pass opened.
pub const OPENING: DateTime<Utc> = DateTime::UNIX_EPOCH;

/// The form of a new version, as typed. `grants` reads "17 : 50, 18 : 150" (an age and
/// an amount in euros per band); `validity_kind` is `months` (a number of months after
/// each grant) or `age` (until that birthday); `departements` is empty for everywhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyForm {
    pub code: String,
    pub name: String,
    pub grants: String,
    pub digital_cap: String,
    pub physical_cap: String,
    pub validity_kind: String,
    pub validity: String,
    pub departements: String,
    pub starts_on: String,
}

/// Why the form of a new version is refused: the first field to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{refusal}")]
pub struct PolicyFormError {
    /// The form's field: `code`, `name`, `grants`, `digital_cap`, `physical_cap`,
    /// `validity`, `departements` or `starts_on`.
    pub field: &'static str,
    pub refusal: PolicyRefusal,
}

/// What is wrong with a field of the form of a new version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyRefusal {
    /// No code, or not one a policy may have (the form carries it from a policy).
    #[error("Pars d'une politique existante ou d'un modèle")]
    Code,
    #[error("Donne un nom de 3 à 80 caractères, sur une ligne")]
    Name,
    /// A band that is not "age : amount".
    #[error(
        "Écris chaque tranche comme « âge : montant », séparées par des virgules (par exemple 17 : 50, 18 : 150)"
    )]
    Grants,
    /// A band's age outside 15 to 25.
    #[error("Les tranches vont de 15 à 25 ans (l'âge où le crédit arrive)")]
    BandAge,
    /// A band that grants nothing or more than `max`.
    #[error("Chaque tranche verse entre 0,01 € et {max}")]
    BandAmount { max: Cents },
    /// Two bands for one age.
    #[error("L'âge {age} ans a deux tranches")]
    TwoBands { age: u32 },
    /// No band, or more than `max`.
    #[error("Une politique a de 1 à {max} tranches")]
    BandCount { max: usize },
    /// A cap that is not an amount.
    #[error("Écris un montant en euros, ou rien pour aucun plafond")]
    Cap,
    /// A cap above the `total` the bands grant.
    #[error("Le plafond dépasse le crédit total ({total}) : laisse vide pour aucun plafond")]
    CapAboveTotal { total: Cents },
    /// A number of months outside 1 to 60.
    #[error("Le crédit se dépense pendant 1 à 60 mois après chaque versement")]
    Months,
    /// A birthday not after the last band's age (`last_band`), or after 30.
    #[error(
        "Le crédit se dépense jusqu'à un anniversaire après la dernière tranche ({last_band} ans) et au plus tard 30 ans"
    )]
    UntilAge { last_band: u32 },
    /// Neither months nor a birthday.
    #[error("Choisis comment le crédit expire")]
    Validity,
    /// What was `typed` is no département.
    #[error("« {typed} » n'est pas un département (01 à 95, 2A, 2B, 971 à 976)")]
    Departement { typed: String },
    /// No day.
    #[error("Choisis le jour d'entrée en vigueur")]
    StartsOn,
    /// A day before today.
    #[error(
        "Une version entre en vigueur aujourd'hui ou plus tard : le crédit déjà versé ne change pas"
    )]
    Past,
    /// More than two years ahead.
    #[error("Une version se programme au plus deux ans à l'avance")]
    TooFar,
}

fn refuse(field: &'static str, refusal: PolicyRefusal) -> PolicyFormError {
    PolicyFormError { field, refusal }
}

/// A version read from the form: the policy (its version number is the store's to
/// give) and the day it comes into force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVersion {
    pub policy: CreditPolicy,
    pub starts_on: NaiveDate,
}

impl PolicyForm {
    /// The form filled with `policy`, to start in force on `starts_on`.
    pub fn from_policy(policy: &CreditPolicy, starts_on: NaiveDate) -> PolicyForm {
        let euros = |cap: Option<Cents>| cap.map(euros_typed).unwrap_or_default();
        let (validity_kind, validity) = match policy.validity {
            Validity::Months(months) => ("months", months),
            Validity::UntilAge(age) => ("age", age),
        };
        PolicyForm {
            code: policy.code.clone(),
            name: policy.name.clone(),
            grants: policy
                .grants
                .iter()
                .map(|g| format!("{} : {}", g.age, euros_typed(g.amount)))
                .collect::<Vec<_>>()
                .join(", "),
            digital_cap: euros(policy.digital_cap),
            physical_cap: euros(policy.physical_cap),
            validity_kind: validity_kind.to_owned(),
            validity: validity.to_string(),
            departements: policy.departements.join(" "),
            starts_on: starts_on.to_string(),
        }
    }

    /// Reads the form; `today` is the first day a version may start.
    pub fn parse(&self, today: NaiveDate) -> Result<NewVersion, PolicyFormError> {
        let code = self.code.trim();
        if code.is_empty()
            || code.len() > 40
            || !code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(refuse("code", PolicyRefusal::Code));
        }
        let name = plain_line(self.name.trim())
            .ok()
            .filter(|n| (3..=80).contains(&n.chars().count()))
            .ok_or_else(|| refuse("name", PolicyRefusal::Name))?;
        let grants = parse_grants(&self.grants)?;
        let total: Cents = grants.iter().map(|g| g.amount).sum();
        let digital_cap = parse_cap("digital_cap", &self.digital_cap, total)?;
        let physical_cap = parse_cap("physical_cap", &self.physical_cap, total)?;
        let last_band = grants.iter().map(|g| g.age).max().unwrap_or_default();
        let validity = parse_validity(&self.validity_kind, &self.validity, last_band)?;
        let departements = parse_departements(&self.departements)?;
        let starts_on = NaiveDate::parse_from_str(self.starts_on.trim(), "%Y-%m-%d")
            .map_err(|_| refuse("starts_on", PolicyRefusal::StartsOn))?;
        if starts_on < today {
            return Err(refuse("starts_on", PolicyRefusal::Past));
        }
        if today
            .checked_add_months(Months::new(MAX_MONTHS_AHEAD))
            .is_none_or(|last| starts_on > last)
        {
            return Err(refuse("starts_on", PolicyRefusal::TooFar));
        }
        Ok(NewVersion {
            policy: CreditPolicy {
                code: code.to_owned(),
                version: 0,
                name: name.to_owned(),
                grants,
                digital_cap,
                physical_cap,
                validity,
                departements,
            },
            starts_on,
        })
    }
}

/// An amount as the form shows it: "150" or "12,50".
fn euros_typed(amount: Cents) -> String {
    let cents = amount.get();
    if cents % 100 == 0 {
        (cents / 100).to_string()
    } else {
        format!("{},{:02}", cents / 100, cents % 100)
    }
}

fn parse_grants(text: &str) -> Result<Vec<AgeGrant>, PolicyFormError> {
    let mut grants = Vec::new();
    for band in bands(text) {
        let (age, amount) = band
            .split_once(':')
            .ok_or_else(|| refuse("grants", PolicyRefusal::Grants))?;
        let age: u32 = age
            .trim()
            .trim_end_matches("ans")
            .trim()
            .parse()
            .map_err(|_| refuse("grants", PolicyRefusal::Grants))?;
        if !BAND_AGES.contains(&age) {
            return Err(refuse("grants", PolicyRefusal::BandAge));
        }
        let amount = Cents::parse_euros(amount.trim().trim_end_matches('€'))
            .ok_or_else(|| refuse("grants", PolicyRefusal::Grants))?;
        if amount.is_zero() || amount > MAX_BAND {
            return Err(refuse(
                "grants",
                PolicyRefusal::BandAmount { max: MAX_BAND },
            ));
        }
        if grants.iter().any(|g: &AgeGrant| g.age == age) {
            return Err(refuse("grants", PolicyRefusal::TwoBands { age }));
        }
        grants.push(AgeGrant { age, amount });
    }
    if grants.is_empty() || grants.len() > MAX_BANDS {
        return Err(refuse(
            "grants",
            PolicyRefusal::BandCount { max: MAX_BANDS },
        ));
    }
    grants.sort_by_key(|g| g.age);
    Ok(grants)
}

/// The bands as typed: separated by commas, semicolons or lines, where a comma followed
/// by no "age :" is a decimal comma ("17 : 50,50").
fn bands(text: &str) -> Vec<String> {
    let mut bands: Vec<String> = Vec::new();
    for piece in text.split([';', '\n']).flat_map(|line| line.split(',')) {
        match bands.last_mut() {
            Some(band) if !piece.contains(':') => {
                band.push(',');
                band.push_str(piece);
            }
            _ => bands.push(piece.to_owned()),
        }
    }
    bands
        .into_iter()
        .map(|band| band.trim().to_owned())
        .filter(|band| !band.is_empty())
        .collect()
}

fn parse_cap(
    field: &'static str,
    text: &str,
    total: Cents,
) -> Result<Option<Cents>, PolicyFormError> {
    let text = text.trim().trim_end_matches('€').trim();
    if text.is_empty() {
        return Ok(None);
    }
    let cap = Cents::parse_euros(text).ok_or_else(|| refuse(field, PolicyRefusal::Cap))?;
    if cap > total {
        return Err(refuse(field, PolicyRefusal::CapAboveTotal { total }));
    }
    Ok(Some(cap))
}

fn parse_validity(kind: &str, text: &str, last_band: u32) -> Result<Validity, PolicyFormError> {
    let number: Option<u32> = text.trim().parse().ok();
    match (kind, number) {
        ("months", Some(months)) if (1..=60).contains(&months) => Ok(Validity::Months(months)),
        ("months", _) => Err(refuse("validity", PolicyRefusal::Months)),
        ("age", Some(age)) if age > last_band && age <= 30 => Ok(Validity::UntilAge(age)),
        ("age", _) => Err(refuse("validity", PolicyRefusal::UntilAge { last_band })),
        _ => Err(refuse("validity", PolicyRefusal::Validity)),
    }
}

fn parse_departements(text: &str) -> Result<Vec<String>, PolicyFormError> {
    let mut codes: Vec<String> = Vec::new();
    for typed in text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        let code = parse_departement(typed).ok_or_else(|| {
            refuse(
                "departements",
                PolicyRefusal::Departement {
                    typed: typed.to_owned(),
                },
            )
        })?;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes.sort();
    Ok(codes)
}

/// Where a version stands on a given instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VersionState {
    /// Its day has not come.
    Scheduled,
    /// The one that grants credit now.
    InForce,
    /// A later version came into force; its deposits keep it.
    Replaced,
}

impl VersionState {
    pub fn label(self) -> &'static str {
        match self {
            VersionState::Scheduled => "Programmée",
            VersionState::InForce => "En vigueur",
            VersionState::Replaced => "Remplacée",
        }
    }
}

/// The instant a version for `starts_on` comes into force: Paris midnight of that day
/// (the pass's calendar, as for runs), or now for today, never before it was made.
#[cfg(feature = "zones")]
pub fn starts_at(starts_on: NaiveDate, now: DateTime<Utc>) -> DateTime<Utc> {
    crate::zones::start_of_day(starts_on, crate::zones::of_departement("75")).max(now)
}

/// Whether the versions started later, together, leave nobody under `earlier`: one of
/// them applies everywhere, or between them every département `earlier` applies to.
fn replaced(earlier: &CreditPolicy, later: &[&CreditPolicy]) -> bool {
    later.iter().any(|policy| policy.departements.is_empty())
        || (!earlier.departements.is_empty()
            && earlier.departements.iter().all(|code| {
                later
                    .iter()
                    .any(|policy| policy.departements.contains(code))
            }))
}

/// The state of each version on `now`, given the versions in the order the schedule
/// reads (latest start first, the later-made first on a tie): not started yet, replaced
/// by later started versions that apply everywhere it did, or else in force (a national
/// version and one for some départements may both be).
pub fn version_states(
    versions: &[(DateTime<Utc>, &CreditPolicy)],
    now: DateTime<Utc>,
) -> Vec<VersionState> {
    versions
        .iter()
        .enumerate()
        .map(|(i, (start, policy))| {
            let later: Vec<&CreditPolicy> = versions[..i]
                .iter()
                .filter(|(start, _)| *start <= now)
                .map(|(_, policy)| *policy)
                .collect();
            if *start > now {
                VersionState::Scheduled
            } else if replaced(policy, &later) {
                VersionState::Replaced
            } else {
                VersionState::InForce
            }
        })
        .collect()
}

/// Which version grants credit to someone living in `departement` at `at`: the latest
/// started one (in the schedule's order) that applies there. `None` when none does.
pub fn in_force_for(
    versions: &[(DateTime<Utc>, &CreditPolicy)],
    departement: Option<&str>,
    at: DateTime<Utc>,
) -> Option<usize> {
    versions
        .iter()
        .position(|(start, policy)| *start <= at && policy.covers(departement))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credit::preset;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid")
    }

    fn today() -> NaiveDate {
        day(2026, 12, 5)
    }

    fn form() -> PolicyForm {
        PolicyForm::from_policy(&preset("FR-2025").expect("preset"), today())
    }

    fn refused(form: PolicyForm) -> (&'static str, PolicyRefusal) {
        let error = form.parse(today()).expect_err("refused");
        (error.field, error.refusal)
    }

    #[test]
    fn a_preset_read_back_from_its_form_is_the_same_policy() {
        for preset in crate::credit::presets() {
            let read = PolicyForm::from_policy(&preset, today())
                .parse(today())
                .expect("a preset reads");
            assert_eq!(
                read.policy,
                CreditPolicy {
                    version: 0,
                    ..preset
                }
            );
            assert_eq!(read.starts_on, today());
        }
    }

    #[test]
    fn bands_read_with_their_units_in_any_order_and_come_out_sorted() {
        let read = PolicyForm {
            grants: "18 ans : 150 €\n17 : 50,50".into(),
            departements: "93, 75 971 75".into(),
            ..form()
        }
        .parse(today())
        .expect("reads");
        assert_eq!(
            read.policy.grants,
            vec![
                AgeGrant {
                    age: 17,
                    amount: Cents(5_050)
                },
                AgeGrant {
                    age: 18,
                    amount: Cents::euros(150)
                }
            ]
        );
        assert_eq!(read.policy.departements, vec!["75", "93", "971"]);
    }

    #[test]
    fn each_wrong_field_is_named() {
        let cases = [
            (
                PolicyForm {
                    name: " ".into(),
                    ..form()
                },
                "name",
            ),
            (
                PolicyForm {
                    grants: "17 50".into(),
                    ..form()
                },
                "grants",
            ),
            (
                PolicyForm {
                    grants: "14 : 50".into(),
                    ..form()
                },
                "grants",
            ),
            (
                PolicyForm {
                    grants: "18 : 50, 18 : 20".into(),
                    ..form()
                },
                "grants",
            ),
            (
                PolicyForm {
                    grants: "18 : 0".into(),
                    ..form()
                },
                "grants",
            ),
            (
                PolicyForm {
                    grants: String::new(),
                    ..form()
                },
                "grants",
            ),
            (
                PolicyForm {
                    digital_cap: "500".into(),
                    ..form()
                },
                "digital_cap",
            ),
            (
                PolicyForm {
                    physical_cap: "-3".into(),
                    ..form()
                },
                "physical_cap",
            ),
            (
                PolicyForm {
                    validity: "18".into(),
                    ..form()
                },
                "validity",
            ),
            (
                PolicyForm {
                    validity_kind: "months".into(),
                    validity: "0".into(),
                    ..form()
                },
                "validity",
            ),
            (
                PolicyForm {
                    validity_kind: "forever".into(),
                    ..form()
                },
                "validity",
            ),
            (
                PolicyForm {
                    departements: "75 20".into(),
                    ..form()
                },
                "departements",
            ),
            (
                PolicyForm {
                    starts_on: "2026-12-04".into(),
                    ..form()
                },
                "starts_on",
            ),
            (
                PolicyForm {
                    starts_on: "demain".into(),
                    ..form()
                },
                "starts_on",
            ),
            (
                PolicyForm {
                    code: "FR 2025; DROP".into(),
                    ..form()
                },
                "code",
            ),
        ];
        for (form, field) in cases {
            assert_eq!(refused(form).0, field);
        }
    }

    #[test]
    fn a_refusal_says_its_values_as_the_domain_writes_them() {
        let (field, refusal) = refused(PolicyForm {
            grants: "18 : 5000".into(),
            ..form()
        });
        assert_eq!(field, "grants");
        assert_eq!(
            refusal.to_string(),
            "Chaque tranche verse entre 0,01 € et 2000 €"
        );
        let (field, refusal) = refused(PolicyForm {
            departements: "75 20".into(),
            ..form()
        });
        assert_eq!(field, "departements");
        assert_eq!(
            refusal.to_string(),
            "« 20 » n'est pas un département (01 à 95, 2A, 2B, 971 à 976)"
        );
        let error = PolicyForm {
            physical_cap: "5000".into(),
            ..form()
        }
        .parse(today())
        .expect_err("refused");
        assert_eq!(error.field, "physical_cap");
        assert!(
            error
                .to_string()
                .starts_with("Le plafond dépasse le crédit total ("),
            "{error}"
        );
    }

    #[test]
    fn a_policy_for_some_departements_covers_only_their_people() {
        let mut policy = preset("FR-2025").expect("preset");
        assert!(policy.covers(Some("13")) && policy.covers(None));
        policy.departements = vec!["971".into(), "972".into()];
        assert!(policy.covers(Some("971")));
        assert!(!policy.covers(Some("13")));
        assert!(!policy.covers(None));
    }

    #[test]
    fn a_version_is_replaced_only_where_a_later_one_applies() {
        let at = |d: u32| {
            day(2026, 12, d)
                .and_hms_opt(0, 0, 0)
                .expect("time")
                .and_utc()
        };
        let national = preset("FR-2025").expect("preset");
        let overseas = CreditPolicy {
            departements: vec!["971".into(), "972".into()],
            ..national.clone()
        };
        let guadeloupe = CreditPolicy {
            departements: vec!["971".into()],
            ..national.clone()
        };
        // Latest start first: tomorrow's national version, today's overseas one, the
        // opening's national one.
        let schedule = [(at(6), &national), (at(5), &overseas), (at(1), &national)];
        assert_eq!(
            version_states(&schedule, at(5)),
            vec![
                VersionState::Scheduled,
                VersionState::InForce,
                VersionState::InForce
            ]
        );
        assert_eq!(in_force_for(&schedule, Some("971"), at(5)), Some(1));
        assert_eq!(in_force_for(&schedule, Some("13"), at(5)), Some(2));
        assert_eq!(in_force_for(&schedule, None, at(5)), Some(2));
        assert_eq!(in_force_for(&schedule, Some("13"), at(4)), Some(2));
        assert_eq!(in_force_for(&schedule[..2], Some("13"), at(5)), None);
        // Once the national version starts, it applies everywhere: both are replaced.
        assert_eq!(
            version_states(&schedule, at(6)),
            vec![
                VersionState::InForce,
                VersionState::Replaced,
                VersionState::Replaced
            ]
        );
        assert_eq!(in_force_for(&schedule, Some("971"), at(6)), Some(0));
        // A version for Guadeloupe alone leaves Martinique under the overseas one.
        let schedule = [(at(5), &guadeloupe), (at(2), &overseas)];
        assert_eq!(
            version_states(&schedule, at(5)),
            vec![VersionState::InForce, VersionState::InForce]
        );
        let schedule = [(at(5), &overseas), (at(2), &guadeloupe)];
        assert_eq!(
            version_states(&schedule, at(5)),
            vec![VersionState::InForce, VersionState::Replaced]
        );
        // Martinique then Guadeloupe, each on its own, replace the overseas version.
        let martinique = CreditPolicy {
            departements: vec!["972".into()],
            ..national.clone()
        };
        let schedule = [
            (at(5), &guadeloupe),
            (at(4), &martinique),
            (at(3), &overseas),
        ];
        assert_eq!(version_states(&schedule, at(5))[2], VersionState::Replaced);
        assert_eq!(version_states(&schedule, at(4))[2], VersionState::InForce);
    }

    #[test]
    fn a_version_is_scheduled_at_most_two_years_ahead() {
        let last = PolicyForm {
            starts_on: "2028-12-05".into(),
            ..form()
        };
        assert!(last.parse(today()).is_ok());
        let far = PolicyForm {
            starts_on: "2028-12-06".into(),
            ..form()
        };
        assert_eq!(refused(far).0, "starts_on");
    }

    #[cfg(feature = "zones")]
    #[test]
    fn a_version_starts_at_paris_midnight_or_now() {
        let now = "2026-12-05T10:00:00Z".parse().expect("instant");
        assert_eq!(starts_at(today(), now), now);
        assert_eq!(
            starts_at(day(2026, 12, 6), now),
            "2026-12-05T23:00:00Z"
                .parse::<DateTime<Utc>>()
                .expect("instant")
        );
    }
}
