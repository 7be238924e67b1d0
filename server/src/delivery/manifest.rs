//! What a deploy consists of, read once at start-up from the site directory that
//! cargo-leptos built: the files the service worker keeps, and a version that changes
//! whenever any of them (or the worker itself) does.

use leptos::config::LeptosOptions;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The deployed build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Build {
    /// A digest of every file of the site and of the worker's code: a new deploy is a
    /// new version, the same files are the same version (two servers of one deploy agree).
    pub version: String,
    /// The URL paths of the build's own files (`/pkg/...`: JS, WASM, split chunks), the
    /// stylesheet's included; compressed copies are not listed.
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
        digest.update(style::FINGERPRINT.as_bytes());
        let mut files = vec![style::href()];
        for path in &site {
            let url = url_path(root, path);
            digest.update(url.as_bytes());
            digest.update(std::fs::read(path)?);
            if url.starts_with(&format!("/{}/", options.site_pkg_dir)) && served_to_browsers(path) {
                files.push(url);
            }
        }
        Ok(Build {
            version: hex::encode(&digest.finalize()[..8]),
            files,
            hashed: options.hash_files,
        })
    }
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
    fn the_build_lists_its_own_files_and_the_stylesheet_not_their_compressed_copies() {
        let root = site();
        let build = Build::read(&options(root.path(), true), "worker").expect("the site is read");
        assert_eq!(
            build.files,
            [
                style::href().as_str(),
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
    fn no_site_directory_is_an_empty_build() {
        let build = Build::read(&options(Path::new("/nonexistent/site"), false), "w")
            .expect("the site is read");
        assert_eq!(build.files, [style::href()]);
        assert!(!build.hashed);
    }
}
