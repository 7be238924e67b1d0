//! What the account's server functions send to its pages (sign-up, the wallet, the
//! outbox, identity review), already written for people.

use serde::{Deserialize, Serialize};

/// What a new young person types to open an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAccount {
    pub email: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
    /// `YYYY-MM-DD`, as a date input sends it.
    pub birth_date: String,
    pub departement: String,
    /// The box accepting the terms of use and the privacy notice in force.
    #[serde(default)]
    pub accept_terms: bool,
    /// The versions of the texts the form showed (see `domain::legal::accepted`).
    #[serde(default)]
    pub terms_version: Option<u32>,
    #[serde(default)]
    pub privacy_version: Option<u32>,
}

/// The credit of a young person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WalletView {
    pub policy: String,
    pub balance: String,
    pub balance_cents: i64,
    pub granted: String,
    pub expires_on: String,
    pub days_left: i64,
    /// What remains of each cap the policy sets.
    pub caps: Vec<(String, String)>,
    /// The credit that comes at the next birthday, and when ("150 € de plus le …").
    pub next_grant: Option<String>,
    pub movements: Vec<MovementView>,
}

/// One line of the credit history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovementView {
    pub date: String,
    pub label: String,
    pub amount: String,
}

/// Someone's credit, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WalletState {
    Credit(WalletView),
    NoCredit(String),
}

/// An e-mail waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MailView {
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub date: String,
    /// Where its delivery stands, in words ("Envoyé le …", "Nouvel essai prévu", …).
    pub delivery: String,
    /// The delivery's state (`pending`, `sending`, `sent`, `failed`), for tests and styles.
    pub status: String,
    pub attempts: i64,
    /// What it is about (`password_reset`, `booking_confirmed`, …).
    pub kind: String,
}

/// A kind of mail written with sample data (`/admin/courriels`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MailSampleView {
    /// The kind's stored word: its HTML version is at `/admin/courriels/apercu/<kind>`.
    pub kind: String,
    pub subject: String,
    pub text: String,
}

/// An identity waiting for an administrator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdentityView {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub birth_date: String,
    pub departement: String,
}

/// The signed-in person's address, as the profile shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressView {
    pub email: String,
    /// They opened the link mailed to it.
    pub verified: bool,
    /// A new address whose link is waiting to be opened.
    pub awaiting: Option<String>,
}

/// What opening a link that verifies an address did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddressConfirmed {
    /// The account's address is verified.
    Verified,
    /// The new address replaced the old one.
    Replaced,
}
