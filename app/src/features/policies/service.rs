//! The policies on the server: the team's access, the domain's form and states, the
//! store's schedule.

use super::dto::{PoliciesView, PresetLink, VersionLine};
use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::admin;
use crate::lang::words::counted;
use crate::lang::{Locale, money, requested};
use crate::ssr::time::{PARIS, paris_today};
use crate::ssr::{app_context, present, session};
use chrono::{DateTime, Duration, Utc};
use domain::Cents;
use domain::account::Role;
use domain::admin::{AdminAction, parse_reason};
use domain::credit::{CreditPolicy, preset, presets};
use domain::policies::{OPENING, PolicyForm, VersionState, starts_at, version_states};
use store::{ActionRecord, ScheduledPolicy};

pub async fn overview(from: Option<String>) -> Result<PoliciesView, AppError> {
    let ctx = app_context()?;
    session::require_role(&ctx, Role::Admin).await?;
    let locale = requested();
    let now = ctx.now();
    let schedule = ctx.repo.policy_schedule().await?;
    let dated: Vec<(DateTime<Utc>, &CreditPolicy)> =
        schedule.iter().map(|v| (v.starts_at, &v.policy)).collect();
    let states = version_states(&dated, now);
    let (base, starting_from) = match from.as_deref() {
        Some(code) => {
            let base = preset(code).ok_or_else(|| {
                AppError::invalid("depuis", td_string!(locale, admin_policies.unknown_preset))
            })?;
            let name = &base.name;
            let words = td_string!(locale, admin_policies.from_preset, name).to_string();
            (base, words)
        }
        None => {
            let (_, base) = ctx
                .repo
                .policy_in_force(None, &ctx.settings.credit_policy, now)
                .await?;
            let label = admin::version_label(locale, &base.name, i64::from(base.version));
            let words = td_string!(locale, admin_policies.from_national, label).to_string();
            (base, words)
        }
    };
    Ok(PoliciesView {
        versions: schedule
            .into_iter()
            .zip(states)
            .map(|(version, state)| line(locale, version, state))
            .collect(),
        form: PolicyForm::from_policy(&base, paris_today(now) + Duration::days(1)),
        starting_from,
        presets: presets()
            .into_iter()
            .map(|p| PresetLink {
                href: format!("/admin/politiques?depuis={}", p.code),
                name: p.name,
            })
            .collect(),
    })
}

fn line(locale: Locale, version: ScheduledPolicy, state: VersionState) -> VersionLine {
    let policy = &version.policy;
    let starts = if version.starts_at == OPENING {
        td_string!(locale, admin_policies.since_opening).to_owned()
    } else {
        let day = present::date_time(locale, version.starts_at, PARIS);
        match state {
            VersionState::Scheduled => td_string!(locale, admin_policies.from_day, day).to_string(),
            _ => td_string!(locale, admin_policies.since_day, day).to_string(),
        }
    };
    VersionLine {
        id: version.id,
        label: admin::version_label(locale, &policy.name, i64::from(policy.version)),
        state: admin::version_state(locale, state).to_owned(),
        starts,
        grants: crate::lang::pitch::pitch(locale, policy),
        caps: caps(locale, policy),
        departements: match policy.departements.as_slice() {
            [] => td_string!(locale, admin_policies.everywhere).to_owned(),
            codes => {
                let codes = codes.join(", ");
                td_string!(locale, admin_policies.departements_list, codes).to_string()
            }
        },
        deposits: counted(
            locale,
            version.deposits,
            td_string!(locale, admin_policies.deposit),
            td_string!(locale, admin_policies.deposits),
        ),
        cancellable: state == VersionState::Scheduled,
    }
}

fn caps(locale: Locale, policy: &CreditPolicy) -> String {
    let cap = |cap: Option<Cents>| {
        cap.map_or_else(
            || td_string!(locale, admin_policies.no_cap).to_owned(),
            |c| money::euros(locale, c),
        )
    };
    let (digital, physical) = (cap(policy.digital_cap), cap(policy.physical_cap));
    td_string!(locale, admin_policies.caps, digital, physical).to_string()
}

pub async fn schedule(form: PolicyForm) -> Result<String, AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    let locale = requested();
    let now = ctx.now();
    let new = form
        .parse(paris_today(now))
        .map_err(|e| admin::policy_form(locale, &e))?;
    let (_, version) = ctx
        .repo
        .schedule_policy(&new.policy, starts_at(new.starts_on, now), admin.id, now)
        .await?;
    Ok(admin::version_label(
        locale,
        &new.policy.name,
        i64::from(version),
    ))
}

pub async fn cancel(policy_id: i64, reason: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    let locale = requested();
    let reason =
        parse_reason(&reason).map_err(|e| AppError::invalid("reason", admin::reason(locale, e)))?;
    let record =
        ActionRecord::new(admin.id, AdminAction::PolicyCancelled, policy_id).because(&reason);
    if ctx.repo.cancel_policy(&record, ctx.now()).await? {
        Ok(())
    } else {
        Err(AppError::invalid(
            "reason",
            td_string!(locale, admin_policies.already_in_force),
        ))
    }
}
