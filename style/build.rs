//! Compiles the stylesheets at build time: every Rust source of the app and the server is
//! scanned for Tailwind utility classes, which encre-css (a Tailwind-compatible compiler
//! written in Rust) turns into CSS, after our own base rules. A second stylesheet, for
//! the pages served as islands, leaves out the sources of the partner's and
//! administrators' pages ([`NOT_ON_ISLANDS_PAGES`]). Cargo re-runs this whenever
//! a source changes, so `cargo leptos watch` picks up a new class with the next rebuild.
//! Each stylesheet is also compressed here, once (brotli at its best quality and gzip),
//! so that the server never compresses it per request.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn rust_sources(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// FNV-1a: a stable fingerprint for the cache-busting file name.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `text` compressed with brotli at quality 11 (its best) and a 4 MiB window.
fn brotli(text: &[u8]) -> Vec<u8> {
    let mut compressed = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &text[..], &mut compressed, &params)
        .expect("compressing in memory cannot fail");
    compressed
}

/// `text` compressed with gzip at its best level.
fn gzip(text: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(text)
        .expect("compressing in memory cannot fail");
    encoder.finish().expect("compressing in memory cannot fail")
}

/// The sources of the pages no young person's page shows (the partner dashboard, the
/// counter, the administrators' pages): the islands pages' stylesheet leaves their
/// utilities out. Paths under `app/src/features/`.
const NOT_ON_ISLANDS_PAGES: &[&str] = &[
    "pro/",
    "counter/",
    "payments/",
    "people/",
    "policies/",
    "offer_review/",
    "account/outbox.rs",
    "account/mail_preview.rs",
    "account/review.rs",
    "account/review_page.rs",
    "social/moderation_page.rs",
];

/// Writes `name`.css, its compressed copies and its fingerprint into `out`: the base
/// rules, then the utilities `sources` use.
fn write_stylesheet(out: &Path, name: &str, base: &str, sources: &[&str]) {
    let utilities = encre_css::generate(sources.iter().copied(), &encre_css::Config::default());
    let mut css = base.to_owned();
    let _ = write!(css, "\n{utilities}");
    let path = |extension: &str| out.join(format!("{name}.{extension}"));
    fs::write(path("css"), &css).expect("OUT_DIR is writable");
    fs::write(path("css.br"), brotli(css.as_bytes())).expect("OUT_DIR is writable");
    fs::write(path("css.gz"), gzip(css.as_bytes())).expect("OUT_DIR is writable");
    fs::write(path("fingerprint"), format!("{:016x}", fingerprint(&css)))
        .expect("OUT_DIR is writable");
}

fn main() {
    let manifest =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest.parent().expect("style/ sits in the workspace");
    let base = manifest.join("base.css");
    println!("cargo:rerun-if-changed={}", base.display());
    let base = fs::read_to_string(&base).expect("style/base.css is readable");

    let mut files = Vec::new();
    for dir in ["app/src", "server/src"] {
        let dir = root.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        rust_sources(&dir, &mut files);
    }
    files.sort();
    let sources: Vec<(PathBuf, String)> = files
        .into_iter()
        .filter_map(|f| fs::read_to_string(&f).ok().map(|text| (f, text)))
        .collect();
    let features = root.join("app/src/features");
    let on_islands_pages = |file: &Path| {
        file.strip_prefix(&features).map_or(true, |feature| {
            let feature = feature.to_string_lossy();
            !NOT_ON_ISLANDS_PAGES
                .iter()
                .any(|left_out| feature.starts_with(left_out))
        })
    };

    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let every_source: Vec<&str> = sources.iter().map(|(_, text)| text.as_str()).collect();
    write_stylesheet(&out, "app", &base, &every_source);
    let islands_sources: Vec<&str> = sources
        .iter()
        .filter(|(file, _)| on_islands_pages(file))
        .map(|(_, text)| text.as_str())
        .collect();
    write_stylesheet(&out, "islands", &base, &islands_sources);
}
