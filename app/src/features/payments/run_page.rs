//! `/admin/remboursements/:id`: a run's transfers, its payment file, and, while it is a
//! draft, "Marquer comme payé" (its bookings become reimbursed) or give it up with a
//! reason (they wait for the next run).

use super::api::{CloseRun, reimbursement_run};
use crate::components::ErrorView;
use crate::components::form::{INPUT, SECONDARY, message_for};
use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RunPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let id = Memo::new(move |_| params.get().get("id").and_then(|id| id.parse::<i64>().ok()));
    let close = ServerAction::<CloseRun>::new();
    let run = Resource::new(
        move || (id.get(), close.version().get()),
        |(id, _)| async move { reimbursement_run(id.ok_or(AppError::NotFound)?).await },
    );
    view! {
        <Title text=td_string!(locale, admin_payments.run_title)/>
        <section class="mx-auto max-w-4xl p-6">
            <a class="text-sm text-violet-800 underline" href="/admin/remboursements">{td_string!(locale, admin_payments.back)}</a>
            <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        run.await.map(|run| {
                            let run_id = run.id;
                            view! {
                                <h1 class="mt-2 text-2xl font-bold text-gray-900">{run.title}</h1>
                                <p class="text-sm text-gray-600">{run.prepared}</p>
                                <p class="mt-2 font-semibold" data-testid="run-status">{run.status}" · "{run.total}</p>
                                {run.closed.map(|closed| view! { <p class="text-sm text-gray-600">{closed}</p> })}
                                <p class="mt-3"><a class=SECONDARY download href=run.file>{td_string!(locale, admin_payments.download)}</a></p>
                                <table class="pro-table mt-4 w-full text-left text-sm" data-testid="transfers">
                                    <thead class="text-gray-600"><tr><th class="py-2">{td_string!(locale, admin_payments.structure)}</th><th>{td_string!(locale, admin_payments.account)}</th><th>{td_string!(locale, admin_payments.reference)}</th><th>{td_string!(locale, admin_payments.bookings)}</th><th>{td_string!(locale, admin_payments.transfer)}</th></tr></thead>
                                    <tbody>
                                        {run.payments.into_iter().map(|p| view! {
                                            <tr class="border-t border-gray-200">
                                                <td class="py-2">{p.structure}</td><td class="font-mono text-xs">{p.account}</td>
                                                <td class="font-mono text-xs">{p.reference}</td><td>{p.amount}</td><td class="font-semibold">{p.reimbursed}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                {run.draft.then(|| view! {
                                    <div class="mt-6 flex flex-wrap items-end gap-3">
                                        <ActionForm action=close>
                                            <input type="hidden" name="run_id" value=run_id/>
                                            <input type="hidden" name="paid" value="true"/>
                                            <input type="hidden" name="reason" value=""/>
                                            <button type="submit" class="rounded-lg bg-green-700 px-3 py-2 text-sm font-semibold text-white">{td_string!(locale, admin_payments.mark_paid)}</button>
                                        </ActionForm>
                                        <ActionForm action=close attr:class="flex flex-1 flex-wrap items-end gap-2">
                                            <input type="hidden" name="run_id" value=run_id/>
                                            <input type="hidden" name="paid" value="false"/>
                                            <label class="min-w-56 flex-1 text-sm font-medium text-gray-700">{td_string!(locale, admin_payments.abandon_reason)}
                                                <input name="reason" class=INPUT/>
                                            </label>
                                            <button type="submit" class="rounded-lg px-3 py-2 text-sm font-semibold text-red-700 ring-1 ring-red-200">{td_string!(locale, admin_payments.abandon)}</button>
                                        </ActionForm>
                                    </div>
                                    <p class="mt-1 text-sm text-red-700" role="alert" data-testid="close-error">
                                        {message_for(close, "reason")}{message_for(close, "run")}
                                    </p>
                                    <p class="mt-2 text-xs text-gray-600">{td_string!(locale, admin_payments.paid_explained)}</p>
                                })}
                            }
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
