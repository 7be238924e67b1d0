//! What the people pages and the audit log receive, formatted on the server in the
//! request's language.

use serde::{Deserialize, Serialize};

/// One person in the search's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonLine {
    pub id: i64,
    pub name: String,
    pub email: String,
    /// "Jeune", "Partenaire", "Administrateur" ("Young person", … in English).
    pub role: String,
    pub birth_date: String,
    pub identity: String,
    pub suspended: bool,
}

/// A page of the people search, with how many match in all and the next page's link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeoplePage {
    pub rows: Vec<PersonLine>,
    pub summary: String,
    pub next: Option<String>,
}

/// Everything the team sees of one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonView {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub is_admin: bool,
    /// Birth date, département, sign-up date, address checked or not.
    pub facts: Vec<(String, String)>,
    pub identity: String,
    pub suspension: Option<Suspension>,
    pub credit: Option<CreditLine>,
    pub ledger: Vec<LedgerLine>,
    pub bookings: Vec<BookingLine>,
    pub comments: Vec<CommentLine>,
    pub sessions: Vec<String>,
    /// What administrators did about this person, newest first.
    pub history: Vec<AuditLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suspension {
    pub since: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreditLine {
    pub balance: String,
    /// "300,00 € reçus · politique FR-2019 · expire le 5 déc. 2028".
    pub details: String,
    pub expired: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerLine {
    pub date: String,
    pub label: String,
    pub amount: String,
    /// The reason of a correction.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingLine {
    pub date: String,
    pub offer: String,
    pub venue: String,
    pub amount: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentLine {
    pub date: String,
    pub about: String,
    pub body: String,
    pub status: String,
}

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLine {
    pub id: i64,
    pub date: String,
    pub admin: String,
    pub action: String,
    /// "Personne n° 12", with its page when it has one.
    pub subject: String,
    pub link: Option<String>,
    pub reason: String,
    pub detail: String,
}

/// A page of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditLine>,
    pub summary: String,
    pub next: Option<String>,
    /// The kinds of action to filter by: (stored name, label).
    pub actions: Vec<(String, String)>,
}
