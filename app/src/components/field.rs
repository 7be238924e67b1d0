//! A labelled form input with the server's message for it, as every form here shows
//! them: the message sits under the field it is about.

use crate::error::AppError;
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

/// The message of the last answer for one field of a form.
pub fn field_message(
    errors: Signal<Option<AppError>>,
    field: &'static str,
) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static {
    move || errors.get().and_then(|e| e.field_message(field))
}

/// The message of the last answer that is not about one field (wrong password, too
/// many attempts, an internal error).
pub fn general_message(
    errors: Signal<Option<AppError>>,
) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static {
    move || {
        errors
            .get()
            .filter(|e| !matches!(e, AppError::Invalid { .. }))
            .map(|e| e.to_string())
    }
}
