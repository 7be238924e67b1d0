//! `/pro/offres/:id`: one offer — its state and publication, its details, its price
//! categories, its dates or stock (one date or a weekly series, up to 2 500), each date
//! editable, and deletable after a confirmation that says which bookings it cancels.

use super::api::{
    AddActivationCodes, AddEventDates, AddPriceCategory, AddThingStock, ChangeStock, DeleteStock,
    PublishOffer, UpdateOffer, load_offer_editor,
};
use super::dto::{CodesView, OfferEditor, StockView};
use super::ui::{PartnerOnly, StructureTabs, badge, route_id};
use crate::components::ErrorView;
use crate::components::form::{BUTTON, Check, INPUT, Input, SECONDARY, general_error, message_for};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Every action of the page: any of them done reloads the offer.
#[derive(Clone, Copy)]
struct Actions {
    publish: ServerAction<PublishOffer>,
    update: ServerAction<UpdateOffer>,
    category: ServerAction<AddPriceCategory>,
    thing: ServerAction<AddThingStock>,
    dates: ServerAction<AddEventDates>,
    change: ServerAction<ChangeStock>,
    delete: ServerAction<DeleteStock>,
    codes: ServerAction<AddActivationCodes>,
}

impl Actions {
    fn new() -> Self {
        Actions {
            publish: ServerAction::new(),
            update: ServerAction::new(),
            category: ServerAction::new(),
            thing: ServerAction::new(),
            dates: ServerAction::new(),
            change: ServerAction::new(),
            delete: ServerAction::new(),
            codes: ServerAction::new(),
        }
    }

    fn version(&self) -> usize {
        self.publish.version().get()
            + self.update.version().get()
            + self.category.version().get()
            + self.thing.version().get()
            + self.dates.version().get()
            + self.change.version().get()
            + self.delete.version().get()
            + self.codes.version().get()
    }
}

#[component]
pub fn OfferEditorPage() -> impl IntoView {
    let id = route_id();
    let actions = Actions::new();
    let offer = Resource::new(
        move || (id.get(), actions.version()),
        |(id, _)| async move { load_offer_editor(id.ok_or(AppError::NotFound)?).await },
    );
    view! {
        <Title text="Offre — Culture Pass Pro"/>
        <PartnerOnly>
            <section class="mx-auto max-w-5xl p-6">
                <Transition fallback=|| view! { <p class="text-gray-500">"Chargement…"</p> }>
                    <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                        {move || Suspend::new(async move {
                            offer.await.map(|offer| view! { <Editor offer actions/> })
                        })}
                    </ErrorBoundary>
                </Transition>
            </section>
        </PartnerOnly>
    }
}

#[component]
fn Editor(offer: OfferEditor, actions: Actions) -> impl IntoView {
    let offer_id = offer.id;
    let publish = actions.publish;
    view! {
        <div class="flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold text-gray-900" data-testid="offer-title">{offer.title.clone()}</h1>
            <span data-testid="offer-state">{badge(&offer.state_key, offer.state_label.clone())}</span>
        </div>
        <p class="text-sm text-gray-600">{format!("{} · {}", offer.category, offer.venue_name)}</p>
        {offer.rejection_reason.clone().map(|why| view! {
            <p class="mt-2 rounded-lg bg-red-50 p-3 text-red-800" role="status" data-testid="rejection-reason">
                {format!("Offre retirée par l'équipe du Culture Pass : {why}. Ses réservations ont été annulées et les jeunes remboursés.")}
            </p>
        })}
        {offer.review_note.clone().map(|why| view! {
            <p class="mt-2 rounded-lg bg-amber-50 p-3 text-amber-900" role="status" data-testid="review-note">
                {format!("L'équipe du Culture Pass n'a pas publié cette offre : {why}. Modifiez-la, puis publiez-la à nouveau.")}
            </p>
        })}
        {offer.in_review.then(|| view! {
            <p class="mt-2 rounded-lg bg-sky-50 p-3 text-sky-900" role="status" data-testid="review-pending">
                "L'équipe du Culture Pass relit cette offre : elle sera visible des jeunes dès qu'elle sera validée."
            </p>
        })}
        <StructureTabs structure_id=offer.structure_id current="offres"/>
        <div class="mt-4 flex flex-wrap items-center gap-3">
            {offer.can_publish.then(|| view! {
                <ActionForm action=publish>
                    <input type="hidden" name="offer_id" value=offer_id/>
                    <input type="hidden" name="publish" value="true"/>
                    <button type="submit" class=BUTTON data-testid="publish">"Publier"</button>
                </ActionForm>
            })}
            {offer.can_pause.then(|| view! {
                <ActionForm action=publish>
                    <input type="hidden" name="offer_id" value=offer_id/>
                    <input type="hidden" name="publish" value="false"/>
                    <button type="submit" class=SECONDARY>"Mettre en pause"</button>
                </ActionForm>
            })}
            {general_error(publish)}
            {move || publish.value().get().and_then(|r| r.err()).and_then(|e| e.field_message("status")).map(|m| view! {
                <p class="text-sm text-red-700" role="alert">{m}</p>
            })}
        </div>
        <ImageUpload offer_id image_url=offer.image_url.clone()/>
        {if offer.is_event {
            view! { <EventStocks offer=offer.clone() actions/> }.into_any()
        } else {
            view! { <ThingStock offer=offer.clone() actions/> }.into_any()
        }}
        <Details offer actions/>
    }
}

/// The offer's image: a plain multipart form (it works without JavaScript); the server
/// answers with the outcome in the address.
#[component]
fn ImageUpload(offer_id: i64, image_url: Option<String>) -> impl IntoView {
    let query = use_query_map();
    let error = move || query.get().get("image_erreur");
    let saved = move || query.get().get("image").is_some_and(|v| v == "ok");
    view! {
        <h2 class="mt-8 text-lg font-bold text-gray-900">"Image"</h2>
        <div class="mt-2 flex flex-wrap items-start gap-4">
            {match image_url {
                Some(src) => view! { <img src=src alt="Image de l'offre" class="h-40 w-40 rounded-xl object-cover ring-1 ring-gray-200" data-testid="offer-image"/> }.into_any(),
                None => view! { <div class="flex h-40 w-40 items-center justify-center rounded-xl bg-gray-100 text-sm text-gray-600">"Pas d'image"</div> }.into_any(),
            }}
            <form method="post" enctype="multipart/form-data" action=format!("/pro/offres/{offer_id}/image") class="space-y-2" data-testid="image-form">
                <label for="image" class="block text-sm font-medium text-gray-700">"PNG, JPEG ou WebP, 400 × 400 pixels au moins, 10 Mo au plus"</label>
                <input id="image" name="image" type="file" accept="image/png,image/jpeg,image/webp" required class="block text-sm"/>
                <button type="submit" class=SECONDARY>"Envoyer l'image"</button>
                {move || error().map(|m| view! { <p class="text-sm text-red-700" role="alert" data-testid="image-error">{m}</p> })}
                {move || saved().then(|| view! { <p class="text-sm text-green-800" role="status">"Image enregistrée"</p> })}
            </form>
        </div>
    }
}

#[component]
fn EventStocks(offer: OfferEditor, actions: Actions) -> impl IntoView {
    let offer_id = offer.id;
    let (category, dates) = (actions.category, actions.dates);
    let has_categories = !offer.price_categories.is_empty();
    view! {
        <h2 class="mt-8 text-lg font-bold text-gray-900">"Tarifs"</h2>
        <ul class="mt-2 flex flex-wrap gap-2" data-testid="price-categories">
            {offer.price_categories.iter().map(|c| view! {
                <li class="rounded-lg bg-white px-3 py-1 text-sm ring-1 ring-gray-200">{format!("{} · {}", c.label, c.price)}</li>
            }).collect_view()}
        </ul>
        <ActionForm action=category attr:class="mt-2 flex flex-wrap items-end gap-3" attr:data-testid="price-category-form">
            <input type="hidden" name="offer_id" value=offer_id/>
            <Input label="Nom du tarif" name="label" required=true placeholder="Plein tarif" message=message_for(category, "label")/>
            <Input label="Prix (€)" name="price" required=true placeholder="12,50" message=message_for(category, "price")/>
            <button type="submit" class=SECONDARY>"Ajouter le tarif"</button>
        </ActionForm>
        <h2 class="mt-8 text-lg font-bold text-gray-900">{format!("Dates ({} sur {} au plus)", offer.stocks.len(), offer.max_stocks)}</h2>
        <StockTable stocks=offer.stocks.clone() actions event=true/>
        {has_categories.then(|| view! {
            <ActionForm action=dates attr:class="mt-4 grid gap-3 rounded-xl bg-white p-4 ring-1 ring-gray-200 md:grid-cols-3" attr:data-testid="dates-form">
                <input type="hidden" name="offer_id" value=offer_id/>
                <p class="md:col-span-3 text-sm text-gray-700">"Une date : même premier et dernier jour. Une série : choisissez les jours de la semaine (aucun coché : tous les jours)."</p>
                <div>
                    <label for="price_category_id" class="block text-sm font-medium text-gray-700">"Tarif"</label>
                    <select id="price_category_id" name="dates[price_category_id]" class=INPUT>
                        {offer.price_categories.iter().map(|c| view! { <option value=c.id>{format!("{} · {}", c.label, c.price)}</option> }).collect_view()}
                    </select>
                    <p class="mt-1 text-sm text-red-700" role="alert">{message_for(dates, "price_category_id")}</p>
                </div>
                <Input label="Premier jour" name="dates[first_day]" kind="date" required=true message=message_for(dates, "first_day")/>
                <Input label="Dernier jour" name="dates[last_day]" kind="date" required=true message=message_for(dates, "last_day")/>
                <Input label="Heures (HH:MM, séparées par des virgules)" name="dates[times]" required=true placeholder="14:00, 20:30" message=message_for(dates, "times")/>
                <Input label="Places par date (vide : illimité)" name="dates[quantity]" message=message_for(dates, "quantity")/>
                <Input label="Fin des réservations (heures avant le début)" name="dates[hours_before]" placeholder="0" message=message_for(dates, "hours_before")/>
                <fieldset class="md:col-span-3 flex flex-wrap gap-4">
                    <legend class="text-sm font-medium text-gray-700">"Jours de la semaine"</legend>
                    <Check label="lun." name="dates[mon]"/><Check label="mar." name="dates[tue]"/><Check label="mer." name="dates[wed]"/>
                    <Check label="jeu." name="dates[thu]"/><Check label="ven." name="dates[fri]"/><Check label="sam." name="dates[sat]"/><Check label="dim." name="dates[sun]"/>
                </fieldset>
                <div class="md:col-span-3">
                    <p class="text-sm text-red-700" role="alert">{message_for(dates, "stocks")}{message_for(dates, "begins_at")}{message_for(dates, "booking_limit")}</p>
                    {general_error(dates)}
                    <button type="submit" class=BUTTON disabled=move || dates.pending().get()>"Ajouter les dates"</button>
                    {move || dates.value().get().and_then(Result::ok).map(|n| view! {
                        <span class="ml-3 text-sm text-green-800" role="status">{domain::text::counted(i64::try_from(n).unwrap_or(i64::MAX), "date ajoutée", "dates ajoutées")}</span>
                    })}
                </div>
            </ActionForm>
        })}
        {(!has_categories).then(|| view! { <p class="mt-2 text-sm text-gray-600">"Ajoutez d'abord un tarif pour créer des dates."</p> })}
    }
}

#[component]
fn ThingStock(offer: OfferEditor, actions: Actions) -> impl IntoView {
    let thing = actions.thing;
    let offer_id = offer.id;
    let empty = offer.stocks.is_empty();
    view! {
        <h2 class="mt-8 text-lg font-bold text-gray-900">"Stock"</h2>
        <StockTable stocks=offer.stocks.clone() actions event=false/>
        {empty.then(|| view! {
            <ActionForm action=thing attr:class="mt-3 flex flex-wrap items-end gap-3" attr:data-testid="thing-stock-form">
                <input type="hidden" name="offer_id" value=offer_id/>
                <Input label="Prix (€)" name="price" required=true message=message_for(thing, "price")/>
                <Input label="Quantité (vide : illimitée)" name="quantity" message=message_for(thing, "quantity")/>
                <Input label="Réservable jusqu'au" name="booking_limit" kind="datetime-local" message=message_for(thing, "booking_limit")/>
                <button type="submit" class=BUTTON>"Enregistrer le stock"</button>
            </ActionForm>
        })}
        {general_error(thing)}
        {(offer.is_digital && !empty).then(|| view! { <ActivationCodes offer_id codes=offer.codes.clone() actions/> })}
    }
}

/// The largest file of codes the browser reads into the form.
/// (Server functions take 2 MB at most, and a form's encoding grows the text.)
const MAX_CODES_FILE_BYTES: f64 = 600_000.0;

/// A digital offer's activation codes: how many are left, given and expired, and a form
/// to add more, pasted or from a CSV file (the browser reads the file into the same
/// field; without JavaScript, the codes are pasted).
#[component]
fn ActivationCodes(offer_id: i64, codes: Option<CodesView>, actions: Actions) -> impl IntoView {
    let add = actions.codes;
    let field = NodeRef::<leptos::html::Textarea>::new();
    let file_error = RwSignal::new(None::<&'static str>);
    let read_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        if file.size() > MAX_CODES_FILE_BYTES {
            file_error.set(Some("Fichier trop gros : 600 Ko au plus"));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            match (text.ok().and_then(|t| t.as_string()), field.get()) {
                (Some(text), Some(area)) => {
                    area.set_value(&text);
                    file_error.set(None);
                }
                _ => file_error.set(Some("Fichier illisible : collez les codes")),
            }
        });
    };
    view! {
        <h2 class="mt-8 text-lg font-bold text-gray-900">"Codes d'activation"</h2>
        <p class="text-sm text-gray-600">"Chaque réservation reçoit un code, affiché sur le billet avec le lien de l'offre ; l'offre est épuisée quand il n'en reste plus. Sans code, les jeunes reçoivent le lien seul."</p>
        <p class="mt-2 text-sm font-medium text-gray-900" data-testid="code-counts">{match codes {
            Some(c) => format!(
                "{} · {} · {}",
                domain::text::counted(c.free, "code disponible", "codes disponibles"),
                domain::text::counted(c.given, "attribué", "attribués"),
                domain::text::counted(c.expired, "expiré", "expirés"),
            ),
            None => "Aucun code pour l'instant.".to_owned(),
        }}</p>
        <ActionForm action=add attr:class="mt-3 space-y-3 rounded-xl bg-white p-4 ring-1 ring-gray-200" attr:data-testid="codes-form">
            <input type="hidden" name="offer_id" value=offer_id/>
            <div>
                <label for="codes" class="block text-sm font-medium text-gray-700">"Codes, un par ligne (ou la première colonne d'un fichier CSV)"</label>
                <textarea id="codes" name="codes" rows="6" node_ref=field required class=INPUT aria-describedby="codes-message"></textarea>
                <p id="codes-message" class="mt-1 text-sm text-red-700" role="alert">{message_for(add, "codes")}</p>
            </div>
            <div>
                <label for="codes-file" class="block text-sm font-medium text-gray-700">"Ou choisissez un fichier CSV"</label>
                <input id="codes-file" type="file" accept=".csv,.txt,text/csv,text/plain" class="mt-1 block text-sm"
                    on:change=read_file data-testid="codes-file" aria-describedby="codes-file-message"/>
                <p id="codes-file-message" class="mt-1 text-sm text-red-700" role="alert">{move || file_error.get()}</p>
            </div>
            <Input label="Dernier jour de validité des codes (facultatif)" name="expires_on" kind="date" message=message_for(add, "expires_on")/>
            {general_error(add)}
            <button type="submit" class=BUTTON disabled=move || add.pending().get()>"Ajouter les codes"</button>
            <p class="text-sm text-green-800" role="status" data-testid="codes-summary">{move || add.value().get().and_then(Result::ok)}</p>
        </ActionForm>
    }
}

#[component]
fn StockTable(stocks: Vec<StockView>, actions: Actions, event: bool) -> impl IntoView {
    if stocks.is_empty() {
        return view! { <p class="mt-2 text-sm text-gray-600">"Aucun stock pour l'instant."</p> }
            .into_any();
    }
    let (change, delete) = (actions.change, actions.delete);
    view! {
        {general_error(change)}
        {move || change.value().get().and_then(|r| r.err()).and_then(|e| e.field_message("quantity").or(e.field_message("begins_at"))).map(|m| view! {
            <p class="mt-2 text-sm text-red-700" role="alert">{m}</p>
        })}
        {move || delete.value().get().and_then(Result::ok).map(|n| view! {
            <p class="mt-2 text-sm text-green-800" role="status">{format!("Stock supprimé ; {}, crédit rendu aux jeunes.", domain::text::counted(i64::try_from(n).unwrap_or(i64::MAX), "réservation annulée", "réservations annulées"))}</p>
        })}
        <table class="pro-table mt-2 w-full text-left text-sm" data-testid="stocks">
            <thead class="text-gray-600"><tr>
                {event.then(|| view! { <th class="py-2">"Date"</th><th>"Tarif"</th> })}
                <th class="py-2">"Prix"</th><th>"Quantité"</th><th>"Réservées"</th><th>"Modifier"</th><th></th>
            </tr></thead>
            <tbody>
                {stocks.into_iter().map(|s| {
                    let id = s.id;
                    let booked = s.booked;
                    view! {
                        <tr class="border-t border-gray-200" data-testid="stock">
                            {event.then(|| view! { <td class="py-2">{s.date.clone()}</td><td>{s.price_category.clone()}</td> })}
                            <td class="py-2">{s.price.clone()}</td>
                            <td>{s.quantity.clone()}</td>
                            <td>{booked}</td>
                            <td>
                                <ActionForm action=change attr:class="flex items-center gap-2">
                                    <input type="hidden" name="stock_id" value=id/>
                                    <input name="quantity" aria-label="Quantité" class="w-20 rounded border border-gray-300 px-2 py-1"
                                        value=s.quantity_value.map(|q| q.to_string()).unwrap_or_default()/>
                                    {if event {
                                        view! { <input type="datetime-local" name="begins_at" aria-label="Date" class="rounded border border-gray-300 px-2 py-1" value=s.begins_at_input.clone()/> }.into_any()
                                    } else {
                                        view! { <input type="hidden" name="begins_at" value=""/> }.into_any()
                                    }}
                                    <button type="submit" class="text-violet-800 underline">"Enregistrer"</button>
                                </ActionForm>
                            </td>
                            <td>
                                <details>
                                    <summary class="cursor-pointer text-red-700">"Supprimer"</summary>
                                    <ActionForm action=delete attr:class="mt-1">
                                        <input type="hidden" name="stock_id" value=id/>
                                        <p class="text-xs text-gray-700">{if booked > 0 {
                                            format!("{} : annulées, et le crédit rendu aux jeunes.", domain::text::counted(booked, "place réservée", "places réservées"))
                                        } else {
                                            "Aucune réservation sur ce stock.".to_owned()
                                        }}</p>
                                        <button type="submit" class="mt-1 rounded bg-red-700 px-2 py-1 text-xs font-semibold text-white">"Confirmer la suppression"</button>
                                    </ActionForm>
                                </details>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }.into_any()
}

#[component]
fn Details(offer: OfferEditor, actions: Actions) -> impl IntoView {
    let update = actions.update;
    let field = move |name: &'static str| message_for(update, name);
    view! {
        <details class="mt-8 rounded-xl bg-white p-4 ring-1 ring-gray-200">
            <summary class="cursor-pointer text-lg font-bold text-gray-900">"Détails de l'offre"</summary>
            <ActionForm action=update attr:class="mt-3 space-y-3">
                <input type="hidden" name="offer_id" value=offer.id/>
                <input type="hidden" name="offer[subcategory]" value=offer.subcategory.clone()/>
                <Input label="Titre" name="offer[title]" value=offer.title.clone() required=true message=field("title")/>
                <div>
                    <label for="description" class="block text-sm font-medium text-gray-700">"Description"</label>
                    <textarea id="description" name="offer[description]" rows="4" class=INPUT
                        inner_html=crate::components::textarea_content(&offer.description)></textarea>
                </div>
                <Input label="Artiste, auteur ou intervenant" name="offer[artist]" value=offer.artist.clone() message=field("artist")/>
                {(!offer.url.is_empty()).then(|| view! {
                    <Input label="Adresse web" name="offer[url]" value=offer.url.clone() message=field("url")/>
                })}
                {offer.can_be_duo.then(|| view! { <Check label="Offre duo" name="offer[is_duo]" checked=offer.is_duo/> })}
                <fieldset class="space-y-1">
                    <legend class="text-sm font-medium text-gray-700">"Accessibilité"</legend>
                    <Check label="Handicap auditif" name="offer[accessibility][audio]" checked=offer.accessibility.audio/>
                    <Check label="Handicap psychique ou cognitif" name="offer[accessibility][mental]" checked=offer.accessibility.mental/>
                    <Check label="Handicap moteur" name="offer[accessibility][motor]" checked=offer.accessibility.motor/>
                    <Check label="Handicap visuel" name="offer[accessibility][visual]" checked=offer.accessibility.visual/>
                </fieldset>
                <Input label="Modalités de retrait" name="offer[withdrawal_details]" value=offer.withdrawal_details.clone() message=field("withdrawal_details")/>
                <Input label="E-mail de contact" name="offer[booking_contact]" kind="email" value=offer.booking_contact.clone() message=field("booking_contact")/>
                <Input label="Date de publication" name="offer[publication_date]" kind="date" value=offer.publication_date.clone() message=field("publication_date")/>
                {general_error(update)}
                <button type="submit" class=BUTTON>"Enregistrer les détails"</button>
                {move || update.value().get().and_then(Result::ok).map(|_| view! { <span class="ml-3 text-sm text-green-800" role="status">"Enregistré"</span> })}
            </ActionForm>
        </details>
    }
}
