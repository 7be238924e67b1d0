//! The heart of an offer page: a form (so it works without JavaScript) whose state
//! follows the server's answer.

use super::api::{ToggleFavorite, is_favorite};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;

#[component]
pub fn FavoriteButton(offer_id: i64) -> impl IntoView {
    let locale = use_locale();
    let toggle = ServerAction::<ToggleFavorite>::new();
    let state = Resource::new(
        move || toggle.version().get(),
        move |_| is_favorite(offer_id),
    );
    let error = move || {
        toggle
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.message(locale))
    };
    view! {
        <ActionForm action=toggle attr:class="mt-3">
            <input type="hidden" name="offer_id" value=offer_id/>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let on = matches!(state.await, Ok(true));
                    view! {
                        <button type="submit" aria-pressed=if on { "true" } else { "false" } data-testid="favorite"
                            class="rounded-full px-3 py-1 text-sm font-medium ring-1 ring-rose-300 text-rose-700 hover:bg-rose-50">
                            {if on { td_string!(locale, social.on_favorites) } else { td_string!(locale, social.add_favorite) }}
                        </button>
                    }
                })}
            </Transition>
            <p class="text-sm text-red-700" role="alert">{error}</p>
        </ActionForm>
    }
}

/// The heart in the corner of an offer card. `on` is `None` for visitors (no heart).
#[component]
pub fn CardHeart(
    offer_id: i64,
    on: Option<bool>,
    toggle: ServerAction<ToggleFavorite>,
) -> impl IntoView {
    let locale = use_locale();
    on.map(|on| {
        view! {
            <ActionForm action=toggle attr:class="absolute right-2 top-2">
                <input type="hidden" name="offer_id" value=offer_id/>
                <button type="submit" aria-pressed=if on { "true" } else { "false" } data-testid="card-favorite"
                    aria-label=if on { td_string!(locale, social.remove_favorite_label) } else { td_string!(locale, social.add_favorite_label) }
                    class="rounded-full bg-white/90 px-2 py-1 text-lg leading-none text-rose-600 shadow ring-1 ring-rose-200">
                    {if on { "♥" } else { "♡" }}
                </button>
            </ActionForm>
        }
    })
}
