#!/usr/bin/env bash
# Idempotent toolchain set-up for a fresh Debian machine (root, rustup, Node 20): the wasm
# target, wasm-pack, wasm-bindgen-cli (same version as the crate's wasm-bindgen), binaryen's
# wasm-opt from npm (never Debian's: its old wasm-opt breaks the module), Chromium + driver for
# the browser tests, espeak-ng + sox for test audio. Skips whatever is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
WASM_BINDGEN_VERSION=0.2.130   # must equal the crate's `wasm-bindgen = "=..."` pin
BINARYEN_VERSION=132.0.0
TYPESCRIPT_VERSION=5.9.3      # checks the package's generated .d.ts

command -v cargo >/dev/null || { echo "cargo is required (rustup)"; exit 1; }
command -v npm >/dev/null || { echo "npm is required (Node 20)"; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# clippy and rustfmt for .ci/test-rust.sh (present on most rustup profiles).
for component in clippy rustfmt; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

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
if [[ "$(.tools/node_modules/.bin/tsc --version 2>/dev/null || true)" != "Version $TYPESCRIPT_VERSION" ]]; then
  mkdir -p .tools
  [ -f .tools/package.json ] || echo '{"private": true}' > .tools/package.json
  npm install --prefix .tools --no-audit --no-fund --save-exact "typescript@$TYPESCRIPT_VERSION"
fi

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v sox >/dev/null || missing+=(sox)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi

echo "setup: $(wasm-pack --version), $(wasm-bindgen --version), wasm-opt $(.tools/node_modules/.bin/wasm-opt --version), $(chromium --version 2>/dev/null | head -1)"
