//! Price categories and stocks. A thing has one stock (price, quantity, booking limit);
//! an event has a stock per date-time and price category, whose booking limit is never
//! after the start. An offer has at most [`MAX_STOCKS`] stocks, and a quantity never
//! goes below what is already booked.

use super::{FieldError, FieldRefusal, refuse, required_text};
use crate::money::{Cents, StockPrice};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

pub const MAX_STOCKS: usize = 2_500;
/// The highest quantity a stock may offer.
pub const MAX_QUANTITY: i64 = 1_000_000;

/// A named price of an event ("Plein tarif", "Carré or").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceCategory {
    pub label: String,
    pub price: StockPrice,
}

fn price(field: &str, text: &str) -> Result<StockPrice, FieldError> {
    let cents =
        Cents::parse_euros(text).ok_or_else(|| refuse(field, FieldRefusal::PriceNotEuros))?;
    StockPrice::parse(cents).map_err(|e| refuse(field, FieldRefusal::Price(e)))
}

impl PriceCategory {
    pub fn parse(label: &str, price_text: &str) -> Result<Self, FieldError> {
        Ok(PriceCategory {
            label: required_text("label", label, 50)?,
            price: price("price", price_text)?,
        })
    }
}

/// A quantity as typed: empty means unlimited.
pub fn parse_quantity(text: &str) -> Result<Option<i64>, FieldError> {
    match text.trim() {
        "" => Ok(None),
        text => text
            .parse::<i64>()
            .ok()
            .filter(|q| (0..=MAX_QUANTITY).contains(q))
            .map(Some)
            .ok_or_else(|| refuse("quantity", FieldRefusal::Quantity)),
    }
}

/// A thing's stock, checked (times are the venue's local time).
#[derive(Debug, Clone, PartialEq)]
pub struct ThingStock {
    pub price: StockPrice,
    pub quantity: Option<i64>,
    pub booking_limit: Option<NaiveDateTime>,
}

pub fn parse_thing_stock(
    price_text: &str,
    quantity: &str,
    booking_limit: &str,
    now: NaiveDateTime,
) -> Result<ThingStock, FieldError> {
    let booking_limit = optional_local_time("booking_limit", booking_limit)?;
    if booking_limit.is_some_and(|limit| limit <= now) {
        return Err(refuse("booking_limit", FieldRefusal::BookingLimitPast));
    }
    Ok(ThingStock {
        price: price("price", price_text)?,
        quantity: parse_quantity(quantity)?,
        booking_limit,
    })
}

/// Reads an `<input type="datetime-local">` value (`2026-12-03T20:30`).
pub fn optional_local_time(field: &str, text: &str) -> Result<Option<NaiveDateTime>, FieldError> {
    match text.trim() {
        "" => Ok(None),
        text => NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
            .ok()
            .filter(|at| super::YEARS.contains(&at.year()))
            .map(Some)
            .ok_or_else(|| refuse(field, FieldRefusal::InvalidDateTime)),
    }
}

/// One date of an event, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct EventStock {
    pub begins_at: NaiveDateTime,
    /// Defaults to the start.
    pub booking_limit: NaiveDateTime,
    pub quantity: Option<i64>,
}

/// Checks one event date: in the future, with a booking limit not after the start.
pub fn check_event_date(
    begins_at: NaiveDateTime,
    booking_limit: Option<NaiveDateTime>,
    quantity: Option<i64>,
    now: NaiveDateTime,
) -> Result<EventStock, FieldError> {
    if begins_at <= now {
        return Err(refuse("begins_at", FieldRefusal::EventPast));
    }
    let booking_limit = booking_limit.unwrap_or(begins_at);
    if booking_limit > begins_at {
        return Err(refuse(
            "booking_limit",
            FieldRefusal::BookingLimitAfterStart,
        ));
    }
    Ok(EventStock {
        begins_at,
        booking_limit,
        quantity,
    })
}

/// A recurring series of dates: every chosen weekday between two days, at given times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Empty: every day.
    pub weekdays: Vec<Weekday>,
    pub times: Vec<NaiveTime>,
}

impl Series {
    /// Reads the series form: days `AAAA-MM-JJ`, weekdays as `lun,mar,...` flags and
    /// times `HH:MM` separated by commas or spaces.
    pub fn parse(
        first: &str,
        last: &str,
        weekdays: &[Weekday],
        times: &str,
    ) -> Result<Self, FieldError> {
        let first_day = super::parse_day("first_day", first)?;
        let last_day = super::parse_day("last_day", last)?;
        if last_day < first_day {
            return Err(refuse("last_day", FieldRefusal::SeriesEndsBeforeStart));
        }
        if (last_day - first_day).num_days() > 366 {
            return Err(refuse("last_day", FieldRefusal::SeriesTooLong));
        }
        let times = times
            .split([',', ' ', ';'])
            .filter(|t| !t.is_empty())
            .map(|t| {
                NaiveTime::parse_from_str(t, "%H:%M")
                    .map_err(|_| refuse("times", FieldRefusal::InvalidTime { text: t.to_owned() }))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if times.is_empty() {
            return Err(refuse("times", FieldRefusal::NoTime));
        }
        Ok(Series {
            first_day,
            last_day,
            weekdays: weekdays.to_vec(),
            times,
        })
    }

    /// Every date-time of the series, in order, without duplicates.
    pub fn dates(&self) -> Vec<NaiveDateTime> {
        let mut times = self.times.clone();
        times.sort();
        times.dedup();
        let mut dates = Vec::new();
        let mut day = self.first_day;
        while day <= self.last_day {
            if self.weekdays.is_empty() || self.weekdays.contains(&day.weekday()) {
                dates.extend(times.iter().map(|t| day.and_time(*t)));
            }
            day += Duration::days(1);
        }
        dates
    }
}

/// Refuses to go over the stocks an offer may have: a thing has one (its price and
/// quantity), an event at most [`MAX_STOCKS`] (one per date and price category).
pub fn check_stock_count(is_event: bool, existing: usize, adding: usize) -> Result<(), FieldError> {
    if !is_event && existing + adding > 1 {
        return Err(refuse("price", FieldRefusal::StockExists));
    }
    if existing + adding > MAX_STOCKS {
        return Err(refuse(
            "stocks",
            FieldRefusal::TooManyStocks { existing, adding },
        ));
    }
    Ok(())
}

/// A new quantity for a stock that already has `booked` seats taken.
pub fn check_new_quantity(quantity: Option<i64>, booked: i64) -> Result<(), FieldError> {
    match quantity {
        Some(q) if q < booked => Err(refuse(
            "quantity",
            FieldRefusal::QuantityBelowBooked { booked },
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").expect("date")
    }

    #[test]
    fn price_categories_have_a_label_and_a_price_up_to_300_euros() {
        assert_eq!(
            PriceCategory::parse("Plein tarif", "12,50")
                .expect("ok")
                .price
                .cents(),
            Cents(1250)
        );
        assert_eq!(
            PriceCategory::parse("", "5").expect_err("label").field,
            "label"
        );
        assert_eq!(
            PriceCategory::parse("Carré or", "300,01")
                .expect_err("price")
                .field,
            "price"
        );
        assert_eq!(
            PriceCategory::parse("Tarif", "-2")
                .expect_err("price")
                .field,
            "price"
        );
    }

    #[test]
    fn an_empty_quantity_is_unlimited_and_a_negative_one_is_refused() {
        assert_eq!(parse_quantity(""), Ok(None));
        assert_eq!(parse_quantity("40"), Ok(Some(40)));
        assert!(parse_quantity("-1").is_err());
        assert!(parse_quantity("2.5").is_err());
    }

    #[test]
    fn an_event_booking_limit_cannot_be_after_its_start() {
        let now = at("2026-11-26T10:00");
        let start = at("2026-12-03T20:30");
        assert_eq!(
            check_event_date(start, None, Some(50), now)
                .expect("ok")
                .booking_limit,
            start
        );
        let late = check_event_date(start, Some(at("2026-12-03T21:00")), None, now);
        assert_eq!(late.expect_err("late").field, "booking_limit");
        assert_eq!(
            check_event_date(at("2026-11-25T20:00"), None, None, now)
                .expect_err("past")
                .field,
            "begins_at"
        );
    }

    #[test]
    fn a_thing_booking_limit_must_be_in_the_future() {
        let now = at("2026-11-26T10:00");
        assert!(parse_thing_stock("10", "5", "2026-12-31T23:59", now).is_ok());
        assert_eq!(
            parse_thing_stock("10", "5", "2026-11-01T00:00", now)
                .expect_err("past")
                .field,
            "booking_limit"
        );
    }

    #[test]
    fn a_series_gives_every_chosen_weekday_at_every_time() {
        let series = Series::parse(
            "2026-12-01",
            "2026-12-14",
            &[Weekday::Fri, Weekday::Sat],
            "20:30, 14:00",
        )
        .expect("ok");
        let dates = series.dates();
        assert_eq!(dates.len(), 8, "2 Fridays + 2 Saturdays, twice a day");
        assert_eq!(dates[0], at("2026-12-04T14:00"));
        assert_eq!(dates[1], at("2026-12-04T20:30"));
        assert!(dates.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_series_needs_times_in_order_and_at_most_a_year() {
        assert_eq!(
            Series::parse("2026-12-01", "2026-12-01", &[], "")
                .expect_err("times")
                .field,
            "times"
        );
        assert_eq!(
            Series::parse("2026-12-01", "2026-12-01", &[], "25:00")
                .expect_err("t")
                .field,
            "times"
        );
        assert_eq!(
            Series::parse("2026-12-02", "2026-12-01", &[], "10:00")
                .expect_err("order")
                .field,
            "last_day"
        );
        assert_eq!(
            Series::parse("2026-01-01", "2027-06-01", &[], "10:00")
                .expect_err("long")
                .field,
            "last_day"
        );
    }

    #[test]
    fn dates_far_in_the_past_or_future_are_typos() {
        let far = Series::parse("+262142-12-31", "+262142-12-31", &[], "10:00");
        assert_eq!(far.expect_err("far").field, "first_day");
        assert!(optional_local_time("begins_at", "9999-01-01T10:00").is_err());
        assert!(optional_local_time("begins_at", "2027-01-01T10:00").is_ok());
    }

    #[test]
    fn an_offer_holds_at_most_2500_stocks() {
        assert!(check_stock_count(true, 2_400, 100).is_ok());
        let error = check_stock_count(true, 2_400, 101).expect_err("too many");
        assert_eq!(error.field, "stocks");
    }

    #[test]
    fn a_thing_has_a_single_stock() {
        assert!(check_stock_count(false, 0, 1).is_ok());
        let error = check_stock_count(false, 1, 1).expect_err("second");
        assert_eq!(error.field, "price");
    }

    #[test]
    fn a_quantity_never_goes_below_what_is_booked() {
        assert!(check_new_quantity(Some(10), 10).is_ok());
        assert!(check_new_quantity(None, 10).is_ok());
        assert_eq!(
            check_new_quantity(Some(9), 10).expect_err("below").field,
            "quantity"
        );
    }
}
