//! Which of the build's two browser bundles a page names (frontend/src/lib.rs):
//! - **the whole app's** (`hash.txt` beside the binary): the router and every page, for
//!   the pages served as the whole app, and for every page when there is no other;
//! - **the islands'** (`hash-islands.txt`, written by the release build, scripts/lib.sh
//!   `build_release`): the same crate without the whole app, for the pages served as
//!   islands. Its main module carries none of the other pages' code or text.
//!
//! Each bundle has its own main module, its own split files and its own split manifest;
//! the page's hydration scripts and the `<link rel="preload">` of its lazy functions
//! must come from the same one. Leptos reads one manifest per process (its
//! `HydrationScripts` keeps the first it reads), so the shell provides the page's own
//! after them ([`Bundle::provide_split_manifest`]).

use leptos::WasmSplitManifest;
use leptos::config::LeptosOptions;
use leptos::prelude::{ArcStoredValue, provide_context};
use std::collections::HashMap;
use std::path::Path;

/// The name of the islands bundle's hash file, beside the server's binary.
pub const ISLANDS_HASH_FILE: &str = "hash-islands.txt";

/// The bundles of the deploy, read once at start-up.
#[derive(Clone, Debug)]
pub struct Bundles {
    whole_app: Bundle,
    islands: Option<Bundle>,
}

/// One bundle: the options that name its scripts, and its split manifest when the build
/// is split and hashed.
#[derive(Clone, Debug)]
pub struct Bundle {
    options: LeptosOptions,
    hashes: Hashes,
    split_manifest: Option<WasmSplitManifest>,
}

impl Bundles {
    /// The bundles beside the server's binary; the islands' only when its hash file names
    /// files that are in the site (a stale hash file from an earlier build is ignored, and
    /// the whole app's bundle serves every page, as in development).
    pub fn read(options: &LeptosOptions) -> Bundles {
        let beside_binary = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(Path::to_path_buf))
            .unwrap_or_default();
        let bundles = Bundles::read_beside(options, &beside_binary);
        match &bundles.islands {
            Some(_) => tracing::info!("the islands pages have their own bundle"),
            None => tracing::info!(
                "no islands bundle ({ISLANDS_HASH_FILE}): the whole app's serves every page"
            ),
        }
        bundles
    }

    fn read_beside(options: &LeptosOptions, dir: &Path) -> Bundles {
        let whole_app = Bundle::read(options.clone(), dir);
        let mut islands = options.clone();
        islands.hash_file = ISLANDS_HASH_FILE.into();
        let islands = options
            .hash_files
            .then(|| Bundle::read(islands, dir))
            .filter(Bundle::is_in_the_site);
        Bundles { whole_app, islands }
    }

    /// The bundle for a page served as islands, or as the whole app.
    pub fn for_page(&self, islands: bool) -> &Bundle {
        match (&self.islands, islands) {
            (Some(bundle), true) => bundle,
            _ => &self.whole_app,
        }
    }
}

impl Bundle {
    fn read(options: LeptosOptions, dir: &Path) -> Bundle {
        let hashes = std::fs::read_to_string(dir.join(&*options.hash_file))
            .map(|text| Hashes::parse(&text))
            .unwrap_or(Hashes(HashMap::new()));
        let split_manifest = split_manifest(&options, &hashes);
        Bundle {
            options,
            hashes,
            split_manifest,
        }
    }

    /// Whether the main module and the script its hash file names are in the site.
    fn is_in_the_site(&self) -> bool {
        let pkg = Path::new(&*self.options.site_root).join(&*self.options.site_pkg_dir);
        let name = &self.options.output_name;
        match (self.hashes.get("js"), self.hashes.get("wasm")) {
            (Some(js), Some(wasm)) => {
                pkg.join(format!("{name}.{js}.js")).is_file()
                    && pkg.join(format!("{name}.{wasm}.wasm")).is_file()
            }
            _ => false,
        }
    }

    /// The options that name this bundle's scripts, for Leptos's `HydrationScripts`.
    pub fn options(&self) -> LeptosOptions {
        self.options.clone()
    }

    /// Makes this bundle's split manifest the page's (after `HydrationScripts`, which
    /// provides the one it read first): the files its lazy functions preload.
    pub fn provide_split_manifest(&self) {
        if let Some(manifest) = &self.split_manifest {
            provide_context(manifest.clone());
        }
    }
}

/// A hash file's lines, `kind: hash` (`js`, `wasm`, `css`, `manifest`, `split`).
#[derive(Clone, Debug)]
struct Hashes(HashMap<String, String>);

impl Hashes {
    fn parse(text: &str) -> Hashes {
        Hashes(
            text.lines()
                .filter_map(|line| line.split_once(':'))
                .map(|(kind, hash)| (kind.trim().to_owned(), hash.trim().to_owned()))
                .collect(),
        )
    }

    fn get(&self, kind: &str) -> Option<&str> {
        self.0.get(kind).map(String::as_str)
    }
}

/// The split manifest a hash file names, as Leptos's `HydrationScripts` reads it: the
/// package's URL, each lazy function's files, and the split loader's script.
fn split_manifest(options: &LeptosOptions, hashes: &Hashes) -> Option<WasmSplitManifest> {
    let manifest = hashes.get("manifest")?;
    let loader = hashes.get("split")?;
    let pkg = &options.site_pkg_dir;
    let path = Path::new(&*options.site_root)
        .join(&**pkg)
        .join(format!("__wasm_split_manifest.{manifest}.json"));
    let text = std::fs::read_to_string(&path).ok()?;
    let files: HashMap<String, Vec<String>> = match serde_json::from_str(&text) {
        Ok(files) => files,
        Err(error) => {
            tracing::error!(path = %path.display(), %error, "unreadable split manifest");
            return None;
        }
    };
    Some(WasmSplitManifest(ArcStoredValue::new((
        format!("/{pkg}"),
        files,
        format!("__wasm_split.{loader}.js"),
    ))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use leptos::prelude::ReadValue;

    fn site_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let root = tempfile::tempdir().expect("a temporary directory");
        std::fs::create_dir_all(root.path().join("pkg")).expect("a folder of the site");
        for (file, text) in files {
            std::fs::write(root.path().join(file), text).expect("a file of the site");
        }
        root
    }

    fn options(site: &Path) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("culture-pass")
            .site_root(site.to_string_lossy().to_string())
            .hash_files(true)
            .build()
    }

    #[test]
    fn the_islands_pages_name_their_own_bundle_and_its_split_manifest() {
        let site = site_with(&[
            ("pkg/culture-pass.W1.js", "js"),
            ("pkg/culture-pass.W2.wasm", "wasm"),
            ("pkg/culture-pass.I1.js", "js"),
            ("pkg/culture-pass.I2.wasm", "wasm"),
            (
                "pkg/__wasm_split_manifest.M.json",
                r#"{"map_explorer_loader_1":["split_a.X"]}"#,
            ),
            ("hash.txt", "js: W1\nwasm: W2\ncss: C\n"),
            (
                "hash-islands.txt",
                "js: I1\nwasm: I2\ncss: C\nmanifest: M\nsplit: S\n",
            ),
        ]);
        let bundles = Bundles::read_beside(&options(site.path()), site.path());
        let islands = bundles.for_page(true);
        assert_eq!(&*islands.options().hash_file, "hash-islands.txt");
        let manifest = islands
            .split_manifest
            .as_ref()
            .expect("its manifest is read");
        let (pkg, files, loader) = &*manifest.0.read_value();
        assert_eq!(pkg, "/pkg");
        assert_eq!(files["map_explorer_loader_1"], ["split_a.X"]);
        assert_eq!(loader, "__wasm_split.S.js");
        assert_eq!(&*bundles.for_page(false).options().hash_file, "hash.txt");
    }

    #[test]
    fn without_an_islands_bundle_in_the_site_the_whole_app_serves_every_page() {
        // Its hash file is left from an earlier build whose files are gone.
        let site = site_with(&[
            ("pkg/culture-pass.W1.js", "js"),
            ("pkg/culture-pass.W2.wasm", "wasm"),
            ("hash.txt", "js: W1\nwasm: W2\ncss: C\n"),
            ("hash-islands.txt", "js: I1\nwasm: I2\ncss: C\n"),
        ]);
        let bundles = Bundles::read_beside(&options(site.path()), site.path());
        assert_eq!(&*bundles.for_page(true).options().hash_file, "hash.txt");
        std::fs::remove_file(site.path().join("hash-islands.txt")).expect("removed");
        let bundles = Bundles::read_beside(&options(site.path()), site.path());
        assert_eq!(&*bundles.for_page(true).options().hash_file, "hash.txt");
    }
}
