//! `/pro/structures/:id/remboursements`: what the pass owes for the used bookings of a
//! period (tiered per venue and year), per venue and per booking, and its CSV.

use super::api::{reimbursement_statement, structure_venues};
use super::dto::StatementQuery;
use super::ui::{PartnerOnly, StructureTabs, route_id};
use crate::components::ErrorView;
use crate::components::form::{BUTTON, INPUT, SECONDARY};
use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::{pro::tiers, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StatementPage() -> impl IntoView {
    let locale = use_locale();
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
        <Title text=td_string!(locale, statement.title)/>
        <PartnerOnly>
            <section class="mx-auto max-w-6xl p-6">
                <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, statement.heading)}</h1>
                {move || id.get().map(|structure_id| view! { <StructureTabs structure_id current="remboursements"/> })}
                <p class="mt-3 text-sm text-gray-600">{tiers(locale)}</p>
                <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                    <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                        {move || Suspend::new(async move {
                            let lieu = filters.get_untracked().lieu;
                            statement.await.map(|(s, venues)| {
                                let structure_id = id.get_untracked().unwrap_or_default();
                                view! {
                                    <form method="get" class="mt-4 flex flex-wrap items-end gap-3">
                                        <label class="text-sm">{td_string!(locale, statement.from)}<input type="date" name="du" value=s.from.clone() class=INPUT/></label>
                                        <label class="text-sm">{td_string!(locale, statement.until)}<input type="date" name="au" value=s.until.clone() class=INPUT/></label>
                                        <label class="text-sm">{td_string!(locale, statement.venue)}
                                            <select name="lieu" class=INPUT>
                                                <option value="">{td_string!(locale, statement.any_venue)}</option>
                                                {venues.iter().map(|v| view! { <option value=v.id selected=lieu == v.id.to_string()>{v.name.clone()}</option> }).collect_view()}
                                            </select>
                                        </label>
                                        <button type="submit" class=BUTTON>{td_string!(locale, statement.show)}</button>
                                        <a class=SECONDARY download href=format!("/pro/structures/{structure_id}/remboursements.csv?{}", s.query)>{td_string!(locale, statement.export)}</a>
                                    </form>
                                    <div class="mt-4 grid gap-3 sm:grid-cols-2">
                                        <div class="rounded-xl bg-white p-4 ring-1 ring-gray-200"><p class="text-sm text-gray-600">{td_string!(locale, statement.validated)}</p><p class="text-2xl font-bold">{s.total.clone()}</p></div>
                                        <div class="rounded-xl bg-white p-4 ring-1 ring-gray-200"><p class="text-sm text-gray-600">{td_string!(locale, statement.reimbursed_total)}</p><p class="text-2xl font-bold" data-testid="total-reimbursed">{s.total_reimbursed.clone()}</p></div>
                                    </div>
                                    <ul class="mt-4 text-sm">
                                        {s.venues.iter().map(|(venue, amount, paid)| view! { <li>{td_string!(locale, statement.venue_line, venue, amount, paid).to_string()}</li> }).collect_view()}
                                    </ul>
                                    <table class="pro-table mt-4 w-full text-left text-sm" data-testid="statement">
                                        <thead class="text-gray-600"><tr><th class="py-2">{td_string!(locale, statement.venue)}</th><th>{td_string!(locale, statement.offer)}</th>
                                            <th>{td_string!(locale, statement.token)}</th><th>{td_string!(locale, statement.beneficiary)}</th>
                                            <th>{td_string!(locale, statement.validated_on)}</th><th>{td_string!(locale, statement.amount)}</th>
                                            <th>{td_string!(locale, statement.reimbursed)}</th></tr></thead>
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
