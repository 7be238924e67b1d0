//! The dashboard's frame and form pieces: who may see it, the tabs of a structure, and
//! inputs that show the server's message under the field it is about.

use crate::app::Auth;
use crate::error::AppError;
use domain::account::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

pub const INPUT: &str = "mt-1 w-full rounded-lg border border-gray-300 px-3 py-2";
pub const BUTTON: &str = "rounded-lg bg-violet-700 px-4 py-2 font-semibold text-white hover:bg-violet-800 disabled:opacity-50";
pub const SECONDARY: &str = "rounded-lg px-3 py-1.5 text-sm font-semibold text-violet-800 ring-1 ring-violet-200 hover:bg-violet-50";

/// The `:id` of the route, if it is a number.
pub fn route_id() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| params.get().get("id").and_then(|id| id.parse::<i64>().ok()))
}

/// Shows `children` to signed-in partners; others are told how to get in.
#[component]
pub fn PartnerOnly(children: ChildrenFn) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let children = StoredValue::new(children);
    view! {
        <Transition fallback=|| view! { <p class="p-6 text-gray-500">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(user)) if user.role == Role::Partner => children.read_value()().into_any(),
                    Ok(Some(_)) => view! {
                        <p class="p-6 text-red-700" role="alert">{AppError::Forbidden.to_string()}</p>
                    }.into_any(),
                    _ => view! {
                        <div class="mx-auto max-w-xl p-6">
                            <h1 class="text-2xl font-bold text-gray-900">"Culture Pass Pro"</h1>
                            <p class="mt-2 text-gray-700">"Publiez vos offres culturelles et accueillez les jeunes qui les réservent avec leur crédit."</p>
                            <div class="mt-4 flex gap-3">
                                <a class=BUTTON href="/connexion?next=/pro">"Se connecter"</a>
                                <a class=SECONDARY href="/pro/inscription">"Créer un compte partenaire"</a>
                            </div>
                        </div>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The tabs of a structure's dashboard.
#[component]
pub fn StructureTabs(structure_id: i64, current: &'static str) -> impl IntoView {
    let tabs = [
        (
            "accueil",
            "Accueil",
            format!("/pro/structures/{structure_id}"),
        ),
        (
            "lieux",
            "Lieux",
            format!("/pro/structures/{structure_id}/lieux"),
        ),
        (
            "offres",
            "Offres",
            format!("/pro/structures/{structure_id}/offres"),
        ),
        (
            "reservations",
            "Réservations",
            format!("/pro/structures/{structure_id}/reservations"),
        ),
        (
            "remboursements",
            "Remboursements",
            format!("/pro/structures/{structure_id}/remboursements"),
        ),
        ("guichet", "Guichet", "/pro/guichet".to_owned()),
    ];
    view! {
        <nav aria-label="Espace partenaire" class="flex flex-wrap gap-1 border-b border-gray-200 text-sm">
            <a href="/pro" class="px-3 py-2 text-gray-500 hover:text-gray-900">"Mes structures"</a>
            {tabs.into_iter().map(|(key, label, href)| {
                let class = if key == current {
                    "border-b-2 border-violet-700 px-3 py-2 font-semibold text-violet-800"
                } else {
                    "px-3 py-2 text-gray-700 hover:text-violet-800"
                };
                view! { <a href=href class=class aria-current=(key == current).then_some("page")>{label}</a> }
            }).collect_view()}
        </nav>
    }
}

/// The message of the last answer about `field`.
pub fn message_for<T>(
    action: ServerAction<T>,
    field: &'static str,
) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static
where
    T: leptos::server_fn::ServerFn<Error = AppError> + Send + Sync + Clone + 'static,
    T::Output: Send + Sync + Clone + 'static,
{
    move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .and_then(|e| e.field_message(field))
    }
}

/// A labelled input with its message.
#[component]
pub fn Input<M>(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] placeholder: &'static str,
    message: M,
) -> impl IntoView
where
    M: Fn() -> Option<String> + Send + Sync + 'static,
{
    let id = name.replace('[', "_").replace(']', "");
    view! {
        <div>
            <label for=id.clone() class="block text-sm font-medium text-gray-700">{label}</label>
            <input id=id.clone() name=name type=kind value=value required=required placeholder=placeholder class=INPUT/>
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

/// The error of the last answer that is not about one field.
pub fn general_error<T>(action: ServerAction<T>) -> impl IntoView
where
    T: leptos::server_fn::ServerFn<Error = AppError> + Send + Sync + Clone + 'static,
    T::Output: Send + Sync + Clone + 'static,
{
    move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| view! { <p class="rounded-lg bg-red-50 p-3 text-sm text-red-800" role="alert">{e.to_string()}</p> })
    }
}

/// A status badge.
pub fn badge(key: &str, label: String) -> impl IntoView + use<> {
    let colours = match key {
        "validated" | "publiee" | "used" => "bg-green-100 text-green-800",
        "pending" | "en-validation" | "brouillon" | "confirmed" => "bg-amber-100 text-amber-900",
        "rejected" | "refusee" | "cancelled" | "epuisee" => "bg-red-100 text-red-800",
        _ => "bg-gray-100 text-gray-800",
    };
    view! { <span class=format!("rounded-full px-2 py-0.5 text-xs font-semibold {colours}") data-testid="badge">{label}</span> }
}
