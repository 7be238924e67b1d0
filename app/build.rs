//! Turns the languages' files (`locales/<tag>.json`, French the reference) into the
//! `i18n` module that `src/lang.rs` includes, with leptos_i18n's compile-time checks:
//! a key the code uses that French lacks, or a missing interpolation, fails the build.
//!
//! leptos_i18n only warns when another language lacks a key (and shows the French), so
//! this script also fails the build when any language has a key French lacks, lacks one
//! French has, or names other `{{ values }}` in it: a missing translation is a build
//! error, never a page in the wrong language. A new language is one more file in
//! `locales/`: it is found here.

use leptos_i18n_build::{Config, TranslationsInfos};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const REFERENCE: &str = "fr";
const LOCALES: &str = "locales";

fn main() {
    // Said as written (a `main` returning the error would print it escaped, on one line).
    if let Err(error) = generate() {
        eprintln!("{error}");
        std::process::exit(1);
    }
}

fn generate() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed={LOCALES}");
    let others = other_languages(Path::new(LOCALES))?;
    let reference = read(REFERENCE)?;
    let reserved = reserved_keys(&reference);
    if !reserved.is_empty() {
        return Err(format!(
            "{LOCALES}/{REFERENCE}.json: {} would become a method `new` of leptos_i18n's \
             generated module, which clippy refuses (new_ret_no_self): choose another name",
            reserved.join(", ")
        )
        .into());
    }
    for tag in &others {
        let differences = differences(&reference, &read(tag)?);
        if !differences.is_empty() {
            return Err(format!(
                "{LOCALES}/{tag}.json does not match {LOCALES}/{REFERENCE}.json:\n  {}",
                differences.join("\n  ")
            )
            .into());
        }
    }

    let config = Config::new(REFERENCE)?
        .add_locales(&others)?
        .parse_options(leptos_i18n_build::ParseOptions::new().interpolate_display(true));
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("no OUT_DIR")?).join("i18n");
    translations.generate_i18n_module(out)?;
    Ok(())
}

/// Every `locales/<tag>.json` but the reference's, in a stable order.
fn other_languages(folder: &Path) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut tags = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path
            .extension()
            .is_some_and(|extension| extension == "json")
            && let Some(tag) = path.file_stem().and_then(|stem| stem.to_str())
            && tag != REFERENCE
        {
            tags.push(tag.to_owned());
        }
    }
    tags.sort();
    Ok(tags)
}

fn read(tag: &str) -> Result<Value, Box<dyn std::error::Error>> {
    let path = format!("{LOCALES}/{tag}.json");
    let text = std::fs::read_to_string(&path).map_err(|error| format!("{path}: {error}"))?;
    Ok(serde_json::from_str(&text).map_err(|error| format!("{path}: {error}"))?)
}

/// What a language's file lacks or has beyond the reference: keys, and the values a
/// sentence interpolates.
fn differences(reference: &Value, other: &Value) -> Vec<String> {
    let (reference, other) = (sentences(reference), sentences(other));
    let mut found = Vec::new();
    for (key, values) in &reference {
        match other.iter().find(|(other_key, _)| other_key == key) {
            None => found.push(format!("missing key {key}")),
            Some((_, other_values)) if other_values != values => found.push(format!(
                "{key} interpolates {other_values:?}, the reference {values:?}"
            )),
            Some(_) => {}
        }
    }
    for (key, _) in &other {
        if !reference
            .iter()
            .any(|(reference_key, _)| reference_key == key)
        {
            found.push(format!("key {key} is not in the reference"));
        }
    }
    found
}

/// The keys whose last part is a name the generated module cannot take.
fn reserved_keys(reference: &Value) -> Vec<String> {
    sentences(reference)
        .into_iter()
        .map(|(key, _)| key)
        .filter(|key| key == "new" || key.ends_with(".new"))
        .collect()
}

/// Every sentence of a file, by its dotted key, with the names of the values it
/// interpolates (`{{ count }}`).
fn sentences(value: &Value) -> Vec<(String, BTreeSet<String>)> {
    fn walk(prefix: &str, value: &Value, found: &mut Vec<(String, BTreeSet<String>)>) {
        match value {
            Value::Object(children) => {
                for (name, child) in children {
                    let key = if prefix.is_empty() {
                        name.clone()
                    } else {
                        format!("{prefix}.{name}")
                    };
                    walk(&key, child, found);
                }
            }
            Value::String(text) => found.push((prefix.to_owned(), interpolated(text))),
            other => found.push((prefix.to_owned(), interpolated(&other.to_string()))),
        }
    }
    let mut found = Vec::new();
    walk("", value, &mut found);
    found
}

fn interpolated(text: &str) -> BTreeSet<String> {
    text.split("{{")
        .skip(1)
        .filter_map(|part| part.split_once("}}"))
        .map(|(name, _)| name.trim().to_owned())
        .collect()
}
