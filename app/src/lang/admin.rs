//! The administrators' pages' words that the domain gives in French: the audit log's
//! actions, the states of a credit policy's versions and their names, a run's status,
//! and the refusals the
//! domain and the store word for a form's field (`AppError::Invalid` carries the
//! sentence). The domain keeps its French as the reference (its `label()` and messages
//! still serve the logs and the CSV; a test here checks that French says exactly them);
//! the pages say these.

use super::{Locale, money};
use crate::error::AppError;
use crate::i18n::td_string;
use domain::Cents;
use domain::admin::AdminAction;
use domain::payments::RunStatus;
use domain::policies::VersionState;

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

/// An error whose field message (`Invalid`) the domain or the store worded in French,
/// worded in `locale`; any other error as it is.
pub fn worded(locale: Locale, error: AppError) -> AppError {
    match error {
        AppError::Invalid { field, message } => AppError::Invalid {
            message: refusal(locale, &message),
            field,
        },
        other => other,
    }
}

/// Stands for a value in a French sentence, to find where the value is in a message.
const HOLE: &str = "\u{0}";

/// The value a message holds where `pattern` (a French sentence with one `HOLE`) has it.
fn value_in<'a>(message: &'a str, pattern: &str) -> Option<&'a str> {
    let (before, after) = pattern.split_once(HOLE)?;
    message.strip_prefix(before)?.strip_suffix(after)
}

/// An amount as the domain writes it in French ("2000 €", "12,50 €"), in `locale`.
fn amount(locale: Locale, french: &str) -> String {
    let digits = french.trim_end_matches('€').trim_end();
    let negative = digits.starts_with('-');
    match Cents::parse_euros(digits.trim_start_matches('-')) {
        Some(cents) => money::euros(locale, Cents(if negative { -cents.0 } else { cents.0 })),
        None => french.to_owned(),
    }
}

/// A refusal the domain or the store worded in French for an administrators' form
/// (a reason, a correction, a search, a run, a policy), in `locale`; a sentence it does
/// not know, as it is. The French sentences of the language file are the domain's own
/// (checked by a test), so they are what is looked for.
pub fn refusal(locale: Locale, message: &str) -> String {
    if locale == Locale::fr {
        return message.to_owned();
    }
    let fixed = [
        (
            td_string!(Locale::fr, admin_audit.reason_words),
            td_string!(locale, admin_audit.reason_words),
        ),
        (
            td_string!(Locale::fr, admin_people.amount_words),
            td_string!(locale, admin_people.amount_words),
        ),
        (
            td_string!(Locale::fr, admin_people.zero_correction),
            td_string!(locale, admin_people.zero_correction),
        ),
        (
            td_string!(Locale::fr, admin_people.max_correction),
            td_string!(locale, admin_people.max_correction),
        ),
        (
            td_string!(Locale::fr, admin_people.no_credit_to_correct),
            td_string!(locale, admin_people.no_credit_to_correct),
        ),
        (
            td_string!(Locale::fr, admin_people.credit_expired),
            td_string!(locale, admin_people.credit_expired),
        ),
        (
            td_string!(Locale::fr, admin_people.below_zero),
            td_string!(locale, admin_people.below_zero),
        ),
        (
            td_string!(Locale::fr, admin_people.query_words),
            td_string!(locale, admin_people.query_words),
        ),
        (
            td_string!(Locale::fr, admin_people.query_date),
            td_string!(locale, admin_people.query_date),
        ),
        (
            td_string!(Locale::fr, admin_payments.already_preparing),
            td_string!(locale, admin_payments.already_preparing),
        ),
        (
            td_string!(Locale::fr, admin_payments.nothing_to_pay),
            td_string!(locale, admin_payments.nothing_to_pay),
        ),
        (
            td_string!(Locale::fr, admin_payments.not_draft),
            td_string!(locale, admin_payments.not_draft),
        ),
        (
            td_string!(Locale::fr, admin_payments.changed),
            td_string!(locale, admin_payments.changed),
        ),
        (
            td_string!(Locale::fr, admin_payments.choose_last_day),
            td_string!(locale, admin_payments.choose_last_day),
        ),
        (
            td_string!(Locale::fr, admin_payments.last_day_future),
            td_string!(locale, admin_payments.last_day_future),
        ),
        (
            td_string!(Locale::fr, admin_policies.refuse_code),
            td_string!(locale, admin_policies.refuse_code),
        ),
        (
            td_string!(Locale::fr, admin_policies.refuse_name),
            td_string!(locale, admin_policies.refuse_name),
        ),
        (
            td_string!(Locale::fr, admin_policies.refuse_starts_on),
            td_string!(locale, admin_policies.refuse_starts_on),
        ),
        (
            td_string!(Locale::fr, admin_policies.refuse_past),
            td_string!(locale, admin_policies.refuse_past),
        ),
        (
            td_string!(Locale::fr, admin_policies.refuse_too_far),
            td_string!(locale, admin_policies.refuse_too_far),
        ),
        (
            td_string!(Locale::fr, admin_policies.refuse_grants),
            td_string!(locale, admin_policies.refuse_grants),
        ),
        (
            td_string!(Locale::fr, admin_policies.refuse_band_ages),
            td_string!(locale, admin_policies.refuse_band_ages),
        ),
        (
            td_string!(Locale::fr, admin_policies.refuse_cap),
            td_string!(locale, admin_policies.refuse_cap),
        ),
        (
            td_string!(Locale::fr, admin_policies.refuse_months),
            td_string!(locale, admin_policies.refuse_months),
        ),
        (
            td_string!(Locale::fr, admin_policies.refuse_validity),
            td_string!(locale, admin_policies.refuse_validity),
        ),
    ];
    if let Some((_, worded)) = fixed.iter().find(|(french, _)| *french == message) {
        return (*worded).to_owned();
    }
    let pattern = td_string!(Locale::fr, admin_policies.refuse_band_amount, max = HOLE);
    if let Some(max) = value_in(message, &pattern.to_string()) {
        let max = amount(locale, max);
        return td_string!(locale, admin_policies.refuse_band_amount, max).to_string();
    }
    let pattern = td_string!(Locale::fr, admin_policies.refuse_cap_total, total = HOLE);
    if let Some(total) = value_in(message, &pattern.to_string()) {
        let total = amount(locale, total);
        return td_string!(locale, admin_policies.refuse_cap_total, total).to_string();
    }
    let pattern = td_string!(Locale::fr, admin_policies.refuse_two_bands, age = HOLE);
    if let Some(age) = value_in(message, &pattern.to_string()) {
        return td_string!(locale, admin_policies.refuse_two_bands, age).to_string();
    }
    let pattern = td_string!(Locale::fr, admin_policies.refuse_band_count, max = HOLE);
    if let Some(max) = value_in(message, &pattern.to_string()) {
        return td_string!(locale, admin_policies.refuse_band_count, max).to_string();
    }
    let pattern = td_string!(Locale::fr, admin_policies.refuse_age, age = HOLE);
    if let Some(age) = value_in(message, &pattern.to_string()) {
        return td_string!(locale, admin_policies.refuse_age, age).to_string();
    }
    let pattern = td_string!(Locale::fr, admin_policies.refuse_departement, typed = HOLE);
    if let Some(typed) = value_in(message, &pattern.to_string()) {
        return td_string!(locale, admin_policies.refuse_departement, typed).to_string();
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use domain::admin::{CorrectionRefusal, PeopleQuery, parse_correction, parse_reason};
    use domain::credit::{preset, presets, version_label as domain_version_label};
    use domain::payments::{RunRefusal, parse_last_day};
    use domain::policies::PolicyForm;

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

    /// Every refusal the domain words for the administrators' forms.
    fn domain_refusals() -> Vec<String> {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
        let mut all: Vec<String> = vec![
            parse_reason("").expect_err("refused").to_owned(),
            parse_correction("douze").expect_err("refused").to_owned(),
            parse_correction("0").expect_err("refused").to_owned(),
            parse_correction("501").expect_err("refused").to_owned(),
            PeopleQuery::parse(&"x".repeat(101))
                .expect_err("refused")
                .to_owned(),
            PeopleQuery::parse("12/13/20")
                .expect_err("refused")
                .to_owned(),
            parse_last_day("hier", today)
                .expect_err("refused")
                .to_owned(),
            parse_last_day("2026-12-06", today)
                .expect_err("refused")
                .to_owned(),
        ];
        all.extend(
            [
                CorrectionRefusal::NoCredit,
                CorrectionRefusal::Expired,
                CorrectionRefusal::BelowZero,
            ]
            .map(|r| r.to_string()),
        );
        all.extend(
            [
                RunRefusal::AlreadyPreparing,
                RunRefusal::NothingToPay,
                RunRefusal::NotDraft,
                RunRefusal::Changed,
            ]
            .map(|r| r.to_string()),
        );
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
        all.extend(
            policy_forms
                .into_iter()
                .map(|form| form.parse(today).expect_err("refused").message),
        );
        all
    }

    #[test]
    fn french_refusals_stay_and_english_words_every_one() {
        let all = domain_refusals();
        assert_eq!(all.len(), 31);
        for message in all {
            assert_eq!(refusal(Locale::fr, &message), message);
            assert_ne!(refusal(Locale::en, &message), message, "{message}");
        }
        assert_eq!(
            refusal(Locale::en, "Une phrase que personne ne connaît"),
            "Une phrase que personne ne connaît"
        );
        let error = worded(
            Locale::en,
            AppError::invalid(
                "departements",
                "« 20 » n'est pas un département (01 à 95, 2A, 2B, 971 à 976)",
            ),
        );
        assert_eq!(
            error.field_message("departements").as_deref(),
            Some("“20” is not a département (01 to 95, 2A, 2B, 971 to 976)")
        );
    }

    #[test]
    fn amounts_in_a_refusal_are_written_the_language_s_way() {
        let form = PolicyForm {
            digital_cap: "5000,50".into(),
            ..PolicyForm::from_policy(
                &preset("FR-2025").expect("preset"),
                NaiveDate::from_ymd_opt(2026, 12, 5).expect("date"),
            )
        };
        let message = form
            .parse(NaiveDate::from_ymd_opt(2026, 12, 5).expect("date"))
            .expect_err("refused")
            .message;
        let english = refusal(Locale::en, &message);
        assert!(
            english.starts_with("The cap is above the total credit (€"),
            "{english}"
        );
    }
}
