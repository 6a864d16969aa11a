#!/usr/bin/env bash
# Idempotent toolchain set-up (SCAFFOLD: the wasm work adds wasm-pack, wasm-bindgen-cli,
# binaryen and Chromium here).
set -euo pipefail
command -v cargo >/dev/null || { echo "cargo is required (rustup)"; exit 1; }
