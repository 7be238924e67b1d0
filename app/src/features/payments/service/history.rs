//! A structure's page of payments: its bank details and the transfers it received,
//! with their bookings.

use super::masked;
use crate::error::AppError;
use crate::features::payments::dto::{BankView, PaidBooking, PartnerPayments, TransferView};
use crate::i18n::td_string;
use crate::lang::{Locale, money, pro, requested};
use crate::ssr::access::partner_of;
use crate::ssr::time::PARIS;
use crate::ssr::{app_context, present};
use domain::Cents;
use domain::payments::reference;
use domain::pro::bank::BankStatus;
use store::{Owned, PaymentLineRow, PaymentRow};

const PAGE: i64 = 12;

/// A run's last day as stored (`AAAA-MM-JJ`), in words.
fn last_day(locale: Locale, stored: &str) -> String {
    chrono::NaiveDate::parse_from_str(stored, "%Y-%m-%d").map_or_else(
        |_| stored.to_owned(),
        |day| present::calendar_date(locale, day),
    )
}

fn transfer(locale: Locale, payment: PaymentRow, lines: &[PaymentLineRow]) -> TransferView {
    let date = payment
        .paid_at
        .map(|at| present::calendar_date(locale, at.with_timezone(&PARIS).date_naive()))
        .unwrap_or_default();
    // Bookings the rules reimburse nothing for are settled without a transfer.
    let title = if payment.reimbursed_cents > 0 {
        td_string!(locale, partner_payments.transfer_of, date).to_string()
    } else {
        td_string!(locale, partner_payments.statement_of, date).to_string()
    };
    let date = last_day(locale, &payment.last_day);
    TransferView {
        id: payment.id,
        title,
        reference: reference(payment.run_id, payment.structure_id),
        account: masked(&payment.iban),
        period: td_string!(locale, partner_payments.period, date).to_string(),
        reimbursed: money::euros(locale, Cents(payment.reimbursed_cents)),
        bookings: lines
            .iter()
            .filter(|line| line.payment_id == payment.id)
            .map(|line| PaidBooking {
                offer: line.offer_title.clone(),
                venue: line.venue_name.clone(),
                token: line.token.clone(),
                used_at: line
                    .used_at
                    .map(|at| present::date_time(locale, at, PARIS))
                    .unwrap_or_default(),
                amount: money::euros(locale, Cents(line.amount_cents)),
                reimbursed: money::euros(locale, Cents(line.reimbursed_cents)),
            })
            .collect(),
    }
}

pub async fn page(structure_id: i64, before: Option<i64>) -> Result<PartnerPayments, AppError> {
    let ctx = app_context()?;
    let partner = partner_of(&ctx, Owned::Structure(structure_id)).await?;
    let locale = requested();
    let bank = ctx
        .repo
        .bank_account(structure_id)
        .await?
        .map(|account| BankView {
            iban: masked(&account.iban),
            holder: account.holder,
            bic: account.bic,
            status: pro::bank_status(locale, account.status).to_owned(),
            validated: account.status == BankStatus::Validated,
            refusal: account.refusal_reason,
        });
    let payments = ctx
        .repo
        .structure_payments(structure_id, before, PAGE)
        .await?;
    let ids: Vec<i64> = payments.rows.iter().map(|p| p.id).collect();
    let lines = ctx.repo.payment_lines(&ids).await?;
    Ok(PartnerPayments {
        bank,
        may_edit: partner.manages_bank_details().is_ok(),
        summary: if crate::lang::words::singular(locale, payments.total) {
            td_string!(
                locale,
                partner_payments.received_one,
                count = payments.total
            )
            .to_string()
        } else {
            td_string!(
                locale,
                partner_payments.received_many,
                count = payments.total
            )
            .to_string()
        },
        next: payments
            .next
            .map(|id| format!("/pro/structures/{structure_id}/paiements?avant={id}")),
        transfers: payments
            .rows
            .into_iter()
            .map(|payment| transfer(locale, payment, &lines))
            .collect(),
    })
}
