#!/usr/bin/env bash
# Prints the benchmark figures (criterion medians) for one turn, date parsing and place lookup.
# Not part of the test run: figures, not pass/fail. Usage: bash .ci/bench.sh [filter]
set -euo pipefail
cd "$(dirname "$0")/.."
for bench in turn dates places; do
  [ -f "tests/benches/$bench.rs" ] || continue
  cargo bench --bench "$bench" -- --warm-up-time 1 --measurement-time 3 "${1:-}" 2>/dev/null \
    | grep -E "^[a-z_/ ]+time:|^[a-z_]+/[a-z_]+" | sed 's/  */ /g'
done
