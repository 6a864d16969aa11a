#!/usr/bin/env bash
# Size of the built package (run .ci/build-wasm.sh first): raw, gzip -9 and brotli (quality
# 11, what Vercel serves to browsers that accept it) bytes of the wasm and its JS glue, and the
# gzip total against the 250 KB budget (airport table included), read strictly as 250,000 bytes.
# Over budget fails the run (a dependency that adds weight must be paid for); set
# SIZE_STRICT=0 to only report.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=250000
total=0
br_total=0
brotli() { node -e 'const z = require("zlib"); const b = require("fs").readFileSync(process.argv[1]);
  console.log(z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length)' "$1"; }
printf '%-24s %10s %10s %10s\n' file raw gzip-9 brotli
for f in pkg/united_voice_bg.wasm pkg/united_voice.js; do
  raw=$(wc -c < "$f")
  gz=$(gzip -9c "$f" | wc -c)
  br=$(brotli "$f")
  total=$((total + gz))
  br_total=$((br_total + br))
  printf '%-24s %10d %10d %10d\n' "$(basename "$f")" "$raw" "$gz" "$br"
done
printf '%-24s %10s %10d %10d\n' "total" "" "$total" "$br_total"
if [ "$total" -le "$budget" ]; then
  echo "size: gzip total $total bytes, within the budget of $budget (250 KB), $((budget - total)) to spare"
else
  echo "size: gzip total $total bytes, OVER the budget of $budget (250 KB) by $((total - budget))"
fi
[ "$total" -le "$budget" ] || [ "${SIZE_STRICT:-1}" = 0 ]
