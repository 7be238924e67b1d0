//! Activation codes of a digital offer, as a partner uploads them: pasted, or the text of
//! a CSV file, one code per line (a CSV's first column; a "code" header is skipped).
//! Each booking of the offer then takes one code (`store::codes`), so the list is
//! checked here before anything is stored: duplicates, empty lines and malformed lines
//! are left out and counted, so the partner is told exactly what was taken.

use super::{FieldError, FieldRefusal, refuse};
use chrono::NaiveDate;
use std::collections::HashSet;

/// The most codes one upload may hold (a large e-book campaign is a few thousand).
pub const MAX_CODES_PER_UPLOAD: usize = 20_000;
/// The longest code accepted, in characters.
pub const MAX_CODE_CHARS: usize = 100;

/// The codes of an upload, deduplicated, with what was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeList {
    /// In the order given, each once.
    pub codes: Vec<String>,
    /// Lines that repeated a code already in the list.
    pub duplicates: usize,
    pub empty_lines: usize,
    /// Line numbers (from 1) of codes refused: spaces inside, control characters or more
    /// than [`MAX_CODE_CHARS`] characters.
    pub invalid_lines: Vec<usize>,
}

/// The code on one line: the first field of a CSV line (`,`, `;` or tab), unquoted.
fn code_on(line: &str) -> &str {
    let field = line.split([',', ';', '\t']).next().unwrap_or("").trim();
    field
        .strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .unwrap_or(field)
        .trim()
}

/// A first line naming the column ("code", "Code d’activation", "activation_code"...):
/// words about codes, and no digit (a code of letters only would be a poor secret).
fn is_header(field: &str) -> bool {
    let words = field
        .to_lowercase()
        .replace(['’', '_', '-'], " ")
        .replace('\'', " ");
    words.contains("code")
        && !field.chars().any(|c| c.is_ascii_digit())
        && words
            .split_whitespace()
            .all(|w| ["code", "codes", "d", "activation"].contains(&w))
}

fn is_valid(code: &str) -> bool {
    code.chars().count() <= MAX_CODE_CHARS
        && !code.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Reads the list as typed or read from the file.
pub fn parse_codes(text: &str) -> Result<CodeList, FieldError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut list = CodeList {
        codes: Vec::new(),
        duplicates: 0,
        empty_lines: 0,
        invalid_lines: Vec::new(),
    };
    let mut seen = HashSet::new();
    for (index, line) in text.lines().enumerate() {
        let code = code_on(line);
        if code.is_empty() {
            list.empty_lines += 1;
        } else if index == 0 && is_header(code) {
            continue;
        } else if !is_valid(code) {
            list.invalid_lines.push(index + 1);
        } else if !seen.insert(code) {
            list.duplicates += 1;
        } else {
            list.codes.push(code.to_owned());
        }
        if list.codes.len() > MAX_CODES_PER_UPLOAD {
            return Err(refuse("codes", FieldRefusal::TooManyCodes));
        }
    }
    if list.codes.is_empty() {
        return Err(refuse(
            "codes",
            if list.invalid_lines.is_empty() {
                FieldRefusal::NoCode
            } else {
                FieldRefusal::NoValidCode {
                    lines: list.invalid_lines,
                }
            },
        ));
    }
    Ok(list)
}

/// The last day the codes may be given, if the partner set one: today or later.
pub fn parse_expiry(text: &str, today: NaiveDate) -> Result<Option<NaiveDate>, FieldError> {
    let day = super::parse_optional_day("expires_on", text)?;
    if day.is_some_and(|day| day < today) {
        return Err(refuse("expires_on", FieldRefusal::DayPast));
    }
    Ok(day)
}

/// The refused lines in French: how many, why, and the first ones.
pub(crate) fn refused_lines(lines: &[usize]) -> String {
    const SHOWN: usize = 10;
    let mut shown: Vec<String> = lines.iter().take(SHOWN).map(usize::to_string).collect();
    if lines.len() > SHOWN {
        shown.push("…".to_owned());
    }
    format!(
        "{} (espace, caractère de contrôle ou plus de {MAX_CODE_CHARS} caractères) : {}",
        crate::text::counted(
            i64::try_from(lines.len()).unwrap_or(i64::MAX),
            "ligne refusée",
            "lignes refusées"
        ),
        shown.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_list_keeps_each_code_once_and_counts_what_it_left_out() {
        let list =
            parse_codes("AAA-111\n\n  BBB-222  \nAAA-111\r\nCCC 333\n\nDDD-444\n").expect("codes");
        assert_eq!(list.codes, ["AAA-111", "BBB-222", "DDD-444"]);
        assert_eq!(list.duplicates, 1);
        assert_eq!(list.empty_lines, 2);
        assert_eq!(list.invalid_lines, [5]);
    }

    #[test]
    fn a_csv_file_gives_its_first_column_without_its_header_or_quotes() {
        let csv = "\u{feff}code;expiration\r\n\"X1\";2027-01-01\r\nX2,foo\r\nX3\t\r\n";
        let list = parse_codes(csv).expect("codes");
        assert_eq!(list.codes, ["X1", "X2", "X3"]);
        assert_eq!(list.empty_lines + list.duplicates, 0);
    }

    #[test]
    fn the_usual_column_names_are_headers_and_a_code_is_not() {
        for header in [
            "code",
            "Codes",
            "Code d’activation",
            "activation_code",
            "CODE-ACTIVATION",
        ] {
            let list = parse_codes(&format!("{header}\nA1\n")).expect("codes");
            assert_eq!(list.codes, ["A1"], "{header}");
        }
        let list = parse_codes("CODE123\nA1\n").expect("codes");
        assert_eq!(list.codes, ["CODE123", "A1"]);
    }

    #[test]
    fn ten_thousand_codes_are_taken_and_more_than_the_limit_refused() {
        let many: String = (0..10_000).map(|i| format!("CODE-{i:05}\n")).collect();
        assert_eq!(parse_codes(&many).expect("codes").codes.len(), 10_000);
        let too_many: String = (0..=MAX_CODES_PER_UPLOAD)
            .map(|i| format!("C{i}\n"))
            .collect();
        assert_eq!(parse_codes(&too_many).expect_err("too many").field, "codes");
    }

    #[test]
    fn a_list_without_any_valid_code_is_refused_with_its_reason() {
        assert_eq!(
            parse_codes("\n \n").expect_err("empty").reason,
            FieldRefusal::NoCode
        );
        let long = "x".repeat(MAX_CODE_CHARS + 1);
        let refused = parse_codes(&format!("a b\n{long}")).expect_err("invalid");
        assert_eq!(
            refused.reason,
            FieldRefusal::NoValidCode { lines: vec![1, 2] }
        );
        let message = refused.to_string();
        assert!(message.contains("2 lignes refusées"), "{message}");
        assert!(message.ends_with(": 1, 2"), "{message}");
    }

    #[test]
    fn the_expiry_is_optional_and_never_in_the_past() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).expect("date");
        assert_eq!(parse_expiry("", today), Ok(None));
        assert_eq!(parse_expiry("2026-12-04", today), Ok(Some(today)));
        assert_eq!(
            parse_expiry("2026-12-03", today).expect_err("past").field,
            "expires_on"
        );
    }
}
