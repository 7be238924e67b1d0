//! "Mes favoris".

use super::api::my_favorites;
use crate::components::ErrorView;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn FavoritesPage() -> impl IntoView {
    let locale = use_locale();
    let favorites = Resource::new(|| (), |_| my_favorites());
    view! {
        <Title text=td_string!(locale, favorites.title)/>
        <section class="mx-auto max-w-2xl p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, favorites.heading)}</h1>
            <Suspense fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        favorites.await.map(|list| {
                            if list.is_empty() {
                                view! { <p class="mt-4 text-gray-600">{td_string!(locale, favorites.none)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="mt-4 space-y-3">
                                        {list.into_iter().map(|f| view! {
                                            <li data-testid="favorite-offer">
                                                <a href=format!("/offres/{}", f.offer_id) class="block rounded-xl bg-white p-4 ring-1 ring-gray-200 hover:shadow-md">
                                                    <p class="text-xs font-medium uppercase tracking-wide text-violet-700">{f.category}</p>
                                                    <p class="font-semibold">{f.title}</p>
                                                    <p class="text-sm text-gray-600">{f.venue}</p>
                                                </a>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </section>
    }
}
