//! Where someone was going before signing in or up (`?next=`): carried by the forms,
//! so that they come back to it (an offer to book). Only a path of this site; the server
//! checks it again.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The page's `?next=`, if it is a path of this site; empty otherwise.
pub fn use_next_path() -> Signal<String> {
    let query = use_query_map();
    Signal::derive(move || {
        query
            .get()
            .get("next")
            .and_then(|next| domain::text::same_site_path(&next))
            .unwrap_or_default()
    })
}

/// `path`, carrying `next` along when there is one.
pub fn with_next(path: &str, next: &str) -> String {
    if next.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?next={}", domain::search::encode_component(next))
    }
}
