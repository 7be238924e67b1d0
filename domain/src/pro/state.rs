//! The state of an offer as the partner sees it: what people set (draft, pending review,
//! rejected, published, paused), and, for a published offer, what its stocks make it
//! (sold out when no open stock has a seat left, expired when no stock is open).

use super::status::OfferStatus;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OfferState {
    Draft,
    Pending,
    Rejected,
    Published,
    Paused,
    SoldOut,
    Expired,
}

/// What the stocks of an offer must look like for it to be in a state, once its status
/// matches (what a store filters on: `OfferState::selection`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StockCondition {
    /// The status alone decides.
    Any,
    /// No stock is open.
    NoneOpen,
    /// Some stock is open, none with a seat left.
    OpenWithoutSeats,
    /// Some open stock has a seat left.
    WithSeats,
}

impl StockCondition {
    pub fn holds(self, stocks: StockSummary) -> bool {
        match self {
            StockCondition::Any => true,
            StockCondition::NoneOpen => stocks.open == 0,
            StockCondition::OpenWithoutSeats => stocks.open > 0 && stocks.with_seats == 0,
            StockCondition::WithSeats => stocks.with_seats > 0,
        }
    }
}

/// What the stocks of an offer look like at a given moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StockSummary {
    /// Stocks not deleted whose booking limit (or start) is still ahead.
    pub open: i64,
    /// Of those, the ones with a seat left (or unlimited).
    pub with_seats: i64,
}

impl OfferState {
    pub const ALL: [OfferState; 7] = [
        OfferState::Draft,
        OfferState::Pending,
        OfferState::Rejected,
        OfferState::Published,
        OfferState::Paused,
        OfferState::SoldOut,
        OfferState::Expired,
    ];

    /// Computes the state from the stored status and the stocks.
    pub fn of(status: OfferStatus, stocks: StockSummary) -> OfferState {
        match status {
            OfferStatus::Draft => OfferState::Draft,
            OfferStatus::Pending => OfferState::Pending,
            OfferStatus::Rejected => OfferState::Rejected,
            OfferStatus::Paused => OfferState::Paused,
            _ if stocks.open == 0 => OfferState::Expired,
            _ if stocks.with_seats == 0 => OfferState::SoldOut,
            _ => OfferState::Published,
        }
    }

    /// The status and stocks an offer must have to be in this state: `of` read backwards,
    /// so that a list filters by state in its query rather than after reading everything.
    pub fn selection(self) -> (OfferStatus, StockCondition) {
        match self {
            OfferState::Draft => (OfferStatus::Draft, StockCondition::Any),
            OfferState::Pending => (OfferStatus::Pending, StockCondition::Any),
            OfferState::Rejected => (OfferStatus::Rejected, StockCondition::Any),
            OfferState::Paused => (OfferStatus::Paused, StockCondition::Any),
            OfferState::Published => (OfferStatus::Published, StockCondition::WithSeats),
            OfferState::SoldOut => (OfferStatus::Published, StockCondition::OpenWithoutSeats),
            OfferState::Expired => (OfferStatus::Published, StockCondition::NoneOpen),
        }
    }

    /// The key used in URLs (`?etat=epuisee`).
    pub fn key(self) -> &'static str {
        match self {
            OfferState::Draft => "brouillon",
            OfferState::Pending => "en-validation",
            OfferState::Rejected => "refusee",
            OfferState::Published => "publiee",
            OfferState::Paused => "en-pause",
            OfferState::SoldOut => "epuisee",
            OfferState::Expired => "expiree",
        }
    }

    pub fn from_key(key: &str) -> Option<OfferState> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            OfferState::Draft => "Brouillon",
            OfferState::Pending => "En validation",
            OfferState::Rejected => "Refusée",
            OfferState::Published => "Publiée",
            OfferState::Paused => "En pause",
            OfferState::SoldOut => "Épuisée",
            OfferState::Expired => "Expirée",
        }
    }

    /// A partner may publish a draft or a paused offer (with at least one open stock).
    pub fn can_publish(self) -> bool {
        matches!(self, OfferState::Draft | OfferState::Paused)
    }

    /// A partner may pause what the young can currently see or book.
    pub fn can_pause(self) -> bool {
        matches!(self, OfferState::Published | OfferState::SoldOut)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPEN: StockSummary = StockSummary {
        open: 2,
        with_seats: 1,
    };

    #[test]
    fn what_people_set_wins_over_the_stocks() {
        assert_eq!(OfferState::of(OfferStatus::Draft, OPEN), OfferState::Draft);
        assert_eq!(
            OfferState::of(OfferStatus::Paused, StockSummary::default()),
            OfferState::Paused
        );
        assert_eq!(
            OfferState::of(OfferStatus::Rejected, OPEN),
            OfferState::Rejected
        );
        assert_eq!(
            OfferState::of(OfferStatus::Pending, OPEN),
            OfferState::Pending
        );
    }

    #[test]
    fn a_published_offer_without_seats_left_is_sold_out() {
        let full = StockSummary {
            open: 3,
            with_seats: 0,
        };
        assert_eq!(
            OfferState::of(OfferStatus::Published, full),
            OfferState::SoldOut
        );
        assert_eq!(
            OfferState::of(OfferStatus::Published, OPEN),
            OfferState::Published
        );
    }

    #[test]
    fn an_offer_is_selected_by_a_state_exactly_when_it_is_in_that_state() {
        let summaries = [
            StockSummary::default(),
            StockSummary {
                open: 2,
                with_seats: 0,
            },
            OPEN,
        ];
        for status in OfferStatus::ALL {
            for stocks in summaries {
                for state in OfferState::ALL {
                    let (wanted, condition) = state.selection();
                    let selected = wanted == status && condition.holds(stocks);
                    assert_eq!(
                        selected,
                        OfferState::of(status, stocks) == state,
                        "{status:?} {stocks:?} {state:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_published_offer_with_no_open_stock_is_expired() {
        assert_eq!(
            OfferState::of(OfferStatus::Published, StockSummary::default()),
            OfferState::Expired
        );
    }

    #[test]
    fn state_keys_round_trip() {
        for state in OfferState::ALL {
            assert_eq!(OfferState::from_key(state.key()), Some(state));
        }
        assert_eq!(OfferState::from_key("nope"), None);
    }

    #[test]
    fn only_drafts_and_paused_offers_can_be_published() {
        assert!(OfferState::Draft.can_publish() && OfferState::Paused.can_publish());
        assert!(!OfferState::Published.can_publish() && !OfferState::Rejected.can_publish());
        assert!(OfferState::SoldOut.can_pause() && !OfferState::Draft.can_pause());
    }
}
