//! The catalogue's names per language: the groups a young person browses by, the
//! subcategories and the search's quick filters. The domain keeps its French labels as
//! the reference (a test here checks that French says exactly them); the pages say these.

use super::Locale;
use crate::i18n::td_string;
use domain::catalogue::SearchGroup;
use domain::search::QuickFilter;

pub fn group(locale: Locale, group: SearchGroup) -> &'static str {
    match group {
        SearchGroup::Cinema => td_string!(locale, group.cinema),
        SearchGroup::Livres => td_string!(locale, group.books),
        SearchGroup::ConcertsFestivals => td_string!(locale, group.concerts_festivals),
        SearchGroup::Spectacles => td_string!(locale, group.shows),
        SearchGroup::MuseesVisites => td_string!(locale, group.museums_visits),
        SearchGroup::PratiqueArtistique => td_string!(locale, group.art_practice),
        SearchGroup::Instruments => td_string!(locale, group.instruments),
        SearchGroup::Musique => td_string!(locale, group.music),
        SearchGroup::MediasPresse => td_string!(locale, group.media_press),
        SearchGroup::Conferences => td_string!(locale, group.talks),
        SearchGroup::FilmsSeries => td_string!(locale, group.films_series),
        SearchGroup::Jeux => td_string!(locale, group.games),
        SearchGroup::CartesJeunes => td_string!(locale, group.youth_cards),
        SearchGroup::MetiersArt => td_string!(locale, group.crafts),
    }
}

/// A subcategory's name by its id (`LIVRE_PAPIER`); the id itself for one the catalogue
/// lacks (an offer of an older catalogue).
pub fn subcategory(locale: Locale, id: &str) -> String {
    let name = match id {
        "SEANCE_CINE" => td_string!(locale, subcategory.seance_cine),
        "CARTE_CINE_MULTISEANCES" => td_string!(locale, subcategory.carte_cine_multiseances),
        "LIVRE_PAPIER" => td_string!(locale, subcategory.livre_papier),
        "LIVRE_NUMERIQUE" => td_string!(locale, subcategory.livre_numerique),
        "CONCERT" => td_string!(locale, subcategory.concert),
        "FESTIVAL_MUSIQUE" => td_string!(locale, subcategory.festival_musique),
        "SPECTACLE_REPRESENTATION" => td_string!(locale, subcategory.spectacle_representation),
        "VISITE" => td_string!(locale, subcategory.visite),
        "VISITE_GUIDEE" => td_string!(locale, subcategory.visite_guidee),
        "CARTE_MUSEE" => td_string!(locale, subcategory.carte_musee),
        "CONFERENCE" => td_string!(locale, subcategory.conference),
        "ATELIER_PRATIQUE_ART" => td_string!(locale, subcategory.atelier_pratique_art),
        "SUPPORT_PHYSIQUE_MUSIQUE" => td_string!(locale, subcategory.support_physique_musique),
        "ACHAT_INSTRUMENT" => td_string!(locale, subcategory.achat_instrument),
        "ABO_PRESSE_EN_LIGNE" => td_string!(locale, subcategory.abo_presse_en_ligne),
        "DECOUVERTE_METIERS" => td_string!(locale, subcategory.decouverte_metiers),
        "VOD" => td_string!(locale, subcategory.vod),
        "ABO_PLATEFORME_MUSIQUE" => td_string!(locale, subcategory.abo_plateforme_musique),
        "JEU_EN_LIGNE" => td_string!(locale, subcategory.jeu_en_ligne),
        unknown => return unknown.to_owned(),
    };
    name.to_owned()
}

/// A quick filter's chip.
pub fn chip(locale: Locale, filter: QuickFilter) -> &'static str {
    match filter {
        QuickFilter::Weekend => td_string!(locale, chip.weekend),
        QuickFilter::Free => td_string!(locale, chip.free),
        QuickFilter::Duo => td_string!(locale, chip.duo),
        QuickFilter::Group(one) => group(locale, one),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::catalogue::SUBCATEGORIES;

    #[test]
    fn french_says_the_catalogue_s_own_labels_and_english_names_every_one() {
        for one in SearchGroup::ALL {
            assert_eq!(group(Locale::fr, one), one.label());
            assert_ne!(group(Locale::en, one), "");
        }
        for sub in SUBCATEGORIES {
            assert_eq!(subcategory(Locale::fr, sub.id), sub.label, "{}", sub.id);
            assert_ne!(
                subcategory(Locale::en, sub.id),
                sub.id,
                "{} has no English name",
                sub.id
            );
        }
        for filter in QuickFilter::CHIPS {
            assert_eq!(chip(Locale::fr, filter), filter.label());
        }
        assert_eq!(subcategory(Locale::en, "LIVRE_PAPIER"), "Paper book");
        assert_eq!(subcategory(Locale::en, "OLD_ONE"), "OLD_ONE");
    }
}
