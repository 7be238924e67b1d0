//! A labelled form input with the server's message for it, as every form here shows
//! them: the message sits under the field it is about.

use leptos::prelude::*;

const INPUT: &str = "mt-1 w-full rounded-lg border border-gray-300 px-3 py-2";

#[component]
pub fn Field<M>(
    label: &'static str,
    id: &'static str,
    name: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    /// The message for this field, if the last answer had one.
    message: M,
) -> impl IntoView
where
    M: Fn() -> Option<String> + Send + Sync + 'static,
{
    view! {
        <div>
            <label for=id class="block text-sm font-medium text-gray-700">{label}</label>
            <input id=id name=name type=kind autocomplete=autocomplete required class=INPUT/>
            <p class="mt-1 text-sm text-red-700" role="alert" data-testid=format!("{id}-error")>{message}</p>
        </div>
    }
}
