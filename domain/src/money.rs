//! Money is counted in euro cents, as signed 64-bit integers: never floats.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Sub};

/// An amount of money in euro cents.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Cents(pub i64);

impl Cents {
    pub const ZERO: Cents = Cents(0);

    /// Whole euros.
    pub const fn euros(euros: i64) -> Self {
        Cents(euros * 100)
    }

    pub const fn get(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Reads an amount typed in euros (`12`, `12,5`, `12.50`), up to the cent; `None`
    /// for anything else (negative, more than two decimals, not a number).
    pub fn parse_euros(text: &str) -> Option<Cents> {
        let text = text.trim().replace(',', ".");
        let (units, decimals) = text.split_once('.').unwrap_or((&text, ""));
        if units.is_empty() || decimals.len() > 2 {
            return None;
        }
        if !units
            .chars()
            .chain(decimals.chars())
            .all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let units: i64 = units.parse().ok().filter(|u| *u <= 1_000_000)?;
        let decimals: i64 = format!("{decimals:0<2}").parse().ok()?;
        Some(Cents(units * 100 + decimals))
    }
}

impl Add for Cents {
    type Output = Cents;
    fn add(self, rhs: Cents) -> Cents {
        Cents(self.0 + rhs.0)
    }
}

impl AddAssign for Cents {
    fn add_assign(&mut self, rhs: Cents) {
        self.0 += rhs.0;
    }
}

impl Sub for Cents {
    type Output = Cents;
    fn sub(self, rhs: Cents) -> Cents {
        Cents(self.0 - rhs.0)
    }
}

impl Mul<i64> for Cents {
    type Output = Cents;
    fn mul(self, rhs: i64) -> Cents {
        Cents(self.0 * rhs)
    }
}

impl Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        iter.fold(Cents::ZERO, Add::add)
    }
}

/// French formatting: `12,50 €`, `300 €`.
impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (euros, cents) = (abs / 100, abs % 100);
        if cents == 0 {
            write!(f, "{sign}{euros} €")
        } else {
            write!(f, "{sign}{euros},{cents:02} €")
        }
    }
}

/// The highest price a stock may have: 300 €.
pub const MAX_STOCK_PRICE: Cents = Cents::euros(300);

/// A stock price: between 0 and 300 € inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockPrice(Cents);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PriceError {
    #[error("Le prix ne peut pas être négatif")]
    Negative,
    #[error("Le prix ne peut pas dépasser 300 €")]
    TooHigh,
}

impl StockPrice {
    pub fn parse(amount: Cents) -> Result<Self, PriceError> {
        if amount.0 < 0 {
            Err(PriceError::Negative)
        } else if amount > MAX_STOCK_PRICE {
            Err(PriceError::TooHigh)
        } else {
            Ok(StockPrice(amount))
        }
    }

    pub fn cents(self) -> Cents {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_print_the_french_way() {
        assert_eq!(Cents(1250).to_string(), "12,50 €");
        assert_eq!(Cents(30000).to_string(), "300 €");
        assert_eq!(Cents(5).to_string(), "0,05 €");
        assert_eq!(Cents(-700).to_string(), "-7 €");
    }

    #[test]
    fn a_price_above_300_euros_is_rejected() {
        assert_eq!(StockPrice::parse(Cents(30001)), Err(PriceError::TooHigh));
        assert!(StockPrice::parse(Cents(30000)).is_ok());
    }

    #[test]
    fn a_negative_price_is_rejected_and_zero_is_free() {
        assert_eq!(StockPrice::parse(Cents(-1)), Err(PriceError::Negative));
        assert!(StockPrice::parse(Cents::ZERO).is_ok());
    }

    #[test]
    fn euros_are_read_with_a_comma_or_a_dot_up_to_the_cent() {
        assert_eq!(Cents::parse_euros("12"), Some(Cents(1200)));
        assert_eq!(Cents::parse_euros("12,5"), Some(Cents(1250)));
        assert_eq!(Cents::parse_euros(" 0.05 "), Some(Cents(5)));
        for bad in ["", "-3", "1,234", "12 €", "1e3", ",5", "abc"] {
            assert_eq!(Cents::parse_euros(bad), None, "{bad}");
        }
    }
}
