#!/usr/bin/env bash
# wasm: browser tests in headless Chromium (with a stand-in proxy on a free loopback port), then the
# release package build, a check that it loads in Node, a TypeScript check of its types, and
# the package size report (the page size report runs after the app tests, in test-www.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$PATH"

# A free loopback port for the stand-in proxy; the tests read it at build time.
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
export WASM_TEST_SERVER="http://127.0.0.1:$port"
node .ci/wasm-test-server.mjs "$port" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
up=0
for _ in $(seq 50); do
  if node -e 'require("net").connect(process.argv[1], "127.0.0.1").on("connect", () => process.exit(0)).on("error", () => process.exit(1))' "$port"; then
    up=1
    break
  fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
[ "$up" = 1 ] || { echo "test-wasm: the stand-in proxy did not start on port $port" >&2; exit 1; }

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
bash .ci/size-report.sh package
