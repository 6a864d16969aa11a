#!/usr/bin/env bash
# www/: install (npm ci, no browser download), typecheck, unit + handler tests, then the app
# build and the end-to-end tests in headless Chromium (system /usr/bin/chromium only).
# Idempotent: skips installs that are already done.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# The app imports the wasm package from ../pkg (file: dependency): build it when missing.
if [ ! -f pkg/package.json ] && [ -f .ci/build-wasm.sh ]; then
  bash .ci/build-wasm.sh
fi
if [ ! -f pkg/package.json ]; then
  echo "test-www: pkg/ is missing (run .ci/build-wasm.sh)" >&2
  exit 1
fi

# Tools the end-to-end tests need (Debian packages; the browser is never downloaded).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v sox >/dev/null || missing+=(sox)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cd www
lock_sum=$(sha256sum package-lock.json ../pkg/package.json | sha256sum | cut -d' ' -f1)
if [ "$(cat node_modules/.uv-lock-sum 2>/dev/null)" != "$lock_sum" ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$lock_sum" > node_modules/.uv-lock-sum
fi

npx tsc --noEmit
# The booking store's tests run on PGlite and, with TEST_DATABASE_URL, on a real PostgreSQL
# server of their own; the fare cache's shared tier on a real Redis. Both are stopped and
# removed however this script ends.
trap 'bash "$root/.ci/redis.sh" stop; bash "$root/.ci/postgres.sh" stop' EXIT
TEST_REDIS_URL=$(bash "$root/.ci/redis.sh" start)
TEST_DATABASE_URL=$(bash "$root/.ci/postgres.sh" start)
export TEST_REDIS_URL TEST_DATABASE_URL
npx vitest run --project unit --project api
bash "$root/.ci/postgres.sh" stop
bash "$root/.ci/redis.sh" stop
# Built with the test keys in the environment: none may reach the bundle.
GROQ_API_KEY=gsk_TEST_groq_key_5f3a9c1e7b ELEVENLABS_API_KEY=sk_TEST_eleven_key_8d2b4f6a0c \
  DUFFEL_ACCESS_TOKEN=duffel_test_FAKE_token_3b9d2e7f1a npx vite build

# No key in the browser bundle, whatever the environment held at build time.
if grep -rqE "gsk_TEST|sk_TEST|duffel_test_|GROQ_API_KEY|ELEVENLABS_API_KEY|DUFFEL_ACCESS_TOKEN" dist; then
  echo "test-www: an API key or key name ended up in www/dist" >&2
  exit 1
fi

npx vitest run --project e2e
cd "$root"
# The whole page as a first and a repeat visit receive it (report only; the package budget is
# enforced in test-wasm.sh).
bash .ci/size-report.sh page
