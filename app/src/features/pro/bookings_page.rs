//! `/pro/structures/:id/reservations`: the structure's bookings, filtered by venue,
//! offer, status, booking period and event day (the filters are the URL), 50 a page by
//! keyset, and the CSV export of what the filters select.

use super::api::structure_bookings;
use super::dto::BookingQuery;
use super::ui::{PartnerOnly, StructureTabs, badge, route_id};
use crate::components::form::{BUTTON, INPUT, SECONDARY};
use crate::components::{ErrorView, NextPage};
use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::{pro::booking_status, use_locale};
use domain::ticket::BookingStatus;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const STATUSES: [BookingStatus; 4] = [
    BookingStatus::Confirmed,
    BookingStatus::Used,
    BookingStatus::Cancelled,
    BookingStatus::Reimbursed,
];

#[component]
pub fn BookingsPage() -> impl IntoView {
    let locale = use_locale();
    let id = route_id();
    let query = use_query_map();
    let filters = Memo::new(move |_| {
        let q = query.get();
        let get = |key: &str| q.get(key).unwrap_or_default();
        BookingQuery {
            lieu: get("lieu"),
            offre: get("offre"),
            statut: get("statut"),
            du: get("du"),
            au: get("au"),
            evenement: get("evenement"),
            apres: get("apres"),
        }
    });
    let bookings = Resource::new(
        move || (id.get(), filters.get()),
        |(id, query)| async move { structure_bookings(id.ok_or(AppError::NotFound)?, query).await },
    );
    view! {
        <Title text=td_string!(locale, pro_bookings.title)/>
        <PartnerOnly>
            <section class="mx-auto max-w-6xl p-6">
                <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, pro_bookings.heading)}</h1>
                {move || id.get().map(|structure_id| view! { <StructureTabs structure_id current="reservations"/> })}
                <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                    <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                        {move || Suspend::new(async move {
                            let f = filters.get_untracked();
                            bookings.await.map(|page| {
                                let structure_id = id.get_untracked().unwrap_or_default();
                                view! {
                                    <form method="get" class="mt-4 grid gap-3 md:grid-cols-6" data-testid="booking-filters">
                                        <label class="text-sm">{td_string!(locale, pro_bookings.venue)}
                                            <select name="lieu" class=INPUT>
                                                <option value="">{td_string!(locale, pro_bookings.any_venue)}</option>
                                                {page.venues.iter().map(|v| view! { <option value=v.id selected=f.lieu == v.id.to_string()>{v.name.clone()}</option> }).collect_view()}
                                            </select>
                                        </label>
                                        <label class="text-sm">{td_string!(locale, pro_bookings.offer)}
                                            <select name="offre" class=INPUT>
                                                <option value="">{td_string!(locale, pro_bookings.any_offer)}</option>
                                                {page.offers.iter().map(|(oid, title)| view! { <option value=*oid selected=f.offre == oid.to_string()>{title.clone()}</option> }).collect_view()}
                                            </select>
                                        </label>
                                        <label class="text-sm">{td_string!(locale, pro_bookings.status)}
                                            <select name="statut" class=INPUT>
                                                <option value="">{td_string!(locale, pro_bookings.any_status)}</option>
                                                {STATUSES.iter().map(|s| view! { <option value=s.as_str() selected=f.statut == s.as_str()>{booking_status(locale, *s)}</option> }).collect_view()}
                                            </select>
                                        </label>
                                        <label class="text-sm">{td_string!(locale, pro_bookings.booked_from)}<input type="date" name="du" value=f.du.clone() class=INPUT/></label>
                                        <label class="text-sm">{td_string!(locale, pro_bookings.booked_until)}<input type="date" name="au" value=f.au.clone() class=INPUT/></label>
                                        <label class="text-sm">{td_string!(locale, pro_bookings.event_date)}<input type="date" name="evenement" value=f.evenement.clone() class=INPUT/></label>
                                        <div class="md:col-span-6 flex gap-3">
                                            <button type="submit" class=BUTTON>{td_string!(locale, pro_bookings.filter)}</button>
                                            <a class=SECONDARY href=format!("/pro/structures/{structure_id}/reservations.csv?{}", page.query) download data-testid="export-csv">{td_string!(locale, pro_bookings.export)}</a>
                                        </div>
                                    </form>
                                    <p class="mt-4 text-sm text-gray-600" data-testid="bookings-count">{page.summary}</p>
                                    {if page.bookings.is_empty() {
                                        view! { <p class="mt-6 text-gray-600" data-testid="no-bookings">{td_string!(locale, pro_bookings.none)}</p> }.into_any()
                                    } else {
                                        view! {
                                            <table class="pro-table mt-4 w-full text-left text-sm" data-testid="bookings">
                                                <thead class="text-gray-600"><tr>
                                                    <th class="py-2">{td_string!(locale, pro_bookings.token_code)}</th><th>{td_string!(locale, pro_bookings.offer)}</th>
                                                    <th>{td_string!(locale, pro_bookings.beneficiary)}</th><th>{td_string!(locale, pro_bookings.places)}</th>
                                                    <th>{td_string!(locale, pro_bookings.amount)}</th><th>{td_string!(locale, pro_bookings.event_date)}</th>
                                                    <th>{td_string!(locale, pro_bookings.booked_on)}</th><th>{td_string!(locale, pro_bookings.status)}</th>
                                                </tr></thead>
                                                <tbody>
                                                    {page.bookings.into_iter().map(|b| view! {
                                                        <tr class="border-t border-gray-200" data-testid="booking-row">
                                                            <td class="py-2 font-mono">{b.token}{b.activation_code.map(|code| view! {
                                                                <p class="text-xs text-gray-600" data-testid="booking-code">{code}</p>
                                                            })}</td>
                                                            <td>{b.offer_title}<p class="text-xs text-gray-500">{b.venue_name}</p></td>
                                                            <td>{b.beneficiary}<p class="text-xs text-gray-500">{b.email}</p></td>
                                                            <td>{b.quantity}</td>
                                                            <td>{b.amount}</td>
                                                            <td>{b.event_date}</td>
                                                            <td>{b.booked_at}</td>
                                                            <td>{badge(b.status.as_str(), b.status_label)}</td>
                                                        </tr>
                                                    }).collect_view()}
                                                </tbody>
                                            </table>
                                        }.into_any()
                                    }}
                                    <NextPage href=page.next/>
                                }
                            })
                        })}
                    </ErrorBoundary>
                </Transition>
            </section>
        </PartnerOnly>
    }
}
