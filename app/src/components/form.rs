//! The form kit every form uses, the young person's and the partner's: labelled inputs
//! with the server's message under the field it is about, the message that is about no
//! field, checkboxes, and the button styles.

use crate::error::AppError;
use leptos::prelude::*;

pub const INPUT: &str = "mt-1 w-full rounded-lg border border-gray-300 px-3 py-2";
/// The main action of a form or a page.
pub const BUTTON: &str = "rounded-lg bg-violet-700 px-4 py-2 font-semibold text-white hover:bg-violet-800 disabled:opacity-50";
/// The main action of a narrow form, as wide as its column (phones).
pub const WIDE_BUTTON: &str = "w-full rounded-lg bg-violet-700 px-4 py-2 font-semibold text-white hover:bg-violet-800 disabled:opacity-50";
/// A second action beside the main one.
pub const SECONDARY: &str = "rounded-lg px-3 py-1.5 text-sm font-semibold text-violet-800 ring-1 ring-violet-200 hover:bg-violet-50";

/// A labelled input with its message. The id is the name's (brackets dropped) unless
/// given, and names the message for tests (`{id}-error`).
#[component]
pub fn Input<M>(
    label: &'static str,
    name: &'static str,
    #[prop(optional)] id: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] placeholder: &'static str,
    /// The message for this field, if the last answer had one.
    message: M,
) -> impl IntoView
where
    M: Fn() -> Option<String> + Send + Sync + 'static,
{
    let id = if id.is_empty() {
        name.replace('[', "_").replace(']', "")
    } else {
        id.to_owned()
    };
    let autocomplete = (!autocomplete.is_empty()).then_some(autocomplete);
    view! {
        <div>
            <label for=id.clone() class="block text-sm font-medium text-gray-700">{label}</label>
            <input id=id.clone() name=name type=kind value=value required=required placeholder=placeholder
                autocomplete=autocomplete class=INPUT/>
            {(!hint.is_empty()).then(|| view! { <p class="mt-1 text-xs text-gray-500">{hint}</p> })}
            <p class="mt-1 text-sm text-red-700" role="alert" data-testid=format!("{id}-error")>{message}</p>
        </div>
    }
}

/// A checkbox sending `true` when ticked (absent fields read as `false`).
#[component]
pub fn Check(
    label: &'static str,
    name: &'static str,
    #[prop(optional)] checked: bool,
) -> impl IntoView {
    view! {
        <label class="flex items-center gap-2 text-sm text-gray-800">
            <input type="checkbox" name=name value="true" checked=checked class="h-4 w-4"/>
            {label}
        </label>
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
    let locale = crate::lang::use_locale();
    move || {
        errors
            .get()
            .filter(|e| !matches!(e, AppError::Invalid { .. }))
            .map(|e| e.message(locale))
    }
}

/// The message of the last answer of `action` about `field`.
pub fn message_for<T>(
    action: ServerAction<T>,
    field: &'static str,
) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static
where
    T: leptos::server_fn::ServerFn<Error = AppError> + Send + Sync + Clone + 'static,
    T::Output: Send + Sync + Clone + 'static,
{
    move || last_error(action).and_then(|e| e.field_message(field))
}

/// The error of the last answer of `action` that is not about one field.
pub fn general_error<T>(action: ServerAction<T>) -> impl IntoView
where
    T: leptos::server_fn::ServerFn<Error = AppError> + Send + Sync + Clone + 'static,
    T::Output: Send + Sync + Clone + 'static,
{
    let locale = crate::lang::use_locale();
    move || {
        last_error(action).map(|e| view! { <p class="rounded-lg bg-red-50 p-3 text-sm text-red-800" role="alert">{e.message(locale)}</p> })
    }
}

/// Where a form is sent when the browser sends it itself (without JavaScript, or on a
/// page served as islands, app/src/hydration.rs), as a submit button's `formaction`: the
/// server function's address with `#<anchor>`. The server answers with the page the form
/// was on (its `Referer`), with the refusal in its address if there is one, and a
/// redirect without a fragment keeps the request's: the page comes back at the form.
/// The app, when it runs the page, sends the form itself and stays where it is.
pub fn back_to<F: leptos::server_fn::ServerFn>(anchor: &str) -> String {
    format!("{}#{anchor}", F::url())
}

/// The error of the last answer of `action`, if it failed.
pub fn last_error<T>(action: ServerAction<T>) -> Option<AppError>
where
    T: leptos::server_fn::ServerFn<Error = AppError> + Send + Sync + Clone + 'static,
    T::Output: Send + Sync + Clone + 'static,
{
    action.value().get().and_then(Result::err)
}
