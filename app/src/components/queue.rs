//! A work queue of the admin pages (structures, identities, comments, offers to review):
//! loading, errors, the "nothing waiting" line, how many wait, the list and the next
//! page, written once; each page says how an item looks.

use super::{ErrorView, NextPage};
use crate::dto::QueuePage;
use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

#[component]
pub fn Queue<T, V, F>(
    /// A page of what waits, read again after each decision.
    items: Resource<Result<QueuePage<T>, AppError>>,
    /// Shown when nothing waits.
    empty: &'static str,
    /// The `data-testid` of that line.
    empty_testid: &'static str,
    /// One item, as an `<li>`.
    item: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let locale = use_locale();
    view! {
        <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                {move || {
                    let item = item.clone();
                    Suspend::new(async move {
                        items.await.map(|page| if page.rows.is_empty() {
                            view! { <p class="mt-4 text-gray-600" data-testid=empty_testid>{empty}</p> }.into_any()
                        } else {
                            view! {
                                <p class="mt-3 text-sm text-gray-600" role="status">{page.summary}</p>
                                <ul class="mt-2 space-y-3">{page.rows.into_iter().map(item).collect_view()}</ul>
                                <NextPage href=page.next/>
                            }.into_any()
                        })
                    })
                }}
            </ErrorBoundary>
        </Transition>
    }
}
