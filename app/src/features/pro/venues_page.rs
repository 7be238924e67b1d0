//! `/pro/structures/:id/lieux`: the structure's venues and the form of a new one (SIRET
//! or the reason there is none, type, address, a pin on the map, accessibility,
//! withdrawal details, contact).

use super::api::{AddVenue, structure_venues};
use super::ui::{PartnerOnly, StructureTabs, route_id};
use crate::components::ErrorView;
use crate::components::form::{BUTTON, Check, INPUT, Input, general_error, message_for};
use crate::error::AppError;
use crate::features::map::PinPicker;
use crate::i18n::td_string;
use crate::lang::{pro::venue_type, use_locale};
use domain::pro::venue::VENUE_TYPES;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn VenuesPage() -> impl IntoView {
    let locale = use_locale();
    let id = route_id();
    let add = ServerAction::<AddVenue>::new();
    let venues = Resource::new(
        move || (id.get(), add.version().get()),
        |(id, _)| async move { structure_venues(id.ok_or(AppError::NotFound)?).await },
    );
    view! {
        <Title text=td_string!(locale, venues.title)/>
        <PartnerOnly>
            <section class="mx-auto max-w-5xl p-6">
                <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, venues.heading)}</h1>
                {move || id.get().map(|structure_id| view! { <StructureTabs structure_id current="lieux"/> })}
                <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                    <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                        {move || Suspend::new(async move {
                            venues.await.map(|list| view! {
                                <table class="pro-table mt-4 w-full text-left text-sm" data-testid="venues">
                                    <thead class="text-gray-600"><tr><th class="py-2">{td_string!(locale, venues.name)}</th><th>{td_string!(locale, venues.kind)}</th><th>{td_string!(locale, venues.address)}</th><th>"SIRET"</th></tr></thead>
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
    let locale = use_locale();
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
        <h2 class="mt-8 text-lg font-bold text-gray-900">{td_string!(locale, venues.add_heading)}</h2>
        <ActionForm action=add attr:class="mt-3 grid gap-4 md:grid-cols-2" attr:data-testid="venue-form">
            <input type="hidden" name="structure_id" value=structure_id/>
            <div class="space-y-3">
                <Input label=td_string!(locale, venues.venue_name) name="venue[name]" required=true message=field("name")/>
                <div>
                    <label for="venue_type" class="block text-sm font-medium text-gray-700">{td_string!(locale, venues.venue_type)}</label>
                    <select id="venue_type" name="venue[venue_type]" required class=INPUT>
                        <option value="">{td_string!(locale, venues.choose)}</option>
                        {VENUE_TYPES.iter().map(|(code, _)| view! { <option value=*code>{venue_type(locale, code)}</option> }).collect_view()}
                    </select>
                    <p class="mt-1 text-sm text-red-700" role="alert">{field("venue_type")}</p>
                </div>
                <label class="flex items-center gap-2 text-sm">
                    <input type="checkbox" prop:checked=move || !has_siret.get() on:change=move |_| has_siret.update(|h| *h = !*h)/>
                    {td_string!(locale, venues.no_siret)}
                </label>
                // Only the visible one of the two is sent.
                <fieldset class:hidden=move || !has_siret.get() prop:disabled=move || !has_siret.get()>
                    <Input label=td_string!(locale, venues.siret) name="venue[siret]" message=field("siret")/>
                </fieldset>
                <fieldset class:hidden=move || has_siret.get() prop:disabled=move || has_siret.get()>
                    <Input label=td_string!(locale, venues.why_no_siret) name="venue[no_siret_reason]" hint=td_string!(locale, venues.why_no_siret_hint) message=field("no_siret_reason")/>
                </fieldset>
                <Input label=td_string!(locale, venues.address) name="venue[address]" required=true message=field("address")/>
                <div class="grid grid-cols-3 gap-3">
                    <Input label=td_string!(locale, venues.postal_code) name="venue[postal_code]" required=true message=field("postal_code")/>
                    <div class="col-span-2">
                        <label for="venue_city" class="block text-sm font-medium text-gray-700">{td_string!(locale, venues.city)}</label>
                        <input id="venue_city" name="venue[city]" required class=INPUT on:change=move |ev| {
                            if let Some(commune) = domain::geo::find_commune(&event_target_value(&ev)) {
                                go_to.set(Some((commune.latitude, commune.longitude)));
                                picked.set(Some((commune.latitude, commune.longitude)));
                            }
                        }/>
                        <p class="mt-1 text-sm text-red-700" role="alert">{field("city")}</p>
                    </div>
                </div>
                <Input label=td_string!(locale, venues.withdrawal) name="venue[withdrawal_details]" message=field("withdrawal_details")/>
                <Input label=td_string!(locale, venues.contact_email) name="venue[contact_email]" kind="email" message=field("contact_email")/>
                <fieldset class="space-y-1">
                    <legend class="text-sm font-medium text-gray-700">{td_string!(locale, offer.accessibility)}</legend>
                    <Check label=td_string!(locale, offer.hearing) name="venue[accessibility][audio]"/>
                    <Check label=td_string!(locale, offer.mental) name="venue[accessibility][mental]"/>
                    <Check label=td_string!(locale, offer.motor) name="venue[accessibility][motor]"/>
                    <Check label=td_string!(locale, offer.visual) name="venue[accessibility][visual]"/>
                </fieldset>
            </div>
            <div class="space-y-3">
                <p class="text-sm font-medium text-gray-700">{td_string!(locale, venues.location)}</p>
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
                <button type="submit" class=BUTTON disabled=move || add.pending().get()>{td_string!(locale, venues.save)}</button>
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
