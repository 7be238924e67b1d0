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
use crate::i18n::td_string;
use crate::lang::words::singular;
use crate::lang::{Locale, use_locale};
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
    let locale = use_locale();
    let id = route_id();
    let actions = Actions::new();
    let offer = Resource::new(
        move || (id.get(), actions.version()),
        |(id, _)| async move { load_offer_editor(id.ok_or(AppError::NotFound)?).await },
    );
    view! {
        <Title text=td_string!(locale, editor.page_title)/>
        <PartnerOnly>
            <section class="mx-auto max-w-5xl p-6">
                <Transition fallback=move || view! { <p class="text-gray-500">{td_string!(locale, common.loading)}</p> }>
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
    let locale = use_locale();
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
                {td_string!(locale, editor.withdrawn, why).to_string()}
            </p>
        })}
        {offer.review_note.clone().map(|why| view! {
            <p class="mt-2 rounded-lg bg-amber-50 p-3 text-amber-900" role="status" data-testid="review-note">
                {td_string!(locale, editor.not_published, why).to_string()}
            </p>
        })}
        {offer.in_review.then(|| view! {
            <p class="mt-2 rounded-lg bg-sky-50 p-3 text-sky-900" role="status" data-testid="review-pending">
                {td_string!(locale, editor.in_review)}
            </p>
        })}
        <StructureTabs structure_id=offer.structure_id current="offres"/>
        <div class="mt-4 flex flex-wrap items-center gap-3">
            {offer.can_publish.then(|| view! {
                <ActionForm action=publish>
                    <input type="hidden" name="offer_id" value=offer_id/>
                    <input type="hidden" name="publish" value="true"/>
                    <button type="submit" class=BUTTON data-testid="publish">{td_string!(locale, editor.publish)}</button>
                </ActionForm>
            })}
            {offer.can_pause.then(|| view! {
                <ActionForm action=publish>
                    <input type="hidden" name="offer_id" value=offer_id/>
                    <input type="hidden" name="publish" value="false"/>
                    <button type="submit" class=SECONDARY>{td_string!(locale, editor.pause)}</button>
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
    let locale = use_locale();
    let query = use_query_map();
    let error = move || query.get().get("image_erreur");
    let saved = move || query.get().get("image").is_some_and(|v| v == "ok");
    view! {
        <h2 class="mt-8 text-lg font-bold text-gray-900">{td_string!(locale, editor.image)}</h2>
        <div class="mt-2 flex flex-wrap items-start gap-4">
            {match image_url {
                Some(src) => view! { <img src=src alt=td_string!(locale, editor.image_alt) class="h-40 w-40 rounded-xl object-cover ring-1 ring-gray-200" data-testid="offer-image"/> }.into_any(),
                None => view! { <div class="flex h-40 w-40 items-center justify-center rounded-xl bg-gray-100 text-sm text-gray-600">{td_string!(locale, editor.no_image)}</div> }.into_any(),
            }}
            <form method="post" enctype="multipart/form-data" action=format!("/pro/offres/{offer_id}/image") class="space-y-2" data-testid="image-form">
                <label for="image" class="block text-sm font-medium text-gray-700">{td_string!(locale, editor.image_rules)}</label>
                <input id="image" name="image" type="file" accept="image/png,image/jpeg,image/webp" required class="block text-sm"/>
                <button type="submit" class=SECONDARY>{td_string!(locale, editor.send_image)}</button>
                {move || error().map(|m| view! { <p class="text-sm text-red-700" role="alert" data-testid="image-error">{m}</p> })}
                {move || saved().then(|| view! { <p class="text-sm text-green-800" role="status">{td_string!(locale, editor.image_saved)}</p> })}
            </form>
        </div>
    }
}

#[component]
fn EventStocks(offer: OfferEditor, actions: Actions) -> impl IntoView {
    let locale = use_locale();
    let offer_id = offer.id;
    let (category, dates) = (actions.category, actions.dates);
    let has_categories = !offer.price_categories.is_empty();
    view! {
        <h2 class="mt-8 text-lg font-bold text-gray-900">{td_string!(locale, editor.prices)}</h2>
        <ul class="mt-2 flex flex-wrap gap-2" data-testid="price-categories">
            {offer.price_categories.iter().map(|c| view! {
                <li class="rounded-lg bg-white px-3 py-1 text-sm ring-1 ring-gray-200">{format!("{} · {}", c.label, c.price)}</li>
            }).collect_view()}
        </ul>
        <ActionForm action=category attr:class="mt-2 flex flex-wrap items-end gap-3" attr:data-testid="price-category-form">
            <input type="hidden" name="offer_id" value=offer_id/>
            <Input label=td_string!(locale, editor.price_name) name="label" required=true placeholder=td_string!(locale, editor.price_name_example) message=message_for(category, "label")/>
            <Input label=td_string!(locale, editor.price_euros) name="price" required=true placeholder=td_string!(locale, editor.price_example) message=message_for(category, "price")/>
            <button type="submit" class=SECONDARY>{td_string!(locale, editor.add_price)}</button>
        </ActionForm>
        <h2 class="mt-8 text-lg font-bold text-gray-900">{
            let (count, max) = (offer.stocks.len(), offer.max_stocks);
            td_string!(locale, editor.dates_heading, count, max).to_string()
        }</h2>
        <StockTable stocks=offer.stocks.clone() actions event=true/>
        {has_categories.then(|| view! {
            <ActionForm action=dates attr:class="mt-4 grid gap-3 rounded-xl bg-white p-4 ring-1 ring-gray-200 md:grid-cols-3" attr:data-testid="dates-form">
                <input type="hidden" name="offer_id" value=offer_id/>
                <p class="md:col-span-3 text-sm text-gray-700">{td_string!(locale, editor.dates_help)}</p>
                <div>
                    <label for="price_category_id" class="block text-sm font-medium text-gray-700">{td_string!(locale, editor.price_category)}</label>
                    <select id="price_category_id" name="dates[price_category_id]" class=INPUT>
                        {offer.price_categories.iter().map(|c| view! { <option value=c.id>{format!("{} · {}", c.label, c.price)}</option> }).collect_view()}
                    </select>
                    <p class="mt-1 text-sm text-red-700" role="alert">{message_for(dates, "price_category_id")}</p>
                </div>
                <Input label=td_string!(locale, editor.first_day) name="dates[first_day]" kind="date" required=true message=message_for(dates, "first_day")/>
                <Input label=td_string!(locale, editor.last_day) name="dates[last_day]" kind="date" required=true message=message_for(dates, "last_day")/>
                <Input label=td_string!(locale, editor.times) name="dates[times]" required=true placeholder="14:00, 20:30" message=message_for(dates, "times")/>
                <Input label=td_string!(locale, editor.places_per_date) name="dates[quantity]" message=message_for(dates, "quantity")/>
                <Input label=td_string!(locale, editor.hours_before) name="dates[hours_before]" placeholder="0" message=message_for(dates, "hours_before")/>
                <fieldset class="md:col-span-3 flex flex-wrap gap-4">
                    <legend class="text-sm font-medium text-gray-700">{td_string!(locale, editor.weekdays)}</legend>
                    <Check label=weekday(locale, 0) name="dates[mon]"/><Check label=weekday(locale, 1) name="dates[tue]"/><Check label=weekday(locale, 2) name="dates[wed]"/>
                    <Check label=weekday(locale, 3) name="dates[thu]"/><Check label=weekday(locale, 4) name="dates[fri]"/><Check label=weekday(locale, 5) name="dates[sat]"/><Check label=weekday(locale, 6) name="dates[sun]"/>
                </fieldset>
                <div class="md:col-span-3">
                    <p class="text-sm text-red-700" role="alert">{message_for(dates, "stocks")}{message_for(dates, "begins_at")}{message_for(dates, "booking_limit")}</p>
                    {general_error(dates)}
                    <button type="submit" class=BUTTON disabled=move || dates.pending().get()>{td_string!(locale, editor.add_dates)}</button>
                    {move || dates.value().get().and_then(Result::ok).map(|n| view! {
                        <span class="ml-3 text-sm text-green-800" role="status">{
                            let count = i64::try_from(n).unwrap_or(i64::MAX);
                            if singular(locale, count) {
                                td_string!(locale, editor.one_date_added, count).to_string()
                            } else {
                                td_string!(locale, editor.dates_added, count).to_string()
                            }
                        }</span>
                    })}
                </div>
            </ActionForm>
        })}
        {(!has_categories).then(|| view! { <p class="mt-2 text-sm text-gray-600">{td_string!(locale, editor.price_first)}</p> })}
    }
}

#[component]
fn ThingStock(offer: OfferEditor, actions: Actions) -> impl IntoView {
    let locale = use_locale();
    let thing = actions.thing;
    let offer_id = offer.id;
    let empty = offer.stocks.is_empty();
    view! {
        <h2 class="mt-8 text-lg font-bold text-gray-900">{td_string!(locale, editor.stock)}</h2>
        <StockTable stocks=offer.stocks.clone() actions event=false/>
        {empty.then(|| view! {
            <ActionForm action=thing attr:class="mt-3 flex flex-wrap items-end gap-3" attr:data-testid="thing-stock-form">
                <input type="hidden" name="offer_id" value=offer_id/>
                <Input label=td_string!(locale, editor.price_euros) name="price" required=true message=message_for(thing, "price")/>
                <Input label=td_string!(locale, editor.quantity_unlimited) name="quantity" message=message_for(thing, "quantity")/>
                <Input label=td_string!(locale, editor.bookable_until) name="booking_limit" kind="datetime-local" message=message_for(thing, "booking_limit")/>
                <button type="submit" class=BUTTON>{td_string!(locale, editor.save_stock)}</button>
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
    let locale = use_locale();
    let add = actions.codes;
    let field = NodeRef::<leptos::html::Textarea>::new();
    let file_error = RwSignal::new(None::<&'static str>);
    let read_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        if file.size() > MAX_CODES_FILE_BYTES {
            file_error.set(Some(td_string!(locale, editor.file_too_big)));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            match (text.ok().and_then(|t| t.as_string()), field.get()) {
                (Some(text), Some(area)) => {
                    area.set_value(&text);
                    file_error.set(None);
                }
                _ => file_error.set(Some(td_string!(locale, editor.file_unreadable))),
            }
        });
    };
    view! {
        <h2 class="mt-8 text-lg font-bold text-gray-900">{td_string!(locale, editor.codes_heading)}</h2>
        <p class="text-sm text-gray-600">{td_string!(locale, editor.codes_help)}</p>
        <p class="mt-2 text-sm font-medium text-gray-900" data-testid="code-counts">{match codes {
            Some(c) => format!("{} · {} · {}", free_codes(locale, c.free), given_codes(locale, c.given), expired_codes(locale, c.expired)),
            None => td_string!(locale, editor.no_codes).to_owned(),
        }}</p>
        <ActionForm action=add attr:class="mt-3 space-y-3 rounded-xl bg-white p-4 ring-1 ring-gray-200" attr:data-testid="codes-form">
            <input type="hidden" name="offer_id" value=offer_id/>
            <div>
                <label for="codes" class="block text-sm font-medium text-gray-700">{td_string!(locale, editor.codes_label)}</label>
                <textarea id="codes" name="codes" rows="6" node_ref=field required class=INPUT aria-describedby="codes-message"></textarea>
                <p id="codes-message" class="mt-1 text-sm text-red-700" role="alert">{message_for(add, "codes")}</p>
            </div>
            <div>
                <label for="codes-file" class="block text-sm font-medium text-gray-700">{td_string!(locale, editor.codes_file)}</label>
                <input id="codes-file" type="file" accept=".csv,.txt,text/csv,text/plain" class="mt-1 block text-sm"
                    on:change=read_file data-testid="codes-file" aria-describedby="codes-file-message"/>
                <p id="codes-file-message" class="mt-1 text-sm text-red-700" role="alert">{move || file_error.get()}</p>
            </div>
            <Input label=td_string!(locale, editor.codes_last_day) name="expires_on" kind="date" message=message_for(add, "expires_on")/>
            {general_error(add)}
            <button type="submit" class=BUTTON disabled=move || add.pending().get()>{td_string!(locale, editor.add_codes)}</button>
            <p class="text-sm text-green-800" role="status" data-testid="codes-summary">{move || add.value().get().and_then(Result::ok)}</p>
        </ActionForm>
    }
}

#[component]
fn StockTable(stocks: Vec<StockView>, actions: Actions, event: bool) -> impl IntoView {
    let locale = use_locale();
    if stocks.is_empty() {
        return view! { <p class="mt-2 text-sm text-gray-600">{td_string!(locale, editor.no_stock)}</p> }
            .into_any();
    }
    let (change, delete) = (actions.change, actions.delete);
    view! {
        {general_error(change)}
        {move || change.value().get().and_then(|r| r.err()).and_then(|e| e.field_message("quantity").or(e.field_message("begins_at"))).map(|m| view! {
            <p class="mt-2 text-sm text-red-700" role="alert">{m}</p>
        })}
        {move || delete.value().get().and_then(Result::ok).map(|n| view! {
            <p class="mt-2 text-sm text-green-800" role="status">{
                let count = i64::try_from(n).unwrap_or(i64::MAX);
                let cancelled = if singular(locale, count) {
                    td_string!(locale, editor.one_booking_cancelled, count).to_string()
                } else {
                    td_string!(locale, editor.bookings_cancelled, count).to_string()
                };
                td_string!(locale, editor.stock_deleted, cancelled).to_string()
            }</p>
        })}
        <table class="pro-table mt-2 w-full text-left text-sm" data-testid="stocks">
            <thead class="text-gray-600"><tr>
                {event.then(|| view! { <th class="py-2">{td_string!(locale, editor.date)}</th><th>{td_string!(locale, editor.price_category)}</th> })}
                <th class="py-2">{td_string!(locale, editor.price)}</th><th>{td_string!(locale, editor.quantity)}</th><th>{td_string!(locale, editor.booked)}</th><th>{td_string!(locale, editor.change)}</th><th></th>
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
                                    <input name="quantity" aria-label=td_string!(locale, editor.quantity) class="w-20 rounded border border-gray-300 px-2 py-1"
                                        value=s.quantity_value.map(|q| q.to_string()).unwrap_or_default()/>
                                    {if event {
                                        view! { <input type="datetime-local" name="begins_at" aria-label=td_string!(locale, editor.date) class="rounded border border-gray-300 px-2 py-1" value=s.begins_at_input.clone()/> }.into_any()
                                    } else {
                                        view! { <input type="hidden" name="begins_at" value=""/> }.into_any()
                                    }}
                                    <button type="submit" class="text-violet-800 underline">{td_string!(locale, editor.save)}</button>
                                </ActionForm>
                            </td>
                            <td>
                                <details>
                                    <summary class="cursor-pointer text-red-700">{td_string!(locale, editor.delete)}</summary>
                                    <ActionForm action=delete attr:class="mt-1">
                                        <input type="hidden" name="stock_id" value=id/>
                                        <p class="text-xs text-gray-700">{if booked > 0 {
                                            let count = booked;
                                            let places = if singular(locale, count) {
                                                td_string!(locale, editor.one_place_booked, count).to_string()
                                            } else {
                                                td_string!(locale, editor.places_booked, count).to_string()
                                            };
                                            td_string!(locale, editor.places_cancelled, places).to_string()
                                        } else {
                                            td_string!(locale, editor.no_booking_on_stock).to_owned()
                                        }}</p>
                                        <button type="submit" class="mt-1 rounded bg-red-700 px-2 py-1 text-xs font-semibold text-white">{td_string!(locale, editor.confirm_delete)}</button>
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
    let locale = use_locale();
    let update = actions.update;
    let field = move |name: &'static str| message_for(update, name);
    view! {
        <details class="mt-8 rounded-xl bg-white p-4 ring-1 ring-gray-200">
            <summary class="cursor-pointer text-lg font-bold text-gray-900">{td_string!(locale, editor.details)}</summary>
            <ActionForm action=update attr:class="mt-3 space-y-3">
                <input type="hidden" name="offer_id" value=offer.id/>
                <input type="hidden" name="offer[subcategory]" value=offer.subcategory.clone()/>
                <Input label=td_string!(locale, editor.offer_title) name="offer[title]" value=offer.title.clone() required=true message=field("title")/>
                <div>
                    <label for="description" class="block text-sm font-medium text-gray-700">{td_string!(locale, editor.description)}</label>
                    <textarea id="description" name="offer[description]" rows="4" class=INPUT
                        inner_html=crate::components::textarea_content(&offer.description)></textarea>
                </div>
                <Input label=td_string!(locale, editor.artist) name="offer[artist]" value=offer.artist.clone() message=field("artist")/>
                {(!offer.url.is_empty()).then(|| view! {
                    <Input label=td_string!(locale, editor.url) name="offer[url]" value=offer.url.clone() message=field("url")/>
                })}
                {offer.can_be_duo.then(|| view! { <Check label=td_string!(locale, editor.duo) name="offer[is_duo]" checked=offer.is_duo/> })}
                <fieldset class="space-y-1">
                    <legend class="text-sm font-medium text-gray-700">{td_string!(locale, offer.accessibility)}</legend>
                    <Check label=td_string!(locale, offer.hearing) name="offer[accessibility][audio]" checked=offer.accessibility.audio/>
                    <Check label=td_string!(locale, offer.mental) name="offer[accessibility][mental]" checked=offer.accessibility.mental/>
                    <Check label=td_string!(locale, offer.motor) name="offer[accessibility][motor]" checked=offer.accessibility.motor/>
                    <Check label=td_string!(locale, offer.visual) name="offer[accessibility][visual]" checked=offer.accessibility.visual/>
                </fieldset>
                <Input label=td_string!(locale, editor.withdrawal) name="offer[withdrawal_details]" value=offer.withdrawal_details.clone() message=field("withdrawal_details")/>
                <Input label=td_string!(locale, editor.contact) name="offer[booking_contact]" kind="email" value=offer.booking_contact.clone() message=field("booking_contact")/>
                <Input label=td_string!(locale, editor.publication_date) name="offer[publication_date]" kind="date" value=offer.publication_date.clone() message=field("publication_date")/>
                {general_error(update)}
                <button type="submit" class=BUTTON>{td_string!(locale, editor.save_details)}</button>
                {move || update.value().get().and_then(Result::ok).map(|_| view! { <span class="ml-3 text-sm text-green-800" role="status">{td_string!(locale, editor.saved)}</span> })}
            </ActionForm>
        </details>
    }
}

/// The short name of a day of the week, Monday first (`lun.`, `Mon`).
fn weekday(locale: Locale, index: usize) -> &'static str {
    td_string!(locale, calendar.weekdays)
        .split('|')
        .nth(index)
        .unwrap_or_default()
}

fn free_codes(locale: Locale, count: i64) -> String {
    if singular(locale, count) {
        td_string!(locale, editor.one_code_free, count).to_string()
    } else {
        td_string!(locale, editor.codes_free, count).to_string()
    }
}

fn given_codes(locale: Locale, count: i64) -> String {
    if singular(locale, count) {
        td_string!(locale, editor.one_code_given, count).to_string()
    } else {
        td_string!(locale, editor.codes_given, count).to_string()
    }
}

fn expired_codes(locale: Locale, count: i64) -> String {
    if singular(locale, count) {
        td_string!(locale, editor.one_code_expired, count).to_string()
    } else {
        td_string!(locale, editor.codes_expired, count).to_string()
    }
}
