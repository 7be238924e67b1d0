//! The administrators' pages' words that the domain gives in French: the audit log's
//! actions, the states of a credit policy's versions and their names, a run's status,
//! and the domain's typed refusals of a form's field (a reason, a correction, a search,
//! a run, a policy), which the services word in the request's language for
//! `AppError::Invalid`. The domain keeps its French as the reference (its `label()` and
//! its refusals' `Display` still serve the logs and the CSV; a test here checks that
//! French says exactly them); the pages say these.

use super::{Locale, money};
use crate::error::AppError;
use crate::i18n::td_string;
use domain::admin::{AdminAction, CorrectionRefusal, QueryRefusal, ReasonRefusal};
use domain::payments::{LastDayRefusal, RunRefusal, RunStatus};
use domain::policies::{PolicyFormError, PolicyRefusal, VersionState};
use domain::social::moderation::ReportRefusal;

/// What the audit log says an administrator did.
pub fn action(locale: Locale, action: AdminAction) -> &'static str {
    match action {
        AdminAction::IdentityApproved => td_string!(locale, admin_audit.did_identity_approved),
        AdminAction::IdentityRejected => td_string!(locale, admin_audit.did_identity_rejected),
        AdminAction::StructureValidated => {
            td_string!(locale, admin_audit.did_structure_validated)
        }
        AdminAction::StructureRejected => td_string!(locale, admin_audit.did_structure_rejected),
        AdminAction::CommentRestored => td_string!(locale, admin_audit.did_comment_restored),
        AdminAction::CommentHidden => td_string!(locale, admin_audit.did_comment_hidden),
        AdminAction::OfferKept => td_string!(locale, admin_audit.did_offer_kept),
        AdminAction::OfferWithdrawn => td_string!(locale, admin_audit.did_offer_withdrawn),
        AdminAction::OfferApproved => td_string!(locale, admin_audit.did_offer_approved),
        AdminAction::OfferRefused => td_string!(locale, admin_audit.did_offer_refused),
        AdminAction::PersonSuspended => td_string!(locale, admin_audit.did_person_suspended),
        AdminAction::SuspensionLifted => td_string!(locale, admin_audit.did_suspension_lifted),
        AdminAction::CreditCorrected => td_string!(locale, admin_audit.did_credit_corrected),
        AdminAction::BankDetailsValidated => {
            td_string!(locale, admin_audit.did_bank_details_validated)
        }
        AdminAction::BankDetailsRefused => {
            td_string!(locale, admin_audit.did_bank_details_refused)
        }
        AdminAction::RunPrepared => td_string!(locale, admin_audit.did_run_prepared),
        AdminAction::RunPaid => td_string!(locale, admin_audit.did_run_paid),
        AdminAction::RunAbandoned => td_string!(locale, admin_audit.did_run_abandoned),
        AdminAction::PolicyScheduled => td_string!(locale, admin_audit.did_policy_scheduled),
        AdminAction::PolicyCancelled => td_string!(locale, admin_audit.did_policy_cancelled),
    }
}

/// Where a version of a credit policy stands.
pub fn version_state(locale: Locale, state: VersionState) -> &'static str {
    match state {
        VersionState::Scheduled => td_string!(locale, admin_policies.state_scheduled),
        VersionState::InForce => td_string!(locale, admin_policies.state_in_force),
        VersionState::Replaced => td_string!(locale, admin_policies.state_replaced),
    }
}

/// A version in words: "France, décret 2025 · version 2" (`domain::credit::version_label`).
pub fn version_label(locale: Locale, name: &str, version: i64) -> String {
    td_string!(locale, wallet.version, name, version).to_string()
}

/// A reimbursement run's status.
pub fn run_status(locale: Locale, status: RunStatus) -> &'static str {
    match status {
        RunStatus::Draft => td_string!(locale, admin_payments.status_draft),
        RunStatus::Paid => td_string!(locale, admin_payments.status_paid),
        RunStatus::Abandoned => td_string!(locale, admin_payments.status_abandoned),
    }
}

/// Why an administrator's reason is refused.
pub fn reason(locale: Locale, refusal: ReasonRefusal) -> &'static str {
    match refusal {
        ReasonRefusal::NotOneSentence => td_string!(locale, admin_audit.reason_words),
    }
}

/// Why the reason of a report or of an offer's withdrawal is refused.
pub fn report_reason(locale: Locale, refusal: ReportRefusal) -> &'static str {
    match refusal {
        ReportRefusal::NotAFewWords => td_string!(locale, social.reason_words),
    }
}

/// Why a correction of a person's credit is refused.
pub fn correction(locale: Locale, refusal: CorrectionRefusal) -> &'static str {
    match refusal {
        CorrectionRefusal::NotAnAmount => td_string!(locale, admin_people.amount_words),
        CorrectionRefusal::Zero => td_string!(locale, admin_people.zero_correction),
        CorrectionRefusal::TooLarge => td_string!(locale, admin_people.max_correction),
        CorrectionRefusal::NoCredit => td_string!(locale, admin_people.no_credit_to_correct),
        CorrectionRefusal::Expired => td_string!(locale, admin_people.credit_expired),
        CorrectionRefusal::BelowZero => td_string!(locale, admin_people.below_zero),
    }
}

/// Why a search for a person is refused.
pub fn query(locale: Locale, refusal: QueryRefusal) -> &'static str {
    match refusal {
        QueryRefusal::NotAQuery => td_string!(locale, admin_people.query_words),
        QueryRefusal::BirthDate => td_string!(locale, admin_people.query_date),
    }
}

/// Why the last day of a run is refused.
pub fn last_day(locale: Locale, refusal: LastDayRefusal) -> &'static str {
    match refusal {
        LastDayRefusal::NotADay => td_string!(locale, admin_payments.choose_last_day),
        LastDayRefusal::Future => td_string!(locale, admin_payments.last_day_future),
    }
}

/// Why a run cannot be prepared, paid or given up.
pub fn run(locale: Locale, refusal: RunRefusal) -> &'static str {
    match refusal {
        RunRefusal::AlreadyPreparing => td_string!(locale, admin_payments.already_preparing),
        RunRefusal::NothingToPay => td_string!(locale, admin_payments.nothing_to_pay),
        RunRefusal::NotDraft => td_string!(locale, admin_payments.not_draft),
        RunRefusal::Changed => td_string!(locale, admin_payments.changed),
    }
}

/// What is wrong with a field of a new version of a credit policy.
pub fn policy(locale: Locale, refusal: &PolicyRefusal) -> String {
    match refusal {
        PolicyRefusal::Code => td_string!(locale, admin_policies.refuse_code).to_owned(),
        PolicyRefusal::Name => td_string!(locale, admin_policies.refuse_name).to_owned(),
        PolicyRefusal::Grants => td_string!(locale, admin_policies.refuse_grants).to_owned(),
        PolicyRefusal::BandAge => td_string!(locale, admin_policies.refuse_band_ages).to_owned(),
        PolicyRefusal::BandAmount { max } => {
            let max = money::euros(locale, *max);
            td_string!(locale, admin_policies.refuse_band_amount, max).to_string()
        }
        PolicyRefusal::TwoBands { age } => {
            td_string!(locale, admin_policies.refuse_two_bands, age).to_string()
        }
        PolicyRefusal::BandCount { max } => {
            td_string!(locale, admin_policies.refuse_band_count, max).to_string()
        }
        PolicyRefusal::Cap => td_string!(locale, admin_policies.refuse_cap).to_owned(),
        PolicyRefusal::CapAboveTotal { total } => {
            let total = money::euros(locale, *total);
            td_string!(locale, admin_policies.refuse_cap_total, total).to_string()
        }
        PolicyRefusal::Months => td_string!(locale, admin_policies.refuse_months).to_owned(),
        PolicyRefusal::UntilAge { last_band } => {
            td_string!(locale, admin_policies.refuse_age, age = last_band).to_string()
        }
        PolicyRefusal::Validity => td_string!(locale, admin_policies.refuse_validity).to_owned(),
        PolicyRefusal::Departement { typed } => {
            td_string!(locale, admin_policies.refuse_departement, typed).to_string()
        }
        PolicyRefusal::StartsOn => td_string!(locale, admin_policies.refuse_starts_on).to_owned(),
        PolicyRefusal::Past => td_string!(locale, admin_policies.refuse_past).to_owned(),
        PolicyRefusal::TooFar => td_string!(locale, admin_policies.refuse_too_far).to_owned(),
    }
}

/// The form's field to fix, worded in `locale`.
pub fn policy_form(locale: Locale, error: &PolicyFormError) -> AppError {
    AppError::invalid(error.field, policy(locale, &error.refusal))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use domain::admin::{PeopleQuery, parse_correction, parse_reason};
    use domain::credit::{preset, presets, version_label as domain_version_label};
    use domain::payments::parse_last_day;
    use domain::policies::PolicyForm;
    use domain::social::moderation;
    use std::collections::HashSet;

    #[test]
    fn french_says_the_domain_s_own_labels_and_english_names_every_one() {
        for one in AdminAction::ALL {
            assert_eq!(action(Locale::fr, one), one.label());
            assert_ne!(action(Locale::en, one), one.label(), "{one:?}");
        }
        for state in [
            VersionState::Scheduled,
            VersionState::InForce,
            VersionState::Replaced,
        ] {
            assert_eq!(version_state(Locale::fr, state), state.label());
            assert_ne!(version_state(Locale::en, state), state.label());
        }
        for status in RunStatus::ALL {
            assert_eq!(run_status(Locale::fr, status), status.label());
            assert_ne!(run_status(Locale::en, status), status.label());
        }
        for policy in presets() {
            assert_eq!(
                version_label(Locale::fr, &policy.name, 2),
                domain_version_label(&policy.name, 2)
            );
        }
    }

    /// Says that `french` is the domain's own sentence (`display`) and that English says
    /// something else.
    fn worded_both_ways(french: &str, english: &str, display: &str) {
        assert_eq!(french, display);
        assert!(!english.trim().is_empty(), "{display}");
        assert_ne!(english, display);
    }

    #[test]
    fn french_says_the_domain_s_refusals_and_english_words_every_one() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
        let check = |word: &dyn Fn(Locale) -> String, display: String| {
            worded_both_ways(&word(Locale::fr), &word(Locale::en), &display);
        };
        let one = parse_reason("").expect_err("refused");
        check(&|l| reason(l, one).to_owned(), one.to_string());
        let one = moderation::parse_reason("").expect_err("refused");
        check(&|l| report_reason(l, one).to_owned(), one.to_string());
        for one in [
            CorrectionRefusal::NotAnAmount,
            CorrectionRefusal::Zero,
            CorrectionRefusal::TooLarge,
            CorrectionRefusal::NoCredit,
            CorrectionRefusal::Expired,
            CorrectionRefusal::BelowZero,
        ] {
            check(&|l| correction(l, one).to_owned(), one.to_string());
        }
        for one in [QueryRefusal::NotAQuery, QueryRefusal::BirthDate] {
            check(&|l| query(l, one).to_owned(), one.to_string());
        }
        for one in [LastDayRefusal::NotADay, LastDayRefusal::Future] {
            check(&|l| last_day(l, one).to_owned(), one.to_string());
        }
        for one in [
            RunRefusal::AlreadyPreparing,
            RunRefusal::NothingToPay,
            RunRefusal::NotDraft,
            RunRefusal::Changed,
        ] {
            check(&|l| run(l, one).to_owned(), one.to_string());
        }
        let refusals = policy_refusals(today);
        let kinds: HashSet<_> = refusals.iter().map(std::mem::discriminant).collect();
        assert_eq!(kinds.len(), 16, "one form for each kind of refusal");
        for one in &refusals {
            check(&|l| policy(l, one), one.to_string());
        }
    }

    #[test]
    fn the_domain_s_refusals_are_the_ones_worded() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
        assert_eq!(
            [
                parse_correction("douze"),
                parse_correction("0"),
                parse_correction("501"),
            ],
            [
                Err(CorrectionRefusal::NotAnAmount),
                Err(CorrectionRefusal::Zero),
                Err(CorrectionRefusal::TooLarge),
            ]
        );
        assert_eq!(
            [
                PeopleQuery::parse(&"x".repeat(101)),
                PeopleQuery::parse("12/13/20"),
            ],
            [Err(QueryRefusal::NotAQuery), Err(QueryRefusal::BirthDate)]
        );
        assert_eq!(
            [
                parse_last_day("hier", today),
                parse_last_day("2026-12-06", today),
            ],
            [Err(LastDayRefusal::NotADay), Err(LastDayRefusal::Future)]
        );
    }

    /// One refusal of each kind, as the credit-policy form gives it.
    fn policy_refusals(today: NaiveDate) -> Vec<PolicyRefusal> {
        let form = || PolicyForm::from_policy(&preset("FR-2025").expect("preset"), today);
        let policy_forms = [
            PolicyForm {
                code: " ".into(),
                ..form()
            },
            PolicyForm {
                name: " ".into(),
                ..form()
            },
            PolicyForm {
                grants: "17 50".into(),
                ..form()
            },
            PolicyForm {
                grants: "14 : 50".into(),
                ..form()
            },
            PolicyForm {
                grants: "18 : 5000".into(),
                ..form()
            },
            PolicyForm {
                grants: "18 : 50, 18 : 20".into(),
                ..form()
            },
            PolicyForm {
                grants: String::new(),
                ..form()
            },
            PolicyForm {
                digital_cap: "beaucoup".into(),
                ..form()
            },
            PolicyForm {
                digital_cap: "5000,50".into(),
                ..form()
            },
            PolicyForm {
                validity_kind: "months".into(),
                validity: "0".into(),
                ..form()
            },
            PolicyForm {
                validity_kind: "age".into(),
                validity: "18".into(),
                ..form()
            },
            PolicyForm {
                validity_kind: "forever".into(),
                ..form()
            },
            PolicyForm {
                departements: "75 20".into(),
                ..form()
            },
            PolicyForm {
                starts_on: "demain".into(),
                ..form()
            },
            PolicyForm {
                starts_on: "2026-12-04".into(),
                ..form()
            },
            PolicyForm {
                starts_on: "2030-01-01".into(),
                ..form()
            },
        ];
        policy_forms
            .into_iter()
            .map(|form| form.parse(today).expect_err("refused").refusal)
            .collect()
    }

    #[test]
    fn a_policy_s_refusal_names_its_field_and_writes_amounts_the_language_s_way() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
        let form = PolicyForm {
            digital_cap: "5000,50".into(),
            ..PolicyForm::from_policy(&preset("FR-2025").expect("preset"), today)
        };
        let refused = form.parse(today).expect_err("refused");
        let error = policy_form(Locale::en, &refused);
        let english = error.field_message("digital_cap").expect("on the cap");
        assert!(
            english.starts_with("The cap is above the total credit (€"),
            "{english}"
        );
        let error = policy_form(
            Locale::en,
            &PolicyFormError {
                field: "departements",
                refusal: PolicyRefusal::Departement { typed: "20".into() },
            },
        );
        assert_eq!(
            error.field_message("departements").as_deref(),
            Some("“20” is not a département (01 to 95, 2A, 2B, 971 to 976)")
        );
    }
}
