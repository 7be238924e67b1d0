//! `/admin/journal`: the audit log, newest first, filtered by kind of action or by
//! person (the filters are the URL), 50 a page.

use super::api::audit_log;
use super::person_page::History;
use crate::components::form::{BUTTON, INPUT};
use crate::components::{ErrorView, NextPage};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let locale = use_locale();
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
        <Title text=td_string!(locale, admin_audit.title)/>
        <section class="mx-auto max-w-4xl p-6">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, admin_audit.heading)}</h1>
            <p class="mt-1 text-sm text-gray-600">{td_string!(locale, admin_audit.intro)}</p>
            <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        let (action, person, _) = asked.get_untracked();
                        log.await.map(|page| view! {
                            <form method="get" class="mt-4 flex flex-wrap items-end gap-3" data-testid="audit-filters">
                                <label class="text-sm font-medium text-gray-700">{td_string!(locale, admin_audit.action)}
                                    <select name="action" class=INPUT>
                                        <option value="">{td_string!(locale, admin_audit.all)}</option>
                                        {page.actions.into_iter().map(|(name, label)| {
                                            let selected = name == action;
                                            view! { <option value=name selected=selected>{label}</option> }
                                        }).collect_view()}
                                    </select>
                                </label>
                                {person.map(|id| view! { <input type="hidden" name="personne" value=id/> })}
                                <button type="submit" class=BUTTON>{td_string!(locale, admin_audit.filter)}</button>
                                {person.map(|id| view! {
                                    <p class="text-sm">{td_string!(locale, admin_audit.person_no, id).to_string()}<a class="underline" href="/admin/journal">{td_string!(locale, admin_audit.whole_log)}</a></p>
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
