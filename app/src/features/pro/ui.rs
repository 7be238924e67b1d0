//! The dashboard's frame: who may see it, the tabs of a structure, status badges (its
//! forms use the shared kit, `crate::components::form`).

use crate::app::Auth;
use crate::components::form::{BUTTON, SECONDARY};
use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::use_locale;
use domain::account::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:id` of the route, if it is a number.
pub fn route_id() -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| params.get().get("id").and_then(|id| id.parse::<i64>().ok()))
}

/// Shows `children` to signed-in partners; others are told how to get in. Offline, the
/// partner the server last named still sees the page (its own lists say the network is
/// missing), not the pitch for visitors.
#[component]
pub fn PartnerOnly(children: ChildrenFn) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let locale = use_locale();
    let children = StoredValue::new(children);
    view! {
        <Transition fallback=move || view! { <p class="p-6 text-gray-500">{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match auth.shown().await {
                    Ok(Some(user)) if user.role == Role::Partner => children.read_value()().into_any(),
                    Ok(Some(_)) => view! {
                        <p class="p-6 text-red-700" role="alert">{AppError::Forbidden.message(locale)}</p>
                    }.into_any(),
                    _ => view! {
                        <div class="mx-auto max-w-xl p-6">
                            <h1 class="text-2xl font-bold text-gray-900">"Culture Pass Pro"</h1>
                            <p class="mt-2 text-gray-700">{td_string!(locale, pro.pitch)}</p>
                            <div class="mt-4 flex gap-3">
                                <a class=BUTTON href="/connexion?next=/pro">{td_string!(locale, common.sign_in)}</a>
                                <a class=SECONDARY href="/pro/inscription">{td_string!(locale, pro.create_partner_account)}</a>
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
    let locale = use_locale();
    let tabs = [
        (
            "accueil",
            td_string!(locale, pro.tab_home),
            format!("/pro/structures/{structure_id}"),
        ),
        (
            "lieux",
            td_string!(locale, pro.tab_venues),
            format!("/pro/structures/{structure_id}/lieux"),
        ),
        (
            "offres",
            td_string!(locale, pro.tab_offers),
            format!("/pro/structures/{structure_id}/offres"),
        ),
        (
            "reservations",
            td_string!(locale, pro.tab_bookings),
            format!("/pro/structures/{structure_id}/reservations"),
        ),
        (
            "remboursements",
            td_string!(locale, pro.tab_reimbursements),
            format!("/pro/structures/{structure_id}/remboursements"),
        ),
        (
            "paiements",
            td_string!(locale, pro.tab_payments),
            format!("/pro/structures/{structure_id}/paiements"),
        ),
        (
            "guichet",
            td_string!(locale, partner.counter),
            "/pro/guichet".to_owned(),
        ),
    ];
    view! {
        <nav aria-label=td_string!(locale, pro.partner_area) class="flex flex-wrap gap-1 border-b border-gray-200 text-sm">
            <a href="/pro" class="px-3 py-2 text-gray-500 hover:text-gray-900">{td_string!(locale, partner.my_structures)}</a>
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
