//! The search page. The form is a plain GET form whose fields are the URL's query
//! string: a search is a link (shareable, reloadable, the back button goes to the
//! previous search), and it works without JavaScript. The page is islands
//! (app/src/hydration.rs): the browser submits the form itself, and the server tidies
//! the address it sends (server/src/delivery/search_address.rs); reached by a tap in the
//! whole app, the router submits it without reloading the page.

use super::api::search_offers;
use crate::components::{ErrorView, OfferCardView, geolocation};
use crate::error::AppError;
use crate::features::discovery::dto::{PlaceView, SearchResults};
use crate::i18n::td_string;
use crate::lang::{Locale, catalogue, money, use_locale};
use domain::Cents;
use domain::catalogue::{SUBCATEGORIES, SearchGroup};
use domain::geo::PLACES;
use domain::search::{MAX_QUERY_CHARS, QuickFilter, SearchParams};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

const SELECT: &str = "mt-1 w-full rounded-lg border border-gray-300 bg-white px-2 py-2 text-sm";
const LABEL: &str = "block text-xs font-medium text-gray-600";

/// The form's fields, read back from the URL.
fn params_from_url(query: &leptos_router::params::ParamsMap) -> SearchParams {
    let get = |key: &str| query.get(key).filter(|v| !v.is_empty());
    SearchParams {
        q: get("q"),
        groupe: get("groupe"),
        categorie: get("categorie"),
        prix: get("prix"),
        quand: get("quand"),
        date: get("date"),
        rayon: get("rayon"),
        duo: get("duo"),
        numerique: get("numerique"),
        acces: get("acces"),
        tri: get("tri"),
        page: get("page"),
        lieu: get("lieu"),
        lat: get("lat"),
        lon: get("lon"),
    }
}

/// A `<select>` whose options are (value, label), the current value selected.
fn choice(
    name: &'static str,
    label: &'static str,
    current: Option<String>,
    options: Vec<(String, String)>,
    message: Option<String>,
) -> impl IntoView {
    let current = current.unwrap_or_default();
    let id = format!("recherche-{name}");
    let invalid = message.is_some();
    view! {
        <div>
            <label for=id.clone() class=LABEL>{label}</label>
            <select id=id name=name class=SELECT aria-invalid=invalid.then_some("true")>
                {options.into_iter().map(|(value, text)| {
                    let selected = value == current;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
            {message.map(|m| view! { <p class="mt-1 text-xs text-red-700" role="alert" data-testid=format!("{name}-error")>{m}</p> })}
        </div>
    }
}

/// A price ceiling's option: "Jusqu'à 10 €".
fn up_to(locale: Locale, euros: i64) -> (String, String) {
    let amount = money::euros(locale, Cents::euros(euros));
    (
        euros.to_string(),
        td_string!(locale, search.up_to, euros = amount).to_string(),
    )
}

fn options(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
        .collect()
}

#[component]
fn SearchForm(params: SearchParams, error: Option<AppError>) -> impl IntoView {
    // The filters are open when one of them must be corrected.
    let locale = use_locale();
    let filters_open = error.is_some();
    let message = move |field: &str| error.as_ref().and_then(|e| e.field_message(field));
    let places: Vec<PlaceView> = PLACES
        .iter()
        .map(|p| PlaceView {
            key: p.key.to_owned(),
            name: p.name.to_owned(),
        })
        .collect();
    let mut place_options = Vec::new();
    if params.lat.is_some() {
        place_options.push((
            String::new(),
            td_string!(locale, search.my_position).to_owned(),
        ));
    }
    place_options.extend(places.into_iter().map(|p| (p.key, p.name)));
    let mut groups = vec![(
        String::new(),
        td_string!(locale, search.all_categories).to_owned(),
    )];
    groups.extend(
        SearchGroup::ALL
            .iter()
            .map(|g| (g.key().to_owned(), catalogue::group(locale, *g).to_owned())),
    );
    let mut subcategories = vec![(String::new(), td_string!(locale, search.all).to_owned())];
    subcategories.extend(
        SUBCATEGORIES
            .iter()
            .map(|s| (s.id.to_owned(), catalogue::subcategory(locale, s.id))),
    );
    let mut prices = options(&[
        ("", td_string!(locale, search.all_prices)),
        ("gratuit", td_string!(locale, money.free)),
        ("credit", td_string!(locale, search.within_credit)),
    ]);
    prices.extend([10, 20, 50].map(|euros| up_to(locale, euros)));
    let checked = |value: &Option<String>| value.as_deref() == Some("1");
    view! {
        <Form method="GET" action="/recherche" on_form_data=only_filled_fields()
            attr:class="space-y-3" attr:role="search">
            {params.lat.clone().map(|lat| view! { <input type="hidden" name="lat" value=lat/> })}
            {params.lon.clone().map(|lon| view! { <input type="hidden" name="lon" value=lon/> })}
            <div class="flex gap-2">
                <label for="recherche-q" class="sr-only">{td_string!(locale, search.heading)}</label>
                <input id="recherche-q" type="search" name="q" value=params.q.clone().unwrap_or_default()
                    maxlength=MAX_QUERY_CHARS placeholder=td_string!(locale, search.placeholder)
                    class="min-h-11 w-full rounded-full border border-gray-300 bg-white px-4 py-2 shadow-sm"/>
                <button type="submit" class="min-h-11 rounded-full bg-violet-700 px-4 font-semibold text-white hover:bg-violet-800">
                    {td_string!(locale, search.heading)}
                </button>
            </div>
            {message("q").map(|m| view! { <p class="mt-1 text-xs text-red-700" role="alert" data-testid="q-error">{m}</p> })}
            <Chips params=params.clone()/>
            <details class="rounded-xl bg-white p-3 shadow-sm ring-1 ring-gray-200" open=filters_open data-testid="search-filters">
                <summary class="flex min-h-11 cursor-pointer items-center font-semibold text-gray-900">{td_string!(locale, search.filters)}</summary>
            <div class="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
                {choice("lieu", td_string!(locale, search.around), params.lieu.clone(), place_options, message("lieu").or(message("lat")))}
                {choice("rayon", td_string!(locale, search.radius), params.rayon.clone(), options(&[
                    ("", "50 km"), ("5", "5 km"), ("10", "10 km"), ("25", "25 km"), ("100", "100 km"), ("partout", td_string!(locale, search.everywhere)),
                ]), message("rayon"))}
                {choice("groupe", td_string!(locale, search.category), params.groupe.clone(), groups, message("groupe"))}
                {choice("categorie", td_string!(locale, search.subcategory), params.categorie.clone(), subcategories, message("categorie"))}
                {choice("prix", td_string!(locale, search.price), params.prix.clone(), prices, message("prix"))}
                {choice("quand", td_string!(locale, search.when), params.quand.clone(), options(&[
                    ("", td_string!(locale, search.any_time)), ("aujourdhui", td_string!(locale, search.today)), ("semaine", td_string!(locale, search.this_week)),
                    ("weekend", td_string!(locale, search.this_weekend)), ("date", td_string!(locale, search.on_a_date)),
                ]), message("quand"))}
                <div>
                    <label for="recherche-date" class=LABEL>{td_string!(locale, search.date)}</label>
                    <input id="recherche-date" type="date" name="date" value=params.date.clone().unwrap_or_default() class=SELECT/>
                    {message("date").map(|m| view! { <p class="mt-1 text-xs text-red-700" role="alert" data-testid="date-error">{m}</p> })}
                </div>
                {choice("acces", td_string!(locale, search.accessibility), params.acces.clone(), options(&[
                    ("", td_string!(locale, search.no_criterion)), ("moteur", td_string!(locale, offer.motor)), ("visuel", td_string!(locale, offer.visual)),
                    ("audio", td_string!(locale, offer.hearing)), ("mental", td_string!(locale, search.mental)),
                ]), message("acces"))}
                {choice("tri", td_string!(locale, search.sort_by), params.tri.clone(), options(&[
                    ("", td_string!(locale, search.nearest)), ("date", td_string!(locale, search.date)), ("prix", td_string!(locale, search.price)), ("nouveautes", td_string!(locale, search.newest)),
                ]), message("tri"))}
            </div>
            <div class="mt-3 flex flex-wrap items-center gap-4 text-sm">
                <label class="flex min-h-11 items-center gap-2">
                    <input type="checkbox" name="duo" value="1" checked=checked(&params.duo)/>{td_string!(locale, search.duo)}
                </label>
                <label class="flex min-h-11 items-center gap-2">
                    <input type="checkbox" name="numerique" value="1" checked=checked(&params.numerique)/>{td_string!(locale, search.online)}
                </label>
                <button type="submit" class="ml-auto min-h-11 rounded-lg bg-violet-700 px-4 py-2 font-semibold text-white hover:bg-violet-800">
                    {td_string!(locale, search.apply)}
                </button>
            </div>
            </details>
        </Form>
    }
}

/// Keeps only the fields that hold something in the address a search goes to: the
/// router's form adds the submit button even without a name (`&=`), and empty selects
/// would spell out every filter not chosen.
fn only_filled_fields() -> std::sync::Arc<dyn Fn(&web_sys::FormData)> {
    std::sync::Arc::new(|form: &web_sys::FormData| {
        form.delete("");
        for name in [
            "q",
            "lieu",
            "rayon",
            "groupe",
            "categorie",
            "prix",
            "quand",
            "date",
            "acces",
            "tri",
        ] {
            if form.get(name).as_string().is_some_and(|v| v.is_empty()) {
                form.delete(name);
            }
        }
    })
}

const CHIP: &str = "flex min-h-11 items-center whitespace-nowrap rounded-full bg-white px-4 text-sm font-medium text-gray-800 ring-1 ring-gray-300 aria-pressed:bg-violet-700 aria-pressed:text-white aria-pressed:ring-violet-700";

/// One tap filters: the chips above the results, each a link to this search with its
/// filter turned on, or off when it already is.
#[component]
fn Chips(params: SearchParams) -> impl IntoView {
    let locale = use_locale();
    view! {
        <ul class="-mx-4 flex gap-2 overflow-x-auto px-4 pb-1" aria-label=td_string!(locale, search.quick_filters) data-testid="search-chips">
            // In its item: an island's element in the list itself would break the list.
            <li class="shrink-0"><NearMe locale params=params.clone()/></li>
            {QuickFilter::CHIPS.into_iter().map(|chip| {
                let on = params.has(chip);
                let href = format!("/recherche?{}", params.toggled(chip).to_query_string());
                view! {
                    <li class="shrink-0">
                        <a href=href aria-pressed=if on { "true" } else { "false" } role="button" class=CHIP>
                            {catalogue::chip(locale, chip)}
                        </a>
                    </li>
                }
            }).collect_view()}
        </ul>
        // Always there, so that screen readers announce the text when it arrives.
        <p id=NEAR_ME_STATUS class="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status" hidden></p>
    }
}

/// Where "Près de moi" says why it could not search around the device.
const NEAR_ME_STATUS: &str = "near-me-status";

/// "Près de moi": on, a link back around the named place; off, a tap asks the device
/// where it is and searches around it, nearest first. Without JavaScript it is a link
/// sorting the search by distance. An island: the search page's only code in the browser;
/// it is given the page's language.
#[island]
fn NearMe(locale: Locale, params: SearchParams) -> impl IntoView {
    let on = params.is_near_device();
    let link = if on {
        params.away_from_device()
    } else {
        SearchParams {
            tri: Some("distance".to_owned()),
            page: None,
            ..params.clone()
        }
    };
    let ask = move |event: leptos::ev::MouseEvent| {
        // On, or opened elsewhere (a new tab), the link does its own job.
        if on || event.ctrl_key() || event.meta_key() || event.shift_key() {
            return;
        }
        event.prevent_default();
        let params = params.clone();
        geolocation::locate(
            locale,
            move |latitude, longitude| {
                let near = params.near(latitude, longitude);
                let _ = window()
                    .location()
                    .set_href(&format!("/recherche?{}", near.to_query_string()));
            },
            |text| {
                if let Some(status) = document().get_element_by_id(NEAR_ME_STATUS) {
                    status.set_text_content(Some(text));
                    let _ = status.remove_attribute("hidden");
                }
            },
        );
    };
    view! {
        <a href=format!("/recherche?{}", link.to_query_string()) on:click=ask role="button"
            aria-pressed=if on { "true" } else { "false" } class=CHIP data-testid="near-me">
            {td_string!(locale, search.near_me)}
        </a>
    }
}

#[component]
fn Results(results: SearchResults) -> impl IntoView {
    let locale = use_locale();
    let count = results.offers.len();
    let more = if results.next_page.is_some() { "+" } else { "" };
    let summary = match (count, results.page) {
        (0, _) => td_string!(locale, search.none_match).to_owned(),
        (1, 1) if more.is_empty() => td_string!(locale, search.one_offer).to_owned(),
        (count, 1) => td_string!(locale, search.offers, count, more).to_string(),
        (_, page) => td_string!(locale, search.page, page).to_string(),
    };
    view! {
        <p class="mt-4 text-sm text-gray-600" data-testid="search-summary">
            {results.area} " · " {summary}
        </p>
        <ul class="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="search-results">
            {results.offers.into_iter().map(|offer| view! { <li><OfferCardView offer/></li> }).collect_view()}
        </ul>
        <nav class="mt-4 flex justify-between" aria-label=td_string!(locale, search.pages)>
            {results.previous_page.map(|href| view! { <a href=href class="font-medium text-violet-700" rel="prev">{td_string!(locale, search.previous)}</a> })}
            <span></span>
            {results.next_page.map(|href| view! { <a href=href class="font-medium text-violet-700" rel="next">{td_string!(locale, search.next)}</a> })}
        </nav>
    }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let params = Memo::new(move |_| query.with(params_from_url));
    let results = Resource::new(move || params.get(), search_offers);
    view! {
        <Title text=td_string!(locale, search.title)/>
        <div class="p-4">
            <h1 class="mb-3 text-2xl font-bold text-gray-900">{td_string!(locale, search.heading)}</h1>
            <Transition fallback=move || view! { <p class="text-gray-500">{td_string!(locale, search.searching)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        let params = params.get_untracked();
                        match results.await {
                            Ok(found) => Ok(view! {
                                <SearchForm params error=None/>
                                <Results results=found/>
                            }.into_any()),
                            Err(error @ AppError::Invalid { .. }) => Ok(view! {
                                <SearchForm params error=Some(error)/>
                                <p class="mt-4 text-sm text-gray-600">{td_string!(locale, search.fix_to_see)}</p>
                            }.into_any()),
                            Err(error) => Err(error),
                        }
                    })}
                </ErrorBoundary>
            </Transition>
        </div>
    }
}
