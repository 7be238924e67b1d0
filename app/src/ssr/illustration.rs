//! The picture of an offer that has none: a poster per category (a gradient in the
//! category's colours, a few shapes and its name), drawn as SVG by the server. Cards and
//! offer pages always have a picture, of the same size, so nothing shifts while they load.

use domain::catalogue::SearchGroup;

/// The address of the poster of `group`.
pub fn url(group: SearchGroup) -> String {
    format!("/images/categories/{}.svg", group.key())
}

/// Two colours per category, from the palette of the app (also those of the demo's
/// pictures).
pub fn colours(group: SearchGroup) -> (&'static str, &'static str) {
    match group {
        SearchGroup::Cinema | SearchGroup::FilmsSeries => ("#4c1d95", "#db2777"),
        SearchGroup::Livres | SearchGroup::MediasPresse => ("#065f46", "#0ea5e9"),
        SearchGroup::ConcertsFestivals | SearchGroup::Musique => ("#9a3412", "#f59e0b"),
        SearchGroup::Spectacles => ("#831843", "#f43f5e"),
        SearchGroup::MuseesVisites | SearchGroup::MetiersArt => ("#1e3a8a", "#6366f1"),
        SearchGroup::PratiqueArtistique | SearchGroup::Instruments => ("#115e59", "#84cc16"),
        SearchGroup::Conferences | SearchGroup::Jeux | SearchGroup::CartesJeunes => {
            ("#312e81", "#a855f7")
        }
    }
}

/// The poster of `group`, as an SVG document (400 × 200).
pub fn svg(group: SearchGroup) -> String {
    let (dark, light) = colours(group);
    let name = group.label();
    let label = html_escape::encode_text(name);
    // Long names get a smaller size, and at worst are squeezed into the width.
    let chars = name.chars().count();
    let size = if chars <= 16 { 26 } else { 21 };
    let fit = if chars * size * 6 / 10 > 352 {
        r#" textLength="352" lengthAdjust="spacingAndGlyphs""#
    } else {
        ""
    };
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" width="400" height="200" role="img" aria-label="{label}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="{dark}"/><stop offset="1" stop-color="{light}"/></linearGradient></defs>
<rect width="400" height="200" fill="url(#g)"/>
<circle cx="340" cy="40" r="70" fill="#fff" fill-opacity="0.12"/>
<circle cx="60" cy="190" r="90" fill="#fff" fill-opacity="0.08"/>
<rect x="250" y="110" width="90" height="90" rx="12" transform="rotate(18 295 155)" fill="#fff" fill-opacity="0.10"/>
<text x="24" y="172" font-family="system-ui, sans-serif" font-size="{size}" font-weight="700" fill="#fff"{fit}>{label}</text>
</svg>"##
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_a_poster_with_its_escaped_name() {
        for group in SearchGroup::ALL {
            let poster = svg(group);
            assert!(poster.starts_with("<svg"), "{poster}");
            assert!(poster.contains("viewBox"));
        }
        assert!(svg(SearchGroup::ConcertsFestivals).contains("Concerts &amp; festivals"));
        assert_eq!(url(SearchGroup::Livres), "/images/categories/livres.svg");
    }
}
