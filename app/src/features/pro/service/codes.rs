//! Activation codes of a digital offer: the partner adds them to the offer's stock
//! (pasted, or a CSV file the browser reads into the same field), each booking then
//! takes one, and the editor says how many are left, given and expired.

use super::offers::offer_row;
use crate::error::AppError;
use crate::features::pro::dto::CodesView;
use crate::i18n::td_string;
use crate::lang::{Locale, requested};
use crate::ssr::access::partner_of;
use crate::ssr::app_context;
use crate::ssr::time::{to_local, zone};
use domain::pro::codes::{CodeList, MAX_CODE_CHARS, parse_codes, parse_expiry};
use store::Owned;

/// Adds the codes; answers what was taken, in one sentence.
pub async fn add(offer_id: i64, codes: String, expires_on: String) -> Result<String, AppError> {
    let ctx = app_context()?;
    partner_of(&ctx, Owned::Offer(offer_id)).await?;
    let row = offer_row(&ctx, offer_id).await?;
    if row.url.is_none() {
        return Err(AppError::invalid(
            "codes",
            td_string!(requested(), editor.codes_digital_only),
        ));
    }
    let stock = ctx
        .repo
        .stocks_of_offer(offer_id)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| {
            AppError::invalid("codes", td_string!(requested(), editor.codes_price_first))
        })?;
    let zone = zone(&row.postal_code);
    let today = to_local(ctx.now(), zone).date();
    let last_day = parse_expiry(&expires_on, today)?;
    let list = parse_codes(&codes)?;
    // Given until the end of their last day, on the venue's clock.
    let expires_at = last_day
        .and_then(|day| day.succ_opt())
        .map(|next| domain::zones::start_of_day(next, zone));
    let added = ctx
        .repo
        .add_codes(stock.id, &list.codes, expires_at, ctx.now())
        .await?;
    Ok(summary(requested(), &list, added))
}

/// Whether `count` takes the singular, as `locale` agrees it.
fn singular(locale: Locale, count: usize) -> bool {
    crate::lang::words::singular(locale, i64::try_from(count).unwrap_or(i64::MAX))
}

/// What an upload did, told to the partner in one sentence, in their language (the
/// domain's `summary` says it in French).
fn summary(locale: Locale, list: &CodeList, added: usize) -> String {
    let already_there = list.codes.len() - added;
    let mut left_out = Vec::new();
    if list.duplicates > 0 {
        let count = list.duplicates;
        left_out.push(if singular(locale, count) {
            td_string!(locale, editor.one_duplicate, count).to_string()
        } else {
            td_string!(locale, editor.duplicates, count).to_string()
        });
    }
    if already_there > 0 {
        let count = already_there;
        left_out.push(if singular(locale, count) {
            td_string!(locale, editor.one_already_there, count).to_string()
        } else {
            td_string!(locale, editor.already_there, count).to_string()
        });
    }
    if list.empty_lines > 0 {
        let count = list.empty_lines;
        left_out.push(if singular(locale, count) {
            td_string!(locale, editor.one_empty_line, count).to_string()
        } else {
            td_string!(locale, editor.empty_lines, count).to_string()
        });
    }
    let count = added;
    let mut sentence = if singular(locale, count) {
        td_string!(locale, editor.one_code_added, count).to_string()
    } else {
        td_string!(locale, editor.codes_added, count).to_string()
    };
    if !left_out.is_empty() {
        let (added, left_out) = (sentence, left_out.join(", "));
        sentence = td_string!(locale, editor.codes_left_out, added, left_out).to_string();
    }
    if !list.invalid_lines.is_empty() {
        const SHOWN: usize = 10;
        let count = list.invalid_lines.len();
        let refused = if singular(locale, count) {
            td_string!(locale, editor.one_line_refused, count).to_string()
        } else {
            td_string!(locale, editor.lines_refused, count).to_string()
        };
        let mut shown: Vec<String> = list
            .invalid_lines
            .iter()
            .take(SHOWN)
            .map(usize::to_string)
            .collect();
        if count > SHOWN {
            shown.push("…".to_owned());
        }
        let (summary, max, lines) = (sentence, MAX_CODE_CHARS, shown.join(", "));
        sentence =
            td_string!(locale, editor.codes_refused, summary, refused, max, lines).to_string();
    }
    sentence.push('.');
    sentence
}

/// The codes of the offer's stock, if it has any.
pub async fn counts(
    ctx: &crate::ssr::AppContext,
    offer_id: i64,
) -> Result<Option<CodesView>, AppError> {
    let counts = ctx.repo.code_counts(offer_id, ctx.now()).await?;
    Ok(counts.into_iter().next().map(|c| CodesView {
        stock_id: c.stock_id,
        free: c.free,
        given: c.given,
        expired: c.expired,
    }))
}

/// A stock that has codes sells as many as it has: its quantity is not typed.
pub async fn refuse_typed_quantity(
    ctx: &crate::ssr::AppContext,
    offer_id: i64,
    stock_id: i64,
) -> Result<(), AppError> {
    if counts(ctx, offer_id)
        .await?
        .is_some_and(|c| c.stock_id == stock_id)
    {
        return Err(AppError::invalid(
            "quantity",
            td_string!(requested(), editor.quantity_follows_codes),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_says_what_an_upload_did_in_french_and_in_english() {
        let list =
            parse_codes("AAA-111\n\n  BBB-222  \nAAA-111\r\nCCC 333\n\nDDD-444\n").expect("codes");
        assert_eq!(
            summary(Locale::fr, &list, 2),
            "2 codes ajoutés ; ignorés : 1 doublon, 1 code déjà présent, 2 lignes vides ; \
             1 ligne refusée (espace, caractère de contrôle ou plus de 100 caractères) : 5."
        );
        let plain = parse_codes("AAA-111\nBBB-222\n").expect("codes");
        assert_eq!(
            summary(Locale::fr, &plain, 1),
            "1 code ajouté ; ignorés : 1 code déjà présent."
        );
        assert_eq!(summary(Locale::fr, &plain, 2), "2 codes ajoutés.");
        let text = "code\nAAA-111\n\nAAA-111\nBBB 222\nCCC-333\nDDD-444\n";
        let list = parse_codes(text).expect("codes");
        assert_eq!(
            summary(Locale::en, &list, 2),
            "2 codes added; left out: 1 duplicate, 1 code already there, 1 empty line; \
             1 line refused (a space, a control character or more than 100 characters): 5."
        );
        assert_eq!(
            summary(Locale::en, &plain, 0),
            "0 codes added; left out: 2 codes already there."
        );
    }
}
