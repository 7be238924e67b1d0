//! The bookings export partners open in a spreadsheet: one row per seat, so a duo
//! booking is two rows of one seat's price, with the columns partners expect.

use crate::money::Cents;

/// The export's columns, in order; the app words them in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Offer,
    EventDate,
    Beneficiary,
    Email,
    Token,
    ActivationCode,
    Status,
    Price,
    BookedAt,
    ValidatedAt,
}

pub const COLUMNS: [Column; 10] = [
    Column::Offer,
    Column::EventDate,
    Column::Beneficiary,
    Column::Email,
    Column::Token,
    Column::ActivationCode,
    Column::Status,
    Column::Price,
    Column::BookedAt,
    Column::ValidatedAt,
];

/// A booking as the export needs it; dates and status already written in the venue's
/// time and the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedBooking {
    pub offer_title: String,
    pub event_date: String,
    pub beneficiary: String,
    pub email: String,
    pub token: String,
    /// The activation code a digital offer's booking took (empty: none).
    pub activation_code: String,
    pub status: String,
    pub quantity: i64,
    pub amount: Cents,
    pub booked_at: String,
    pub validated_at: String,
}

/// The rows of one booking: as many as seats, each at one seat's price as `price`
/// writes it.
pub fn rows(booking: &ExportedBooking, price: impl Fn(Cents) -> String) -> Vec<[String; 10]> {
    let seats = booking.quantity.max(1);
    let price = price(Cents(booking.amount.get() / seats));
    (0..seats)
        .map(|_| {
            [
                booking.offer_title.clone(),
                booking.event_date.clone(),
                booking.beneficiary.clone(),
                booking.email.clone(),
                booking.token.clone(),
                booking.activation_code.clone(),
                booking.status.clone(),
                price.clone(),
                booking.booked_at.clone(),
                booking.validated_at.clone(),
            ]
        })
        .collect()
}

/// Keeps a spreadsheet from reading a cell as a formula (`=`, `+`, `-`, `@` first).
pub fn neutralise_formula(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn booking(quantity: i64) -> ExportedBooking {
        ExportedBooking {
            offer_title: "Concert".into(),
            event_date: "03/12/2026 20:30".into(),
            beneficiary: "Léa Martin".into(),
            email: "lea@example.fr".into(),
            token: "ABC234".into(),
            activation_code: String::new(),
            status: "Confirmée".into(),
            quantity,
            amount: Cents(quantity * 1250),
            booked_at: "26/11/2026 10:00".into(),
            validated_at: String::new(),
        }
    }

    #[test]
    fn a_duo_booking_is_exported_as_two_rows_of_one_seat_each() {
        let rows = rows(&booking(2), |c| c.to_string());
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r[7] == "12,50 €" && r[4] == "ABC234"));
    }

    #[test]
    fn a_single_booking_is_one_row_with_every_column() {
        let rows = rows(&booking(1), |c| c.to_string());
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].len(), COLUMNS.len());
        assert_eq!(rows[0][2], "Léa Martin");
    }

    #[test]
    fn cells_that_look_like_formulas_are_neutralised() {
        assert_eq!(
            neutralise_formula("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(neutralise_formula("Concert"), "Concert");
    }
}
