//! Compiles the stylesheet at build time: every Rust source of the app and the server is
//! scanned for Tailwind utility classes, which encre-css (a Tailwind-compatible compiler
//! written in Rust) turns into CSS, after our own base rules. Cargo re-runs this whenever
//! a source changes, so `cargo leptos watch` picks up a new class with the next rebuild.
//! The stylesheet is also compressed here, once (brotli at its best quality and gzip),
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

fn main() {
    let manifest =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest.parent().expect("style/ sits in the workspace");
    let base = manifest.join("base.css");
    println!("cargo:rerun-if-changed={}", base.display());

    let mut files = Vec::new();
    for dir in ["app/src", "server/src"] {
        let dir = root.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        rust_sources(&dir, &mut files);
    }
    files.sort();
    let sources: Vec<String> = files
        .iter()
        .filter_map(|f| fs::read_to_string(f).ok())
        .collect();

    let utilities = encre_css::generate(
        sources.iter().map(String::as_str),
        &encre_css::Config::default(),
    );
    let mut css = fs::read_to_string(&base).expect("style/base.css is readable");
    let _ = write!(css, "\n{utilities}");

    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("app.css"), &css).expect("OUT_DIR is writable");
    fs::write(out.join("app.css.br"), brotli(css.as_bytes())).expect("OUT_DIR is writable");
    fs::write(out.join("app.css.gz"), gzip(css.as_bytes())).expect("OUT_DIR is writable");
    fs::write(
        out.join("fingerprint.txt"),
        format!("{:016x}", fingerprint(&css)),
    )
    .expect("OUT_DIR is writable");
}
