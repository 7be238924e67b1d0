//! A structure's team: each member is an administrator (manages the team, and later the
//! bank details) or an editor (venues, offers, bookings, the counter). A structure always
//! keeps one administrator: the last one can be neither removed nor made an editor.

use super::{FieldError, FieldRefusal, refuse};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberRole {
    Admin,
    Editor,
}

impl MemberRole {
    pub const ALL: [MemberRole; 2] = [MemberRole::Admin, MemberRole::Editor];

    pub fn to_stored(self) -> &'static str {
        match self {
            MemberRole::Admin => "admin",
            MemberRole::Editor => "editor",
        }
    }

    pub fn parse(stored: &str) -> Option<MemberRole> {
        Self::ALL
            .into_iter()
            .find(|role| role.to_stored() == stored)
    }

    pub fn label(self) -> &'static str {
        match self {
            MemberRole::Admin => "Administrateur",
            MemberRole::Editor => "Éditeur",
        }
    }
}

impl TryFrom<String> for MemberRole {
    type Error = super::status::UnknownStatus;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        super::status::read(&Self::ALL, Self::to_stored, code)
    }
}

/// Only administrators invite, change roles and remove members.
pub fn may_manage_team(role: MemberRole) -> Result<(), FieldError> {
    match role {
        MemberRole::Admin => Ok(()),
        MemberRole::Editor => Err(refuse("role", FieldRefusal::TeamAdminsOnly)),
    }
}

/// Whether a member with role `current` may become `next` (`None`: leave the team) while
/// the structure has `admins` administrators.
pub fn may_change(
    admins: i64,
    current: MemberRole,
    next: Option<MemberRole>,
) -> Result<(), FieldError> {
    let loses_an_admin = current == MemberRole::Admin && next != Some(MemberRole::Admin);
    if loses_an_admin && admins <= 1 {
        return Err(refuse("role", FieldRefusal::LastAdministrator));
    }
    Ok(())
}

/// Whether a member may enter the structure's bank details, where the pass pays it.
pub fn may_change_bank_details(role: MemberRole) -> Result<(), FieldError> {
    match role {
        MemberRole::Admin => Ok(()),
        MemberRole::Editor => Err(refuse("iban", FieldRefusal::BankAdminsOnly)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MemberRole::*;

    #[test]
    fn the_last_administrator_stays_one() {
        assert!(may_change(1, Admin, Some(Editor)).is_err());
        assert!(may_change(1, Admin, None).is_err());
        assert!(may_change(1, Admin, Some(Admin)).is_ok());
        assert!(may_change(2, Admin, None).is_ok());
        assert!(
            may_change(1, Editor, None).is_ok(),
            "an editor leaves freely"
        );
        assert!(may_change(1, Editor, Some(Admin)).is_ok());
    }

    #[test]
    fn editors_do_not_manage_the_team() {
        assert!(may_manage_team(Admin).is_ok());
        assert!(may_change_bank_details(Admin).is_ok());
        assert!(may_change_bank_details(Editor).is_err());
        assert_eq!(
            may_manage_team(Editor).map_err(|e| e.field),
            Err("role".to_owned())
        );
    }

    #[test]
    fn roles_are_stored_and_read_back() {
        for role in MemberRole::ALL {
            assert_eq!(MemberRole::parse(role.to_stored()), Some(role));
        }
        assert_eq!(MemberRole::parse("owner"), None);
    }
}
