//! `/admin/politiques`: the schedule of credit policy versions, the form that schedules a
//! new one (from the version in force or a preset), and taking back a version whose day
//! has not come.

use super::api::{CancelPolicy, SchedulePolicy, credit_policies};
use super::dto::VersionLine;
use crate::components::ErrorView;
use crate::components::form::{BUTTON, INPUT, general_message, message_for};
use crate::i18n::td_string;
use crate::lang::use_locale;
use domain::policies::PolicyForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PoliciesPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let from = Memo::new(move |_| query.get().get("depuis"));
    let schedule = ServerAction::<SchedulePolicy>::new();
    // A version taken back reads the page again.
    let cancelled = RwSignal::new(0usize);
    let overview = Resource::new(
        move || (from.get(), schedule.version().get(), cancelled.get()),
        |(from, _, _)| credit_policies(from),
    );
    view! {
        <Title text=td_string!(locale, admin_policies.title)/>
        <section class="mx-auto max-w-4xl p-6">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, admin_policies.heading)}</h1>
            <p class="mt-1 text-sm text-gray-600">
                {td_string!(locale, admin_policies.intro)}
            </p>
            <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        overview.await.map(|page| view! {
                            <h2 class="mt-6 text-lg font-semibold">{td_string!(locale, admin_policies.versions)}</h2>
                            <ul class="mt-2 space-y-3" data-testid="policy-versions">
                                {page.versions.into_iter().map(|version| view! { <Version version cancelled/> }).collect_view()}
                            </ul>
                            <h2 class="mt-8 text-lg font-semibold">{td_string!(locale, admin_policies.schedule_heading)}</h2>
                            <p class="text-sm text-gray-600">{page.starting_from}{td_string!(locale, admin_policies.other_presets)}
                                {page.presets.into_iter().map(|p| view! {
                                    <a class="mr-2 text-violet-800 underline" href=p.href>{p.name}</a>
                                }).collect_view()}
                            </p>
                            <NewVersion form=page.form schedule/>
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn Version(version: VersionLine, cancelled: RwSignal<usize>) -> impl IntoView {
    let locale = use_locale();
    let id = version.id;
    let cancel = ServerAction::<CancelPolicy>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = cancel.value().get() {
            cancelled.update(|n| *n += 1);
        }
    });
    view! {
        <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="policy-version">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <p class="font-semibold">{version.label}</p>
                <p class="text-sm font-semibold text-violet-800" data-testid="policy-state">{version.state}</p>
            </div>
            <p class="text-sm text-gray-600">{version.starts}" · "{version.deposits}</p>
            <p class="mt-1 text-sm">{version.grants}</p>
            <p class="text-sm text-gray-700">{version.caps}</p>
            <p class="text-sm text-gray-700">{version.departements}</p>
            {version.cancellable.then(|| view! {
                <ActionForm action=cancel attr:class="mt-2 flex flex-wrap items-end gap-2">
                    <input type="hidden" name="policy_id" value=id/>
                    <label class="min-w-56 flex-1 text-sm font-medium text-gray-700">{td_string!(locale, admin_policies.cancel_reason)}
                        <input name="reason" class=INPUT/>
                    </label>
                    <button type="submit" class="rounded-lg px-3 py-2 text-sm font-semibold text-red-700 ring-1 ring-red-200">{td_string!(locale, admin_policies.cancel_version)}</button>
                </ActionForm>
                <p class="mt-1 text-sm text-red-700" role="alert">{message_for(cancel, "reason")}</p>
            })}
        </li>
    }
}

#[component]
fn NewVersion(form: PolicyForm, schedule: ServerAction<SchedulePolicy>) -> impl IntoView {
    let locale = use_locale();
    let months = form.validity_kind == "months";
    // Field errors show under their field; this says the others (an internal error).
    let general = general_message(Signal::derive(move || {
        schedule.value().get().and_then(Result::err)
    }));
    let field = move |name: &'static str| {
        view! { <span class="block text-sm text-red-700" role="alert">{message_for(schedule, name)}</span> }
    };
    view! {
        <ActionForm action=schedule attr:class="mt-3 grid gap-3 rounded-xl bg-white p-4 ring-1 ring-gray-200" attr:data-testid="new-policy">
            <input type="hidden" name="code" value=form.code/>
            <label class="text-sm font-medium text-gray-700">{td_string!(locale, admin_policies.name)}
                <input name="name" value=form.name class=INPUT required/>
                {field("name")}
            </label>
            <label class="text-sm font-medium text-gray-700">{td_string!(locale, admin_policies.grants)}
                <input name="grants" value=form.grants class=INPUT required placeholder="17 : 50, 18 : 150"/>
                {field("grants")}
            </label>
            <div class="grid gap-3 sm:grid-cols-2">
                <label class="text-sm font-medium text-gray-700">{td_string!(locale, admin_policies.digital_cap)}
                    <input name="digital_cap" value=form.digital_cap class=INPUT inputmode="decimal"/>
                    {field("digital_cap")}
                </label>
                <label class="text-sm font-medium text-gray-700">{td_string!(locale, admin_policies.physical_cap)}
                    <input name="physical_cap" value=form.physical_cap class=INPUT inputmode="decimal"/>
                    {field("physical_cap")}
                </label>
            </div>
            <div class="grid gap-3 sm:grid-cols-2">
                <label class="text-sm font-medium text-gray-700">{td_string!(locale, admin_policies.expires)}
                    <select name="validity_kind" class=INPUT>
                        <option value="months" selected=months>{td_string!(locale, admin_policies.after_months)}</option>
                        <option value="age" selected=!months>{td_string!(locale, admin_policies.at_birthday)}</option>
                    </select>
                </label>
                <label class="text-sm font-medium text-gray-700">{td_string!(locale, admin_policies.months_or_age)}
                    <input name="validity" value=form.validity class=INPUT inputmode="numeric" required/>
                    {field("validity")}
                </label>
            </div>
            <label class="text-sm font-medium text-gray-700">{td_string!(locale, admin_policies.departements)}
                <input name="departements" value=form.departements class=INPUT placeholder="971 972 973"/>
                {field("departements")}
            </label>
            <label class="text-sm font-medium text-gray-700">{td_string!(locale, admin_policies.starts_on)}
                <input type="date" name="starts_on" value=form.starts_on class=INPUT required/>
                {field("starts_on")}
            </label>
            {field("code")}
            <p class="text-sm text-red-700" role="alert">{general}</p>
            <p class="text-sm text-green-800" role="status" data-testid="policy-scheduled">
                {move || schedule.value().get().and_then(Result::ok).map(|label| td_string!(locale, admin_policies.scheduled, label).to_string())}
            </p>
            <div><button type="submit" class=BUTTON>{td_string!(locale, admin_policies.schedule)}</button></div>
        </ActionForm>
    }
}
