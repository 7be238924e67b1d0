//! `/pro/structures/:id/paiements`: where the pass pays the structure (its
//! administrators enter the bank details, which wait for the team; editors read them
//! masked) and every transfer it received, with the bookings each paid.

use super::api::{SaveBankDetails, structure_payments};
use super::dto::{BankView, TransferView};
use crate::components::form::{BUTTON, Input, message_for};
use crate::components::{ErrorView, NextPage, query_cursor};
use crate::error::AppError;
use crate::features::pro::ui::{PartnerOnly, StructureTabs, route_id};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PartnerPaymentsPage() -> impl IntoView {
    let id = route_id();
    let before = query_cursor("avant");
    let save = ServerAction::<SaveBankDetails>::new();
    let page = Resource::new(
        move || (id.get(), before.get(), save.version().get()),
        |(id, before, _)| async move { structure_payments(id.ok_or(AppError::NotFound)?, before).await },
    );
    view! {
        <Title text="Paiements — Culture Pass Pro"/>
        <PartnerOnly>
            <section class="mx-auto max-w-6xl p-6">
                <h1 class="text-2xl font-bold text-gray-900">"Paiements"</h1>
                {move || id.get().map(|structure_id| view! { <StructureTabs structure_id current="paiements"/> })}
                <Transition fallback=|| view! { <p class="mt-4 text-gray-500">"Chargement…"</p> }>
                    <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                        {move || Suspend::new(async move {
                            page.await.map(|page| {
                                let structure_id = id.get_untracked().unwrap_or_default();
                                // New details replace the ones entered: the form opens on demand.
                                let entered = page.bank.is_some();
                                view! {
                                    <h2 class="mt-6 text-lg font-semibold">"Coordonnées bancaires"</h2>
                                    {match page.bank {
                                        Some(bank) => view! { <Bank bank/> }.into_any(),
                                        None => view! { <p class="text-sm text-gray-700" data-testid="bank-status">"Aucune coordonnée bancaire : le pass ne peut pas encore vous rembourser."</p> }.into_any(),
                                    }}
                                    {if page.may_edit {
                                        view! {
                                            <details class="mt-3 max-w-xl" open=!entered>
                                            <summary class="cursor-pointer text-sm font-semibold text-violet-800">"Saisir de nouvelles coordonnées"</summary>
                                            <ActionForm action=save attr:class="mt-3 grid gap-3" attr:data-testid="bank-form">
                                                <input type="hidden" name="structure_id" value=structure_id/>
                                                <Input label="Titulaire du compte" name="holder" message=message_for(save, "holder")/>
                                                <Input label="IBAN" name="iban" placeholder="FR76 3000 6000 0112 3456 7890 189" message=message_for(save, "iban")/>
                                                <Input label="BIC" name="bic" placeholder="BNPAFRPPXXX" message=message_for(save, "bic")/>
                                                <button type="submit" class=BUTTON>"Envoyer à l'équipe du pass"</button>
                                                <p class="text-xs text-gray-600">"L'équipe du pass vérifie les coordonnées avant tout virement ; en saisir de nouvelles les soumet à nouveau."</p>
                                            </ActionForm>
                                            </details>
                                        }.into_any()
                                    } else {
                                        view! { <p class="mt-2 text-sm text-gray-600">"Seul un administrateur de la structure saisit ses coordonnées bancaires."</p> }.into_any()
                                    }}
                                    <h2 class="mt-8 text-lg font-semibold">"Virements reçus"</h2>
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
    let tone = if bank.validated {
        "text-green-800"
    } else {
        "text-amber-800"
    };
    view! {
        <dl class="mt-2 grid max-w-xl grid-cols-[auto_1fr] gap-x-3 text-sm">
            <dt class="text-gray-600">"Titulaire"</dt><dd>{bank.holder}</dd>
            <dt class="text-gray-600">"IBAN"</dt><dd class="font-mono">{bank.iban}</dd>
            <dt class="text-gray-600">"BIC"</dt><dd class="font-mono">{bank.bic}</dd>
        </dl>
        <p class=format!("mt-2 text-sm font-semibold {tone}") data-testid="bank-status">{bank.status}</p>
        {bank.refusal.map(|reason| view! { <p class="text-sm text-gray-700">"Motif : "{reason}</p> })}
    }
}

#[component]
fn Transfer(transfer: TransferView) -> impl IntoView {
    view! {
        <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="transfer">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <p class="font-semibold">{transfer.title}</p>
                <p class="text-lg font-bold">{transfer.reimbursed}</p>
            </div>
            <p class="text-sm text-gray-600">{transfer.period}" · "{transfer.account}" · référence "
                <span class="font-mono">{transfer.reference}</span></p>
            <details class="mt-2">
                <summary class="cursor-pointer text-sm font-semibold text-violet-800">
                    {domain::text::counted(transfer.bookings.len() as i64, "réservation payée", "réservations payées")}
                </summary>
                <table class="pro-table mt-2 w-full text-left text-sm">
                    <thead class="text-gray-600"><tr><th class="py-2">"Lieu"</th><th>"Offre"</th><th>"Contremarque"</th><th>"Validée le"</th><th>"Montant"</th><th>"Remboursé"</th></tr></thead>
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
