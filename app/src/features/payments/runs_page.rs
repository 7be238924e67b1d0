//! `/admin/remboursements`: bank details to check (validate, or refuse with a reason),
//! what waits for a run and the structures it cannot pay yet, the form that prepares a
//! run up to a day, and the runs, newest first.

use super::api::{DecideBankDetails, PrepareRun, reimbursement_runs};
use super::dto::{BankCheckLine, RunLine};
use crate::components::form::{BUTTON, INPUT, message_for};
use crate::components::{ErrorView, NextPage, query_cursor};
use crate::i18n::td_string;
use crate::lang::{pro::tiers, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

#[component]
pub fn RunsPage() -> impl IntoView {
    let locale = use_locale();
    let (before, after) = (query_cursor("avant"), query_cursor("apres"));
    // Any decision that went through reads the page again.
    let decided = RwSignal::new(0usize);
    let overview = Resource::new(
        move || (before.get(), after.get(), decided.get()),
        |(before, after, _)| reimbursement_runs(before, after),
    );
    let prepare = ServerAction::<PrepareRun>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(run_id)) = prepare.value().get() {
            navigate(
                &format!("/admin/remboursements/{run_id}"),
                Default::default(),
            );
        }
    });
    view! {
        <Title text=td_string!(locale, admin_payments.title)/>
        <section class="mx-auto max-w-4xl p-6">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, admin_payments.heading)}</h1>
            <p class="mt-1 text-sm text-gray-600">{tiers(locale)}</p>
            <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        overview.await.map(|page| view! {
                            <h2 class="mt-6 text-lg font-semibold">{td_string!(locale, admin_payments.bank_details)}</h2>
                            <p class="text-sm text-gray-600" role="status" data-testid="bank-checks-count">{page.checks_summary}</p>
                            <ul class="mt-2 space-y-3">
                                {page.checks.into_iter().map(|check| view! { <Check check decided/> }).collect_view()}
                            </ul>
                            <NextPage href=page.checks_next/>

                            <h2 class="mt-8 text-lg font-semibold">{td_string!(locale, admin_payments.prepare_heading)}</h2>
                            <p class="text-sm text-gray-700" data-testid="waiting-bookings">{page.waiting}</p>
                            {(!page.without_details.is_empty()).then(|| view! {
                                <p class="mt-1 text-sm text-amber-800">{td_string!(locale, admin_payments.without_details)}
                                    {page.without_details.join(", ")}</p>
                            })}
                            {match page.draft {
                                Some(id) => view! {
                                    <p class="mt-2 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
                                        {td_string!(locale, admin_payments.draft_waiting, id).to_string()}
                                        <a class="font-semibold underline" href=format!("/admin/remboursements/{id}")>{td_string!(locale, admin_payments.open_it)}</a>
                                    </p>
                                }.into_any(),
                                None => view! {
                                    <ActionForm action=prepare attr:class="mt-2 flex flex-wrap items-end gap-3" attr:data-testid="prepare-run">
                                        <label class="text-sm font-medium text-gray-700">{td_string!(locale, admin_payments.validated_until)}
                                            <input type="date" name="last_day" value=page.last_day class=INPUT/>
                                        </label>
                                        <button type="submit" class=BUTTON>{td_string!(locale, admin_payments.prepare)}</button>
                                    </ActionForm>
                                    <p class="mt-1 text-sm text-red-700" role="alert" data-testid="prepare-error">
                                        {message_for(prepare, "last_day")}{message_for(prepare, "run")}
                                    </p>
                                }.into_any(),
                            }}

                            <h2 class="mt-8 text-lg font-semibold">{td_string!(locale, admin_payments.runs)}</h2>
                            <p class="text-sm text-gray-600" role="status">{page.runs_summary}</p>
                            <ul class="mt-2 divide-y divide-gray-200 rounded-xl bg-white ring-1 ring-gray-200">
                                {page.runs.into_iter().map(|run| view! { <Run run/> }).collect_view()}
                            </ul>
                            <NextPage href=page.next/>
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn Run(run: RunLine) -> impl IntoView {
    view! {
        <li class="flex flex-wrap items-center justify-between gap-2 p-3" data-testid="run">
            <div>
                <a class="font-semibold text-violet-800 underline" href=format!("/admin/remboursements/{}", run.id)>{run.title}</a>
                <p class="text-sm text-gray-600">{run.prepared}</p>
            </div>
            <div class="text-right text-sm">
                <p class="font-semibold">{run.total}</p>
                <p>{run.status}</p>
            </div>
        </li>
    }
}

#[component]
fn Check(check: BankCheckLine, decided: RwSignal<usize>) -> impl IntoView {
    let locale = use_locale();
    let decide = ServerAction::<DecideBankDetails>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = decide.value().get() {
            decided.update(|n| *n += 1);
        }
    });
    let BankCheckLine {
        structure_id: id,
        structure,
        holder,
        iban: grouped,
        iban_key: iban,
        bic,
        submitted,
    } = check;
    let seen = Seen {
        id,
        holder: holder.clone(),
        iban,
        bic: bic.clone(),
    };
    let refused = seen.clone();
    view! {
        <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="bank-check">
            <p class="font-semibold">{structure}</p>
            <p class="text-sm text-gray-600">{submitted}</p>
            <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                <dt class="text-gray-600">{td_string!(locale, admin_payments.holder)}</dt><dd>{holder}</dd>
                <dt class="text-gray-600">"IBAN"</dt><dd class="font-mono">{grouped}</dd>
                <dt class="text-gray-600">"BIC"</dt><dd class="font-mono">{bic}</dd>
            </dl>
            <div class="mt-3 flex flex-wrap items-end gap-3">
                <ActionForm action=decide>
                    {seen.inputs()}
                    <input type="hidden" name="approve" value="true"/>
                    <input type="hidden" name="reason" value=""/>
                    <button type="submit" class="rounded-lg bg-green-700 px-3 py-2 text-sm font-semibold text-white">{td_string!(locale, admin_payments.validate)}</button>
                </ActionForm>
                <ActionForm action=decide attr:class="flex flex-1 flex-wrap items-end gap-2">
                    {refused.inputs()}
                    <input type="hidden" name="approve" value="false"/>
                    <label class="min-w-56 flex-1 text-sm font-medium text-gray-700">{td_string!(locale, admin_payments.reason_for_partner)}
                        <input name="reason" class=INPUT/>
                    </label>
                    <button type="submit" class="rounded-lg px-3 py-2 text-sm font-semibold text-red-700 ring-1 ring-red-200">{td_string!(locale, admin_payments.refuse)}</button>
                </ActionForm>
            </div>
            <p class="mt-1 text-sm text-red-700" role="alert">{message_for(decide, "reason")}</p>
        </li>
    }
}

/// The bank details an administrator read, sent back with the decision: it stands only
/// if they are still the ones waiting.
#[derive(Clone)]
struct Seen {
    id: i64,
    holder: String,
    iban: String,
    bic: String,
}

impl Seen {
    fn inputs(self) -> impl IntoView {
        view! {
            <input type="hidden" name="structure_id" value=self.id/>
            <input type="hidden" name="holder" value=self.holder/>
            <input type="hidden" name="iban" value=self.iban/>
            <input type="hidden" name="bic" value=self.bic/>
        }
    }
}
