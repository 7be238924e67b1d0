//! What a deploy consists of, read once at start-up from the site directory that
//! cargo-leptos built: the files the service worker keeps, and a version that changes
//! whenever any of them (or the worker itself) does.
//!
//! The worker keeps at its install what a young person's app needs offline: the main
//! modules (the islands' own bundle's too, server/src/delivery/bundles.rs), the whole app's split (frontend/src/lib.rs) and the split of
//! their account's pages (app/src/pages.rs), with the chunks they need. The pages of partners and administrators are split into their own files, which
//! a phone never downloads unless their routes are visited; the worker then keeps them as
//! they come.

use leptos::config::LeptosOptions;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// The deployed build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Build {
    /// A digest of every file of the site and of the worker's code: a new deploy is a
    /// new version, the same files are the same version (two servers of one deploy agree).
    pub version: String,
    /// The URL paths of the build's own files that the worker keeps at its install
    /// (`/pkg/...`: JS, WASM), the stylesheets included; compressed copies and the split
    /// pages of partners and administrators are not listed (the young people's account
    /// pages are).
    pub files: Vec<String>,
    /// Whether the build's file names carry their content's hash (cargo-leptos's
    /// `hash-files`), so that they may be kept forever.
    pub hashed: bool,
}

impl Build {
    /// Reads the build from the site directory of `options`. A missing directory is an
    /// empty build (the server still answers pages and server functions).
    pub fn read(options: &LeptosOptions, worker_code: &str) -> std::io::Result<Build> {
        let root = Path::new(&*options.site_root);
        let mut site = Vec::new();
        if root.is_dir() {
            walk(root, &mut site)?;
        }
        site.sort();
        let mut digest = Sha256::new();
        digest.update(worker_code.as_bytes());
        let pkg = format!("/{}/", options.site_pkg_dir);
        let mut files = Vec::new();
        for sheet in style::ALL {
            digest.update(sheet.fingerprint.as_bytes());
            files.push(sheet.href());
        }
        let mut manifests = Vec::new();
        for path in &site {
            let url = url_path(root, path);
            let content = std::fs::read(path)?;
            digest.update(url.as_bytes());
            digest.update(&content);
            if url.starts_with(&pkg) && is_split_manifest(path) {
                manifests.push(content.clone());
            }
            if url.starts_with(&pkg) && served_to_browsers(path) {
                files.push(url);
            }
        }
        if !manifests.is_empty() {
            let not_kept = split_files(&manifests, &pkg)?;
            files.retain(|url| !not_kept.contains(url));
        }
        Ok(Build {
            version: hex::encode(&digest.finalize()[..8]),
            files,
            hashed: options.hash_files,
        })
    }
}

/// The lazy functions whose files a young person's phone keeps at the worker's install:
/// the whole app (frontend/src/lib.rs), their account's pages (app/src/pages.rs) and the
/// lazy islands of the pages served as islands (app/src/features/booking/sheet.rs,
/// social/reactions.rs, account/address_page.rs, map/explorer.rs and map/mini.rs), and
/// the map's preview of a venue (`preview_of`, map/explorer.rs).
const YOUNG_PEOPLES_SPLITS: &[&str] = &[
    "hydrate_the_app",
    "account_view",
    "booking_island_loader",
    "reaction_buttons_loader",
    "address_notice_loader",
    "map_explorer_loader",
    "mini_map_loader",
    "preview_of",
];

/// The split files a young person does not need, from what `cargo leptos build --split`
/// writes in `__wasm_split_manifest[.<hash>].json`, one per bundle (the whole app's and
/// the islands', server/src/delivery/bundles.rs): for each lazy function, named
/// `<function>_<number>`, the stems of the WASM files it needs. They are the files of the
/// other audiences' functions, less those a young person's function needs too. When no
/// manifest names one of [`YOUNG_PEOPLES_SPLITS`], it is an error: the function was
/// renamed, and the worker would no longer keep the code of tickets for offline use.
fn split_files(manifests: &[Vec<u8>], pkg: &str) -> std::io::Result<HashSet<String>> {
    let function_of = |key: &str| {
        key.rsplit_once('_')
            .filter(|(_, number)| number.parse::<u64>().is_ok())
            .map_or(key.to_owned(), |(function, _)| function.to_owned())
    };
    let mut stems: Vec<(String, Vec<String>)> = Vec::new();
    for manifest in manifests {
        let functions: BTreeMap<String, Vec<String>> = serde_json::from_slice(manifest)?;
        stems.extend(functions);
    }
    if let Some(missing) = YOUNG_PEOPLES_SPLITS
        .iter()
        .find(|young| !stems.iter().any(|(key, _)| function_of(key) == **young))
    {
        return Err(std::io::Error::other(format!(
            "the split manifest names no lazy function {missing} (frontend/src/lib.rs, app/src/pages.rs)"
        )));
    }
    let (young, others): (Vec<_>, Vec<_>) = stems
        .into_iter()
        .partition(|(key, _)| YOUNG_PEOPLES_SPLITS.contains(&function_of(key).as_str()));
    let needed: HashSet<String> = young.into_iter().flat_map(|(_, stems)| stems).collect();
    Ok(others
        .into_iter()
        .flat_map(|(_, stems)| stems)
        .filter(|stem| !needed.contains(stem))
        .map(|stem| format!("{pkg}{stem}.wasm"))
        .collect())
}

fn is_split_manifest(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.starts_with("__wasm_split_manifest") && name.ends_with(".json"))
}

/// The scripts, modules, stylesheets and split manifests a browser loads; not the
/// TypeScript declarations wasm-bindgen writes beside them.
fn served_to_browsers(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| ["js", "wasm", "css", "json"].contains(&extension))
}

/// Every file under `dir`, compressed copies left out.
fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, found)?;
        } else if !path
            .extension()
            .is_some_and(|extension| extension == "br" || extension == "gz")
        {
            found.push(path);
        }
    }
    Ok(())
}

/// `/pkg/culture-pass.abc.wasm` for `<root>/pkg/culture-pass.abc.wasm`.
fn url_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("/{}", parts.join("/"))
}

/// Where cargo-leptos writes the hashed names of a build: beside the server's binary
/// (Leptos reads them there to name the scripts in each page).
pub fn hash_file(options: &LeptosOptions) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join(&*options.hash_file))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(root: &Path, hashed: bool) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("culture-pass")
            .site_root(root.to_string_lossy().to_string())
            .hash_files(hashed)
            .build()
    }

    fn site() -> tempfile::TempDir {
        let root = tempfile::tempdir().expect("a temporary directory");
        std::fs::create_dir_all(root.path().join("pkg/snippets/x")).expect("a folder of the site");
        std::fs::create_dir_all(root.path().join("geo")).expect("a folder of the site");
        for (file, text) in [
            ("pkg/culture-pass.AbC.js", "js"),
            ("pkg/culture-pass.AbC.js.br", "compressed"),
            ("pkg/culture-pass.dEf.wasm", "wasm"),
            ("pkg/culture-pass.dEf.wasm.gz", "compressed"),
            ("pkg/culture-pass.d.XyZ.ts", "declarations"),
            ("pkg/snippets/x/inline0.js", "snippet"),
            ("geo/departements.json", "{}"),
        ] {
            std::fs::write(root.path().join(file), text).expect("a file of the site");
        }
        root
    }

    #[test]
    fn the_build_lists_its_own_files_and_the_stylesheets_not_their_compressed_copies() {
        let root = site();
        let build = Build::read(&options(root.path(), true), "worker").expect("the site is read");
        assert_eq!(
            build.files,
            [
                style::WHOLE_APP.href().as_str(),
                style::ISLANDS.href().as_str(),
                "/pkg/culture-pass.AbC.js",
                "/pkg/culture-pass.dEf.wasm",
                "/pkg/snippets/x/inline0.js",
            ]
        );
        assert!(build.hashed);
        assert_eq!(build.version.len(), 16);
    }

    #[test]
    fn the_version_follows_any_file_and_the_worker_but_not_the_server_instance() {
        let root = site();
        let options = options(root.path(), true);
        let first = Build::read(&options, "worker").expect("the site is read");
        assert_eq!(
            Build::read(&options, "worker").expect("the site is read"),
            first
        );
        assert_ne!(
            Build::read(&options, "worker 2")
                .expect("the site is read")
                .version,
            first.version
        );
        std::fs::write(root.path().join("geo/departements.json"), "{\"a\":1}")
            .expect("a file of the site");
        assert_ne!(
            Build::read(&options, "worker")
                .expect("the site is read")
                .version,
            first.version
        );
    }

    #[test]
    fn the_worker_keeps_the_young_peoples_app_not_the_pages_of_partners_and_administrators() {
        let root = site();
        for (file, text) in [
            ("pkg/split_pro_view_1.1.wasm", "dashboard"),
            ("pkg/split_admin_view_1.2.wasm", "admin pages"),
            ("pkg/split_account_view_1.6.wasm", "account pages"),
            ("pkg/split_hydrate_the_app_2.7.wasm", "the whole app"),
            (
                "pkg/split_booking_island_loader_3.8.wasm",
                "the booking sheet",
            ),
            ("pkg/split_reaction_buttons_loader_4.9.wasm", "reactions"),
            (
                "pkg/split_address_notice_loader_5.10.wasm",
                "an address to verify",
            ),
            ("pkg/split_map_explorer_loader_6.11.wasm", "the map"),
            ("pkg/split_mini_map_loader_7.12.wasm", "a venue's map"),
            ("pkg/split_preview_of_8.13.wasm", "a venue's preview"),
            (
                "pkg/chunk_0.3.wasm",
                "shared by the dashboard and the admin pages",
            ),
            (
                "pkg/chunk_1.4.wasm",
                "shared by the account pages and the dashboard",
            ),
            (
                "pkg/__wasm_split_manifest.5.json",
                r#"{"pro_view_1":["chunk_0.3","chunk_1.4","split_pro_view_1.1"],
                    "admin_view_1":["chunk_0.3","split_admin_view_1.2"],
                    "account_view_1":["chunk_1.4","split_account_view_1.6"],
                    "hydrate_the_app_2":["split_hydrate_the_app_2.7"],
                    "booking_island_loader_3":["chunk_1.4","split_booking_island_loader_3.8"],
                    "reaction_buttons_loader_4":["split_reaction_buttons_loader_4.9"],
                    "address_notice_loader_5":["split_address_notice_loader_5.10"],
                    "map_explorer_loader_6":["split_map_explorer_loader_6.11"],
                    "mini_map_loader_7":["split_mini_map_loader_7.12"],
                    "preview_of_8":["split_preview_of_8.13"]}"#,
            ),
        ] {
            std::fs::write(root.path().join(file), text).expect("a file of the site");
        }
        let build = Build::read(&options(root.path(), true), "worker").expect("the site is read");
        let pkg: Vec<&str> = build
            .files
            .iter()
            .map(String::as_str)
            .skip(style::ALL.len())
            .collect();
        assert_eq!(
            pkg,
            [
                "/pkg/__wasm_split_manifest.5.json",
                "/pkg/chunk_1.4.wasm",
                "/pkg/culture-pass.AbC.js",
                "/pkg/culture-pass.dEf.wasm",
                "/pkg/snippets/x/inline0.js",
                "/pkg/split_account_view_1.6.wasm",
                "/pkg/split_address_notice_loader_5.10.wasm",
                "/pkg/split_booking_island_loader_3.8.wasm",
                "/pkg/split_hydrate_the_app_2.7.wasm",
                "/pkg/split_map_explorer_loader_6.11.wasm",
                "/pkg/split_mini_map_loader_7.12.wasm",
                "/pkg/split_preview_of_8.13.wasm",
                "/pkg/split_reaction_buttons_loader_4.9.wasm",
            ]
        );
    }

    #[test]
    fn with_the_islands_bundle_the_worker_keeps_both_bundles_young_peoples_files() {
        let root = site();
        for (file, text) in [
            ("pkg/split_pro_view_1.1.wasm", "dashboard"),
            ("pkg/split_account_view_2.2.wasm", "account pages"),
            ("pkg/split_hydrate_the_app_3.3.wasm", "the whole app"),
            ("pkg/culture-pass.IsL.wasm", "the islands' main module"),
            (
                "pkg/split_booking_island_loader_1.4.wasm",
                "the booking sheet",
            ),
            ("pkg/split_reaction_buttons_loader_2.5.wasm", "reactions"),
            ("pkg/split_address_notice_loader_3.6.wasm", "an address"),
            ("pkg/split_map_explorer_loader_4.7.wasm", "the map"),
            ("pkg/split_mini_map_loader_5.8.wasm", "a venue's map"),
            ("pkg/split_preview_of_6.9.wasm", "a venue's preview"),
            (
                "pkg/__wasm_split_manifest.W.json",
                r#"{"pro_view_1":["split_pro_view_1.1"],
                    "account_view_2":["split_account_view_2.2"],
                    "hydrate_the_app_3":["split_hydrate_the_app_3.3"]}"#,
            ),
            (
                "pkg/__wasm_split_manifest.I.json",
                r#"{"booking_island_loader_1":["split_booking_island_loader_1.4"],
                    "reaction_buttons_loader_2":["split_reaction_buttons_loader_2.5"],
                    "address_notice_loader_3":["split_address_notice_loader_3.6"],
                    "map_explorer_loader_4":["split_map_explorer_loader_4.7"],
                    "mini_map_loader_5":["split_mini_map_loader_5.8"],
                    "preview_of_6":["split_preview_of_6.9"]}"#,
            ),
        ] {
            std::fs::write(root.path().join(file), text).expect("a file of the site");
        }
        let build = Build::read(&options(root.path(), true), "worker").expect("the site is read");
        assert!(
            build
                .files
                .contains(&"/pkg/culture-pass.IsL.wasm".to_owned())
        );
        assert!(
            build
                .files
                .contains(&"/pkg/split_map_explorer_loader_4.7.wasm".to_owned())
        );
        assert!(
            build
                .files
                .contains(&"/pkg/split_hydrate_the_app_3.3.wasm".to_owned())
        );
        assert!(
            !build
                .files
                .contains(&"/pkg/split_pro_view_1.1.wasm".to_owned())
        );
    }

    #[test]
    fn a_manifest_without_the_young_peoples_split_stops_the_server() {
        let root = site();
        std::fs::write(
            root.path().join("pkg/__wasm_split_manifest.json"),
            r#"{"pro_view_1":["split_pro_view_1.1"],"account_view_extra_2":["split_x.2"],
                "hydrate_the_app_3":["split_hydrate_the_app_3.4"]}"#,
        )
        .expect("a file of the site");
        let error = Build::read(&options(root.path(), true), "worker")
            .expect_err("a manifest without account_view");
        assert!(error.to_string().contains("account_view"), "{error}");
    }

    #[test]
    fn a_manifest_that_is_not_json_stops_the_server() {
        let root = site();
        std::fs::write(
            root.path().join("pkg/__wasm_split_manifest.json"),
            "not json",
        )
        .expect("a file of the site");
        assert!(Build::read(&options(root.path(), true), "worker").is_err());
    }

    #[test]
    fn no_site_directory_is_an_empty_build() {
        let build = Build::read(&options(Path::new("/nonexistent/site"), false), "w")
            .expect("the site is read");
        assert_eq!(
            build.files,
            [style::WHOLE_APP.href(), style::ISLANDS.href()]
        );
        assert!(!build.hashed);
    }
}
