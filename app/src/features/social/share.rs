//! Sharing an offer: the phone's share sheet (Web Share API) where there is one,
//! otherwise the link copied to the clipboard. Shared links open the server-rendered
//! offer page, whose OpenGraph tags give the preview. What is shared is the page's own
//! address, without its query or fragment.

use crate::components::browser_api::{call, copy_text, property};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[component]
pub fn ShareButton(title: String) -> impl IntoView {
    let locale = use_locale();
    let message = RwSignal::new(None::<&'static str>);
    let share = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        // The offer's own address: not where the page was scrolled to or which comments
        // it showed (`#avis`, `?tri=`), nor what a form sent left in it.
        let location = window.location();
        let url = format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
        let navigator: JsValue = window.navigator().into();
        let title = title.clone();
        leptos::task::spawn_local(async move {
            if property(&navigator, "share").is_some() {
                let data = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
                let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
                // Closing the share sheet is not an error worth telling.
                let _ = call(&navigator, "share", &data).await;
                return;
            }
            let copied = copy_text(&url).await;
            message.set(Some(if copied {
                td_string!(locale, social.link_copied)
            } else {
                td_string!(locale, social.copy_failed)
            }));
        });
    };
    view! {
        <button type="button" on:click=share data-testid="share"
            class="rounded-full px-3 py-1.5 text-sm font-semibold text-violet-800 ring-1 ring-violet-200">
            {td_string!(locale, social.share)}
        </button>
        {move || message.get().map(|m| view! { <span class="text-sm text-gray-700" role="status" data-testid="share-status">{m}</span> })}
    }
}
