//! Search, the home rows and the map, over the repository's search index. The rules
//! (what a filter may hold, how a period maps to days, how the map is gridded) are the
//! domain's; this module resolves them against the request: where the person is, what
//! their credit allows, what day it is where they search (a Cayenne evening is not yet
//! tomorrow).

use crate::dto::OfferCard;
use crate::error::AppError;
use crate::features::discovery::dto::{
    Home, HomeRow, MapFeature, MapSetup, PlaceView, SearchResults, VenueView,
};
use crate::i18n::td_string;
use crate::lang::{Locale, catalogue, requested, search_refusals};
use crate::ssr::caches::HomeOffers;
use crate::ssr::cards::{Social, offer_cards};
use crate::ssr::context::AppContext;
use crate::ssr::session::current_user;
use crate::ssr::{app_context, present};
use domain::catalogue::SearchGroup;
use domain::cluster::{Feature, VenuePoint, Viewport, group, separate};
use domain::geo::{PLACES, Place, Position, place};
use domain::search::{Area, PAGE_SIZE, PriceFilter, Search, SearchParams, subcategories_of};
use domain::zones::{self, Tz, local_date};
use store::{OfferSearch, VenuePointRow};

/// Offers per home row.
const ROW_SIZE: i64 = 10;
/// Offers in the feed under the rows.
const FEED_SIZE: i64 = 60;
/// The most venues the map groups at once, zoomed in.
const MAP_VENUES: i64 = 5_000;
/// Offers on a venue's page and in its map preview.
const VENUE_OFFERS: i64 = 50;

fn view(place: &Place) -> PlaceView {
    PlaceView {
        key: place.key.to_owned(),
        name: place.name.to_owned(),
    }
}

/// The field to fix, its reason worded in the request's language.
fn invalid(error: domain::search::SearchError) -> AppError {
    AppError::invalid(
        error.field,
        search_refusals::search(requested(), &error.reason),
    )
}

/// The named place of a request, or the configured default.
fn named_place(ctx: &AppContext, key: Option<&str>) -> Result<&'static Place, AppError> {
    let key = key
        .filter(|k| !k.is_empty())
        .unwrap_or(&ctx.settings.default_place);
    place(key).ok_or_else(|| {
        let message = td_string!(requested(), search.unknown_place, key).to_string();
        AppError::invalid("lieu", message)
    })
}

/// Where a search looks from: typed coordinates (the device's position), else a named
/// place, and how to say it.
fn locate(ctx: &AppContext, params: &SearchParams) -> Result<(Position, String), AppError> {
    if let Some(position) = params.coordinates().map_err(invalid)? {
        return Ok((
            position,
            td_string!(requested(), search.your_position).to_owned(),
        ));
    }
    let place = named_place(ctx, params.lieu.as_deref())?;
    Ok((place.position(), place.name.to_owned()))
}

/// A checked search, as the index's query; its days are cut on `zone`'s clock.
async fn resolve(
    ctx: &AppContext,
    search: &Search,
    zone: Tz,
    limit: i64,
) -> Result<OfferSearch, AppError> {
    let subcategories = match (search.subcategory, search.group) {
        (Some(id), _) => vec![id.to_owned()],
        (None, Some(group)) => subcategories_of(group).map(|s| s.id.to_owned()).collect(),
        (None, None) => Vec::new(),
    };
    let max_price_cents = match search.price {
        None => None,
        Some(PriceFilter::Free) => Some(0),
        Some(PriceFilter::AtMost(cents)) => Some(cents.get()),
        Some(PriceFilter::WithinCredit) => {
            let user = current_user(ctx).await?.ok_or_else(|| {
                AppError::invalid("prix", td_string!(requested(), search.sign_in_for_credit))
            })?;
            let wallet = ctx.repo.wallet(user.id).await?;
            Some(wallet.map_or(0, |w| w.balance_cents))
        }
    };
    let now = ctx.now();
    let starts_between = search.when.map(|when| zones::period(when, now, zone));
    let (center, radius_km) = match search.area {
        Area::Around { center, radius_km } => (Some(center), Some(f64::from(radius_km))),
        Area::Everywhere { center } => (center, None),
    };
    Ok(OfferSearch {
        terms: search.terms.clone(),
        subcategories,
        max_price_cents,
        starts_between,
        center,
        // Digital offers have no place: "digital only" looks everywhere.
        radius_km: radius_km.filter(|_| !search.digital_only),
        duo_only: search.duo_only,
        digital_only: search.digital_only,
        access: search.access,
        sort: search.sort,
        limit,
        offset: i64::from(search.offset()),
        now,
    })
}

async fn cards(ctx: &AppContext, query: &OfferSearch) -> Result<Vec<OfferCard>, AppError> {
    let rows = ctx.repo.search_offers(query).await?;
    offer_cards(ctx, rows, query.center).await
}

pub async fn search(params: SearchParams) -> Result<SearchResults, AppError> {
    let ctx = app_context()?;
    let (center, name) = locate(&ctx, &params)?;
    let zone = zones::at(center);
    let search = params
        .parse(Some(center), local_date(ctx.now(), zone))
        .map_err(invalid)?;
    // One more than a page tells whether there is a next one.
    let query = resolve(&ctx, &search, zone, i64::from(PAGE_SIZE) + 1).await?;
    let mut offers = cards(&ctx, &query).await?;
    let has_next = offers.len() > PAGE_SIZE as usize;
    offers.truncate(PAGE_SIZE as usize);
    let locale = requested();
    let area = match search.area {
        _ if search.digital_only => td_string!(locale, search.area_online).to_owned(),
        Area::Around { radius_km, .. } => {
            let radius = radius_km;
            td_string!(locale, search.area_around, name, radius).to_string()
        }
        Area::Everywhere { .. } => td_string!(locale, search.area_everywhere).to_owned(),
    };
    let link = |page: u32| format!("/recherche?{}", params.with_page(page).to_query_string());
    Ok(SearchResults {
        offers,
        area,
        page: search.page,
        previous_page: (search.page > 1).then(|| link(search.page - 1)),
        next_page: has_next.then(|| link(search.page + 1)),
    })
}

/// A home row's title in a language.
type RowTitle = fn(Locale) -> &'static str;

/// The home's rows: a title, and the search that shows all of it. None may depend on who
/// asks (the "within my credit" filter): their offers are kept and shared by everyone.
fn home_rows(place: &Place) -> [(RowTitle, SearchParams); 8] {
    let base = SearchParams {
        lieu: Some(place.key.to_owned()),
        ..SearchParams::default()
    };
    let with = |edit: fn(&mut SearchParams)| {
        let mut params = base.clone();
        edit(&mut params);
        params
    };
    [
        (
            |locale| td_string!(locale, home.this_week),
            with(|p| (p.quand, p.tri) = (Some("semaine".into()), Some("date".into()))),
        ),
        (
            |locale| td_string!(locale, home.this_weekend),
            with(|p| (p.quand, p.tri) = (Some("weekend".into()), Some("date".into()))),
        ),
        (
            |locale| td_string!(locale, home.free),
            with(|p| p.prix = Some("gratuit".into())),
        ),
        (
            |locale| td_string!(locale, home.new_offers),
            with(|p| p.tri = Some("nouveautes".into())),
        ),
        (
            |locale| catalogue::group(locale, SearchGroup::Cinema),
            with(|p| p.groupe = Some("cinema".into())),
        ),
        (
            |locale| catalogue::group(locale, SearchGroup::Livres),
            with(|p| p.groupe = Some("livres".into())),
        ),
        (
            |locale| catalogue::group(locale, SearchGroup::Spectacles),
            with(|p| p.groupe = Some("spectacles".into())),
        ),
        (
            |locale| catalogue::group(locale, SearchGroup::ConcertsFestivals),
            with(|p| p.groupe = Some("concerts-festivals".into())),
        ),
    ]
}

/// The offers of the home around `place` on its own day, list by list: each row's, then the
/// feed's. The same for everyone, so kept a few seconds per place ([`Caches`]).
///
/// [`Caches`]: crate::ssr::Caches
async fn home_offers(ctx: &AppContext, place: &'static Place) -> Result<HomeOffers, AppError> {
    let zone = zones::at(place.position());
    let today = local_date(ctx.now(), zone);
    let read = async {
        let mut lists = Vec::new();
        for (_, params) in home_rows(place) {
            let search = params
                .parse(Some(place.position()), today)
                .map_err(invalid)?;
            let query = resolve(ctx, &search, zone, ROW_SIZE).await?;
            lists.push(ctx.repo.search_offers(&query).await?);
        }
        let around = SearchParams {
            lieu: Some(place.key.to_owned()),
            ..SearchParams::default()
        };
        let search = around
            .parse(Some(place.position()), today)
            .map_err(invalid)?;
        let query = resolve(ctx, &search, zone, FEED_SIZE).await?;
        lists.push(ctx.repo.search_offers(&query).await?);
        Ok::<_, AppError>(HomeOffers::new(lists))
    };
    ctx.caches
        .home
        .try_get_with((place.key, today), read)
        .await
        .map_err(|error| (*error).clone())
}

pub async fn home(key: Option<String>) -> Result<Home, AppError> {
    let ctx = app_context()?;
    let place = named_place(&ctx, key.as_deref())?;
    let offers = home_offers(&ctx, place).await?;
    let social = Social::of(&ctx, offers.iter().flatten()).await?;
    let from = Some(place.position());
    let locale = requested();
    let mut lists = offers.iter().cloned();
    let rows = home_rows(place)
        .into_iter()
        .zip(lists.by_ref())
        .filter(|(_, offers)| !offers.is_empty())
        .map(|((title, params), offers)| HomeRow {
            title: title(locale).to_owned(),
            search_link: format!("/recherche?{}", params.to_query_string()),
            offers: social.cards(offers, from),
        })
        .collect();
    // The national version: a visitor's département is not known.
    let (_, policy) = ctx
        .repo
        .policy_in_force(None, &ctx.settings.credit_policy, ctx.now())
        .await?;
    Ok(Home {
        place: view(place),
        places: PLACES.iter().map(view).collect(),
        rows,
        nearby: social.cards(lists.next().unwrap_or_default(), from),
        pass_pitch: Some(crate::lang::pitch::pitch(locale, &policy)),
    })
}

pub fn map_setup(key: Option<String>) -> Result<MapSetup, AppError> {
    let ctx = app_context()?;
    let place = named_place(&ctx, key.as_deref())?;
    Ok(MapSetup {
        tiles_url: ctx.settings.map_tiles_url.clone(),
        attribution: ctx.settings.map_attribution.clone(),
        place: view(place),
        latitude: place.latitude,
        longitude: place.longitude,
        places: PLACES.iter().map(view).collect(),
    })
}

pub async fn map_features(
    south: f64,
    west: f64,
    north: f64,
    east: f64,
    zoom: u8,
) -> Result<Vec<MapFeature>, AppError> {
    let ctx = app_context()?;
    let viewport = Viewport::parse(south, west, north, east, zoom).map_err(|error| {
        AppError::invalid("carte", search_refusals::viewport(requested(), &error))
    })?;
    let features = if viewport.uses_stored_cells() {
        let cells = ctx.repo.offer_cells(viewport.cells()).await?;
        cells
            .into_iter()
            .map(|cell| Feature::Cluster {
                position: Position {
                    latitude: cell.latitude_sum / cell.offers as f64,
                    longitude: cell.longitude_sum / cell.offers as f64,
                },
                offers: cell.offers,
            })
            .collect()
    } else {
        let venues = ctx
            .repo
            .venues_within(viewport.bounds, ctx.now(), MAP_VENUES)
            .await?;
        if venues.len() as i64 == MAP_VENUES {
            tracing::warn!(?viewport, "the map's venue limit was reached");
        }
        let points: Vec<VenuePoint> = venues.iter().map(VenuePointRow::point).collect();
        group(&points, viewport.level())
    };
    Ok(separate(features, viewport.zoom)
        .into_iter()
        .map(|feature| MapFeature {
            latitude: feature.position().latitude,
            longitude: feature.position().longitude,
            offers: feature.offers(),
            venue_id: match feature {
                Feature::Venue { venue_id, .. } => Some(venue_id),
                Feature::Cluster { .. } => None,
            },
        })
        .collect())
}

pub async fn venue(venue_id: i64) -> Result<VenueView, AppError> {
    let ctx = app_context()?;
    let venue = ctx
        .repo
        .venue(venue_id)
        .await?
        .filter(|v| v.is_visible())
        .ok_or(AppError::NotFound)?;
    let offers = ctx
        .repo
        .offers_of_venue(venue_id, ctx.now(), VENUE_OFFERS)
        .await?;
    let position = venue.latitude.zip(venue.longitude);
    let from = position.map(|(latitude, longitude)| Position {
        latitude,
        longitude,
    });
    Ok(VenueView {
        id: venue.id,
        address: if venue.is_virtual {
            td_string!(requested(), search.online_offers).to_owned()
        } else {
            format!("{}, {} {}", venue.address, venue.postal_code, venue.city)
        },
        name: venue.name,
        latitude: venue.latitude,
        longitude: venue.longitude,
        directions_url: position.map(|(lat, lon)| present::directions_url(lat, lon)),
        offers: offer_cards(&ctx, offers, from).await?,
    })
}
