#!/usr/bin/env bash
# Builds the npm package `united-voice` into pkg/ (ES module for browsers and bundlers; also
# loads in Node with `initSync({ module: bytes })`). Uses binaryen's wasm-opt from .tools/
# (installed by .ci/setup-run.sh), never a system one.
#
# pkg/.inputs.sha256 records what the package was built from (src/, Cargo.toml, Cargo.lock,
# this script, the toolchain); with --if-changed the build is skipped when that has not
# changed (bash .ci/start.sh: wasm-pack and wasm-opt take ~7 s even with a warm cache).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
# Smallest download: opt-level "z" for the wasm only (measured: 6% smaller gzip than "s" after
# wasm-opt -Os); native release builds (tests, benchmarks) keep Cargo.toml's setting.
export CARGO_PROFILE_RELEASE_OPT_LEVEL="${CARGO_PROFILE_RELEASE_OPT_LEVEL:-z}"

inputs=$( {
  find src -type f -print0 | sort -z | xargs -0 sha256sum
  sha256sum Cargo.toml Cargo.lock .ci/build-wasm.sh
  [ ! -f LICENSE ] || sha256sum LICENSE
  rustc --version
  wasm-pack --version
  wasm-opt --version 2>/dev/null || true
  echo "opt-level $CARGO_PROFILE_RELEASE_OPT_LEVEL"
} | sha256sum | cut -d' ' -f1)
if [ "${1:-}" = --if-changed ] && [ -f pkg/package.json ] \
  && [ "$(cat pkg/.inputs.sha256 2>/dev/null)" = "$inputs" ]; then
  echo "build-wasm: pkg/ is up to date (src/, Cargo.toml, Cargo.lock unchanged)"
  exit 0
fi

rm -f pkg/.inputs.sha256
wasm-pack build --release --target web --mode no-install --out-dir pkg --out-name united_voice
# The voice-activity package (src/wasm/ear.rs), loaded by the app only when a call starts: its
# detector weights would not fit the first visit's budget. After the main build, which
# empties pkg/. The app imports it as "united-voice/ear/united_voice_ear.js".
wasm-pack build --release --target web --mode no-install --out-dir pkg/ear --out-name united_voice_ear \
  --no-pack -- --features ear
# wasm-pack names the package after the crate; check, since the app depends on this name.
node -e 'const p = require("./pkg/package.json"); if (p.name !== "united-voice") { console.error("pkg name is " + p.name); process.exit(1); }'
echo "$inputs" > pkg/.inputs.sha256
