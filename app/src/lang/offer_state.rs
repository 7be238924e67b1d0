//! The states of a partner's offer per language. The domain keeps its French labels
//! (`OfferState::label()`, for the logs and exports) as the reference: a test here checks
//! that French says exactly them; the pages say these.

use super::Locale;
use crate::i18n::td_string;
use domain::pro::state::OfferState;

/// "Brouillon", "Draft".
pub fn label(locale: Locale, state: OfferState) -> &'static str {
    match state {
        OfferState::Draft => td_string!(locale, pro_offers.state_draft),
        OfferState::Pending => td_string!(locale, pro_offers.state_pending),
        OfferState::Rejected => td_string!(locale, pro_offers.state_rejected),
        OfferState::Published => td_string!(locale, pro_offers.state_published),
        OfferState::Paused => td_string!(locale, pro_offers.state_paused),
        OfferState::SoldOut => td_string!(locale, pro_offers.state_sold_out),
        OfferState::Expired => td_string!(locale, pro_offers.state_expired),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_says_the_domain_s_labels_and_english_names_every_state() {
        for state in OfferState::ALL {
            assert_eq!(label(Locale::fr, state), state.label());
            assert_ne!(label(Locale::en, state), state.label(), "{state:?}");
        }
        assert_eq!(label(Locale::en, OfferState::SoldOut), "Sold out");
    }
}
