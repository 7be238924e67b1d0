//! The link to the next page of a list read a page at a time (by keyset: the server
//! gives the link, or none on the last page), and the cursor the page reads back from its
//! address.

use crate::components::form::SECONDARY;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The cursor `name` of the page's address (`?apres=42`), if it is a number.
pub fn query_cursor(name: &'static str) -> Memo<Option<i64>> {
    let query = use_query_map();
    Memo::new(move |_| query.get().get(name).and_then(|id| id.parse::<i64>().ok()))
}

#[component]
pub fn NextPage(href: Option<String>) -> impl IntoView {
    let locale = use_locale();
    href.map(|href| {
        view! {
            <nav class="mt-4" aria-label="Pages"><a class=SECONDARY href=href>{td_string!(locale, common.next_page)}</a></nav>
        }
    })
}
