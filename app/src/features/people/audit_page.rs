//! `/admin/journal`: the audit log, newest first, filtered by kind of action or by
//! person (the filters are the URL), 50 a page.

use super::api::audit_log;
use super::person_page::History;
use crate::components::form::{BUTTON, INPUT};
use crate::components::{ErrorView, NextPage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        let q = query.get();
        let number = |key: &str| q.get(key).and_then(|v| v.parse::<i64>().ok());
        (
            q.get("action").unwrap_or_default(),
            number("personne"),
            number("avant"),
        )
    });
    let log = Resource::new(
        move || asked.get(),
        |(action, person, before)| audit_log(action, person, before),
    );
    view! {
        <Title text="Journal — Culture Pass Admin"/>
        <section class="mx-auto max-w-4xl p-6">
            <h1 class="text-2xl font-bold text-gray-900">"Journal des actions"</h1>
            <p class="mt-1 text-sm text-gray-600">"Chaque décision de l'équipe, avec son auteur et son motif."</p>
            <Transition fallback=|| view! { <p class="mt-4 text-gray-500">"Chargement…"</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        let (action, person, _) = asked.get_untracked();
                        log.await.map(|page| view! {
                            <form method="get" class="mt-4 flex flex-wrap items-end gap-3" data-testid="audit-filters">
                                <label class="text-sm font-medium text-gray-700">"Action"
                                    <select name="action" class=INPUT>
                                        <option value="">"Toutes"</option>
                                        {page.actions.into_iter().map(|(name, label)| {
                                            let selected = name == action;
                                            view! { <option value=name selected=selected>{label}</option> }
                                        }).collect_view()}
                                    </select>
                                </label>
                                {person.map(|id| view! { <input type="hidden" name="personne" value=id/> })}
                                <button type="submit" class=BUTTON>"Filtrer"</button>
                                {person.map(|id| view! {
                                    <p class="text-sm">{format!("Personne n° {id} · ")}<a class="underline" href="/admin/journal">"tout le journal"</a></p>
                                })}
                            </form>
                            <p class="mt-4 text-sm text-gray-600" role="status" data-testid="audit-count">{page.summary}</p>
                            <History lines=page.rows/>
                            <NextPage href=page.next/>
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
