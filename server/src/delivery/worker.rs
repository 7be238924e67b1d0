//! The service worker, written from the deployed build: its code (`sw.js`, beside this
//! file) is preceded by a `BUILD` constant naming the build's version and files. A new
//! deploy therefore serves different bytes at the same address, which is how browsers
//! notice that an installed app has a new worker to install.

use super::Build;
use std::sync::LazyLock;

/// Where the page registers the worker; its scope is the whole site.
pub const PATH: &str = "/sw.js";

/// The worker's code, without the build (the build's version covers it).
pub const CODE: &str = include_str!("sw.js");

/// The page's script that registers the worker and offers a new version's reload,
/// inlined in every page: without its comments and indentation, which are a third of
/// its bytes and would be sent with each page.
pub static REGISTER: LazyLock<String> =
    LazyLock::new(|| without_comments(include_str!("register.js")));

/// `script` without its lines that are only a comment, and without indentation.
fn without_comments(script: &str) -> String {
    script
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

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
    fn the_page_gets_the_registration_script_without_its_comments() {
        let script = include_str!("register.js");
        assert!(script.lines().any(|line| line.starts_with("//")));
        for line in REGISTER.lines() {
            assert!(!line.starts_with("//") && !line.starts_with(' '), "{line}");
        }
        assert!(REGISTER.contains("navigator.serviceWorker.register("));
        assert!(REGISTER.len() * 3 < script.len() * 2, "{}", REGISTER.len());
    }

    #[test]
    fn a_line_of_code_keeps_its_comment_and_strings() {
        let kept = without_comments("  // why\n  let a = \"//x\"; // tail\n\n  go(a);\n");
        assert_eq!(kept, "let a = \"//x\"; // tail\ngo(a);");
    }

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
