//! `/mes-lieux`: the offers of the venues the person follows, newest first.

use super::api::followed_offers;
use crate::components::{ErrorView, OfferCardView};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn FollowedPage() -> impl IntoView {
    let locale = use_locale();
    let offers = Resource::new(|| (), |_| followed_offers());
    view! {
        <Title text=td_string!(locale, followed.title)/>
        <section class="mx-auto max-w-3xl p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, followed.heading)}</h1>
            <p class="mt-1 text-gray-600">{td_string!(locale, followed.intro)}</p>
            <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors page=true/> }>
                    {move || Suspend::new(async move {
                        offers.await.map(|list| if list.is_empty() {
                            view! { <p class="mt-4 text-gray-600" data-testid="no-followed">{td_string!(locale, followed.none)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="mt-4 grid gap-3 sm:grid-cols-2" data-testid="followed-offers">
                                    {list.into_iter().map(|offer| view! { <li><OfferCardView offer/></li> }).collect_view()}
                                </ul>
                            }.into_any()
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
