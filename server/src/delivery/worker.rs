//! The service worker, written from the deployed build: its code (`sw.js`, beside this
//! file) is preceded by a `BUILD` constant naming the build's version and files. A new
//! deploy therefore serves different bytes at the same address, which is how browsers
//! notice that an installed app has a new worker to install.

use super::Build;

/// Where the page registers the worker; its scope is the whole site.
pub const PATH: &str = "/sw.js";

/// The worker's code, without the build (the build's version covers it).
pub const CODE: &str = include_str!("sw.js");

/// The page's script that registers the worker and offers a new version's reload.
pub const REGISTER: &str = include_str!("register.js");

/// The script served at [`PATH`].
pub fn script(build: &Build) -> String {
    let constant = serde_json::json!({
        "version": build.version,
        "files": build.files,
        "hashed": build.hashed,
    });
    format!("const BUILD = {constant};\n{CODE}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_names_the_build_it_belongs_to() {
        let build = Build {
            version: "0123456789abcdef".into(),
            files: vec!["/pkg/culture-pass.AbC.wasm".into()],
            hashed: true,
        };
        let script = script(&build);
        assert!(
            script.starts_with(
                r#"const BUILD = {"files":["/pkg/culture-pass.AbC.wasm"],"hashed":true,"version":"0123456789abcdef"};"#
            ),
            "{script}"
        );
        assert!(script.contains("BUILD.version"));
        assert!(script.contains("BUILD.files"));
    }
}
