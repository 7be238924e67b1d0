//! The identity check that turns an account into a beneficiary. Pluggable: the demo
//! provider approves at once, the built-in review waits for an administrator; an
//! ID-document service would plug in behind the same trait.

/// What the person declared when signing up.
#[derive(Debug, Clone)]
pub struct IdentityClaim {
    pub user_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: chrono::NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentityDecision {
    /// The identity is verified: the credit can be granted.
    Approved,
    /// Someone (or some service) still has to look at it.
    Pending,
}

pub trait IdentityCheck: Send + Sync + 'static {
    fn check(&self, claim: &IdentityClaim) -> IdentityDecision;
}

/// Approves everyone at once: for the demo and for tests.
pub struct DemoIdentityCheck;

impl IdentityCheck for DemoIdentityCheck {
    fn check(&self, _claim: &IdentityClaim) -> IdentityDecision {
        IdentityDecision::Approved
    }
}

/// The built-in review: every identity waits for an administrator (at `/admin/identites`).
pub struct AdminReview;

impl IdentityCheck for AdminReview {
    fn check(&self, _claim: &IdentityClaim) -> IdentityDecision {
        IdentityDecision::Pending
    }
}
