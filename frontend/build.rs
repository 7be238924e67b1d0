//! The pages load lazily (app/src/pages.rs), so the WASM must be split by cargo-leptos
//! (`--split`): unsplit, it imports placeholder modules and the browser refuses to start
//! it with an obscure message. A cargo-leptos build without the flag stops here instead,
//! saying what to run. (`cargo check` and `cargo clippy` of the crate need no flag.)

fn main() {
    println!("cargo:rerun-if-env-changed=LEPTOS_OUTPUT_NAME");
    println!("cargo:rerun-if-env-changed=CARGO_ENCODED_RUSTFLAGS");
    let for_browsers = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    let by_cargo_leptos = std::env::var_os("LEPTOS_OUTPUT_NAME").is_some();
    // cargo-leptos links with `--emit-relocs` when it splits, for wasm-split to read.
    let split =
        std::env::var("CARGO_ENCODED_RUSTFLAGS").is_ok_and(|flags| flags.contains("--emit-relocs"));
    if for_browsers && by_cargo_leptos && !split {
        eprintln!(
            "the app's pages load lazily: build it with `cargo leptos build --split` or \
             `cargo leptos watch --split` (scripts/dev does)"
        );
        std::process::exit(1);
    }
}
