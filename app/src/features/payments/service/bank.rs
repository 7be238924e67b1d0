//! Bank details: entered by a structure's administrator, decided by the team.

use crate::error::AppError;
use crate::features::payments::dto::SeenDetails;
use crate::i18n::td_string;
use crate::lang::{admin, requested};
use crate::ssr::access::partner_of;
use crate::ssr::{app_context, session};
use domain::account::Role;
use domain::admin::{AdminAction, parse_reason};
use domain::pro::bank::BankForm;
use store::{ActionRecord, Owned};

pub async fn save(
    structure_id: i64,
    holder: String,
    iban: String,
    bic: String,
) -> Result<(), AppError> {
    let ctx = app_context()?;
    let partner = partner_of(&ctx, Owned::Structure(structure_id)).await?;
    partner.manages_bank_details()?;
    let details = BankForm { holder, iban, bic }.parse()?;
    ctx.repo
        .submit_bank_account(structure_id, &details, partner.user.id, ctx.now())
        .await?;
    Ok(())
}

pub async fn decide(
    structure_id: i64,
    seen: SeenDetails,
    approve: bool,
    reason: String,
) -> Result<(), AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    let locale = requested();
    let (action, reason) = if approve {
        (AdminAction::BankDetailsValidated, String::new())
    } else {
        let reason = parse_reason(&reason)
            .map_err(|e| AppError::invalid("reason", admin::reason(locale, e)))?;
        (AdminAction::BankDetailsRefused, reason)
    };
    let record = ActionRecord::new(admin.id, action, structure_id).because(&reason);
    let decided = ctx
        .repo
        .decide_bank_account(
            structure_id,
            store::SeenDetails {
                holder: &seen.holder,
                iban: &seen.iban,
                bic: &seen.bic,
            },
            approve,
            &record,
            ctx.now(),
        )
        .await?;
    if decided {
        Ok(())
    } else {
        Err(AppError::invalid(
            "reason",
            td_string!(locale, admin_payments.already_decided),
        ))
    }
}
