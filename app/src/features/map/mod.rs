//! The map of offers: Leaflet in the browser, clusters computed by the server
//! (`discovery::api::map_features`), a preview sheet for a tapped venue.

mod base;
mod explorer;
mod features;
mod leaflet;
mod live;
mod mini;
mod page;
mod picker;

pub use mini::MiniMap;
pub use page::MapPage;
pub use picker::PinPicker;
