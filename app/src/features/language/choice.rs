//! The choice of language on the profile page: a form the browser sends itself, so that
//! the answer (back to this page) renders it anew in the chosen language.

use super::api::ChooseLanguage;
use crate::i18n::td_string;
use crate::lang::{Locale, tag, use_locale};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_i18n::Locale as _;

#[component]
pub fn LanguageChoice() -> impl IntoView {
    let locale = use_locale();
    // Each language under its own name, as a reader of that language looks for it.
    let options = Locale::get_all()
        .iter()
        .map(|&option| {
            view! {
                <option value=tag(option) selected=option == locale>
                    {td_string!(option, language.own_name)}
                </option>
            }
        })
        .collect_view();
    view! {
        <h2 class="mt-8 text-lg font-semibold" id="langue">{td_string!(locale, language.heading)}</h2>
        <p class="mt-1 text-sm text-gray-600">{td_string!(locale, language.explanation)}</p>
        <form method="post" action=ChooseLanguage::url() class="mt-2 flex flex-wrap items-end gap-2" data-testid="language-choice">
            <label class="flex-1 text-sm font-medium text-gray-700">
                {td_string!(locale, language.label)}
                <select name="lang" class="mt-1 block min-h-11 w-full rounded-lg border border-gray-300 bg-white px-3 py-2">
                    {options}
                </select>
            </label>
            <button type="submit" class="min-h-11 rounded-lg bg-violet-700 px-4 py-2 font-semibold text-white">
                {td_string!(locale, language.choose)}
            </button>
        </form>
    }
}
