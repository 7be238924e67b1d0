//! Demo data for the five départements of the 2018 experiment: real towns and
//! coordinates, venues of every kind, offers of every main subcategory, events over the
//! coming weeks, and the demo accounts.

use super::siren_with_check_digit;
use app::ssr::Settings;
use chrono::{Datelike, Days, Duration, NaiveDate, TimeZone, Utc};
use domain::Cents;
use domain::account::Role;
use domain::catalogue::subcategory;
use domain::geo::time_zone_of_postal_code;
use domain::money::StockPrice;
use domain::pro::offer::{OfferForm, VenueKind};
use domain::pro::venue::VenueForm;
use domain::text::Email;
use store::*;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo-culture-pass";
pub const YOUNG_EMAIL: &str = "jeune@demo.culture-pass.fr";

struct VenueSeed {
    kind: Kind,
    name: &'static str,
    address: &'static str,
    postal_code: &'static str,
    city: &'static str,
    latitude: f64,
    longitude: f64,
}

#[derive(Clone, Copy)]
enum Kind {
    Cinema,
    Bookshop,
    Theatre,
    Museum,
    ConcertHall,
    ArtSchool,
    InstrumentShop,
    Library,
    CraftWorkshop,
}

impl Kind {
    fn venue_type(self) -> &'static str {
        match self {
            Kind::Cinema => "CINEMA",
            Kind::Bookshop => "LIBRAIRIE",
            Kind::Theatre => "SALLE_SPECTACLE",
            Kind::Museum => "MUSEE",
            Kind::ConcertHall => "SALLE_CONCERT",
            Kind::ArtSchool => "ECOLE_ART",
            Kind::InstrumentShop => "MAGASIN_INSTRUMENTS",
            Kind::Library => "BIBLIOTHEQUE",
            Kind::CraftWorkshop => "ATELIER_METIERS_ART",
        }
    }
}

/// (subcategory, title, artist or author, price in cents, seats or unlimited, event dates, duo)
type OfferSeed = (
    &'static str,
    &'static str,
    Option<&'static str>,
    i64,
    Option<i64>,
    u32,
    bool,
);

fn offers_of(kind: Kind) -> &'static [OfferSeed] {
    match kind {
        Kind::Cinema => &[
            (
                "SEANCE_CINE",
                "L'Histoire de Souleymane",
                Some("Boris Lojkine"),
                650,
                Some(80),
                3,
                true,
            ),
            (
                "SEANCE_CINE",
                "Anatomie d'une chute",
                Some("Justine Triet"),
                650,
                Some(80),
                2,
                true,
            ),
            (
                "CARTE_CINE_MULTISEANCES",
                "Carte 5 séances",
                None,
                2500,
                Some(50),
                0,
                false,
            ),
        ],
        Kind::Bookshop => &[
            (
                "LIVRE_PAPIER",
                "L'Étranger",
                Some("Albert Camus"),
                850,
                None,
                0,
                false,
            ),
            (
                "LIVRE_PAPIER",
                "La Horde du Contrevent",
                Some("Alain Damasio"),
                1290,
                Some(12),
                0,
                false,
            ),
            (
                "SUPPORT_PHYSIQUE_MUSIQUE",
                "Multitude (vinyle)",
                Some("Stromae"),
                2999,
                Some(10),
                0,
                false,
            ),
        ],
        Kind::Theatre => &[
            (
                "SPECTACLE_REPRESENTATION",
                "Cyrano de Bergerac",
                Some("Edmond Rostand"),
                1000,
                Some(40),
                3,
                true,
            ),
            (
                "SPECTACLE_REPRESENTATION",
                "Le Malade imaginaire",
                Some("Molière"),
                800,
                Some(30),
                2,
                true,
            ),
        ],
        Kind::Museum => &[
            (
                "VISITE",
                "Entrée aux collections permanentes",
                None,
                0,
                None,
                0,
                true,
            ),
            (
                "VISITE_GUIDEE",
                "Visite guidée : les chefs-d'œuvre",
                None,
                500,
                Some(20),
                3,
                true,
            ),
            (
                "CARTE_MUSEE",
                "Carte annuelle jeunes",
                None,
                1500,
                Some(100),
                0,
                true,
            ),
        ],
        Kind::ConcertHall => &[
            (
                "CONCERT",
                "Concert : Aya Nakamura en tournée",
                Some("Aya Nakamura"),
                3500,
                Some(200),
                2,
                true,
            ),
            (
                "FESTIVAL_MUSIQUE",
                "Festival des musiques actuelles",
                None,
                2500,
                Some(300),
                1,
                true,
            ),
        ],
        Kind::ArtSchool => &[
            (
                "ATELIER_PRATIQUE_ART",
                "Stage de danse hip-hop",
                None,
                2000,
                Some(15),
                3,
                false,
            ),
            (
                "ATELIER_PRATIQUE_ART",
                "Cours d'initiation au théâtre",
                None,
                1500,
                Some(12),
                2,
                false,
            ),
        ],
        Kind::InstrumentShop => &[
            (
                "ACHAT_INSTRUMENT",
                "Ukulélé soprano",
                None,
                4500,
                Some(5),
                0,
                false,
            ),
            (
                "ACHAT_INSTRUMENT",
                "Guitare classique 4/4",
                None,
                12000,
                Some(3),
                0,
                false,
            ),
        ],
        Kind::Library => &[(
            "CONFERENCE",
            "Rencontre avec une autrice",
            Some("Leïla Slimani"),
            0,
            Some(60),
            2,
            true,
        )],
        Kind::CraftWorkshop => &[(
            "DECOUVERTE_METIERS",
            "Découverte de la céramique",
            None,
            1000,
            Some(8),
            3,
            false,
        )],
    }
}

/// The activation codes of the demo e-book.
const DEMO_CODES: usize = 25;

/// Digital offers, on the virtual venue of a national partner.
const DIGITAL_OFFERS: &[OfferSeed] = &[
    (
        "LIVRE_NUMERIQUE",
        "Les Choses humaines (e-book)",
        Some("Karine Tuil"),
        999,
        None,
        0,
        false,
    ),
    (
        "ABO_PRESSE_EN_LIGNE",
        "Abonnement presse 3 mois",
        None,
        1500,
        None,
        0,
        false,
    ),
    (
        "VOD",
        "Location de film en ligne",
        None,
        399,
        None,
        0,
        false,
    ),
    (
        "ABO_PLATEFORME_MUSIQUE",
        "Abonnement musique 6 mois",
        None,
        5994,
        None,
        0,
        false,
    ),
    (
        "JEU_EN_LIGNE",
        "Jeu vidéo indépendant",
        None,
        1999,
        None,
        0,
        false,
    ),
];

macro_rules! venue {
    ($kind:ident, $name:literal, $address:literal, $postal:literal, $city:literal, $lat:literal, $lon:literal) => {
        VenueSeed {
            kind: Kind::$kind,
            name: $name,
            address: $address,
            postal_code: $postal,
            city: $city,
            latitude: $lat,
            longitude: $lon,
        }
    };
}

#[rustfmt::skip]
const VENUES: &[VenueSeed] = &[
    // Bas-Rhin
    venue!(Cinema, "Cinéma Star", "27 rue du Jeu-des-Enfants", "67000", "Strasbourg", 48.5830, 7.7460),
    venue!(Bookshop, "Librairie Kléber", "1 rue des Francs-Bourgeois", "67000", "Strasbourg", 48.5826, 7.7466),
    venue!(Theatre, "Théâtre national de Strasbourg", "1 avenue de la Marseillaise", "67000", "Strasbourg", 48.5877, 7.7556),
    venue!(Museum, "Musée d'Art moderne et contemporain", "1 place Hans-Jean-Arp", "67000", "Strasbourg", 48.5796, 7.7362),
    venue!(ConcertHall, "La Laiterie", "13 rue du Hohwald", "67000", "Strasbourg", 48.5770, 7.7320),
    venue!(ArtSchool, "Pôle Sud, centre de danse", "1 rue de Bourgogne", "67100", "Strasbourg", 48.5560, 7.7600),
    venue!(InstrumentShop, "Musique Alsace Instruments", "12 rue du Vieux-Marché-aux-Vins", "67000", "Strasbourg", 48.5838, 7.7430),
    venue!(Library, "Médiathèque André-Malraux", "1 presqu'île André-Malraux", "67100", "Strasbourg", 48.5747, 7.7600),
    venue!(CraftWorkshop, "Atelier de céramique du Neudorf", "8 rue de Lunéville", "67100", "Strasbourg", 48.5700, 7.7610),
    // Guyane
    venue!(Cinema, "Cinéma Éldorado", "108 avenue du Général-de-Gaulle", "97300", "Cayenne", 4.9360, -52.3290),
    venue!(Bookshop, "Librairie Guyanaise", "3 rue Lallouette", "97300", "Cayenne", 4.9385, -52.3305),
    venue!(Theatre, "Salle Zéphir", "2 boulevard de la République", "97300", "Cayenne", 4.9330, -52.3180),
    venue!(Museum, "Musée des cultures guyanaises", "78 rue Madame-Payé", "97300", "Cayenne", 4.9405, -52.3340),
    venue!(ConcertHall, "Scène de la place des Palmistes", "Place des Palmistes", "97300", "Cayenne", 4.9380, -52.3320),
    venue!(ArtSchool, "École de danse Mizik'Art", "15 rue Christophe-Colomb", "97300", "Cayenne", 4.9300, -52.3250),
    venue!(InstrumentShop, "Tambou Musique", "41 rue François-Arago", "97300", "Cayenne", 4.9340, -52.3270),
    venue!(Library, "Médiathèque Franconie", "1 avenue du Général-de-Gaulle", "97300", "Cayenne", 4.9370, -52.3260),
    venue!(CraftWorkshop, "Atelier de vannerie de Cayenne", "9 rue Léopold-Héder", "97300", "Cayenne", 4.9320, -52.3230),
    // Hérault
    venue!(Cinema, "Cinéma Diagonal", "5 rue de Verdun", "34000", "Montpellier", 43.6075, 3.8800),
    venue!(Bookshop, "Librairie Sauramps Comédie", "Allée Jules-Milhau", "34000", "Montpellier", 43.6090, 3.8830),
    venue!(Theatre, "Opéra Comédie", "11 boulevard Victor-Hugo", "34000", "Montpellier", 43.6085, 3.8795),
    venue!(Museum, "Musée Fabre", "39 boulevard Bonne-Nouvelle", "34000", "Montpellier", 43.6115, 3.8815),
    venue!(ConcertHall, "Le Rockstore", "20 rue de Verdun", "34000", "Montpellier", 43.6078, 3.8790),
    venue!(ArtSchool, "Agora, cité de la danse", "18 rue Sainte-Ursule", "34000", "Montpellier", 43.6145, 3.8780),
    venue!(InstrumentShop, "Montpellier Guitares", "4 rue de la Loge", "34000", "Montpellier", 43.6105, 3.8770),
    venue!(Library, "Médiathèque Émile-Zola", "218 boulevard de l'Aéroport-International", "34000", "Montpellier", 43.6080, 3.8960),
    venue!(CraftWorkshop, "Atelier du verre de l'Écusson", "6 rue du Bras-de-Fer", "34000", "Montpellier", 43.6110, 3.8740),
    // Seine-Saint-Denis
    venue!(Cinema, "Cinéma L'Écran", "14 passage de l'Aqueduc", "93200", "Saint-Denis", 48.9360, 2.3580),
    venue!(Bookshop, "Librairie Folies d'encre", "9 avenue de la Résistance", "93100", "Montreuil", 48.8620, 2.4410),
    venue!(Theatre, "Théâtre Gérard-Philipe", "59 boulevard Jules-Guesde", "93200", "Saint-Denis", 48.9385, 2.3540),
    venue!(Museum, "Basilique-cathédrale de Saint-Denis", "1 rue de la Légion-d'Honneur", "93200", "Saint-Denis", 48.9356, 2.3596),
    venue!(ConcertHall, "La Marbrerie", "21 rue Alexis-Lepère", "93100", "Montreuil", 48.8560, 2.4400),
    venue!(ArtSchool, "Académie Fratellini", "1 rue des Cheminots", "93210", "Saint-Denis", 48.9210, 2.3580),
    venue!(InstrumentShop, "Instruments de Montreuil", "30 rue de Paris", "93100", "Montreuil", 48.8640, 2.4480),
    venue!(Library, "Médiathèque Don-Quichotte", "120 avenue du Président-Wilson", "93200", "Saint-Denis", 48.9270, 2.3560),
    venue!(CraftWorkshop, "Atelier de lutherie de Montreuil", "5 rue Désiré-Charton", "93100", "Montreuil", 48.8600, 2.4500),
    // Finistère
    venue!(Cinema, "Cinéma Les Studios", "136 rue Jean-Jaurès", "29200", "Brest", 48.3940, -4.4800),
    venue!(Bookshop, "Librairie Dialogues", "Forum Roull", "29200", "Brest", 48.3900, -4.4860),
    venue!(Theatre, "Le Quartz", "60 rue du Château", "29200", "Brest", 48.3870, -4.4900),
    venue!(Museum, "Musée des beaux-arts de Quimper", "40 place Saint-Corentin", "29000", "Quimper", 47.9960, -4.1020),
    venue!(ConcertHall, "La Carène", "30 rue Jean-Marie-Le-Bris", "29200", "Brest", 48.3830, -4.5040),
    venue!(ArtSchool, "Ateliers du conservatoire de Brest", "16 rue du Château", "29200", "Brest", 48.3920, -4.4820),
    venue!(InstrumentShop, "Breizh Musique", "12 rue Kéréon", "29000", "Quimper", 47.9970, -4.1040),
    venue!(Library, "Médiathèque des Capucins", "25 rue de Pontaniou", "29200", "Brest", 48.3850, -4.4990),
    venue!(CraftWorkshop, "Faïencerie de Quimper", "Rue Haute", "29000", "Quimper", 47.9930, -4.1100),
];

fn description(sub: &str, venue: &VenueSeed) -> String {
    let label = subcategory(sub).map_or("Offre", |s| s.label);
    format!(
        "{label}, chez {} à {}. Réservable avec le pass : présente ta contremarque à l'accueil.",
        venue.name, venue.city
    )
}

fn user(
    email: &str,
    hash: &str,
    first: &str,
    last: &str,
    role: Role,
    birth: Option<NaiveDate>,
    dep: &str,
) -> NewUser {
    NewUser {
        email: Email::parse(email).unwrap_or_else(|_| unreachable!("demo e-mails are valid")),
        password_hash: hash.to_owned(),
        first_name: first.to_owned(),
        last_name: last.to_owned(),
        role,
        birth_date: birth,
        departement: Some(dep.to_owned()),
    }
}

/// The start of the `n`-th session of an event: 20:00 in the venue's time zone,
/// `days` from today.
fn event_start(venue: &VenueSeed, days: u64) -> chrono::DateTime<Utc> {
    let tz: chrono_tz::Tz = time_zone_of_postal_code(venue.postal_code)
        .parse()
        .unwrap_or(chrono_tz::Europe::Paris);
    let day = Utc::now().date_naive() + Days::new(days);
    tz.with_ymd_and_hms(day.year(), day.month(), day.day(), 20, 0, 0)
        .earliest()
        .map_or_else(
            || Utc::now() + Duration::days(days as i64),
            |local| local.with_timezone(&Utc),
        )
}

/// The venue form a partner would fill in for `venue`.
fn venue_form(venue: &VenueSeed) -> VenueForm {
    VenueForm {
        name: venue.name.to_owned(),
        no_siret_reason: "Lieu de démonstration, sans SIRET".to_owned(),
        venue_type: venue.kind.venue_type().to_owned(),
        address: venue.address.to_owned(),
        postal_code: venue.postal_code.to_owned(),
        city: venue.city.to_owned(),
        latitude: venue.latitude.to_string(),
        longitude: venue.longitude.to_string(),
        withdrawal_details: "Présente ta contremarque à l'accueil.".to_owned(),
        ..VenueForm::default()
    }
}

/// The offer form a partner would fill in for `seed`, at `venue` (the virtual venue
/// when `None`).
fn offer_form(venue: Option<&VenueSeed>, seed: &OfferSeed, index: u64) -> OfferForm {
    let (sub, title, artist, _, _, _, duo) = *seed;
    let can_be_duo = subcategory(sub).is_some_and(|s| s.can_be_duo);
    OfferForm {
        subcategory: sub.to_owned(),
        title: title.to_owned(),
        description: venue.map_or_else(
            || {
                let label = subcategory(sub).map_or(sub, |s| s.label);
                format!("{label} accessible en ligne.")
            },
            |v| description(sub, v),
        ),
        artist: artist.unwrap_or_default().to_owned(),
        url: venue.map_or("https://example.org/offre", |_| "").to_owned(),
        is_duo: duo && can_be_duo,
        withdrawal_details: venue
            .map_or("", |_| "Présente ta contremarque à l'accueil.")
            .to_owned(),
        accessibility: Accessibility {
            audio: index.is_multiple_of(2),
            mental: index.is_multiple_of(3),
            motor: true,
            visual: index.is_multiple_of(4),
        },
        ..OfferForm::default()
    }
}

/// Publishes an offer the way a partner does: the form checked, the draft, its picture,
/// a price category for events, the stocks, then published.
async fn add_offer(
    repo: &Repo,
    venue_id: i64,
    venue: Option<&VenueSeed>,
    seed: &OfferSeed,
    index: u64,
) -> Result<i64, Box<dyn std::error::Error>> {
    let (_, title, _, price, quantity, dates, _) = *seed;
    let now = Utc::now();
    let kind = if venue.is_some() {
        VenueKind::Physical
    } else {
        VenueKind::Virtual
    };
    let draft = offer_form(venue, seed, index)
        .parse(kind, now.date_naive())
        .map_err(|e| format!("demo offer {title}: {e}"))?;
    let offer_id = repo.add_offer(venue_id, &draft, None, now).await?;
    // Offers at a venue come with a picture of their own; the digital ones keep their
    // category's poster, as an offer without a picture shows.
    if venue.is_some() {
        let group = draft.subcategory.group;
        let picture =
            tokio::task::spawn_blocking(move || super::posters::poster(group, offer_id as u64))
                .await?
                .map_err(|error| format!("drawing a demo picture: {error}"))?;
        repo.set_offer_image(offer_id, &picture, store::ImageHome::Database, now)
            .await?;
    }
    let price = StockPrice::parse(Cents(price))?.cents().get();
    let category = if draft.subcategory.is_event {
        Some(
            repo.add_price_category(offer_id, "Tarif unique", price)
                .await?,
        )
    } else {
        None
    };
    let starts: Vec<Option<chrono::DateTime<Utc>>> = match (dates, venue) {
        (0, _) | (_, None) => vec![None],
        (n, Some(venue)) => (0..u64::from(n))
            .map(|i| Some(event_start(venue, 2 + index % 5 + i * 7)))
            .collect(),
    };
    let stocks: Vec<NewStock> = starts
        .into_iter()
        .map(|begins_at| NewStock {
            price_cents: price,
            price_category_id: category,
            quantity,
            booking_limit: None,
            begins_at,
        })
        .collect();
    repo.add_stocks(offer_id, &stocks, now).await?;
    repo.set_offer_status(offer_id, OfferStatus::Published, now)
        .await?;
    Ok(offer_id)
}

/// A structure of the demo partner, registered and validated by the demo administrator.
async fn structure(
    repo: &Repo,
    partner: i64,
    admin: i64,
    name: &str,
    siren: u32,
) -> Result<i64, Box<dyn std::error::Error>> {
    let now = Utc::now();
    let id = repo
        .register_structure(partner, name, &siren_with_check_digit(siren), now)
        .await?;
    repo.decide_structure(id, true, admin, None, now).await?;
    Ok(id)
}

pub async fn run(repo: &Repo, settings: &Settings) -> Result<(), Box<dyn std::error::Error>> {
    let young_email = Email::parse(YOUNG_EMAIL)?;
    if repo.user_by_email(&young_email).await?.is_some() {
        tracing::info!("demo data already present: nothing to do");
        return Ok(());
    }
    let now = Utc::now();
    let today = now.date_naive();
    let hash = app::ssr::passwords::hash(DEMO_PASSWORD.to_owned()).await?;
    let born = |years: u32, days: u64| {
        today
            .checked_sub_months(chrono::Months::new(years * 12))
            .and_then(|d| d.checked_sub_days(Days::new(days)))
    };

    let young_birth = born(18, 60);
    let young = repo
        .create_verified_user(
            &user(
                YOUNG_EMAIL,
                &hash,
                "Inès",
                "Moreau",
                Role::Young,
                young_birth,
                "67",
            ),
            now,
        )
        .await?;
    let minor_birth = born(17, 30);
    let minor = repo
        .create_verified_user(
            &user(
                "mineur@demo.culture-pass.fr",
                &hash,
                "Noah",
                "Lefebvre",
                Role::Young,
                minor_birth,
                "34",
            ),
            now,
        )
        .await?;
    let partner = repo
        .create_verified_user(
            &user(
                "partenaire@demo.culture-pass.fr",
                &hash,
                "Claire",
                "Fontaine",
                Role::Partner,
                None,
                "67",
            ),
            now,
        )
        .await?;
    let admin = repo
        .create_verified_user(
            &user(
                "admin@demo.culture-pass.fr",
                &hash,
                "Admin",
                "Culture Pass",
                Role::Admin,
                None,
                "75",
            ),
            now,
        )
        .await?;

    // Credit by the configured policy, as an approved identity check grants it.
    // The demo accounts accepted the texts in force.
    for user_id in [young, minor, partner, admin] {
        repo.accept_legal(user_id, domain::legal::Acceptance::current(), now)
            .await?;
    }
    for user_id in [young, minor] {
        repo.submit_identity(user_id, true, now).await?;
        repo.grant_due_for(user_id, &settings.credit_policy, now)
            .await?;
    }

    for (index, venue) in VENUES.iter().enumerate() {
        let structure =
            structure(repo, partner, admin, venue.name, 90_000_000 + index as u32).await?;
        let draft = venue_form(venue)
            .parse()
            .map_err(|e| format!("demo venue {}: {e}", venue.name))?;
        let venue_id = repo.add_venue(structure, &draft, now).await?;
        for (n, offer) in offers_of(venue.kind).iter().enumerate() {
            add_offer(repo, venue_id, Some(venue), offer, (index + n) as u64).await?;
        }
    }

    let national = structure(repo, partner, admin, "Culture en ligne", 91_000_000).await?;
    let virtual_venue = repo
        .venues_of_structure(national)
        .await?
        .into_iter()
        .find(|v| v.is_virtual)
        .ok_or("a structure has its virtual venue")?
        .id;
    for (n, offer) in DIGITAL_OFFERS.iter().enumerate() {
        let offer_id = add_offer(repo, virtual_venue, None, offer, n as u64).await?;
        // The e-book is delivered by activation codes, one per booking.
        if offer.0 == "LIVRE_NUMERIQUE" {
            let stock_id = repo.stocks_of_offer(offer_id).await?[0].id;
            let codes: Vec<String> = (1..=DEMO_CODES)
                .map(|i| format!("EBOOK-DEMO-{i:04}"))
                .collect();
            repo.add_codes(stock_id, &codes, None, Utc::now()).await?;
        }
    }
    // A structure that just joined, waiting for an administrator (/admin/structures).
    repo.register_structure(
        partner,
        "Compagnie des Quais",
        &siren_with_check_digit(92_000_000),
        now,
    )
    .await?;
    tracing::info!(
        offers = repo.count_offers().await?,
        "demo data created; password of every demo account: {DEMO_PASSWORD}"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_demo_covers_every_main_subcategory_and_the_five_departements() {
        let used: HashSet<&str> = VENUES
            .iter()
            .flat_map(|v| offers_of(v.kind).iter())
            .chain(DIGITAL_OFFERS)
            .map(|o| o.0)
            .collect();
        for sub in domain::catalogue::SUBCATEGORIES {
            assert!(used.contains(sub.id), "{} has no demo offer", sub.id);
        }
        let departements: HashSet<&str> = VENUES.iter().map(|v| &v.postal_code[..2]).collect();
        assert_eq!(departements, HashSet::from(["67", "97", "34", "93", "29"]));
    }

    #[test]
    fn every_demo_venue_and_offer_passes_the_partners_forms() {
        let today = Utc::now().date_naive();
        for venue in VENUES {
            assert_eq!(venue_form(venue).parse().err(), None, "{}", venue.name);
            for (n, offer) in offers_of(venue.kind).iter().enumerate() {
                let form = offer_form(Some(venue), offer, n as u64);
                assert_eq!(
                    form.parse(VenueKind::Physical, today).err(),
                    None,
                    "{}",
                    offer.1
                );
                assert!(StockPrice::parse(Cents(offer.3)).is_ok(), "{}", offer.1);
            }
        }
        for (n, offer) in DIGITAL_OFFERS.iter().enumerate() {
            let form = offer_form(None, offer, n as u64);
            assert_eq!(
                form.parse(VenueKind::Virtual, today).err(),
                None,
                "{}",
                offer.1
            );
            assert!(StockPrice::parse(Cents(offer.3)).is_ok(), "{}", offer.1);
        }
    }
}
