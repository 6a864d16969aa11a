#!/usr/bin/env bash
# Idempotent set-up of everything the tests need on a fresh Debian machine (root, rustup,
# Node 20+): what running needs (.ci/setup-run.sh: wasm target, wasm-pack, wasm-bindgen CLI,
# wasm-opt), then the test-only tools: clippy and rustfmt, TypeScript for the package's types
# check, Chromium + chromedriver for the browser tests, espeak-ng + sox for test audio.
# Skips whatever is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

TYPESCRIPT_VERSION=5.9.3      # checks the package's generated .d.ts

bash .ci/setup-run.sh

# clippy and rustfmt for .ci/test-rust.sh (present on most rustup profiles).
for component in clippy rustfmt; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

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
  if [ "$(id -u)" != 0 ]; then
    echo "setup: the tests need these Debian packages; install them as root: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi

echo "setup: $(wasm-pack --version), $(wasm-bindgen --version), wasm-opt $(.tools/node_modules/.bin/wasm-opt --version), $(chromium --version 2>/dev/null | head -1)"
