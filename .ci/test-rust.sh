#!/usr/bin/env bash
# Rust: format, lints, and every native test.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo test --release
