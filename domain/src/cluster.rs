//! Map clusters, computed on the server so that the browser never receives more than a
//! few hundred features, however many offers there are.
//!
//! The map is cut into a grid whose cells are about 32 screen pixels wide at the zoom
//! shown: cell `(x, y)` at level `L` covers longitudes `[x, x+1) · 360/2^L − 180` and
//! latitudes `[y, y+1) · 250/2^L − 90` (250 rather than 180 makes cells roughly square on
//! screen at French latitudes). Up to [`MAX_STORED_LEVEL`] the database keeps a running
//! count per cell (maintained by triggers); closer in, the venues in view are few enough
//! to be grouped here, by [`group`].

use crate::geo::{BoundingBox, Position};
use serde::{Deserialize, Serialize};

/// Degrees of latitude a level-0 cell spans.
pub const LAT_SPAN: f64 = 250.0;
/// Grid level = zoom + this (a 256-pixel tile holds 8 cells across).
pub const LEVEL_ABOVE_ZOOM: u8 = 3;
pub const MAX_ZOOM: u8 = 18;
/// The finest level counted in the database (zoom 11, cells of about 2 km).
pub const MAX_STORED_LEVEL: u8 = 14;
/// The most cells one request may cover (a 4K screen at the right zoom is ~8 000).
pub const MAX_CELLS: i64 = 10_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ViewportError {
    #[error("Les limites de la carte sont hors de la Terre")]
    OutOfRange,
    #[error("Les limites de la carte sont inversées")]
    Inverted,
    #[error("Le niveau de zoom doit être compris entre 0 et {MAX_ZOOM}")]
    Zoom,
    #[error("Zone trop grande pour ce niveau de zoom")]
    TooLarge,
}

/// A grid cell at some level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cell {
    pub x: i64,
    pub y: i64,
}

/// The cell of a position at a level.
pub fn cell(position: Position, level: u8) -> Cell {
    let per_degree = f64::from(1u32 << level);
    Cell {
        x: ((position.longitude + 180.0) * per_degree / 360.0).floor() as i64,
        y: ((position.latitude + 90.0) * per_degree / LAT_SPAN).floor() as i64,
    }
}

/// What the map shows: its bounds and its zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub bounds: BoundingBox,
    pub zoom: u8,
}

/// The cells a viewport covers, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellRange {
    pub level: u8,
    pub min: Cell,
    pub max: Cell,
}

impl CellRange {
    pub fn count(&self) -> i64 {
        (self.max.x - self.min.x + 1) * (self.max.y - self.min.y + 1)
    }
}

impl Viewport {
    pub fn parse(
        south: f64,
        west: f64,
        north: f64,
        east: f64,
        zoom: u8,
    ) -> Result<Self, ViewportError> {
        let on_earth = |lat: f64, lon: f64| Position::parse(lat, lon).is_ok();
        if !on_earth(south, west) || !on_earth(north, east) {
            return Err(ViewportError::OutOfRange);
        }
        if south > north || west > east {
            return Err(ViewportError::Inverted);
        }
        if zoom > MAX_ZOOM {
            return Err(ViewportError::Zoom);
        }
        let viewport = Viewport {
            bounds: BoundingBox {
                south,
                north,
                west,
                east,
            },
            zoom,
        };
        if viewport.cells().count() > MAX_CELLS {
            return Err(ViewportError::TooLarge);
        }
        Ok(viewport)
    }

    /// What a screen of `width` × `height` pixels shows around `center` at `zoom`
    /// (Web Mercator: a 256-pixel tile spans 360/2^zoom degrees of longitude).
    pub fn around(
        center: Position,
        zoom: u8,
        width: u32,
        height: u32,
    ) -> Result<Self, ViewportError> {
        let degrees_per_pixel = 360.0 / 256.0 / f64::from(1u32 << zoom.min(MAX_ZOOM));
        let half_width = f64::from(width) / 2.0 * degrees_per_pixel;
        let half_height =
            f64::from(height) / 2.0 * degrees_per_pixel * center.latitude.to_radians().cos();
        Viewport::parse(
            (center.latitude - half_height).max(-90.0),
            (center.longitude - half_width).max(-180.0),
            (center.latitude + half_height).min(90.0),
            (center.longitude + half_width).min(180.0),
            zoom,
        )
    }

    pub fn level(&self) -> u8 {
        self.zoom + LEVEL_ABOVE_ZOOM
    }

    /// `true` when the database's per-cell counts answer (zoomed out); otherwise the
    /// venues in view are fetched and [`group`]ed.
    pub fn uses_stored_cells(&self) -> bool {
        self.level() <= MAX_STORED_LEVEL
    }

    pub fn cells(&self) -> CellRange {
        let level = self.level();
        let corner = |latitude, longitude| {
            cell(
                Position {
                    latitude,
                    longitude,
                },
                level,
            )
        };
        CellRange {
            level,
            min: corner(self.bounds.south, self.bounds.west),
            max: corner(self.bounds.north, self.bounds.east),
        }
    }
}

/// A venue with bookable offers, as the map sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VenuePoint {
    pub venue_id: i64,
    pub position: Position,
    pub offers: i64,
}

/// One thing drawn on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Feature {
    /// Several offers (of one or more venues) drawn as a bubble with their count;
    /// tapping it zooms in.
    Cluster { position: Position, offers: i64 },
    /// One venue: tapping it previews its offers.
    Venue {
        venue_id: i64,
        position: Position,
        offers: i64,
    },
}

/// Groups venues by grid cell: a cell with one venue is that venue; several make a
/// cluster at their offer-weighted centre. Sorted by cell, so the result is stable.
pub fn group(points: &[VenuePoint], level: u8) -> Vec<Feature> {
    let mut by_cell: std::collections::BTreeMap<Cell, Vec<&VenuePoint>> = Default::default();
    for point in points {
        by_cell
            .entry(cell(point.position, level))
            .or_default()
            .push(point);
    }
    by_cell
        .into_values()
        .map(|venues| match venues.as_slice() {
            [one] => Feature::Venue {
                venue_id: one.venue_id,
                position: one.position,
                offers: one.offers,
            },
            many => {
                let offers: i64 = many.iter().map(|v| v.offers).sum();
                let weight = |f: fn(&Position) -> f64| {
                    many.iter()
                        .map(|v| f(&v.position) * v.offers as f64)
                        .sum::<f64>()
                        / offers as f64
                };
                Feature::Cluster {
                    position: Position {
                        latitude: weight(|p| p.latitude),
                        longitude: weight(|p| p.longitude),
                    },
                    offers,
                }
            }
        })
        .collect()
}

/// Diameter on screen, in CSS pixels, of a venue's pin.
pub const PIN_DIAMETER: f64 = 36.0;
/// Room kept between two icons, in pixels: their 2-pixel rings, and a hair.
const ICON_GAP: f64 = 5.0;

/// Diameter on screen, in CSS pixels, of the bubble of a cluster of `offers`: bigger
/// counts get bigger bubbles.
pub fn bubble_diameter(offers: i64) -> f64 {
    match offers {
        ..10 => 34.0,
        10..100 => 40.0,
        _ => 48.0,
    }
}

impl Feature {
    pub fn position(&self) -> Position {
        match self {
            Feature::Cluster { position, .. } | Feature::Venue { position, .. } => *position,
        }
    }

    pub fn offers(&self) -> i64 {
        match self {
            Feature::Cluster { offers, .. } | Feature::Venue { offers, .. } => *offers,
        }
    }

    /// How wide it is drawn on screen, in CSS pixels.
    pub fn diameter(&self) -> f64 {
        match self {
            Feature::Cluster { offers, .. } => bubble_diameter(*offers),
            Feature::Venue { .. } => PIN_DIAMETER,
        }
    }
}

/// Where a position is drawn at `zoom`, in pixels from the top left of the world (Web
/// Mercator, 256-pixel tiles, as Leaflet draws it).
fn on_screen(position: Position, zoom: u8) -> (f64, f64) {
    let size = 256.0 * f64::from(1u32 << zoom.min(MAX_ZOOM));
    let latitude = position.latitude.clamp(-85.05, 85.05).to_radians();
    let x = (position.longitude + 180.0) / 360.0 * size;
    let y =
        (1.0 - (latitude.tan() + 1.0 / latitude.cos()).ln() / std::f64::consts::PI) / 2.0 * size;
    (x, y)
}

/// The farthest apart two icons can be and still touch, in pixels: two of the largest
/// bubbles and the gap. Neighbours are looked for in a grid of cells this wide.
const REACH: f64 = 48.0 + ICON_GAP;

/// A feature and where it is drawn.
struct Placed {
    feature: Feature,
    at: (f64, f64),
}

impl Placed {
    fn new(feature: Feature, zoom: u8) -> Self {
        let at = on_screen(feature.position(), zoom);
        Placed { feature, at }
    }

    fn cell(&self) -> (i64, i64) {
        (
            (self.at.0 / REACH).floor() as i64,
            (self.at.1 / REACH).floor() as i64,
        )
    }

    fn touches(&self, other: &Placed) -> bool {
        let room = (self.feature.diameter() + other.feature.diameter()) / 2.0 + ICON_GAP;
        (self.at.0 - other.at.0).powi(2) + (self.at.1 - other.at.1).powi(2) < room * room
    }
}

/// One cluster of both, at their offer-weighted centre.
fn merge(a: &Feature, b: &Feature) -> Feature {
    let offers = a.offers() + b.offers();
    let (pa, pb) = (a.position(), b.position());
    let weighted = |x: f64, y: f64| (x * a.offers() as f64 + y * b.offers() as f64) / offers as f64;
    Feature::Cluster {
        position: Position {
            latitude: weighted(pa.latitude, pb.latitude),
            longitude: weighted(pa.longitude, pb.longitude),
        },
        offers,
    }
}

/// One pass: each feature joins the first kept one it touches, else is kept. Kept ones
/// are found through a grid of [`REACH`]-wide cells, so a pass costs a few comparisons
/// per feature, not one per pair (a wide view holds up to [`MAX_CELLS`] features).
fn merge_pass(features: Vec<Feature>, zoom: u8) -> (Vec<Feature>, bool) {
    let mut kept: Vec<Placed> = Vec::with_capacity(features.len());
    let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> = Default::default();
    let mut merged = false;
    for feature in features {
        let placed = Placed::new(feature, zoom);
        let (x, y) = placed.cell();
        let neighbour = (x - 1..=x + 1)
            .flat_map(|cx| (y - 1..=y + 1).map(move |cy| (cx, cy)))
            .filter_map(|cell| grid.get(&cell))
            .flatten()
            .copied()
            .filter(|&index| kept[index].touches(&placed))
            .min();
        match neighbour {
            Some(index) => {
                let before = kept[index].cell();
                kept[index] = Placed::new(merge(&kept[index].feature, &placed.feature), zoom);
                let after = kept[index].cell();
                if before != after {
                    if let Some(cell) = grid.get_mut(&before) {
                        cell.retain(|&i| i != index);
                    }
                    grid.entry(after).or_default().push(index);
                }
                merged = true;
            }
            None => {
                grid.entry((x, y)).or_default().push(kept.len());
                kept.push(placed);
            }
        }
    }
    (
        kept.into_iter().map(|placed| placed.feature).collect(),
        merged,
    )
}

/// Merges features whose icons would overlap on screen at `zoom` until none does, so
/// that no pin is ever hidden under a bubble, nor a bubble under another. Grid cells are
/// about as wide as the icons, so neighbours across a cell border often touch. Offers
/// are never lost: a merged group counts them all, at their weighted centre. The order
/// of the input is kept, so the result is stable. At the closest zoom nothing merges:
/// tapping a bubble zooms in, and there it could zoom no further, so venues a few metres
/// apart stay pins that can each be tapped.
pub fn separate(mut features: Vec<Feature>, zoom: u8) -> Vec<Feature> {
    if zoom >= MAX_ZOOM {
        return features;
    }
    loop {
        let (kept, merged) = merge_pass(features, zoom);
        if !merged {
            return kept;
        }
        features = kept;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(latitude: f64, longitude: f64) -> Position {
        Position::parse(latitude, longitude).expect("valid")
    }

    #[test]
    fn cells_halve_at_each_level_and_cover_the_whole_earth() {
        assert_eq!(cell(at(-90.0, -180.0), 0), Cell { x: 0, y: 0 });
        assert_eq!(cell(at(90.0, 179.999), 0), Cell { x: 0, y: 0 });
        let strasbourg = at(48.5734, 7.7521);
        let coarse = cell(strasbourg, 10);
        let fine = cell(strasbourg, 11);
        assert_eq!((fine.x / 2, fine.y / 2), (coarse.x, coarse.y));
    }

    #[test]
    fn a_phone_sized_view_of_a_city_covers_a_few_hundred_cells_at_most() {
        let view = Viewport::parse(48.50, 7.65, 48.65, 7.85, 12).expect("valid");
        assert!(view.cells().count() < 500, "{}", view.cells().count());
        assert!(!view.uses_stored_cells());
        let france = Viewport::parse(41.0, -5.5, 51.5, 10.0, 5).expect("valid");
        assert!(france.uses_stored_cells());
        assert!(france.cells().count() < 200);
    }

    #[test]
    fn a_phone_screen_covers_about_two_hundred_cells_at_any_zoom() {
        for zoom in 4..=MAX_ZOOM {
            let view = Viewport::around(at(46.5, 2.5), zoom, 400, 800).expect("valid");
            let cells = view.cells().count();
            assert!((100..=400).contains(&cells), "zoom {zoom}: {cells} cells");
        }
    }

    #[test]
    fn a_viewport_off_the_earth_inverted_too_large_or_too_deep_is_refused() {
        assert_eq!(
            Viewport::parse(-91.0, 0.0, 10.0, 1.0, 5),
            Err(ViewportError::OutOfRange)
        );
        assert_eq!(
            Viewport::parse(0.0, -190.0, 10.0, 1.0, 5),
            Err(ViewportError::OutOfRange)
        );
        assert_eq!(
            Viewport::parse(10.0, 0.0, 0.0, 1.0, 5),
            Err(ViewportError::Inverted)
        );
        assert_eq!(
            Viewport::parse(0.0, 0.0, 1.0, 1.0, 19),
            Err(ViewportError::Zoom)
        );
        assert_eq!(
            Viewport::parse(41.0, -5.5, 51.5, 10.0, 14),
            Err(ViewportError::TooLarge)
        );
    }

    #[test]
    fn venues_alone_in_their_cell_stay_venues_and_neighbours_merge_into_a_cluster() {
        let points = [
            VenuePoint {
                venue_id: 1,
                position: at(48.5800, 7.7500),
                offers: 3,
            },
            VenuePoint {
                venue_id: 2,
                position: at(48.5801, 7.7501),
                offers: 1,
            },
            VenuePoint {
                venue_id: 3,
                position: at(43.6108, 3.8767),
                offers: 2,
            },
        ];
        let features = group(&points, 10);
        assert_eq!(features.len(), 2);
        assert!(features.contains(&Feature::Venue {
            venue_id: 3,
            position: points[2].position,
            offers: 2
        }));
        let cluster = features.iter().find_map(|f| match f {
            Feature::Cluster { position, offers } => Some((*position, *offers)),
            Feature::Venue { .. } => None,
        });
        let (position, offers) = cluster.expect("a cluster");
        assert_eq!(offers, 4);
        assert!((position.latitude - 48.580_025).abs() < 1e-6);
        // Zoomed in far enough, the two neighbours split.
        assert_eq!(group(&points, 22).len(), 3);
    }

    fn pseudo_random(seed: &mut u64) -> f64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*seed >> 11) as f64 / (1u64 << 53) as f64
    }

    #[test]
    fn after_separating_no_two_icons_overlap_and_every_offer_is_still_counted() {
        let mut seed = 7;
        // A dense city and its suburbs: venues closer than an icon at most zooms.
        let points: Vec<VenuePoint> = (0..400)
            .map(|venue_id| {
                let spread = if venue_id % 4 == 0 { 0.3 } else { 0.03 };
                VenuePoint {
                    venue_id,
                    position: at(
                        48.58 + (pseudo_random(&mut seed) - 0.5) * spread,
                        7.75 + (pseudo_random(&mut seed) - 0.5) * spread * 1.5,
                    ),
                    offers: 1 + (pseudo_random(&mut seed) * 30.0) as i64,
                }
            })
            .collect();
        let total: i64 = points.iter().map(|p| p.offers).sum();
        let mut grid_alone_overlapped = false;
        for zoom in 8..MAX_ZOOM {
            let grouped = group(&points, zoom + LEVEL_ABOVE_ZOOM);
            let before = grouped.len();
            let features = separate(grouped, zoom);
            grid_alone_overlapped |= features.len() < before;
            assert_eq!(
                features.iter().map(Feature::offers).sum::<i64>(),
                total,
                "zoom {zoom}"
            );
            for (i, a) in features.iter().enumerate() {
                for b in &features[i + 1..] {
                    let (a, b) = (Placed::new(a.clone(), zoom), Placed::new(b.clone(), zoom));
                    assert!(
                        !a.touches(&b),
                        "zoom {zoom}: {:?} overlaps {:?}",
                        a.feature,
                        b.feature
                    );
                }
            }
        }
        assert!(
            grid_alone_overlapped,
            "the grid alone never overlapped: a weak test"
        );
        // Zoomed right in, the venues stand apart again, as pins.
        let closest = separate(group(&points, MAX_ZOOM + LEVEL_ABOVE_ZOOM), MAX_ZOOM);
        assert!(
            closest
                .iter()
                .filter(|f| matches!(f, Feature::Venue { .. }))
                .count()
                > 300
        );
    }

    #[test]
    fn positions_are_drawn_where_leaflet_draws_them() {
        // Paris at zoom 0 and 10, as Leaflet projects it: y = (1/2 - ln((1 + sin φ) / (1 - sin φ)) / 4π) · 256.
        let (x, y) = on_screen(at(48.8566, 2.3522), 0);
        assert!(
            (x - 129.673).abs() < 0.01 && (y - 88.071).abs() < 0.01,
            "{x} {y}"
        );
        let (x10, y10) = on_screen(at(48.8566, 2.3522), 10);
        assert!((x10 - x * 1024.0).abs() < 1e-6 && (y10 - y * 1024.0).abs() < 1e-6);
    }

    #[test]
    fn at_the_closest_zoom_venues_stay_pins_to_be_tapped_even_touching() {
        let pin = |venue_id, longitude| Feature::Venue {
            venue_id,
            position: at(48.58, longitude),
            offers: 1,
        };
        let same_building = vec![pin(1, 7.75), pin(2, 7.75001)];
        assert_eq!(separate(same_building.clone(), MAX_ZOOM), same_building);
        assert_eq!(separate(same_building, MAX_ZOOM - 1).len(), 1);
    }

    #[test]
    fn icons_apart_are_left_as_they_are_and_touching_ones_become_one_bubble() {
        let pin = |venue_id, longitude| Feature::Venue {
            venue_id,
            position: at(48.58, longitude),
            offers: 2,
        };
        // At zoom 14 a pixel is about 6.3 m here (at 48.58° N): 0.01° of longitude is
        // about 117 pixels, 0.0003° about 3.5.
        let apart = vec![pin(1, 7.75), pin(2, 7.76)];
        assert_eq!(separate(apart.clone(), 14), apart);
        let touching = separate(vec![pin(1, 7.75), pin(2, 7.7503)], 14);
        assert_eq!(touching.len(), 1);
        assert!(matches!(touching[0], Feature::Cluster { offers: 4, .. }));
        assert_eq!(bubble_diameter(9), 34.0);
        assert_eq!(bubble_diameter(10), 40.0);
        assert_eq!(bubble_diameter(100), 48.0);
    }
}
