//! `/pro/structures/:id/remboursements`: what the pass owes for the used bookings of a
//! period (tiered per venue and year), per venue and per booking, and its CSV.

use super::api::{reimbursement_statement, structure_venues};
use super::dto::StatementQuery;
use super::ui::{PartnerOnly, StructureTabs, route_id};
use crate::components::ErrorView;
use crate::components::form::{BUTTON, INPUT, SECONDARY};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StatementPage() -> impl IntoView {
    let id = route_id();
    let query = use_query_map();
    let filters = Memo::new(move |_| {
        let q = query.get();
        StatementQuery {
            lieu: q.get("lieu").unwrap_or_default(),
            du: q.get("du").unwrap_or_default(),
            au: q.get("au").unwrap_or_default(),
        }
    });
    let statement = Resource::new(
        move || (id.get(), filters.get()),
        |(id, query)| async move {
            let id = id.ok_or(AppError::NotFound)?;
            Ok::<_, AppError>((
                reimbursement_statement(id, query).await?,
                structure_venues(id).await?,
            ))
        },
    );
    view! {
        <Title text="Remboursements — Culture Pass Pro"/>
        <PartnerOnly>
            <section class="mx-auto max-w-6xl p-6">
                <h1 class="text-2xl font-bold text-gray-900">"Remboursements"</h1>
                {move || id.get().map(|structure_id| view! { <StructureTabs structure_id current="remboursements"/> })}
                <p class="mt-3 text-sm text-gray-600">{domain::reimbursement::SUMMARY}</p>
                <Transition fallback=|| view! { <p class="mt-4 text-gray-500">"Chargement…"</p> }>
                    <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                        {move || Suspend::new(async move {
                            let lieu = filters.get_untracked().lieu;
                            statement.await.map(|(s, venues)| {
                                let structure_id = id.get_untracked().unwrap_or_default();
                                view! {
                                    <form method="get" class="mt-4 flex flex-wrap items-end gap-3">
                                        <label class="text-sm">"Du"<input type="date" name="du" value=s.from.clone() class=INPUT/></label>
                                        <label class="text-sm">"Au"<input type="date" name="au" value=s.until.clone() class=INPUT/></label>
                                        <label class="text-sm">"Lieu"
                                            <select name="lieu" class=INPUT>
                                                <option value="">"Tous"</option>
                                                {venues.iter().map(|v| view! { <option value=v.id selected=lieu == v.id.to_string()>{v.name.clone()}</option> }).collect_view()}
                                            </select>
                                        </label>
                                        <button type="submit" class=BUTTON>"Afficher"</button>
                                        <a class=SECONDARY download href=format!("/pro/structures/{structure_id}/remboursements.csv?{}", s.query)>"Exporter en CSV"</a>
                                    </form>
                                    <div class="mt-4 grid gap-3 sm:grid-cols-2">
                                        <div class="rounded-xl bg-white p-4 ring-1 ring-gray-200"><p class="text-sm text-gray-600">"Réservations validées"</p><p class="text-2xl font-bold">{s.total.clone()}</p></div>
                                        <div class="rounded-xl bg-white p-4 ring-1 ring-gray-200"><p class="text-sm text-gray-600">"Montant remboursé"</p><p class="text-2xl font-bold" data-testid="total-reimbursed">{s.total_reimbursed.clone()}</p></div>
                                    </div>
                                    <ul class="mt-4 text-sm">
                                        {s.venues.iter().map(|(venue, amount, paid)| view! { <li>{format!("{venue} : {amount} validés, {paid} remboursés")}</li> }).collect_view()}
                                    </ul>
                                    <table class="pro-table mt-4 w-full text-left text-sm" data-testid="statement">
                                        <thead class="text-gray-600"><tr><th class="py-2">"Lieu"</th><th>"Offre"</th><th>"Contremarque"</th><th>"Bénéficiaire"</th><th>"Validée le"</th><th>"Montant"</th><th>"Remboursé"</th></tr></thead>
                                        <tbody>
                                            {s.lines.into_iter().map(|l| view! {
                                                <tr class="border-t border-gray-200">
                                                    <td class="py-2">{l.venue_name}</td><td>{l.offer_title}</td><td class="font-mono">{l.token}</td>
                                                    <td>{l.beneficiary}</td><td>{l.used_at}</td><td>{l.amount}</td><td>{l.reimbursed}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }
                            })
                        })}
                    </ErrorBoundary>
                </Transition>
            </section>
        </PartnerOnly>
    }
}
