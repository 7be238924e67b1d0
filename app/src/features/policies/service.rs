//! The policies on the server: the team's access, the domain's form and states, the
//! store's schedule.

use super::dto::{PoliciesView, PresetLink, VersionLine};
use crate::error::AppError;
use crate::ssr::time::{PARIS, paris_today};
use crate::ssr::{app_context, present, session};
use chrono::{DateTime, Duration, Utc};
use domain::Cents;
use domain::account::Role;
use domain::admin::{AdminAction, parse_reason};
use domain::credit::{CreditPolicy, preset, presets};
use domain::policies::{OPENING, PolicyForm, VersionState, starts_at, version_states};
use domain::text::counted;
use store::{ActionRecord, ScheduledPolicy};

pub async fn overview(from: Option<String>) -> Result<PoliciesView, AppError> {
    let ctx = app_context()?;
    session::require_role(&ctx, Role::Admin).await?;
    let now = ctx.now();
    let schedule = ctx.repo.policy_schedule().await?;
    let dated: Vec<(DateTime<Utc>, &CreditPolicy)> =
        schedule.iter().map(|v| (v.starts_at, &v.policy)).collect();
    let states = version_states(&dated, now);
    let (base, starting_from) = match from.as_deref() {
        Some(code) => {
            let base = preset(code).ok_or_else(|| AppError::invalid("depuis", "Modèle inconnu"))?;
            let words = format!("À partir du modèle « {} »", base.name);
            (base, words)
        }
        None => {
            let (_, base) = ctx
                .repo
                .policy_in_force(None, &ctx.settings.credit_policy, now)
                .await?;
            let words = format!(
                "À partir de la version nationale en vigueur ({})",
                base.label()
            );
            (base, words)
        }
    };
    Ok(PoliciesView {
        versions: schedule
            .into_iter()
            .zip(states)
            .map(|(version, state)| line(version, state))
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

fn line(version: ScheduledPolicy, state: VersionState) -> VersionLine {
    let policy = &version.policy;
    let starts = if version.starts_at == OPENING {
        "Depuis l'ouverture du pass".to_owned()
    } else {
        let day = present::french_date_time(version.starts_at, PARIS);
        match state {
            VersionState::Scheduled => format!("À partir du {day}"),
            _ => format!("Depuis le {day}"),
        }
    };
    VersionLine {
        id: version.id,
        label: policy.label(),
        state: state.label().to_owned(),
        starts,
        grants: policy.pitch(),
        caps: caps(policy),
        departements: match policy.departements.as_slice() {
            [] => "Dans tous les départements".to_owned(),
            codes => format!("Départements : {}", codes.join(", ")),
        },
        deposits: counted(version.deposits, "dépôt accordé", "dépôts accordés"),
        cancellable: state == VersionState::Scheduled,
    }
}

fn caps(policy: &CreditPolicy) -> String {
    let cap = |cap: Option<Cents>| cap.map_or_else(|| "sans plafond".to_owned(), |c| c.to_string());
    format!(
        "Offres numériques : {} · biens physiques : {}",
        cap(policy.digital_cap),
        cap(policy.physical_cap)
    )
}

pub async fn schedule(form: PolicyForm) -> Result<String, AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    let now = ctx.now();
    let new = form.parse(paris_today(now))?;
    let (_, version) = ctx
        .repo
        .schedule_policy(&new.policy, starts_at(new.starts_on, now), admin.id, now)
        .await?;
    Ok(CreditPolicy {
        version,
        ..new.policy
    }
    .label())
}

pub async fn cancel(policy_id: i64, reason: String) -> Result<(), AppError> {
    let ctx = app_context()?;
    let admin = session::require_role(&ctx, Role::Admin).await?;
    let reason = parse_reason(&reason).map_err(|e| AppError::invalid("reason", e))?;
    let record =
        ActionRecord::new(admin.id, AdminAction::PolicyCancelled, policy_id).because(&reason);
    if ctx.repo.cancel_policy(&record, ctx.now()).await? {
        Ok(())
    } else {
        Err(AppError::invalid(
            "reason",
            "Cette version est déjà en vigueur ou n'existe plus : programme une nouvelle version pour la changer",
        ))
    }
}
