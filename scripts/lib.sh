# Shared by scripts/dev and scripts/test: install what is missing, from the package
# registries only (crates.io, npm, Debian). Sourced, not run.

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen pinned in Cargo.toml
CARGO_LEPTOS_VERSION=0.3.11
CARGO_DENY_VERSION=0.20.2
CARGO_FUZZ_VERSION=0.13.2

# Each step's line says how long the script has been running (m:ss), so that a first run
# shows where its time went (`scripts/bench first-run` reads them).
log() { printf '\033[1;35m==> [%d:%02d] %s\033[0m\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

target_dir() {
  echo "${CARGO_TARGET_DIR:-$PWD/target}"
}

# Tools are built with the dev profile, unoptimised and without debug info: on 2 cores
# cargo-leptos took 36.6 minutes with its own fat LTO, about 25 without LTO, and 4 like
# this (wasm-bindgen-cli under 1), which brings a newcomer's first run under a quarter of
# an hour (BENCHMARKS.md). What they do in a build (wasm-bindgen's rewrite, hashing, CSS) takes seconds
# either way. cargo reads profile settings from the environment.
install_tool() {
  CARGO_PROFILE_DEV_DEBUG=false cargo install --debug "$@"
}

ensure_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    log "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 4 minutes on 2 cores, once)"
    # Its brotli and gzip compressors (`--precompress`) are its one heavy computation:
    # unoptimised, they took 70 s of each release build; optimised, 37.
    install_tool cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --ignore-rust-version \
      --config 'profile.dev.package.brotli.opt-level=3' \
      --config 'profile.dev.package.libflate.opt-level=3' \
      --config 'profile.dev.package.libflate_lz77.opt-level=3'
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    install_tool wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

# The release build as it ships, in two bundles (frontend/src/lib.rs): the whole app
# (cargo-leptos: split, hashed, precompressed; the server's binary, hash.txt beside it,
# target/site), then the same front end without the whole app (`islands-only`), for the
# pages served as islands. cargo-leptos empties the site it builds into, so the islands'
# bundle is built into target/site-islands and its files join the whole app's in
# target/site/pkg (their names are their contents' hashes: a file of both is one file);
# its names go to hash-islands.txt beside the binary, where the server looks for them
# (server/src/delivery/bundles.rs). Extra arguments go to the first build.
build_release() {
  cargo leptos build --split --release --precompress "$@"
  LEPTOS_SITE_ROOT=target/site-islands LEPTOS_HASH_FILE_NAME=hash-islands.txt \
    cargo leptos build --split --release --precompress --frontend-only --lib-features islands-only
  cp -r target/site-islands/pkg/. target/site/pkg/
}

# npm packages of the browser tests, and binaryen's wasm-opt for release builds
# (cargo-leptos would otherwise try to download it; Debian's wasm-opt 108 breaks the
# release .wasm, so ours must come first on PATH).
ensure_node_packages() {
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    log "installing the end2end npm packages"
    (cd end2end && npm ci --no-audit --no-fund)
  fi
  export PATH="$PWD/end2end/node_modules/.bin:$PATH"
}

# A real SMTP server for the tests of mail (aiosmtpd, from PyPI): never a mock transport.
ensure_smtp_server() {
  if ! python3 -c "import aiosmtpd" 2>/dev/null; then
    log "installing aiosmtpd (an SMTP server for the tests)"
    python3 -m pip install --quiet --user aiosmtpd 2>/dev/null || python3 -m pip install --quiet aiosmtpd
  fi
}

# A real S3-compatible server for the tests of the image store (moto's server, from
# PyPI): never a mock transport.
ensure_s3_server() {
  if ! python3 -c "import moto.server, flask_cors" 2>/dev/null; then
    log "installing moto's S3 server (for the tests of the image store)"
    python3 -m pip install --quiet --user "moto[server]" 2>/dev/null || python3 -m pip install --quiet "moto[server]"
  fi
}

# cargo-fuzz, for `scripts/bench fuzz` (a few minutes on 2 cores, once). It drives
# libFuzzer with nightly-only rustc flags; the callers set RUSTC_BOOTSTRAP=1 so that the
# stable toolchain takes them.
ensure_fuzz_tools() {
  if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
    log "installing cargo-fuzz $CARGO_FUZZ_VERSION"
    install_tool cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
  fi
}

# The dependency tree against deny.toml: licences, duplicate versions, sources, and the
# RustSec advisories. The advisory database lives on GitHub, which this machine and CI
# cannot reach: it is fetched when reachable, kept in ~/.cache/culture-pass/advisory-dbs,
# and checked whenever a copy is there; without one, the other checks still run and
# the log says advisories were not checked.
check_dependencies() {
  if ! cargo deny --version 2>/dev/null | grep -q "$CARGO_DENY_VERSION"; then
    log "installing cargo-deny $CARGO_DENY_VERSION"
    install_tool cargo-deny --version "$CARGO_DENY_VERSION" --locked
  fi
  # cargo deny runs offline (its own fetch of the index would go to GitHub), so every
  # package of the lock file, for every target, must be on disk first: on a new machine
  # nothing is yet.
  cargo fetch --locked --quiet
  if ! ls -d "$HOME"/.cache/culture-pass/advisory-dbs/advisory-db-* >/dev/null 2>&1; then
    timeout 60 cargo deny fetch db >/dev/null 2>&1 || true
  fi
  if ls -d "$HOME"/.cache/culture-pass/advisory-dbs/advisory-db-* >/dev/null 2>&1; then
    cargo deny --offline check
  else
    log "advisories NOT checked: no copy of the RustSec database (github.com unreachable)"
    cargo deny --offline check bans licenses sources
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    log "installing Debian's Chromium"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
  fi
}

# wrk, the HTTP load generator of `scripts/bench ssr` (Debian's package).
ensure_wrk() {
  if ! command -v wrk >/dev/null; then
    log "installing wrk (an HTTP load generator)"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk
  fi
}

# Waits for the server at $1 to answer /healthz.
wait_for() {
  for _ in $(seq 1 120); do
    if curl -fsS "$1/healthz" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  log "the server at $1 did not start"
  return 1
}
