//! What the payment pages receive, formatted on the server in the
//! request's language.

use serde::{Deserialize, Serialize};

/// Bank details waiting for the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankCheckLine {
    pub structure_id: i64,
    /// "Name · SIREN …".
    pub structure: String,
    pub holder: String,
    /// The whole IBAN in groups of four, to compare with the RIB.
    pub iban: String,
    /// The IBAN as stored, which the decision names (details replaced since are not
    /// decided by it).
    pub iban_key: String,
    pub bic: String,
    /// "Saisies par … le …".
    pub submitted: String,
}

/// Bank details as the administrator read them, sent back with the decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeenDetails {
    pub holder: String,
    pub iban: String,
    pub bic: String,
}

/// The team's page: what waits, the runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunsView {
    pub checks: Vec<BankCheckLine>,
    pub checks_summary: String,
    pub checks_next: Option<String>,
    /// Structures with used bookings waiting for a run, and how many of them cannot be
    /// paid yet for want of validated bank details.
    pub waiting: String,
    pub without_details: Vec<String>,
    /// The run still to pay, if any: a new one waits for it.
    pub draft: Option<i64>,
    /// The last day a new run covers by default (yesterday), as a date field's value.
    pub last_day: String,
    pub runs: Vec<RunLine>,
    pub runs_summary: String,
    pub next: Option<String>,
}

/// A run in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunLine {
    pub id: i64,
    pub title: String,
    pub status: String,
    /// "3 virements · 1 234,50 €".
    pub total: String,
    pub prepared: String,
}

/// A run, its transfers and what can still be done with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunView {
    pub id: i64,
    pub title: String,
    pub status: String,
    pub total: String,
    pub prepared: String,
    pub closed: Option<String>,
    pub draft: bool,
    pub payments: Vec<TransferLine>,
    /// Where its payment file downloads.
    pub file: String,
}

/// One transfer of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransferLine {
    pub structure: String,
    pub account: String,
    pub reference: String,
    /// Bookings' amount, and what the pass pays of it.
    pub amount: String,
    pub reimbursed: String,
}

/// A structure's bank details as its members see them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankView {
    pub holder: String,
    /// Only the country and the last four characters.
    pub iban: String,
    pub bic: String,
    pub status: String,
    pub validated: bool,
    pub refusal: Option<String>,
}

/// The partner's page: the bank details, who may change them, the transfers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnerPayments {
    pub bank: Option<BankView>,
    /// Whether this member may enter bank details (administrators only).
    pub may_edit: bool,
    pub transfers: Vec<TransferView>,
    pub summary: String,
    pub next: Option<String>,
}

/// A transfer the pass made to the structure, with its bookings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransferView {
    pub id: i64,
    /// "Virement du 3 décembre 2026".
    pub title: String,
    pub reference: String,
    pub account: String,
    pub period: String,
    pub reimbursed: String,
    pub bookings: Vec<PaidBooking>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaidBooking {
    pub offer: String,
    pub venue: String,
    pub token: String,
    pub used_at: String,
    pub amount: String,
    pub reimbursed: String,
}
