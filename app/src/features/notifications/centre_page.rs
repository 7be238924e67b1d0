//! `/notifications`: what happened to the young person's bookings and credit, newest
//! first, each opening its ticket (or the wallet). Once the list is on the screen (in the
//! browser: never a server rendering, a prefetch or a copy kept offline) they are read:
//! the ones new to this visit keep their mark, and the header's count starts again from
//! zero.

use crate::app::Auth;
use crate::components::ErrorView;
use crate::features::notifications::api::ReadNotifications;
use crate::features::notifications::api::my_notifications;
use crate::features::notifications::dto::NoticeView;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let locale = use_locale();
    let notices = Resource::new(|| (), |_| my_notifications());
    let auth = expect_context::<Auth>();
    Effect::new(move || {
        let newest = notices.get().and_then(Result::ok).and_then(|list| {
            let any_unread = list.iter().any(|notice| notice.unread);
            list.first().filter(|_| any_unread).map(|notice| notice.id)
        });
        if let Some(up_to) = newest {
            auth.read.dispatch(ReadNotifications { up_to });
        }
    });
    view! {
        <Title text=td_string!(locale, notice.title)/>
        <section class="mx-auto max-w-2xl p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, notice.heading)}</h1>
            <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors page=true/> }>
                    {move || Suspend::new(async move {
                        notices.await.map(|list| if list.is_empty() {
                            view! {
                                <p class="mt-4 text-gray-600" data-testid="no-notifications">
                                    {td_string!(locale, notice.none)}
                                </p>
                            }.into_any()
                        } else {
                            view! {
                                <ul class="mt-4 divide-y divide-gray-200 rounded-lg bg-white shadow-sm" data-testid="notifications">
                                    {list.into_iter().map(|notice| view! { <Notice notice/> }).collect_view()}
                                </ul>
                            }.into_any()
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

/// One notification: a link to what it is about, a dot when it is new.
#[component]
fn Notice(notice: NoticeView) -> impl IntoView {
    let NoticeView {
        title,
        about,
        when,
        link,
        unread,
        ..
    } = notice;
    let locale = use_locale();
    let dot = if unread {
        "mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full bg-violet-700"
    } else {
        "mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full"
    };
    view! {
        <li>
            <a href=link class="flex items-start gap-3 p-4 hover:bg-gray-50" data-testid="notification"
                data-unread=unread.then_some("true")>
                <span class=dot aria-hidden="true"></span>
                <span class="min-w-0 flex-1">
                    <span class="block font-semibold text-gray-900">
                        {title}
                        {unread.then(|| view! { <span class="sr-only">{td_string!(locale, notice.unread)}</span> })}
                    </span>
                    {about.map(|about| view! { <span class="block truncate text-gray-700">{about}</span> })}
                    <span class="block text-sm text-gray-500">{when}</span>
                </span>
            </a>
        </li>
    }
}
