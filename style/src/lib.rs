//! The compiled stylesheets, embedded in the server binary (see `build.rs`): the whole
//! app's, and a smaller one for the pages served as islands, which never show the
//! partner's or the administrators' pages and so leave out their utilities.

/// One stylesheet, with its copies compressed at build time (brotli at quality 11, and
/// gzip) and a fingerprint of its text, part of its URL so that browsers may cache it
/// forever.
pub struct Stylesheet {
    /// The base rules, then the utilities its sources use.
    pub css: &'static str,
    pub brotli: &'static [u8],
    pub gzip: &'static [u8],
    pub fingerprint: &'static str,
    name: &'static str,
}

macro_rules! stylesheet {
    ($name:literal) => {
        Stylesheet {
            css: include_str!(concat!(env!("OUT_DIR"), "/", $name, ".css")),
            brotli: include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".css.br")),
            gzip: include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".css.gz")),
            fingerprint: include_str!(concat!(env!("OUT_DIR"), "/", $name, ".fingerprint")),
            name: $name,
        }
    };
}

/// The whole app's stylesheet: every page's utilities.
pub const WHOLE_APP: Stylesheet = stylesheet!("app");

/// The stylesheet of the pages served as islands (the young person's pages).
pub const ISLANDS: Stylesheet = stylesheet!("islands");

/// Both stylesheets, as the server routes them and the service worker keeps them.
pub const ALL: [&Stylesheet; 2] = [&WHOLE_APP, &ISLANDS];

impl Stylesheet {
    /// Where the server serves it.
    pub fn href(&self) -> String {
        format!("/assets/{}-{}.css", self.name, self.fingerprint)
    }
}

/// The stylesheet of a page served as islands, or as the whole app.
pub fn for_page(islands: bool) -> &'static Stylesheet {
    if islands { &ISLANDS } else { &WHOLE_APP }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheets_contain_the_utilities_their_pages_use() {
        for rule in [
            ".bg-violet-700",
            ".rounded-lg",
            ".sm\\:grid-cols-2",
            ".hover\\:bg-violet-800:hover",
        ] {
            assert!(WHOLE_APP.css.contains(rule), "{rule} missing");
            assert!(ISLANDS.css.contains(rule), "{rule} missing");
        }
        // The partner's dashboard is wide; no young person's page is.
        assert!(WHOLE_APP.css.contains(".max-w-6xl"));
        assert!(!ISLANDS.css.contains(".max-w-6xl"));
        assert!(ISLANDS.brotli.len() < WHOLE_APP.brotli.len());
        for sheet in ALL {
            assert_eq!(sheet.fingerprint.len(), 16);
        }
        assert_ne!(WHOLE_APP.href(), ISLANDS.href());
    }

    #[test]
    fn the_compressed_stylesheets_are_the_stylesheet() {
        use std::io::Read;
        for sheet in ALL {
            let mut from_brotli = String::new();
            brotli::Decompressor::new(sheet.brotli, 4096)
                .read_to_string(&mut from_brotli)
                .expect("the build script compressed it");
            assert_eq!(from_brotli, sheet.css);
            let mut from_gzip = String::new();
            flate2::read::GzDecoder::new(sheet.gzip)
                .read_to_string(&mut from_gzip)
                .expect("the build script compressed it");
            assert_eq!(from_gzip, sheet.css);
            assert!(
                sheet.brotli.len() * 4 < sheet.css.len(),
                "{}",
                sheet.brotli.len()
            );
        }
    }
}
