//! What the operator's team does to people and how it is remembered: finding a person,
//! suspending them with a reason, correcting their credit, and the audit log where every
//! administrator action is one row (who, when, what, on whom, why).

use crate::Cents;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One kind of administrator action, as the audit log stores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AdminAction {
    IdentityApproved,
    IdentityRejected,
    StructureValidated,
    StructureRejected,
    CommentRestored,
    CommentHidden,
    OfferKept,
    OfferWithdrawn,
    OfferApproved,
    OfferRefused,
    PersonSuspended,
    SuspensionLifted,
    CreditCorrected,
    BankDetailsValidated,
    BankDetailsRefused,
    RunPrepared,
    RunPaid,
    RunAbandoned,
    PolicyScheduled,
    PolicyCancelled,
}

impl AdminAction {
    pub const ALL: [AdminAction; 20] = [
        AdminAction::IdentityApproved,
        AdminAction::IdentityRejected,
        AdminAction::StructureValidated,
        AdminAction::StructureRejected,
        AdminAction::CommentRestored,
        AdminAction::CommentHidden,
        AdminAction::OfferKept,
        AdminAction::OfferWithdrawn,
        AdminAction::OfferApproved,
        AdminAction::OfferRefused,
        AdminAction::PersonSuspended,
        AdminAction::SuspensionLifted,
        AdminAction::CreditCorrected,
        AdminAction::BankDetailsValidated,
        AdminAction::BankDetailsRefused,
        AdminAction::RunPrepared,
        AdminAction::RunPaid,
        AdminAction::RunAbandoned,
        AdminAction::PolicyScheduled,
        AdminAction::PolicyCancelled,
    ];

    pub fn to_stored(self) -> &'static str {
        match self {
            AdminAction::IdentityApproved => "identity_approved",
            AdminAction::IdentityRejected => "identity_rejected",
            AdminAction::StructureValidated => "structure_validated",
            AdminAction::StructureRejected => "structure_rejected",
            AdminAction::CommentRestored => "comment_restored",
            AdminAction::CommentHidden => "comment_hidden",
            AdminAction::OfferKept => "offer_kept",
            AdminAction::OfferWithdrawn => "offer_withdrawn",
            AdminAction::OfferApproved => "offer_approved",
            AdminAction::OfferRefused => "offer_refused",
            AdminAction::PersonSuspended => "person_suspended",
            AdminAction::SuspensionLifted => "suspension_lifted",
            AdminAction::CreditCorrected => "credit_corrected",
            AdminAction::BankDetailsValidated => "bank_details_validated",
            AdminAction::BankDetailsRefused => "bank_details_refused",
            AdminAction::RunPrepared => "run_prepared",
            AdminAction::RunPaid => "run_paid",
            AdminAction::RunAbandoned => "run_abandoned",
            AdminAction::PolicyScheduled => "policy_scheduled",
            AdminAction::PolicyCancelled => "policy_cancelled",
        }
    }

    pub fn parse(stored: &str) -> Option<AdminAction> {
        AdminAction::ALL
            .into_iter()
            .find(|action| action.to_stored() == stored)
    }

    /// What the log says the administrator did.
    pub fn label(self) -> &'static str {
        match self {
            AdminAction::IdentityApproved => "Identité validée",
            AdminAction::IdentityRejected => "Identité refusée",
            AdminAction::StructureValidated => "Structure validée",
            AdminAction::StructureRejected => "Structure refusée",
            AdminAction::CommentRestored => "Commentaire rétabli",
            AdminAction::CommentHidden => "Commentaire masqué",
            AdminAction::OfferKept => "Offre signalée gardée",
            AdminAction::OfferWithdrawn => "Offre retirée",
            AdminAction::OfferApproved => "Offre validée",
            AdminAction::OfferRefused => "Offre refusée à la validation",
            AdminAction::PersonSuspended => "Compte suspendu",
            AdminAction::SuspensionLifted => "Suspension levée",
            AdminAction::CreditCorrected => "Crédit corrigé",
            AdminAction::BankDetailsValidated => "Coordonnées bancaires validées",
            AdminAction::BankDetailsRefused => "Coordonnées bancaires refusées",
            AdminAction::RunPrepared => "Virement préparé",
            AdminAction::RunPaid => "Virement payé",
            AdminAction::RunAbandoned => "Virement abandonné",
            AdminAction::PolicyScheduled => "Version de politique programmée",
            AdminAction::PolicyCancelled => "Version de politique annulée",
        }
    }

    /// What the action was done to.
    pub fn subject(self) -> SubjectKind {
        match self {
            AdminAction::IdentityApproved
            | AdminAction::IdentityRejected
            | AdminAction::PersonSuspended
            | AdminAction::SuspensionLifted
            | AdminAction::CreditCorrected => SubjectKind::Person,
            AdminAction::StructureValidated
            | AdminAction::StructureRejected
            | AdminAction::BankDetailsValidated
            | AdminAction::BankDetailsRefused => SubjectKind::Structure,
            AdminAction::CommentRestored | AdminAction::CommentHidden => SubjectKind::Comment,
            AdminAction::OfferKept
            | AdminAction::OfferWithdrawn
            | AdminAction::OfferApproved
            | AdminAction::OfferRefused => SubjectKind::Offer,
            AdminAction::RunPrepared | AdminAction::RunPaid | AdminAction::RunAbandoned => {
                SubjectKind::Run
            }
            AdminAction::PolicyScheduled | AdminAction::PolicyCancelled => SubjectKind::Policy,
        }
    }
}

impl TryFrom<String> for AdminAction {
    type Error = crate::pro::status::UnknownStatus;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        crate::pro::status::read(&Self::ALL, Self::to_stored, code)
    }
}

/// The kinds of things an administrator acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubjectKind {
    Person,
    Structure,
    Comment,
    Offer,
    /// A reimbursement run.
    Run,
    /// A version of the credit policy.
    Policy,
}

impl SubjectKind {
    pub const ALL: [SubjectKind; 6] = [
        SubjectKind::Person,
        SubjectKind::Structure,
        SubjectKind::Comment,
        SubjectKind::Offer,
        SubjectKind::Run,
        SubjectKind::Policy,
    ];

    pub fn to_stored(self) -> &'static str {
        match self {
            SubjectKind::Person => "person",
            SubjectKind::Structure => "structure",
            SubjectKind::Comment => "comment",
            SubjectKind::Offer => "offer",
            SubjectKind::Run => "reimbursement_run",
            SubjectKind::Policy => "credit_policy",
        }
    }
}

impl TryFrom<String> for SubjectKind {
    type Error = crate::pro::status::UnknownStatus;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        crate::pro::status::read(&Self::ALL, Self::to_stored, code)
    }
}

/// Why an administrator suspends a person, lifts a suspension or corrects a credit: a
/// sentence kept in the audit log (the person is told only that their account is
/// suspended).
pub fn parse_reason(text: &str) -> Result<String, ReasonRefusal> {
    let reason = text.trim();
    if !(5..=300).contains(&reason.chars().count()) || reason.chars().any(char::is_control) {
        return Err(ReasonRefusal::NotOneSentence);
    }
    Ok(reason.to_owned())
}

/// Why an administrator's reason is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ReasonRefusal {
    /// Too short, too long, or on several lines.
    #[error("Écris le motif en une phrase (5 à 300 caractères, sur une ligne)")]
    NotOneSentence,
}

/// The largest correction one action may make, either way.
pub const MAX_CORRECTION: Cents = Cents::euros(500);

/// Reads a correction typed in euros with its sign: `+20`, `-12,50`, `15` (credit added
/// without a sign).
pub fn parse_correction(text: &str) -> Result<Cents, CorrectionRefusal> {
    let text = text.trim();
    let (sign, amount) = match text.strip_prefix(['-', '−']) {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let amount = Cents::parse_euros(amount.trim().trim_end_matches('€').trim())
        .ok_or(CorrectionRefusal::NotAnAmount)?;
    if amount.is_zero() {
        return Err(CorrectionRefusal::Zero);
    }
    if amount > MAX_CORRECTION {
        return Err(CorrectionRefusal::TooLarge);
    }
    Ok(Cents(sign * amount.get()))
}

/// Why a correction cannot be made to a person's credit: as typed
/// ([`parse_correction`]), or to the credit the person has ([`corrected_balance`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum CorrectionRefusal {
    #[error(
        "Écris un montant en euros, précédé de - pour retirer du crédit (par exemple -12,50 ou 20)"
    )]
    NotAnAmount,
    #[error("Une correction de 0 € ne change rien")]
    Zero,
    /// Above [`MAX_CORRECTION`] either way.
    #[error("Une correction ne dépasse pas 500 € : fais-en plusieurs si c'est voulu")]
    TooLarge,
    #[error("Cette personne n'a pas de crédit à corriger")]
    NoCredit,
    #[error("Ce crédit a expiré : il ne se corrige plus")]
    Expired,
    #[error("Le crédit restant ne peut pas devenir négatif")]
    BelowZero,
}

/// The balance after `amount` is added to a credit of `balance` (still valid or not).
pub fn corrected_balance(
    balance: Cents,
    expired: bool,
    amount: Cents,
) -> Result<Cents, CorrectionRefusal> {
    if expired {
        return Err(CorrectionRefusal::Expired);
    }
    let after = balance.get() + amount.get();
    if after < 0 {
        return Err(CorrectionRefusal::BelowZero);
    }
    Ok(Cents(after))
}

/// What an administrator typed to find a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeopleQuery {
    /// A birth date (`JJ/MM/AAAA` or `AAAA-MM-JJ`).
    BornOn(NaiveDate),
    /// Part of an e-mail address (the text has an `@`), lower-cased.
    Email(String),
    /// Words that each begin a first or last name or the e-mail address, lower-cased.
    Name(Vec<String>),
}

impl PeopleQuery {
    /// `None` when there is nothing to look for.
    pub fn parse(text: &str) -> Result<Option<PeopleQuery>, QueryRefusal> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        if text.chars().count() > 100 || text.chars().any(char::is_control) {
            return Err(QueryRefusal::NotAQuery);
        }
        let date = NaiveDate::parse_from_str(text, "%d/%m/%Y")
            .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"));
        if let Ok(date) = date {
            return Ok(Some(PeopleQuery::BornOn(date)));
        }
        if text.chars().next().is_some_and(|c| c.is_ascii_digit()) && text.contains('/') {
            return Err(QueryRefusal::BirthDate);
        }
        if text.contains('@') {
            return Ok(Some(PeopleQuery::Email(text.to_lowercase())));
        }
        let words = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .take(4)
            .map(str::to_lowercase)
            .collect();
        Ok(Some(PeopleQuery::Name(words)))
    }
}

/// Why what an administrator typed to find a person is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum QueryRefusal {
    /// Longer than 100 characters, or on several lines.
    #[error("Cherche avec un nom, une adresse e-mail ou une date de naissance")]
    NotAQuery,
    /// Begins with a digit and has a `/`, but is no day.
    #[error("Écris la date de naissance sous la forme JJ/MM/AAAA")]
    BirthDate,
}

/// A list that grows, read a page at a time: the page's rows, how many match in all,
/// and where the next page starts (the last row's key), if there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub rows: Vec<T>,
    pub total: i64,
    pub next: Option<i64>,
}

impl<T> Page<T> {
    /// Builds a page from `limit + 1` rows read past the cursor: the extra row only says
    /// that another page follows.
    pub fn from_rows(mut rows: Vec<T>, limit: usize, total: i64, key: impl Fn(&T) -> i64) -> Self {
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next = if more { rows.last().map(key) } else { None };
        Page { rows, total, next }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            rows: self.rows.into_iter().map(f).collect(),
            total: self.total,
            next: self.next,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_stored_and_read_back_under_its_own_name() {
        let names: std::collections::HashSet<_> =
            AdminAction::ALL.iter().map(|a| a.to_stored()).collect();
        assert_eq!(names.len(), AdminAction::ALL.len());
        for action in AdminAction::ALL {
            assert_eq!(AdminAction::parse(action.to_stored()), Some(action));
        }
        assert_eq!(AdminAction::parse("drop_table"), None);
    }

    #[test]
    fn a_reason_is_one_line_of_a_few_words() {
        assert_eq!(
            parse_reason("  Fraude au crédit ").as_deref(),
            Ok("Fraude au crédit")
        );
        assert_eq!(parse_reason("abc"), Err(ReasonRefusal::NotOneSentence));
        assert!(parse_reason("deux\nlignes ici").is_err());
        assert!(parse_reason(&"x".repeat(301)).is_err());
    }

    #[test]
    fn corrections_are_signed_euros_within_the_limit() {
        assert_eq!(parse_correction("20"), Ok(Cents(2000)));
        assert_eq!(parse_correction("+20"), Ok(Cents(2000)));
        assert_eq!(parse_correction("-12,50"), Ok(Cents(-1250)));
        assert_eq!(parse_correction(" − 3.5 € "), Ok(Cents(-350)));
        assert_eq!(parse_correction("500"), Ok(Cents(50000)));
        assert_eq!(parse_correction("500,01"), Err(CorrectionRefusal::TooLarge));
        assert_eq!(parse_correction("-0"), Err(CorrectionRefusal::Zero));
        assert_eq!(parse_correction("--2"), Err(CorrectionRefusal::NotAnAmount));
        assert_eq!(
            parse_correction("douze"),
            Err(CorrectionRefusal::NotAnAmount)
        );
        assert!(parse_correction("").is_err());
        assert_eq!(
            CorrectionRefusal::TooLarge.to_string(),
            format!(
                "Une correction ne dépasse pas {MAX_CORRECTION} : fais-en plusieurs si c'est voulu"
            )
        );
    }

    #[test]
    fn a_correction_never_leaves_a_negative_or_expired_credit() {
        assert_eq!(
            corrected_balance(Cents(1000), false, Cents(-1000)),
            Ok(Cents(0))
        );
        assert_eq!(
            corrected_balance(Cents(1000), false, Cents(2500)),
            Ok(Cents(3500))
        );
        assert_eq!(
            corrected_balance(Cents(1000), false, Cents(-1001)),
            Err(CorrectionRefusal::BelowZero)
        );
        assert_eq!(
            corrected_balance(Cents(1000), true, Cents(500)),
            Err(CorrectionRefusal::Expired)
        );
    }

    #[test]
    fn a_query_is_a_birth_date_an_address_or_names() {
        let date = NaiveDate::from_ymd_opt(2008, 3, 14).expect("date");
        assert_eq!(
            PeopleQuery::parse("14/03/2008"),
            Ok(Some(PeopleQuery::BornOn(date)))
        );
        assert_eq!(
            PeopleQuery::parse("2008-03-14"),
            Ok(Some(PeopleQuery::BornOn(date)))
        );
        assert_eq!(
            PeopleQuery::parse("31/02/2008"),
            Err(QueryRefusal::BirthDate),
            "not a day"
        );
        assert_eq!(
            PeopleQuery::parse(" Lea@Example.org "),
            Ok(Some(PeopleQuery::Email("lea@example.org".into())))
        );
        assert_eq!(
            PeopleQuery::parse("Léa  Martin"),
            Ok(Some(PeopleQuery::Name(vec!["léa".into(), "martin".into()])))
        );
        assert_eq!(PeopleQuery::parse("   "), Ok(None));
        assert_eq!(
            PeopleQuery::parse(&"a".repeat(101)),
            Err(QueryRefusal::NotAQuery)
        );
    }

    #[test]
    fn a_page_says_where_the_next_one_starts_only_when_there_is_one() {
        let page = Page::from_rows(vec![9, 7, 5], 2, 3, |n| *n);
        assert_eq!((page.rows.clone(), page.next), (vec![9, 7], Some(7)));
        let last = Page::from_rows(vec![5], 2, 3, |n| *n);
        assert_eq!((last.rows, last.next), (vec![5], None));
    }
}
