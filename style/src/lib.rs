//! The compiled stylesheet, embedded in the server binary (see `build.rs`).

/// The whole stylesheet: base rules, then the utilities the sources use.
pub const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/app.css"));

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
}
