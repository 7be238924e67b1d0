//! Pictures for the demo's offers, drawn at seed time (nothing is downloaded): a
//! gradient in the colours of the offer's category, crossed by translucent discs placed
//! from the offer's number, so that no two offers look alike. They are stored through
//! the same resizing as a partner's upload (`pro::service::images::versions`).

use app::features::pro::service::images;
use app::ssr::illustration::colours;
use domain::catalogue::SearchGroup;
use image::{DynamicImage, Rgb, RgbImage, imageops::FilterType};
use store::NewOfferImage;

/// Drawn small (the seed runs unoptimised in development), then enlarged smoothly by
/// the `image` crate (optimised even there: `Cargo.toml`) to a size that is sharp on a
/// phone and quick to make for the demo's hundred offers.
const DRAWN: (u32, u32) = (240, 180);
const SIZE: (u32, u32) = (800, 600);

fn rgb(hex: &str) -> [f32; 3] {
    let channel = |at: usize| {
        u8::from_str_radix(hex.get(at..at + 2).unwrap_or("80"), 16).map_or(128.0, f32::from)
    };
    [channel(1), channel(3), channel(5)]
}

/// A pseudo-random number in [0, 1) from a state (a linear congruential generator):
/// the same offer always gets the same picture.
fn next(state: &mut u64) -> f32 {
    *state = state
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    (*state >> 40) as f32 / (1u64 << 24) as f32
}

/// The picture of the `number`-th demo offer of a category.
pub fn draw(group: SearchGroup, number: u64) -> DynamicImage {
    let (dark, light) = colours(group);
    let (dark, light) = (rgb(dark), rgb(light));
    let mut state = number.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let angle = next(&mut state) * std::f32::consts::TAU;
    let discs: Vec<(f32, f32, f32, f32)> = (0..4)
        .map(|_| {
            let x = next(&mut state) * DRAWN.0 as f32;
            let y = next(&mut state) * DRAWN.1 as f32;
            let radius = (0.15 + next(&mut state) * 0.45) * DRAWN.1 as f32;
            let opacity = 0.08 + next(&mut state) * 0.14;
            (x, y, radius, opacity)
        })
        .collect();
    let (w, h) = (DRAWN.0 as f32, DRAWN.1 as f32);
    let small = RgbImage::from_fn(DRAWN.0, DRAWN.1, |x, y| {
        let (x, y) = (x as f32, y as f32);
        let along = ((x - w / 2.0) * angle.cos() + (y - h / 2.0) * angle.sin()) / w + 0.5;
        let along = along.clamp(0.0, 1.0);
        let mut colour: [f32; 3] = std::array::from_fn(|c| dark[c] + (light[c] - dark[c]) * along);
        for &(cx, cy, radius, opacity) in &discs {
            // How much of this pixel the disc covers: its edge is soft over one pixel,
            // so that enlarging shows no staircase.
            let inside =
                (radius - ((x - cx).powi(2) + (y - cy).powi(2)).sqrt() + 0.5).clamp(0.0, 1.0);
            for channel in &mut colour {
                *channel += (255.0 - *channel) * opacity * inside;
            }
        }
        Rgb(colour.map(|c| c.round().clamp(0.0, 255.0) as u8))
    });
    DynamicImage::ImageRgb8(small).resize_exact(SIZE.0, SIZE.1, FilterType::Triangle)
}

/// The stored versions of that picture.
pub fn poster(group: SearchGroup, number: u64) -> Result<NewOfferImage, app::error::AppError> {
    images::versions(draw(group, number))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_offer_gets_its_own_picture_in_its_category_colours_at_photo_size() {
        let first = draw(SearchGroup::Cinema, 0);
        assert_eq!((first.width(), first.height()), SIZE);
        assert_eq!(
            draw(SearchGroup::Cinema, 0),
            first,
            "the same offer, the same picture"
        );
        assert_ne!(draw(SearchGroup::Cinema, 1), first);
        // Somewhere in it, the category's colours.
        let pixels = first.to_rgb8();
        let dark = rgb(colours(SearchGroup::Cinema).0);
        let near_dark = pixels.pixels().any(|p| {
            p.0.iter()
                .zip(dark)
                .all(|(&a, b)| (f32::from(a) - b).abs() < 40.0)
        });
        assert!(near_dark);
        let stored = poster(SearchGroup::Livres, 3).expect("a poster");
        assert_eq!((stored.width, stored.height), (800, 600));
        assert!(stored.large.starts_with(&[0xFF, 0xD8, 0xFF]));
        assert!(stored.thumbnail.len() < stored.large.len());
    }
}
