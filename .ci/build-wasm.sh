#!/usr/bin/env bash
# Builds the npm package `united-voice` into pkg/ (ES module for browsers and bundlers; also
# loads in Node with `initSync({ module: bytes })`). Uses binaryen's wasm-opt from .tools/
# (installed by .ci/setup.sh), never a system one.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
# Smallest download: opt-level "z" for the wasm only (measured: 6% smaller gzip than "s" after
# wasm-opt -Os); native release builds (tests, benchmarks) keep Cargo.toml's setting.
export CARGO_PROFILE_RELEASE_OPT_LEVEL="${CARGO_PROFILE_RELEASE_OPT_LEVEL:-z}"
wasm-pack build --release --target web --mode no-install --out-dir pkg --out-name united_voice
# wasm-pack names the package after the crate; check, since the app depends on this name.
node -e 'const p = require("./pkg/package.json"); if (p.name !== "united-voice") { console.error("pkg name is " + p.name); process.exit(1); }'
