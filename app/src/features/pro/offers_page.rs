//! `/pro/structures/:id/offres`: the structure's offers, filtered by state and venue
//! (the filters are the URL), 50 a page, and `/pro/structures/:id/offres/nouvelle`: the first step
//! of a new offer, a form that adapts to the chosen subcategory.

use super::api::{CreateOffer, structure_offers, structure_venues};
use super::ui::{PartnerOnly, StructureTabs, badge, route_id};
use crate::components::form::{BUTTON, Check, INPUT, Input, general_error, message_for};
use crate::components::{ErrorView, NextPage};
use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::{catalogue, use_locale};
use domain::catalogue::{Platform, SUBCATEGORIES, subcategory};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn OffersPage() -> impl IntoView {
    let locale = use_locale();
    let id = route_id();
    let query = use_query_map();
    let offers = Resource::new(
        move || {
            let q = query.get();
            (
                id.get(),
                q.get("lieu").and_then(|v| v.parse::<i64>().ok()),
                q.get("etat"),
                q.get("apres").and_then(|v| v.parse::<i64>().ok()),
            )
        },
        |(id, venue, state, after)| async move {
            structure_offers(id.ok_or(AppError::NotFound)?, venue, state, after).await
        },
    );
    let selected =
        move |key: &'static str, value: String| query.get().get(key).is_some_and(|v| v == value);
    view! {
        <Title text=td_string!(locale, pro_offers.title)/>
        <PartnerOnly>
            <section class="mx-auto max-w-5xl p-6">
                <div class="flex items-center justify-between">
                    <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, pro_offers.heading)}</h1>
                    {move || id.get().map(|s| view! { <a class=BUTTON href=format!("/pro/structures/{s}/offres/nouvelle")>{td_string!(locale, pro_offers.create)}</a> })}
                </div>
                {move || id.get().map(|structure_id| view! { <StructureTabs structure_id current="offres"/> })}
                <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                    <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                        {move || Suspend::new(async move {
                            offers.await.map(|list| view! {
                                <form method="get" class="mt-4 flex flex-wrap items-end gap-3" data-testid="offer-filters">
                                    <label class="text-sm">{td_string!(locale, pro_offers.state)}
                                        <select name="etat" class=INPUT>
                                            <option value="">{td_string!(locale, pro_offers.all)}</option>
                                            {list.states.iter().map(|(key, label)| view! {
                                                <option value=key.clone() selected=selected("etat", key.clone())>{label.clone()}</option>
                                            }).collect_view()}
                                        </select>
                                    </label>
                                    <label class="text-sm">{td_string!(locale, pro_offers.venue)}
                                        <select name="lieu" class=INPUT>
                                            <option value="">{td_string!(locale, pro_offers.all)}</option>
                                            {list.venues.iter().map(|v| view! {
                                                <option value=v.id selected=selected("lieu", v.id.to_string())>{v.name.clone()}</option>
                                            }).collect_view()}
                                        </select>
                                    </label>
                                    <button type="submit" class=BUTTON>{td_string!(locale, pro_offers.filter)}</button>
                                </form>
                                <p class="mt-4 text-sm text-gray-600" data-testid="offers-count">{list.summary}</p>
                                {if list.offers.is_empty() {
                                    view! { <p class="mt-6 text-gray-600" data-testid="no-offers">{td_string!(locale, pro_offers.none_match)}</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="pro-table mt-4 w-full text-left text-sm" data-testid="offers">
                                            <thead class="text-gray-600"><tr>
                                                <th class="py-2">{td_string!(locale, pro_offers.offer)}</th>
                                                <th>{td_string!(locale, pro_offers.venue)}</th>
                                                <th>{td_string!(locale, pro_offers.state)}</th>
                                                <th>{td_string!(locale, pro_offers.next_date)}</th>
                                                <th>{td_string!(locale, pro_offers.stocks)}</th>
                                                <th>{td_string!(locale, pro_offers.booked)}</th>
                                            </tr></thead>
                                            <tbody>
                                                {list.offers.into_iter().map(|o| view! {
                                                    <tr class="border-t border-gray-200">
                                                        <td class="py-2">
                                                            <a class="font-medium text-violet-800 hover:underline" href=format!("/pro/offres/{}", o.id)>{o.title}</a>
                                                            <p class="text-xs text-gray-500">{o.category}</p>
                                                        </td>
                                                        <td>{o.venue_name}</td>
                                                        <td>{badge(&o.state_key, o.state_label)}</td>
                                                        <td>{o.next_date.unwrap_or_else(|| "—".into())}</td>
                                                        <td>{o.stocks}</td>
                                                        <td>{o.booked}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                        <NextPage href=list.next/>
                                    }.into_any()
                                }}
                            })
                        })}
                    </ErrorBoundary>
                </Transition>
            </section>
        </PartnerOnly>
    }
}

#[component]
pub fn NewOfferPage() -> impl IntoView {
    let locale = use_locale();
    let id = route_id();
    let create = ServerAction::<CreateOffer>::new();
    let venues = Resource::new(
        move || id.get(),
        |id| async move { structure_venues(id.ok_or(AppError::NotFound)?).await },
    );
    let chosen = RwSignal::new(String::new());
    let current = move || subcategory(&chosen.get());
    let online = move || current().is_some_and(|s| s.platform == Platform::Online);
    let duo = move || current().is_some_and(|s| s.can_be_duo);
    let field = move |name: &'static str| message_for(create, name);
    view! {
        <Title text=td_string!(locale, editor.new_title)/>
        <PartnerOnly>
            <section class="mx-auto max-w-3xl p-6">
                <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, editor.new_heading)}</h1>
                {move || id.get().map(|structure_id| view! { <StructureTabs structure_id current="offres"/> })}
                <ol class="mt-4 flex gap-4 text-sm text-gray-600">
                    <li class="font-semibold text-violet-800">{td_string!(locale, editor.step_category)}</li>
                    <li>{td_string!(locale, editor.step_details)}</li>
                    <li>{td_string!(locale, editor.step_stocks)}</li>
                    <li>{td_string!(locale, editor.step_publication)}</li>
                </ol>
                <ActionForm action=create attr:class="mt-4 space-y-4" attr:data-testid="offer-form">
                    <div>
                        <label for="subcategory" class="block text-sm font-medium text-gray-700">{td_string!(locale, editor.category)}</label>
                        <select id="subcategory" name="offer[subcategory]" required class=INPUT
                            on:change=move |ev| chosen.set(event_target_value(&ev))>
                            <option value="">{td_string!(locale, editor.choose)}</option>
                            {SUBCATEGORIES.iter().map(|s| view! { <option value=s.id>{catalogue::subcategory(locale, s.id)}</option> }).collect_view()}
                        </select>
                        <p class="mt-1 text-sm text-red-700" role="alert">{field("subcategory")}</p>
                        {move || current().map(|s| view! {
                            <p class="mt-1 text-sm text-gray-600" data-testid="subcategory-hint">{
                                match (s.is_event, s.platform == Platform::Online) {
                                    (true, _) => td_string!(locale, editor.hint_event),
                                    (false, true) => td_string!(locale, editor.hint_digital),
                                    (false, false) => td_string!(locale, editor.hint_thing),
                                }
                            }</p>
                        })}
                    </div>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            venues.await.map(|list| view! {
                                <div>
                                    <label for="venue_id" class="block text-sm font-medium text-gray-700">{td_string!(locale, editor.venue)}</label>
                                    <select id="venue_id" name="venue_id" required class=INPUT>
                                        {list.into_iter().map(|v| {
                                            let name = if v.is_virtual {
                                                let name = v.name;
                                                td_string!(locale, editor.digital_venue, name).to_string()
                                            } else {
                                                v.name
                                            };
                                            view! { <option value=v.id>{name}</option> }
                                        }).collect_view()}
                                    </select>
                                    <p class="mt-1 text-sm text-red-700" role="alert">{field("venue_id")}</p>
                                </div>
                            })
                        })}
                    </Transition>
                    <Input label=td_string!(locale, editor.title_at_most) name="offer[title]" required=true message=field("title")/>
                    <div>
                        <label for="description" class="block text-sm font-medium text-gray-700">{td_string!(locale, editor.description)}</label>
                        <textarea id="description" name="offer[description]" rows="4" class=INPUT></textarea>
                        <p class="mt-1 text-sm text-red-700" role="alert">{field("description")}</p>
                    </div>
                    <Input label=td_string!(locale, editor.artist) name="offer[artist]" message=field("artist")/>
                    // Fields the chosen subcategory does not take are hidden and not sent.
                    <fieldset class:hidden=move || !online() prop:disabled=move || !online()>
                        <Input label=td_string!(locale, editor.offer_url) name="offer[url]" kind="url" placeholder="https://" message=field("url")/>
                    </fieldset>
                    <fieldset class:hidden=move || !duo() prop:disabled=move || !duo()>
                        <Check label=td_string!(locale, editor.duo_two_places) name="offer[is_duo]"/>
                        <p class="text-sm text-red-700" role="alert">{field("is_duo")}</p>
                    </fieldset>
                    <Input label=td_string!(locale, editor.withdrawal) name="offer[withdrawal_details]" message=field("withdrawal_details")/>
                    <Input label=td_string!(locale, editor.booking_contact) name="offer[booking_contact]" kind="email" message=field("booking_contact")/>
                    <Input label=td_string!(locale, editor.publication_date_empty) name="offer[publication_date]" kind="date" message=field("publication_date")/>
                    <fieldset class="space-y-1">
                        <legend class="text-sm font-medium text-gray-700">{td_string!(locale, offer.accessibility)}</legend>
                        <Check label=td_string!(locale, offer.hearing) name="offer[accessibility][audio]"/>
                        <Check label=td_string!(locale, offer.mental) name="offer[accessibility][mental]"/>
                        <Check label=td_string!(locale, offer.motor) name="offer[accessibility][motor]"/>
                        <Check label=td_string!(locale, offer.visual) name="offer[accessibility][visual]"/>
                    </fieldset>
                    {general_error(create)}
                    <button type="submit" class=BUTTON disabled=move || create.pending().get()>{td_string!(locale, editor.save_draft)}</button>
                </ActionForm>
            </section>
        </PartnerOnly>
    }
}
