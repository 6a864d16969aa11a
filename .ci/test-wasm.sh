#!/usr/bin/env bash
# wasm: browser tests in headless Chromium (with a stand-in proxy on 127.0.0.1:8788), then the
# release package build, a check that it loads in Node, a TypeScript check of its types, and
# the size report.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$PATH"

node .ci/wasm-test-server.mjs 8788 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  node -e 'require("net").connect(8788, "127.0.0.1").on("connect", () => process.exit(0)).on("error", () => process.exit(1))' && break
  sleep 0.1
done

# Only the browser test files (tests/wasm_*.rs); native tests run in .ci/test-rust.sh.
# One run per file, so one failing file does not hide the others' results.
failed=()
for file in tests/wasm_*.rs; do
  name=$(basename "$file" .rs)
  wasm-pack test --headless --chrome --chromedriver "$(command -v chromedriver)" --mode no-install \
    -- --test "$name" || failed+=("$name")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "wasm browser tests failed: ${failed[*]}"
  exit 1
fi

bash .ci/build-wasm.sh
node --test .ci/wasm-node-check.mjs
# The generated .d.ts: real types, no `any` (compile-only; lib esnext for Symbol.dispose).
tsc --noEmit --strict --target es2022 --module esnext --moduleResolution bundler \
  --lib esnext,dom .ci/wasm-types-check.ts
echo "wasm types check passed"
bash .ci/size-report.sh
