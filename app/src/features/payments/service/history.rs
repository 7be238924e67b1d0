//! A structure's page of payments: its bank details and the transfers it received,
//! with their bookings.

use super::{last_day, masked};
use crate::error::AppError;
use crate::features::payments::dto::{BankView, PaidBooking, PartnerPayments, TransferView};
use crate::ssr::access::partner_of;
use crate::ssr::time::PARIS;
use crate::ssr::{app_context, present};
use domain::Cents;
use domain::payments::reference;
use domain::pro::bank::BankStatus;
use domain::text::counted;
use store::{Owned, PaymentLineRow, PaymentRow};

const PAGE: i64 = 12;

fn transfer(payment: PaymentRow, lines: &[PaymentLineRow]) -> TransferView {
    let paid = payment
        .paid_at
        .map(present::french_date)
        .unwrap_or_default();
    // Bookings the rules reimburse nothing for are settled without a transfer.
    let title = if payment.reimbursed_cents > 0 {
        format!("Virement du {paid}")
    } else {
        format!("Relevé du {paid}, sans virement")
    };
    TransferView {
        id: payment.id,
        title,
        reference: reference(payment.run_id, payment.structure_id),
        account: masked(&payment.iban),
        period: format!(
            "Réservations validées jusqu'au {}",
            last_day(&payment.last_day)
        ),
        reimbursed: Cents(payment.reimbursed_cents).to_string(),
        bookings: lines
            .iter()
            .filter(|line| line.payment_id == payment.id)
            .map(|line| PaidBooking {
                offer: line.offer_title.clone(),
                venue: line.venue_name.clone(),
                token: line.token.clone(),
                used_at: line
                    .used_at
                    .map(|at| present::french_date_time(at, PARIS))
                    .unwrap_or_default(),
                amount: Cents(line.amount_cents).to_string(),
                reimbursed: Cents(line.reimbursed_cents).to_string(),
            })
            .collect(),
    }
}

pub async fn page(structure_id: i64, before: Option<i64>) -> Result<PartnerPayments, AppError> {
    let ctx = app_context()?;
    let partner = partner_of(&ctx, Owned::Structure(structure_id)).await?;
    let bank = ctx
        .repo
        .bank_account(structure_id)
        .await?
        .map(|account| BankView {
            iban: masked(&account.iban),
            holder: account.holder,
            bic: account.bic,
            status: account.status.label().to_owned(),
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
        summary: counted(payments.total, "virement reçu", "virements reçus"),
        next: payments
            .next
            .map(|id| format!("/pro/structures/{structure_id}/paiements?avant={id}")),
        transfers: payments
            .rows
            .into_iter()
            .map(|payment| transfer(payment, &lines))
            .collect(),
    })
}
