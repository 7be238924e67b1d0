//! `/admin/personnes`: finding a person by name, e-mail or birth date (the query is the
//! URL), 50 a page, each with a link to their page.

use super::api::find_people;
use super::dto::PersonLine;
use crate::components::form::{BUTTON, INPUT};
use crate::components::{ErrorView, NextPage};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PeopleSearchPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        let q = query.get();
        (
            q.get("q").unwrap_or_default(),
            q.get("apres").and_then(|after| after.parse::<i64>().ok()),
        )
    });
    let people = Resource::new(move || asked.get(), |(q, after)| find_people(q, after));
    view! {
        <Title text=td_string!(locale, admin_people.title)/>
        <section class="mx-auto max-w-4xl p-6">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, admin_people.heading)}</h1>
            <form method="get" class="mt-4 flex flex-wrap items-end gap-3" role="search" data-testid="people-search">
                <label class="min-w-64 flex-1 text-sm font-medium text-gray-700">{td_string!(locale, admin_people.query_label)}
                    <input name="q" type="search" class=INPUT value=move || asked.get().0/>
                </label>
                <button type="submit" class=BUTTON>{td_string!(locale, admin_people.search)}</button>
            </form>
            <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        people.await.map(|page| view! {
                            <p class="mt-4 text-sm text-gray-600" role="status" data-testid="people-count">{page.summary}</p>
                            <ul class="mt-2 divide-y divide-gray-200 rounded-xl bg-white ring-1 ring-gray-200">
                                {page.rows.into_iter().map(|person| view! { <Line person/> }).collect_view()}
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
fn Line(person: PersonLine) -> impl IntoView {
    let locale = use_locale();
    let PersonLine {
        email,
        role,
        birth_date: birth,
        identity,
        ..
    } = &person;
    let line = td_string!(locale, admin_people.line, email, role, birth, identity).to_string();
    view! {
        <li class="flex flex-wrap items-center justify-between gap-2 p-3" data-testid="person">
            <div>
                <a class="font-semibold text-violet-800 underline" href=format!("/admin/personnes/{}", person.id)>{person.name}</a>
                <p class="text-sm text-gray-600">{line}</p>
            </div>
            {person.suspended.then(|| view! {
                <span class="rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800">{td_string!(locale, admin_people.suspended)}</span>
            })}
        </li>
    }
}
