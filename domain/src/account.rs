//! Who someone is to the pass: a young person, a partner working for structures, or an
//! administrator of the service.

use serde::{Deserialize, Serialize};

/// A person keeps at most this many favorite offers.
pub const MAX_FAVORITES: i64 = 100;

/// Failed logins allowed for one e-mail within [`LOGIN_WINDOW_MINUTES`].
pub const MAX_LOGIN_FAILURES: i64 = 5;
/// The window over which failed logins are counted, and how long a block lasts.
pub const LOGIN_WINDOW_MINUTES: i64 = 15;

/// Whether one more login attempt may be checked after `recent_failures` failures in
/// the window.
pub fn login_allowed(recent_failures: i64) -> bool {
    recent_failures < MAX_LOGIN_FAILURES
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Young,
    Partner,
    Admin,
}

impl Role {
    /// The spelling stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Young => "young",
            Role::Partner => "partner",
            Role::Admin => "admin",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        match value {
            "young" => Some(Role::Young),
            "partner" => Some(Role::Partner),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failed_logins_block_the_sixth_attempt() {
        assert!(login_allowed(0));
        assert!(login_allowed(4));
        assert!(!login_allowed(5));
    }

    #[test]
    fn roles_round_trip_through_their_stored_spelling() {
        for role in [Role::Young, Role::Partner, Role::Admin] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
