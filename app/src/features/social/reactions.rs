//! "J'aime" and "Je veux y aller" on an offer: the count moves at once (optimistic), the
//! server's answer then sets the truth (or puts it back, with the reason, if refused).
//! The counts come with the page; the buttons and sharing are a lazy island, a file of
//! its own that only offer pages download.

use super::api::{offer_reactions, toggle_reaction};
use super::dto::ReactionsView;
use crate::i18n::td_string;
use crate::lang::{Locale, use_locale};
use leptos::prelude::*;

#[component]
pub fn Reactions(offer_id: i64, title: String) -> impl IntoView {
    let locale = use_locale();
    let loaded = Resource::new(move || (), move |_| offer_reactions(offer_id));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new({
                let title = title.clone();
                async move {
                    let initial = loaded.await.ok();
                    view! { <ReactionButtons locale offer_id title initial/> }
                }
            })}
        </Suspense>
    }
}

/// The two reactions and the share button; `initial` is what the page was made with
/// (`None` if it could not be read: the buttons then wait for nothing and do nothing);
/// `locale`, the page's language, which it provides to what it holds.
#[island(lazy)]
fn ReactionButtons(
    locale: Locale,
    offer_id: i64,
    title: String,
    initial: Option<ReactionsView>,
) -> impl IntoView {
    crate::hydration::preload_island("reaction_buttons_loader");
    provide_context(locale);
    // What the page loaded, then the guess made while the server answers, then its answer.
    let state = RwSignal::new(initial);
    let message = RwSignal::new(None::<String>);
    let toggle = move |kind: &'static str| {
        let Some(before) = state.get_untracked() else {
            return;
        };
        let mut guess = before;
        match kind {
            "like" => {
                guess.liked = !before.liked;
                guess.likes += if guess.liked { 1 } else { -1 };
            }
            _ => {
                guess.wanted = !before.wanted;
                guess.wants += if guess.wanted { 1 } else { -1 };
            }
        }
        state.set(Some(guess));
        leptos::task::spawn_local(async move {
            match toggle_reaction(offer_id, kind.to_owned()).await {
                Ok(truth) => {
                    message.set(None);
                    state.set(Some(truth));
                }
                Err(error) => {
                    message.set(Some(error.message(locale)));
                    state.set(Some(before));
                }
            }
        });
    };
    let button = move |kind: &'static str, label: &'static str| {
        let pick = move |s: ReactionsView| {
            if kind == "like" {
                (s.liked, s.likes)
            } else {
                (s.wanted, s.wants)
            }
        };
        let pressed = move || state.get().is_some_and(|s| pick(s).0);
        let count = move || state.get().map_or(0, |s| pick(s).1);
        view! {
            <button type="button" on:click=move |_| toggle(kind) aria-pressed=move || pressed().to_string()
                data-testid=format!("react-{kind}")
                class="rounded-full px-3 py-1.5 text-sm font-semibold ring-1 ring-violet-200 aria-pressed:bg-violet-700 aria-pressed:text-white">
                {label} " " <span data-testid=format!("count-{kind}")>{count}</span>
            </button>
        }
    };
    view! {
        <div class="mt-3 flex flex-wrap items-center gap-2" data-testid="reactions">
            {button("like", td_string!(locale, social.like))} {button("want", td_string!(locale, social.want))}
            <super::ShareButton title/>
            {move || message.get().map(|m| view! { <p class="w-full text-sm text-red-700" role="alert">{m}</p> })}
        </div>
    }
}
