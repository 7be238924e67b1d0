//! Amounts as each language writes them: `12,50 €` in French, `€12.50` in English, and
//! the words around a price ("Gratuit", "Dès 6,50 €"). In the browser too: the booking
//! sheet adds up a duo's price as the person chooses.

use super::Locale;
use crate::i18n::td_string;
use domain::Cents;

/// An amount of money: whole euros without decimals, otherwise two.
pub fn euros(locale: Locale, amount: Cents) -> String {
    let sign = if amount.0 < 0 { "-" } else { "" };
    let abs = amount.0.unsigned_abs();
    let (euros, cents) = (abs / 100, abs % 100);
    if cents == 0 {
        td_string!(locale, money.euros, sign, euros).to_string()
    } else {
        let cents = format!("{cents:02}");
        td_string!(locale, money.euros_cents, sign, euros, cents).to_string()
    }
}

/// A price: "Gratuit" when it costs nothing.
pub fn price(locale: Locale, cents: i64) -> String {
    if cents == 0 {
        td_string!(locale, money.free).to_owned()
    } else {
        euros(locale, Cents(cents))
    }
}

/// The lowest of several prices: "Dès 6,50 €".
pub fn from(locale: Locale, cents: i64) -> String {
    let price = euros(locale, Cents(cents));
    td_string!(locale, money.from, price).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_writes_amounts_its_way() {
        assert_eq!(euros(Locale::fr, Cents(1250)), "12,50 €");
        assert_eq!(euros(Locale::en, Cents(1250)), "€12.50");
        assert_eq!(euros(Locale::fr, Cents(30000)), "300 €");
        assert_eq!(euros(Locale::en, Cents(-505)), "-€5.05");
        assert_eq!(price(Locale::en, 0), "Free");
        assert_eq!(from(Locale::fr, 650), "Dès 6,50 €");
        assert_eq!(from(Locale::en, 650), "From €6.50");
    }
}
