//! `/admin/offres`: the offers waiting for the team (by default), or any offer found by
//! its words, structure, venue and status (the filters are the URL), 50 a page. A waiting
//! offer is published, or given back to its partner with a reason.

use super::api::{DecideOffer, team_offers};
use super::dto::TeamOfferLine;
use crate::components::form::{BUTTON, INPUT, message_for};
use crate::components::{ErrorView, NextPage};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn OfferReviewPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        let q = query.get();
        (
            q.get("q").unwrap_or_default(),
            q.get("statut").unwrap_or_default(),
            q.get("apres").and_then(|after| after.parse::<i64>().ok()),
        )
    });
    // Each offer has its own decision (its error shows under it alone); any decision
    // that went through reads the list again.
    let decided = RwSignal::new(0usize);
    let offers = Resource::new(
        move || (asked.get(), decided.get()),
        |((q, status, after), _)| team_offers(q, status, after),
    );
    view! {
        <Title text=td_string!(locale, admin_offers.title)/>
        <section class="mx-auto max-w-4xl p-6">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, admin_offers.heading)}</h1>
            <p class="mt-1 text-sm text-gray-600">{td_string!(locale, admin_offers.intro)}</p>
            <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        let (q, _, _) = asked.get_untracked();
                        offers.await.map(|page| view! {
                            <form method="get" class="mt-4 flex flex-wrap items-end gap-3" role="search" data-testid="offer-filters">
                                <label class="min-w-64 flex-1 text-sm font-medium text-gray-700">{td_string!(locale, admin_offers.query_label)}
                                    <input name="q" type="search" class=INPUT value=q/>
                                </label>
                                <label class="text-sm font-medium text-gray-700">{td_string!(locale, admin_offers.status)}
                                    <select name="statut" class=INPUT>
                                        {page.statuses.into_iter().map(|(key, label)| {
                                            let selected = key == page.selected;
                                            view! { <option value=key selected=selected>{label}</option> }
                                        }).collect_view()}
                                    </select>
                                </label>
                                <button type="submit" class=BUTTON>{td_string!(locale, admin_offers.search)}</button>
                            </form>
                            <p class="mt-4 text-sm text-gray-600" role="status" data-testid="offers-count">{page.summary}</p>
                            <ul class="mt-2 space-y-3">
                                {page.rows.into_iter().map(|offer| view! { <Line offer decided/> }).collect_view()}
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
fn Line(offer: TeamOfferLine, decided: RwSignal<usize>) -> impl IntoView {
    let locale = use_locale();
    let id = offer.id;
    let decide = ServerAction::<DecideOffer>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = decide.value().get() {
            decided.update(|n| *n += 1);
        }
    });
    view! {
        <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="team-offer">
            <div class="flex flex-wrap items-center gap-2">
                <p class="font-semibold">{offer.title}</p>
                <span class="rounded-full bg-gray-100 px-2 py-0.5 text-xs font-semibold text-gray-800">{offer.status}</span>
                {offer.cause.map(|cause| view! {
                    <span class="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{cause}</span>
                })}
            </div>
            <p class="text-sm text-gray-600">{offer.origin}</p>
            <p class="mt-1 whitespace-pre-line break-words text-sm">{offer.excerpt}</p>
            {offer.waiting.then(|| view! {
                <div class="mt-3 flex flex-wrap items-end gap-3">
                    <ActionForm action=decide>
                        <input type="hidden" name="offer_id" value=id/>
                        <input type="hidden" name="approve" value="true"/>
                        <input type="hidden" name="reason" value=""/>
                        <button type="submit" class="rounded-lg bg-green-700 px-3 py-2 text-sm font-semibold text-white">{td_string!(locale, admin_offers.publish)}</button>
                    </ActionForm>
                    <ActionForm action=decide attr:class="flex flex-1 flex-wrap items-end gap-2">
                        <input type="hidden" name="offer_id" value=id/>
                        <input type="hidden" name="approve" value="false"/>
                        <label class="min-w-56 flex-1 text-sm font-medium text-gray-700">{td_string!(locale, admin_offers.reason_for_partner)}
                            <input name="reason" class=INPUT/>
                        </label>
                        <button type="submit" class="rounded-lg px-3 py-2 text-sm font-semibold text-red-700 ring-1 ring-red-200">{td_string!(locale, admin_offers.give_back)}</button>
                    </ActionForm>
                </div>
                <p class="mt-1 text-sm text-red-700" role="alert" data-testid="decision-error">{message_for(decide, "reason")}</p>
            })}
        </li>
    }
}
