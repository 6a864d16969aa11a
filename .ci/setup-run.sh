#!/usr/bin/env bash
# What running the app needs (bash .ci/start.sh calls this), idempotent, skipping whatever is
# already there: the wasm target, wasm-pack, the wasm-bindgen CLI (same version as the
# crate's wasm-bindgen) and binaryen's wasm-opt from npm (never Debian's: its old wasm-opt
# breaks the module). Needs Rust through rustup, and Node 20 or newer with npm.
# Testing needs more: .ci/setup.sh (which runs this first).
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
WASM_BINDGEN_VERSION=0.2.130   # must equal the crate's `wasm-bindgen = "=..."` pin
BINARYEN_VERSION=132.0.0

command -v cargo >/dev/null && command -v rustup >/dev/null \
  || { echo "setup: Rust is required: install it with rustup (cargo and rustup on PATH)" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null \
  || { echo "setup: Node.js 20 or newer (with npm) is required" >&2; exit 1; }
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
  || { echo "setup: Node.js 20 or newer is required (this is $(node --version))" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if [[ "$(wasm-pack --version 2>/dev/null || true)" != "wasm-pack $WASM_PACK_VERSION" ]]; then
  cargo install --locked wasm-pack --version "$WASM_PACK_VERSION"
fi
# No --locked: the CLI's own lock file does not build with current toolchains.
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# binaryen's wasm-opt, in the git-ignored .tools/ (the build scripts put it on PATH).
if [[ "$(.tools/node_modules/.bin/wasm-opt --version 2>/dev/null || true)" != *"version ${BINARYEN_VERSION%%.*}"* ]]; then
  mkdir -p .tools
  [ -f .tools/package.json ] || echo '{"private": true}' > .tools/package.json
  npm install --prefix .tools --no-audit --no-fund --save-exact "binaryen@$BINARYEN_VERSION"
fi
