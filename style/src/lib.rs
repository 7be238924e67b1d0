//! The compiled stylesheet, embedded in the server binary (see `build.rs`).

/// The whole stylesheet: base rules, then the utilities the sources use.
pub const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/app.css"));

/// [`CSS`] compressed at build time with brotli (quality 11) and gzip.
pub const CSS_BROTLI: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/app.css.br"));
pub const CSS_GZIP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/app.css.gz"));

/// A fingerprint of [`CSS`], part of its URL so that browsers may cache it forever.
pub const FINGERPRINT: &str = include_str!(concat!(env!("OUT_DIR"), "/fingerprint.txt"));

/// Where the server serves the stylesheet.
pub fn href() -> String {
    format!("/assets/app-{FINGERPRINT}.css")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_contains_the_utilities_the_app_uses() {
        for rule in [
            ".bg-violet-700",
            ".rounded-lg",
            ".sm\\:grid-cols-2",
            ".hover\\:bg-violet-800:hover",
        ] {
            assert!(CSS.contains(rule), "{rule} missing");
        }
        assert_eq!(FINGERPRINT.len(), 16);
    }

    #[test]
    fn the_compressed_stylesheets_are_the_stylesheet() {
        use std::io::Read;
        let mut from_brotli = String::new();
        brotli::Decompressor::new(CSS_BROTLI, 4096)
            .read_to_string(&mut from_brotli)
            .expect("the build script compressed it");
        assert_eq!(from_brotli, CSS);
        let mut from_gzip = String::new();
        flate2::read::GzDecoder::new(CSS_GZIP)
            .read_to_string(&mut from_gzip)
            .expect("the build script compressed it");
        assert_eq!(from_gzip, CSS);
        assert!(CSS_BROTLI.len() * 4 < CSS.len(), "{}", CSS_BROTLI.len());
    }
}
