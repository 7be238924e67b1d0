//! A work queue of the admin pages (structures, identities, comments, offers to review):
//! loading, errors, the "nothing waiting" line and the list, written once; each page
//! says how an item looks.

use super::ErrorView;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

#[component]
pub fn Queue<T, V, F>(
    /// What waits, read again after each decision.
    items: Resource<Result<Vec<T>, AppError>>,
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
    view! {
        <Transition fallback=|| view! { <p class="mt-4 text-gray-500">"Chargement…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                {move || {
                    let item = item.clone();
                    Suspend::new(async move {
                        items.await.map(|list| if list.is_empty() {
                            view! { <p class="mt-4 text-gray-600" data-testid=empty_testid>{empty}</p> }.into_any()
                        } else {
                            view! { <ul class="mt-4 space-y-3">{list.into_iter().map(item).collect_view()}</ul> }.into_any()
                        })
                    })
                }}
            </ErrorBoundary>
        </Transition>
    }
}
