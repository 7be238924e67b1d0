//! The outbox, for administrators: the e-mails the service sent (or would send through
//! SMTP), newest first, 50 a page, all or those to one address, with how each delivery
//! stands, so a "forgot password" link works even with no mail server configured; then
//! every kind of mail written with sample data.

use super::api::{mail_samples, outbox};
use crate::components::form::{BUTTON, INPUT};
use crate::components::{ErrorView, NextPage};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        let q = query.get();
        (
            q.get("destinataire").unwrap_or_default(),
            q.get("apres").and_then(|after| after.parse::<i64>().ok()),
        )
    });
    let mails = Resource::new(move || asked.get(), |(to, after)| outbox(to, after));
    let samples = Resource::new(|| (), |_| mail_samples());
    view! {
        <Title text=td_string!(locale, admin_mails.title)/>
        <section class="mx-auto max-w-3xl p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, admin_mails.heading)}</h1>
            <form method="get" class="mt-4 flex flex-wrap items-end gap-3" role="search" data-testid="outbox-search">
                <label class="min-w-64 flex-1 text-sm font-medium text-gray-700">{td_string!(locale, admin_mails.recipient)}
                    <input name="destinataire" type="email" class=INPUT value=move || asked.get().0/>
                </label>
                <button type="submit" class=BUTTON>{td_string!(locale, admin_mails.search)}</button>
            </form>
            <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        mails.await.map(|page| view! {
                            <p class="mt-4 text-sm text-gray-600" role="status" data-testid="mails-count">{page.summary}</p>
                            <ul class="mt-2 space-y-3">
                                {page.rows.into_iter().map(|m| view! {
                                    <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="mail">
                                        <p class="text-sm text-gray-600">{m.date} {td_string!(locale, admin_mails.to)} <span data-testid="mail-recipient">{m.recipient}</span></p>
                                        <p class="font-semibold">{m.subject}</p>
                                        <p class="text-sm text-gray-600" data-testid="mail-delivery" data-status=m.status>{m.delivery}</p>
                                        <pre class="mt-2 whitespace-pre-wrap text-sm" data-testid="mail-body">{m.body}</pre>
                                    </li>
                                }).collect_view()}
                            </ul>
                            <NextPage href=page.next/>
                        })
                    })}
                </ErrorBoundary>
            </Transition>
            <h2 class="mt-8 text-xl font-bold text-gray-900">{td_string!(locale, admin_mails.templates)}</h2>
            <p class="mt-1 text-sm text-gray-600">{td_string!(locale, admin_mails.templates_intro)}</p>
            <Suspense fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        samples.await.map(|samples| view! {
                            <ul class="mt-4 space-y-3">
                                {samples.into_iter().map(|sample| view! {
                                    <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="mail-sample" data-kind=sample.kind.clone()>
                                        <details>
                                            <summary class="cursor-pointer font-semibold">{sample.subject}</summary>
                                            <pre class="mt-2 whitespace-pre-wrap text-sm">{sample.text}</pre>
                                            <a class="mt-2 inline-block text-indigo-700 underline" target="_blank" rel="noopener"
                                                href=format!("/admin/courriels/apercu/{}", sample.kind)>{td_string!(locale, admin_mails.html)}</a>
                                        </details>
                                    </li>
                                }).collect_view()}
                            </ul>
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </section>
    }
}
