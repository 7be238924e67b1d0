//! What people decide about structures and offers, as the store keeps it: a closed set
//! of codes, read into these enums at the store's boundary so that no code compares
//! strings.

use serde::{Deserialize, Serialize};

/// A stored code that names none of the values (a corrupt or newer database).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown status {0:?}")]
pub struct UnknownStatus(pub String);

/// The value of `all` whose code is `code`.
pub(crate) fn read<T: Copy>(
    all: &[T],
    as_str: fn(T) -> &'static str,
    code: String,
) -> Result<T, UnknownStatus> {
    all.iter()
        .copied()
        .find(|value| as_str(*value) == code)
        .ok_or(UnknownStatus(code))
}

/// Validation state of a partner structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StructureStatus {
    Pending,
    Validated,
    Rejected,
}

impl StructureStatus {
    pub const ALL: [StructureStatus; 3] = [
        StructureStatus::Pending,
        StructureStatus::Validated,
        StructureStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StructureStatus::Pending => "pending",
            StructureStatus::Validated => "validated",
            StructureStatus::Rejected => "rejected",
        }
    }

    /// How the status reads in the dashboard.
    pub fn label(self) -> &'static str {
        match self {
            StructureStatus::Pending => "En attente de validation",
            StructureStatus::Validated => "Validée",
            StructureStatus::Rejected => "Refusée",
        }
    }
}

impl TryFrom<String> for StructureStatus {
    type Error = UnknownStatus;

    fn try_from(code: String) -> Result<Self, UnknownStatus> {
        read(&Self::ALL, Self::as_str, code)
    }
}

/// Publication state of an offer, as people set it (sold out and expired are computed:
/// [`super::state::OfferState`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OfferStatus {
    Draft,
    Pending,
    Rejected,
    Published,
    Paused,
}

impl OfferStatus {
    pub const ALL: [OfferStatus; 5] = [
        OfferStatus::Draft,
        OfferStatus::Pending,
        OfferStatus::Rejected,
        OfferStatus::Published,
        OfferStatus::Paused,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OfferStatus::Draft => "draft",
            OfferStatus::Pending => "pending",
            OfferStatus::Rejected => "rejected",
            OfferStatus::Published => "published",
            OfferStatus::Paused => "paused",
        }
    }
}

impl TryFrom<String> for OfferStatus {
    type Error = UnknownStatus;

    fn try_from(code: String) -> Result<Self, UnknownStatus> {
        read(&Self::ALL, Self::as_str, code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_reads_back_from_its_code_and_nothing_else_does() {
        for status in StructureStatus::ALL {
            assert_eq!(
                StructureStatus::try_from(status.as_str().to_owned()),
                Ok(status)
            );
        }
        for status in OfferStatus::ALL {
            assert_eq!(
                OfferStatus::try_from(status.as_str().to_owned()),
                Ok(status)
            );
        }
        assert_eq!(
            OfferStatus::try_from("Published".to_owned()),
            Err(UnknownStatus("Published".into()))
        );
        assert!(StructureStatus::try_from(String::new()).is_err());
    }

    #[test]
    fn the_wire_says_the_stored_code() {
        for status in StructureStatus::ALL {
            let json = serde_json::to_string(&status).expect("json");
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
        for status in OfferStatus::ALL {
            let json = serde_json::to_string(&status).expect("json");
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
    }
}
