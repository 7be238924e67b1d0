//! Following a venue (its new offers come first in "Mes lieux"): a form on the venue's
//! page, which is served as islands, so the browser sends it itself and the server
//! brings it back to the page with the new state (or the refusal, in `__err`).

use super::api::{FollowVenue, follows_venue};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;

#[component]
pub fn FollowButton(venue_id: i64) -> impl IntoView {
    let locale = use_locale();
    let follow = ServerAction::<FollowVenue>::new();
    let following = Resource::new(
        move || follow.version().get(),
        move |_| follows_venue(venue_id),
    );
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let on = following.await.unwrap_or(false);
                view! {
                    <ActionForm action=follow attr:class="mt-2">
                        <input type="hidden" name="venue_id" value=venue_id/>
                        <input type="hidden" name="follow" value=(!on).to_string()/>
                        <button type="submit" data-testid="follow-venue" aria-pressed=on.to_string()
                            class="rounded-full px-3 py-1.5 text-sm font-semibold text-violet-800 ring-1 ring-violet-200">
                            {if on { td_string!(locale, venue.following) } else { td_string!(locale, venue.follow) }}
                        </button>
                    </ActionForm>
                }
            })}
        </Transition>
        {move || follow.value().get().and_then(Result::err).map(|e| view! { <p class="text-sm text-red-700" role="alert">{e.message(locale)}</p> })}
    }
}
