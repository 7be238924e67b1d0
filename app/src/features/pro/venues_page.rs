//! `/pro/structures/:id/lieux`: the structure's venues and the form of a new one (SIRET
//! or the reason there is none, type, address, a pin on the map, accessibility,
//! withdrawal details, contact).

use super::api::{AddVenue, structure_venues};
use super::ui::{PartnerOnly, StructureTabs, route_id};
use crate::components::ErrorView;
use crate::components::form::{BUTTON, Check, INPUT, Input, general_error, message_for};
use crate::error::AppError;
use crate::features::map::PinPicker;
use domain::pro::venue::VENUE_TYPES;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn VenuesPage() -> impl IntoView {
    let id = route_id();
    let add = ServerAction::<AddVenue>::new();
    let venues = Resource::new(
        move || (id.get(), add.version().get()),
        |(id, _)| async move { structure_venues(id.ok_or(AppError::NotFound)?).await },
    );
    view! {
        <Title text="Lieux — Culture Pass Pro"/>
        <PartnerOnly>
            <section class="mx-auto max-w-5xl p-6">
                <h1 class="text-2xl font-bold text-gray-900">"Lieux"</h1>
                {move || id.get().map(|structure_id| view! { <StructureTabs structure_id current="lieux"/> })}
                <Transition fallback=|| view! { <p class="mt-4 text-gray-500">"Chargement…"</p> }>
                    <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                        {move || Suspend::new(async move {
                            venues.await.map(|list| view! {
                                <table class="pro-table mt-4 w-full text-left text-sm" data-testid="venues">
                                    <thead class="text-gray-600"><tr><th class="py-2">"Nom"</th><th>"Type"</th><th>"Adresse"</th><th>"SIRET"</th></tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|v| view! {
                                            <tr class="border-t border-gray-200">
                                                <td class="py-2 font-medium">{v.name}</td>
                                                <td>{v.venue_type}</td>
                                                <td>{v.address}</td>
                                                <td class="text-gray-600">{v.siret}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            })
                        })}
                    </ErrorBoundary>
                </Transition>
                {move || id.get().map(|structure_id| view! { <NewVenueForm structure_id add/> })}
            </section>
        </PartnerOnly>
    }
}

#[component]
fn NewVenueForm(structure_id: i64, add: ServerAction<AddVenue>) -> impl IntoView {
    let picked = RwSignal::new(None::<(f64, f64)>);
    let go_to = RwSignal::new(None::<(f64, f64)>);
    let has_siret = RwSignal::new(true);
    let coordinate = move |pick: fn((f64, f64)) -> f64| {
        move || {
            picked
                .get()
                .map(|p| format!("{:.6}", pick(p)))
                .unwrap_or_default()
        }
    };
    let field = move |name: &'static str| message_for(add, name);
    view! {
        <h2 class="mt-8 text-lg font-bold text-gray-900">"Ajouter un lieu"</h2>
        <ActionForm action=add attr:class="mt-3 grid gap-4 md:grid-cols-2" attr:data-testid="venue-form">
            <input type="hidden" name="structure_id" value=structure_id/>
            <div class="space-y-3">
                <Input label="Nom du lieu" name="venue[name]" required=true message=field("name")/>
                <div>
                    <label for="venue_type" class="block text-sm font-medium text-gray-700">"Type de lieu"</label>
                    <select id="venue_type" name="venue[venue_type]" required class=INPUT>
                        <option value="">"Choisir…"</option>
                        {VENUE_TYPES.iter().map(|(code, label)| view! { <option value=*code>{*label}</option> }).collect_view()}
                    </select>
                    <p class="mt-1 text-sm text-red-700" role="alert">{field("venue_type")}</p>
                </div>
                <label class="flex items-center gap-2 text-sm">
                    <input type="checkbox" prop:checked=move || !has_siret.get() on:change=move |_| has_siret.update(|h| *h = !*h)/>
                    "Ce lieu n'a pas de SIRET"
                </label>
                // Only the visible one of the two is sent.
                <fieldset class:hidden=move || !has_siret.get() prop:disabled=move || !has_siret.get()>
                    <Input label="SIRET (14 chiffres)" name="venue[siret]" message=field("siret")/>
                </fieldset>
                <fieldset class:hidden=move || has_siret.get() prop:disabled=move || has_siret.get()>
                    <Input label="Pourquoi pas de SIRET ?" name="venue[no_siret_reason]" hint="Par exemple : médiathèque municipale, SIRET de la mairie" message=field("no_siret_reason")/>
                </fieldset>
                <Input label="Adresse" name="venue[address]" required=true message=field("address")/>
                <div class="grid grid-cols-3 gap-3">
                    <Input label="Code postal" name="venue[postal_code]" required=true message=field("postal_code")/>
                    <div class="col-span-2">
                        <label for="venue_city" class="block text-sm font-medium text-gray-700">"Ville"</label>
                        <input id="venue_city" name="venue[city]" required class=INPUT on:change=move |ev| {
                            if let Some(commune) = domain::geo::find_commune(&event_target_value(&ev)) {
                                go_to.set(Some((commune.latitude, commune.longitude)));
                                picked.set(Some((commune.latitude, commune.longitude)));
                            }
                        }/>
                        <p class="mt-1 text-sm text-red-700" role="alert">{field("city")}</p>
                    </div>
                </div>
                <Input label="Modalités de retrait" name="venue[withdrawal_details]" message=field("withdrawal_details")/>
                <Input label="E-mail de contact" name="venue[contact_email]" kind="email" message=field("contact_email")/>
                <fieldset class="space-y-1">
                    <legend class="text-sm font-medium text-gray-700">"Accessibilité"</legend>
                    <Check label="Handicap auditif" name="venue[accessibility][audio]"/>
                    <Check label="Handicap psychique ou cognitif" name="venue[accessibility][mental]"/>
                    <Check label="Handicap moteur" name="venue[accessibility][motor]"/>
                    <Check label="Handicap visuel" name="venue[accessibility][visual]"/>
                </fieldset>
            </div>
            <div class="space-y-3">
                <p class="text-sm font-medium text-gray-700">"Emplacement : touchez la carte ou déplacez l'épingle"</p>
                <PinPicker picked go_to/>
                <div class="grid grid-cols-2 gap-3">
                    <div>
                        <label for="latitude" class="block text-sm font-medium text-gray-700">"Latitude"</label>
                        <input id="latitude" name="venue[latitude]" required class=INPUT prop:value=coordinate(|p| p.0)
                            on:change=move |ev| set_typed(picked, Some(event_target_value(&ev)), None)/>
                    </div>
                    <div>
                        <label for="longitude" class="block text-sm font-medium text-gray-700">"Longitude"</label>
                        <input id="longitude" name="venue[longitude]" required class=INPUT prop:value=coordinate(|p| p.1)
                            on:change=move |ev| set_typed(picked, None, Some(event_target_value(&ev)))/>
                    </div>
                </div>
                <p class="text-sm text-red-700" role="alert">{field("latitude")}</p>
            </div>
            <div class="md:col-span-2">
                {general_error(add)}
                <button type="submit" class=BUTTON disabled=move || add.pending().get()>"Enregistrer le lieu"</button>
            </div>
        </ActionForm>
    }
}

/// A coordinate typed by hand moves the pin once both are numbers.
fn set_typed(
    picked: RwSignal<Option<(f64, f64)>>,
    latitude: Option<String>,
    longitude: Option<String>,
) {
    let current = picked.get_untracked();
    let read = |text: Option<String>, fallback: Option<f64>| {
        text.and_then(|t| t.replace(',', ".").trim().parse::<f64>().ok())
            .or(fallback)
    };
    let lat = read(latitude, current.map(|c| c.0));
    let lon = read(longitude, current.map(|c| c.1));
    if let (Some(lat), Some(lon)) = (lat, lon) {
        picked.set(Some((lat, lon)));
    }
}
