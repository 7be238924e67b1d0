//! The heart of an offer page: a form (so it works without JavaScript) whose state
//! follows the server's answer.

use super::api::{ToggleFavorite, is_favorite};
use leptos::prelude::*;

#[component]
pub fn FavoriteButton(offer_id: i64) -> impl IntoView {
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
            .map(|e| e.to_string())
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
                            {if on { "♥ Dans mes favoris" } else { "♡ Ajouter aux favoris" }}
                        </button>
                    }
                })}
            </Transition>
            <p class="text-sm text-red-700" role="alert">{error}</p>
        </ActionForm>
    }
}
