//! `/pro/structures/:id/offres`: the structure's offers, filtered by state and venue
//! (the filters are the URL), 50 a page, and `/pro/structures/:id/offres/nouvelle`: the first step
//! of a new offer, a form that adapts to the chosen subcategory.

use super::api::{CreateOffer, structure_offers, structure_venues};
use super::ui::{PartnerOnly, StructureTabs, badge, route_id};
use crate::components::form::{BUTTON, Check, INPUT, Input, general_error, message_for};
use crate::components::{ErrorView, NextPage};
use crate::error::AppError;
use domain::catalogue::{Platform, SUBCATEGORIES, subcategory};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn OffersPage() -> impl IntoView {
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
        <Title text="Offres — Culture Pass Pro"/>
        <PartnerOnly>
            <section class="mx-auto max-w-5xl p-6">
                <div class="flex items-center justify-between">
                    <h1 class="text-2xl font-bold text-gray-900">"Offres"</h1>
                    {move || id.get().map(|s| view! { <a class=BUTTON href=format!("/pro/structures/{s}/offres/nouvelle")>"Créer une offre"</a> })}
                </div>
                {move || id.get().map(|structure_id| view! { <StructureTabs structure_id current="offres"/> })}
                <Transition fallback=|| view! { <p class="mt-4 text-gray-500">"Chargement…"</p> }>
                    <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                        {move || Suspend::new(async move {
                            offers.await.map(|list| view! {
                                <form method="get" class="mt-4 flex flex-wrap items-end gap-3" data-testid="offer-filters">
                                    <label class="text-sm">"État"
                                        <select name="etat" class=INPUT>
                                            <option value="">"Tous"</option>
                                            {list.states.iter().map(|(key, label)| view! {
                                                <option value=key.clone() selected=selected("etat", key.clone())>{label.clone()}</option>
                                            }).collect_view()}
                                        </select>
                                    </label>
                                    <label class="text-sm">"Lieu"
                                        <select name="lieu" class=INPUT>
                                            <option value="">"Tous"</option>
                                            {list.venues.iter().map(|v| view! {
                                                <option value=v.id selected=selected("lieu", v.id.to_string())>{v.name.clone()}</option>
                                            }).collect_view()}
                                        </select>
                                    </label>
                                    <button type="submit" class=BUTTON>"Filtrer"</button>
                                </form>
                                <p class="mt-4 text-sm text-gray-600" data-testid="offers-count">{list.summary}</p>
                                {if list.offers.is_empty() {
                                    view! { <p class="mt-6 text-gray-600" data-testid="no-offers">"Aucune offre ne correspond."</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="pro-table mt-4 w-full text-left text-sm" data-testid="offers">
                                            <thead class="text-gray-600"><tr><th class="py-2">"Offre"</th><th>"Lieu"</th><th>"État"</th><th>"Prochaine date"</th><th>"Stocks"</th><th>"Réservées"</th></tr></thead>
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
        <Title text="Nouvelle offre — Culture Pass Pro"/>
        <PartnerOnly>
            <section class="mx-auto max-w-3xl p-6">
                <h1 class="text-2xl font-bold text-gray-900">"Nouvelle offre"</h1>
                {move || id.get().map(|structure_id| view! { <StructureTabs structure_id current="offres"/> })}
                <ol class="mt-4 flex gap-4 text-sm text-gray-600">
                    <li class="font-semibold text-violet-800">"1. Catégorie et lieu"</li>
                    <li>"2. Détails"</li>
                    <li>"3. Tarifs, dates et stocks"</li>
                    <li>"4. Publication"</li>
                </ol>
                <ActionForm action=create attr:class="mt-4 space-y-4" attr:data-testid="offer-form">
                    <div>
                        <label for="subcategory" class="block text-sm font-medium text-gray-700">"Catégorie"</label>
                        <select id="subcategory" name="offer[subcategory]" required class=INPUT
                            on:change=move |ev| chosen.set(event_target_value(&ev))>
                            <option value="">"Choisir…"</option>
                            {SUBCATEGORIES.iter().map(|s| view! { <option value=s.id>{s.label}</option> }).collect_view()}
                        </select>
                        <p class="mt-1 text-sm text-red-700" role="alert">{field("subcategory")}</p>
                        {move || current().map(|s| view! {
                            <p class="mt-1 text-sm text-gray-600" data-testid="subcategory-hint">{
                                match (s.is_event, s.platform == Platform::Online) {
                                    (true, _) => "Un événement : vous ajouterez ses tarifs puis ses dates.",
                                    (false, true) => "Une offre numérique : elle se rattache à votre lieu numérique, avec son adresse web.",
                                    (false, false) => "Un bien ou un service : vous indiquerez son prix et sa quantité.",
                                }
                            }</p>
                        })}
                    </div>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            venues.await.map(|list| view! {
                                <div>
                                    <label for="venue_id" class="block text-sm font-medium text-gray-700">"Lieu"</label>
                                    <select id="venue_id" name="venue_id" required class=INPUT>
                                        {list.into_iter().map(|v| view! { <option value=v.id>{format!("{}{}", v.name, if v.is_virtual { " (numérique)" } else { "" })}</option> }).collect_view()}
                                    </select>
                                    <p class="mt-1 text-sm text-red-700" role="alert">{field("venue_id")}</p>
                                </div>
                            })
                        })}
                    </Transition>
                    <Input label="Titre (90 caractères au plus)" name="offer[title]" required=true message=field("title")/>
                    <div>
                        <label for="description" class="block text-sm font-medium text-gray-700">"Description"</label>
                        <textarea id="description" name="offer[description]" rows="4" class=INPUT></textarea>
                        <p class="mt-1 text-sm text-red-700" role="alert">{field("description")}</p>
                    </div>
                    <Input label="Artiste, auteur ou intervenant" name="offer[artist]" message=field("artist")/>
                    // Fields the chosen subcategory does not take are hidden and not sent.
                    <fieldset class:hidden=move || !online() prop:disabled=move || !online()>
                        <Input label="Adresse web de l'offre" name="offer[url]" kind="url" placeholder="https://" message=field("url")/>
                    </fieldset>
                    <fieldset class:hidden=move || !duo() prop:disabled=move || !duo()>
                        <Check label="Offre duo : le jeune peut réserver 2 places" name="offer[is_duo]"/>
                        <p class="text-sm text-red-700" role="alert">{field("is_duo")}</p>
                    </fieldset>
                    <Input label="Modalités de retrait" name="offer[withdrawal_details]" message=field("withdrawal_details")/>
                    <Input label="E-mail de contact pour les réservations" name="offer[booking_contact]" kind="email" message=field("booking_contact")/>
                    <Input label="Date de publication (vide : dès la publication)" name="offer[publication_date]" kind="date" message=field("publication_date")/>
                    <fieldset class="space-y-1">
                        <legend class="text-sm font-medium text-gray-700">"Accessibilité"</legend>
                        <Check label="Handicap auditif" name="offer[accessibility][audio]"/>
                        <Check label="Handicap psychique ou cognitif" name="offer[accessibility][mental]"/>
                        <Check label="Handicap moteur" name="offer[accessibility][motor]"/>
                        <Check label="Handicap visuel" name="offer[accessibility][visual]"/>
                    </fieldset>
                    {general_error(create)}
                    <button type="submit" class=BUTTON disabled=move || create.pending().get()>"Enregistrer le brouillon et continuer"</button>
                </ActionForm>
            </section>
        </PartnerOnly>
    }
}
