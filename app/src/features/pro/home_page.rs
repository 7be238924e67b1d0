//! `/pro/structures/:id`: the structure's home — its status, offers by state, bookings
//! this week and per week (an SVG bar chart), what the pass owes this year, and its team
//! (`team_section`).

use super::api::ChangeMember;
use super::api::load_dashboard_home;
use super::team_section::{TeamSection, team_resource};
use super::ui::{PartnerOnly, StructureTabs, badge, route_id};
use crate::components::ErrorView;
use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::{use_locale, words::singular};
use domain::pro::status::StructureStatus;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DashboardHomePage() -> impl IntoView {
    let locale = use_locale();
    let id = route_id();
    let home = Resource::new(
        move || id.get(),
        |id| async move { load_dashboard_home(id.ok_or(AppError::NotFound)?).await },
    );
    let change = ServerAction::<ChangeMember>::new();
    let team = team_resource(id, change);
    view! {
        <Title text=td_string!(locale, dashboard.title)/>
        <PartnerOnly>
            <section class="mx-auto max-w-5xl p-6">
                <Transition fallback=move || view! { <p class="text-gray-500">{td_string!(locale, common.loading)}</p> }>
                    <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                        {move || Suspend::new(async move {
                            home.await.map(|home| {
                                let structure_id = home.structure.id;
                                let pending = home.structure.status == StructureStatus::Pending;
                                view! {
                                    <div class="flex flex-wrap items-center gap-3">
                                        <h1 class="text-2xl font-bold text-gray-900">{home.structure.name.clone()}</h1>
                                        {badge(home.structure.status.as_str(), home.structure.status_label.clone())}
                                    </div>
                                    <StructureTabs structure_id current="accueil"/>
                                    {pending.then(|| view! {
                                        <p class="mt-4 rounded-lg bg-amber-50 p-3 text-amber-900" data-testid="pending-banner">
                                            {td_string!(locale, dashboard.pending)}
                                        </p>
                                    })}
                                    <div class="mt-6 grid gap-4 sm:grid-cols-3">
                                        <Stat label=td_string!(locale, dashboard.bookings_this_week) value=home.bookings_this_week.to_string() testid="stat-week"/>
                                        <Stat label=td_string!(locale, dashboard.to_reimburse) value=home.to_reimburse.clone() testid="stat-reimburse"/>
                                        <div class="rounded-xl bg-white p-4 ring-1 ring-gray-200">
                                            <p class="text-sm text-gray-600">{td_string!(locale, dashboard.offers)}</p>
                                            {if home.offers_by_state.is_empty() {
                                                view! { <p class="mt-1 text-gray-700">{td_string!(locale, dashboard.no_offers)}</p> }.into_any()
                                            } else {
                                                view! {
                                                    <ul class="mt-1 text-sm">
                                                        {home.offers_by_state.iter().map(|(state, count)| view! {
                                                            <li class="flex justify-between"><span>{state.clone()}</span><span class="font-semibold">{*count}</span></li>
                                                        }).collect_view()}
                                                    </ul>
                                                }.into_any()
                                            }}
                                        </div>
                                    </div>
                                    <h2 class="mt-8 text-lg font-bold text-gray-900">{td_string!(locale, dashboard.per_week)}</h2>
                                    <WeeksChart weeks=home.weeks.clone()/>
                                }
                            })
                        })}
                    </ErrorBoundary>
                </Transition>
            </section>
            <TeamSection id team change/>
        </PartnerOnly>
    }
}

#[component]
fn Stat(label: &'static str, value: String, testid: &'static str) -> impl IntoView {
    view! {
        <div class="rounded-xl bg-white p-4 ring-1 ring-gray-200">
            <p class="text-sm text-gray-600">{label}</p>
            <p class="mt-1 text-3xl font-bold text-gray-900" data-testid=testid>{value}</p>
        </div>
    }
}

/// Bars of bookings per week, scaled to the busiest week, with an accessible table.
#[component]
fn WeeksChart(weeks: Vec<(String, i64)>) -> impl IntoView {
    let locale = use_locale();
    const WIDTH: f64 = 720.0;
    const HEIGHT: f64 = 160.0;
    let max = weeks.iter().map(|w| w.1).max().unwrap_or(0).max(1) as f64;
    let slot = WIDTH / weeks.len().max(1) as f64;
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, (label, count))| {
            let height = (*count as f64 / max) * (HEIGHT - 40.0);
            let x = i as f64 * slot + slot * 0.2;
            view! {
                <g>
                    <rect x=x y=HEIGHT - 20.0 - height width=slot * 0.6 height=height rx="3" class="fill-violet-600">
                        <title>{bar_title(locale, label, *count)}</title>
                    </rect>
                    <text x=x + slot * 0.3 y=HEIGHT - 24.0 - height text-anchor="middle" class="fill-gray-700 text-[11px]">{*count}</text>
                    <text x=x + slot * 0.3 y=HEIGHT - 4.0 text-anchor="middle" class="fill-gray-500 text-[10px]">{label.clone()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") class="mt-3 w-full rounded-xl bg-white p-2 ring-1 ring-gray-200" role="img"
            aria-label=td_string!(locale, dashboard.chart_label) data-testid="weeks-chart">
            {bars}
        </svg>
    }
}

/// A bar's tooltip: "Semaine du 07/12 : 3 réservations".
fn bar_title(locale: crate::lang::Locale, week: &str, count: i64) -> String {
    if singular(locale, count) {
        td_string!(locale, dashboard.week_one, week, count).to_string()
    } else {
        td_string!(locale, dashboard.week_many, week, count).to_string()
    }
}
