//! "J'aime" and "Je veux y aller" on an offer: the count moves at once (optimistic), the
//! server's answer then sets the truth (or puts it back, with the reason, if refused).

use super::api::{offer_reactions, toggle_reaction};
use super::dto::ReactionsView;
use leptos::prelude::*;

#[component]
pub fn Reactions(offer_id: i64) -> impl IntoView {
    let state = RwSignal::new(None::<ReactionsView>);
    let message = RwSignal::new(None::<String>);
    let loaded = Resource::new(move || (), move |_| offer_reactions(offer_id));
    Effect::new(move |_| {
        if let Some(Ok(view)) = loaded.get() {
            state.set(Some(view));
        }
    });
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
                    message.set(Some(error.to_string()));
                    state.set(Some(before));
                }
            }
        });
    };
    let button = move |kind: &'static str, label: &'static str| {
        let pressed = move || {
            state
                .get()
                .is_some_and(|s| if kind == "like" { s.liked } else { s.wanted })
        };
        let count = move || {
            state
                .get()
                .map_or(0, |s| if kind == "like" { s.likes } else { s.wants })
        };
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
            {button("like", "J'aime")}
            {button("want", "Je veux y aller")}
            {move || message.get().map(|m| view! { <p class="w-full text-sm text-red-700" role="alert">{m}</p> })}
        </div>
    }
}
