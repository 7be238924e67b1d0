//! `/pro/structures/:id/paiements`: where the pass pays the structure (its
//! administrators enter the bank details, which wait for the team; editors read them
//! masked) and every transfer it received, with the bookings each paid.

use super::api::{SaveBankDetails, structure_payments};
use super::dto::{BankView, TransferView};
use crate::components::form::{BUTTON, Input, message_for};
use crate::components::{ErrorView, NextPage, query_cursor};
use crate::error::AppError;
use crate::features::pro::ui::{PartnerOnly, StructureTabs, route_id};
use crate::i18n::td_string;
use crate::lang::{use_locale, words::singular};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PartnerPaymentsPage() -> impl IntoView {
    let locale = use_locale();
    let id = route_id();
    let before = query_cursor("avant");
    let save = ServerAction::<SaveBankDetails>::new();
    let page = Resource::new(
        move || (id.get(), before.get(), save.version().get()),
        |(id, before, _)| async move { structure_payments(id.ok_or(AppError::NotFound)?, before).await },
    );
    view! {
        <Title text=td_string!(locale, partner_payments.title)/>
        <PartnerOnly>
            <section class="mx-auto max-w-6xl p-6">
                <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, partner_payments.heading)}</h1>
                {move || id.get().map(|structure_id| view! { <StructureTabs structure_id current="paiements"/> })}
                <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                    <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                        {move || Suspend::new(async move {
                            page.await.map(|page| {
                                let structure_id = id.get_untracked().unwrap_or_default();
                                // New details replace the ones entered: the form opens on demand.
                                let entered = page.bank.is_some();
                                view! {
                                    <h2 class="mt-6 text-lg font-semibold">{td_string!(locale, partner_payments.bank_heading)}</h2>
                                    {match page.bank {
                                        Some(bank) => view! { <Bank bank/> }.into_any(),
                                        None => view! { <p class="text-sm text-gray-700" data-testid="bank-status">{td_string!(locale, partner_payments.no_bank)}</p> }.into_any(),
                                    }}
                                    {if page.may_edit {
                                        view! {
                                            <details class="mt-3 max-w-xl" open=!entered>
                                            <summary class="cursor-pointer text-sm font-semibold text-violet-800">{td_string!(locale, partner_payments.new_details)}</summary>
                                            <ActionForm action=save attr:class="mt-3 grid gap-3" attr:data-testid="bank-form">
                                                <input type="hidden" name="structure_id" value=structure_id/>
                                                <Input label=td_string!(locale, partner_payments.holder_label) name="holder" message=message_for(save, "holder")/>
                                                <Input label="IBAN" name="iban" placeholder="FR76 3000 6000 0112 3456 7890 189" message=message_for(save, "iban")/>
                                                <Input label="BIC" name="bic" placeholder="BNPAFRPPXXX" message=message_for(save, "bic")/>
                                                <button type="submit" class=BUTTON>{td_string!(locale, partner_payments.send)}</button>
                                                <p class="text-xs text-gray-600">{td_string!(locale, partner_payments.check_note)}</p>
                                            </ActionForm>
                                            </details>
                                        }.into_any()
                                    } else {
                                        view! { <p class="mt-2 text-sm text-gray-600">{td_string!(locale, partner_payments.admins_only)}</p> }.into_any()
                                    }}
                                    <h2 class="mt-8 text-lg font-semibold">{td_string!(locale, partner_payments.transfers_heading)}</h2>
                                    <p class="text-sm text-gray-600" role="status" data-testid="transfers-count">{page.summary}</p>
                                    <ul class="mt-2 space-y-3">
                                        {page.transfers.into_iter().map(|transfer| view! { <Transfer transfer/> }).collect_view()}
                                    </ul>
                                    <NextPage href=page.next/>
                                }
                            })
                        })}
                    </ErrorBoundary>
                </Transition>
            </section>
        </PartnerOnly>
    }
}

#[component]
fn Bank(bank: BankView) -> impl IntoView {
    let locale = use_locale();
    let tone = if bank.validated {
        "text-green-800"
    } else {
        "text-amber-800"
    };
    view! {
        <dl class="mt-2 grid max-w-xl grid-cols-[auto_1fr] gap-x-3 text-sm">
            <dt class="text-gray-600">{td_string!(locale, partner_payments.holder)}</dt><dd>{bank.holder}</dd>
            <dt class="text-gray-600">"IBAN"</dt><dd class="font-mono">{bank.iban}</dd>
            <dt class="text-gray-600">"BIC"</dt><dd class="font-mono">{bank.bic}</dd>
        </dl>
        <p class=format!("mt-2 text-sm font-semibold {tone}") data-testid="bank-status">{bank.status}</p>
        {bank.refusal.map(|reason| view! { <p class="text-sm text-gray-700">{td_string!(locale, partner_payments.reason)}{reason}</p> })}
    }
}

#[component]
fn Transfer(transfer: TransferView) -> impl IntoView {
    let locale = use_locale();
    let count = transfer.bookings.len() as i64;
    let paid = if singular(locale, count) {
        td_string!(locale, partner_payments.paid_one, count).to_string()
    } else {
        td_string!(locale, partner_payments.paid_many, count).to_string()
    };
    view! {
        <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="transfer">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <p class="font-semibold">{transfer.title}</p>
                <p class="text-lg font-bold">{transfer.reimbursed}</p>
            </div>
            <p class="text-sm text-gray-600">{transfer.period}" · "{transfer.account}{td_string!(locale, partner_payments.reference)}
                <span class="font-mono">{transfer.reference}</span></p>
            <details class="mt-2">
                <summary class="cursor-pointer text-sm font-semibold text-violet-800">
                    {paid}
                </summary>
                <table class="pro-table mt-2 w-full text-left text-sm">
                    <thead class="text-gray-600"><tr><th class="py-2">{td_string!(locale, statement.venue)}</th><th>{td_string!(locale, statement.offer)}</th>
                        <th>{td_string!(locale, statement.token)}</th><th>{td_string!(locale, statement.validated_on)}</th>
                        <th>{td_string!(locale, statement.amount)}</th><th>{td_string!(locale, statement.reimbursed)}</th></tr></thead>
                    <tbody>
                        {transfer.bookings.into_iter().map(|b| view! {
                            <tr class="border-t border-gray-200">
                                <td class="py-2">{b.venue}</td><td>{b.offer}</td><td class="font-mono">{b.token}</td>
                                <td>{b.used_at}</td><td>{b.amount}</td><td>{b.reimbursed}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </li>
    }
}
