//! The files people download, in the reader's language: the CSV files partners open in
//! a spreadsheet (bookings, reimbursement statement) with the separator their
//! spreadsheet expects (`;` where the comma writes decimals, as in French; `,` in
//! English: each language's file says which, `export.delimiter`, so a new language
//! brings its own); the payment file's column names (its format is the bank's, the same
//! in every language); and the files' names.

use super::Locale;
use crate::i18n::td_string;
use domain::pro::export::{COLUMNS, Column};

/// The separator of a language's CSV files (`;` if its file says something unusable).
pub fn delimiter(locale: Locale) -> u8 {
    match td_string!(locale, export.delimiter).as_bytes() {
        [byte] if byte.is_ascii_punctuation() => *byte,
        _ => b';',
    }
}

/// The bookings export's header row.
pub fn bookings_header(locale: Locale) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|column| booking_column(locale, *column).to_owned())
        .collect()
}

fn booking_column(locale: Locale, column: Column) -> &'static str {
    match column {
        Column::Offer => td_string!(locale, export.offer),
        Column::EventDate => td_string!(locale, export.event_date),
        Column::Beneficiary => td_string!(locale, export.beneficiary),
        Column::Email => td_string!(locale, export.email),
        Column::Token => td_string!(locale, export.token),
        Column::ActivationCode => td_string!(locale, export.activation_code),
        Column::Status => td_string!(locale, export.status),
        Column::Price => td_string!(locale, export.price),
        Column::BookedAt => td_string!(locale, export.booked_at),
        Column::ValidatedAt => td_string!(locale, export.validated_at),
    }
}

/// The statement's header row (its columns are the statement page's).
pub fn statement_header(locale: Locale) -> Vec<String> {
    [
        td_string!(locale, statement.venue),
        td_string!(locale, statement.offer),
        td_string!(locale, statement.token),
        td_string!(locale, statement.beneficiary),
        td_string!(locale, statement.validated_on),
        td_string!(locale, statement.amount),
        td_string!(locale, statement.reimbursed),
    ]
    .map(str::to_owned)
    .to_vec()
}

/// The bookings export's file name for structure `id`.
pub fn bookings_file(locale: Locale, id: i64) -> String {
    td_string!(locale, export.bookings_file, id).to_string()
}

/// The statement's file name for structure `id`.
pub fn statement_file(locale: Locale, id: i64) -> String {
    td_string!(locale, export.statement_file, id).to_string()
}

/// The payment file's header row. The file itself (`;`, amounts with a point) is what
/// the bank's import reads, whoever downloads it.
pub fn transfers_header(locale: Locale) -> Vec<String> {
    [
        td_string!(locale, export.transfer_reference),
        td_string!(locale, export.transfer_structure),
        td_string!(locale, export.transfer_siren),
        td_string!(locale, export.transfer_holder),
        td_string!(locale, export.transfer_iban),
        td_string!(locale, export.transfer_bic),
        td_string!(locale, export.transfer_amount),
    ]
    .map(str::to_owned)
    .to_vec()
}

/// The payment file's name for run `id`.
pub fn transfers_file(locale: Locale, id: i64) -> String {
    td_string!(locale, export.transfers_file, id).to_string()
}

/// The name of a person's copy of their data, made on `date` (`2026-12-07`).
pub fn my_data_file(locale: Locale, date: &str) -> String {
    td_string!(locale, export.my_data_file, date).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_files_keep_their_columns_and_english_ones_are_english() {
        assert_eq!(
            bookings_header(Locale::fr).join(";"),
            "Offre;Date de l'événement;Bénéficiaire;E-mail;Contremarque;Code d'activation;Statut;Prix;Réservé le;Validé le"
        );
        assert_eq!(
            statement_header(Locale::fr).join(";"),
            "Lieu;Offre;Contremarque;Bénéficiaire;Validée le;Montant;Remboursé"
        );
        assert_eq!(
            bookings_header(Locale::en).join(","),
            "Offer,Event date,Beneficiary,Email,Ticket code,Activation code,Status,Price,Booked on,Validated on"
        );
        assert_eq!(
            statement_header(Locale::en).join(","),
            "Venue,Offer,Ticket code,Beneficiary,Validated on,Amount,Reimbursed"
        );
        assert_eq!((delimiter(Locale::fr), delimiter(Locale::en)), (b';', b','));
        assert_eq!(bookings_file(Locale::fr, 7), "reservations-7.csv");
        assert_eq!(statement_file(Locale::en, 7), "reimbursements-7.csv");
        assert_eq!(
            transfers_header(Locale::fr).join(";"),
            "Référence;Structure;SIREN;Titulaire;IBAN;BIC;Montant"
        );
        assert_eq!(transfers_file(Locale::en, 3), "transfers-3.csv");
        assert_eq!(
            my_data_file(Locale::fr, "2026-12-07"),
            "culture-pass-mes-donnees-2026-12-07.json"
        );
    }
}
