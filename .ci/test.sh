#!/usr/bin/env bash
# Runs every test: Rust (unit, integration, conversation scripts, property tests), wasm in
# headless Chromium, the proxy's handler tests and the end-to-end browser tests.
# Installs what it needs first (idempotent: skips what is already there).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup.sh
bash .ci/test-rust.sh
[ -f .ci/test-wasm.sh ] && bash .ci/test-wasm.sh
[ -f .ci/test-www.sh ] && bash .ci/test-www.sh
echo "all test suites passed"
