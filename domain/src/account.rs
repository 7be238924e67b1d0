//! Who someone is to the pass: a young person, a partner working for structures, or an
//! administrator of the service.

use serde::{Deserialize, Serialize};

/// A person keeps at most this many favorite offers.
pub const MAX_FAVORITES: i64 = 100;

/// Failed logins allowed for one e-mail from one client within [`LOGIN_WINDOW_MINUTES`].
pub const MAX_LOGIN_FAILURES: i64 = 5;
/// Failed logins allowed from one client, whatever the addresses tried (password
/// spraying), within [`LOGIN_WINDOW_MINUTES`].
pub const MAX_CLIENT_LOGIN_FAILURES: i64 = 30;
/// The window over which failed logins are counted, and how long a block lasts.
pub const LOGIN_WINDOW_MINUTES: i64 = 15;

/// Mails carrying a link (a password reset, an invitation) sent to one address within
/// [`LINK_MAIL_WINDOW_MINUTES`]: beyond, none is sent, whoever asks and from wherever
/// (no mail bombing through our sender).
pub const MAX_LINK_MAILS: i64 = 3;
pub const LINK_MAIL_WINDOW_MINUTES: i64 = 60;

/// The key of the counter of link mails of `kind` ("reset", "invitation") to `email`.
pub fn link_mail_counter(kind: &str, email: &str) -> String {
    format!("{kind} mails to {email}")
}

/// How long a link that verifies an address stays valid (it works once).
pub const EMAIL_CHECK_HOURS: i64 = 24;

/// The longest window of any counter: the scheduler forgets counters older than this.
pub const LONGEST_COUNTER_WINDOW_MINUTES: i64 = LINK_MAIL_WINDOW_MINUTES;

/// What login attempts are counted against. Counting per address *and client* means an
/// attacker guessing someone's password is stopped without locking the owner out from
/// their own device; counting per client stops one client trying many addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginCounter {
    AddressFromClient { email: String, client: String },
    Client { client: String },
}

impl LoginCounter {
    /// The counters one attempt of `email` from `client` counts against.
    pub fn for_attempt(email: &str, client: &str) -> [LoginCounter; 2] {
        [
            LoginCounter::AddressFromClient {
                email: email.to_owned(),
                client: client.to_owned(),
            },
            LoginCounter::Client {
                client: client.to_owned(),
            },
        ]
    }

    /// The key the counter is stored under.
    pub fn key(&self) -> String {
        match self {
            LoginCounter::AddressFromClient { email, client } => format!("{email} from {client}"),
            LoginCounter::Client { client } => format!("client {client}"),
        }
    }

    /// Attempts allowed within the window.
    pub fn limit(&self) -> i64 {
        match self {
            LoginCounter::AddressFromClient { .. } => MAX_LOGIN_FAILURES,
            LoginCounter::Client { .. } => MAX_CLIENT_LOGIN_FAILURES,
        }
    }

    /// Whether the attempt that brought this counter to `count` (itself included) may
    /// have its password checked.
    pub fn allows(&self, count: i64) -> bool {
        count <= self.limit()
    }
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
    fn five_attempts_of_one_address_from_one_client_pass_and_the_sixth_is_blocked() {
        let [address, client] = LoginCounter::for_attempt("lea@example.org", "203.0.113.5");
        assert!(address.allows(1));
        assert!(address.allows(5));
        assert!(!address.allows(6));
        assert!(client.allows(30));
        assert!(!client.allows(31));
    }

    #[test]
    fn the_same_address_from_another_client_is_another_counter() {
        let [here, _] = LoginCounter::for_attempt("lea@example.org", "203.0.113.5");
        let [elsewhere, _] = LoginCounter::for_attempt("lea@example.org", "198.51.100.7");
        assert_ne!(here.key(), elsewhere.key());
    }

    #[test]
    fn roles_round_trip_through_their_stored_spelling() {
        for role in [Role::Young, Role::Partner, Role::Admin] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}

/// The longest name accepted (a person's first or last name, a structure's name).
pub const MAX_NAME_CHARS: usize = 60;

/// A name as typed: one line of plain text, trimmed, 1 to [`MAX_NAME_CHARS`] characters.
pub fn name(input: &str) -> Result<&str, crate::pro::FieldRefusal> {
    use crate::pro::FieldRefusal;
    let name = crate::text::plain_line(input)?.trim();
    match name.chars().count() {
        0 => Err(FieldRefusal::Required),
        n if n > MAX_NAME_CHARS => Err(FieldRefusal::TooLong {
            max: MAX_NAME_CHARS,
        }),
        _ => Ok(name),
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;
    use crate::pro::FieldRefusal;
    use crate::text::TextError;

    #[test]
    fn a_name_is_trimmed_and_between_one_and_sixty_characters() {
        assert_eq!(name("  Léa "), Ok("Léa"));
        assert_eq!(name(&"é".repeat(60)), Ok("é".repeat(60).as_str()));
        assert_eq!(name("   "), Err(FieldRefusal::Required));
        assert_eq!(
            name(&"é".repeat(61)),
            Err(FieldRefusal::TooLong { max: 60 })
        );
    }

    #[test]
    fn a_name_is_one_line_of_plain_text() {
        assert_eq!(
            name("Léa\u{0}"),
            Err(FieldRefusal::Text(TextError::ControlCharacter))
        );
        assert_eq!(
            name("Léa\nMartin"),
            Err(FieldRefusal::Text(TextError::NotOneLine))
        );
        assert_eq!(
            name("L\u{202E}éa"),
            Err(FieldRefusal::Text(TextError::NotOneLine))
        );
    }
}
