#!/usr/bin/env bash
# One command from a fresh clone to the app on http://localhost:3000 (PORT overrides): what
# running needs (.ci/setup-run.sh; the test-only tools come with .ci/test.sh), the wasm
# package, npm install, the app build, then the local server. Each step is skipped when its
# inputs have not changed since the last start, so a second start takes a second or two.
# Set GROQ_API_KEY / ELEVENLABS_API_KEY / ELEVENLABS_VOICE_ID for the server tiers; with none
# the app still books end to end (rules, browser speech).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup-run.sh
bash .ci/build-wasm.sh --if-changed
cd www
lock_sum=$(sha256sum package-lock.json ../pkg/package.json | sha256sum | cut -d' ' -f1)
if [ "$(cat node_modules/.uv-lock-sum 2>/dev/null)" != "$lock_sum" ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$lock_sum" > node_modules/.uv-lock-sum
fi
# The app build, keyed on its inputs (any other build of dist/ empties it, stamp included).
app_sum=$( {
  find src shared -type f -print0 | sort -z | xargs -0 sha256sum
  sha256sum index.html vite.config.ts tsconfig.json package-lock.json ../pkg/.inputs.sha256
} | sha256sum | cut -d' ' -f1)
if [ "$(cat dist/.inputs.sha256 2>/dev/null)" != "$app_sum" ] || [ ! -f dist/index.html ]; then
  npx vite build
  echo "$app_sum" > dist/.inputs.sha256
else
  echo "start: www/dist is up to date"
fi
exec ./node_modules/.bin/tsx server.ts
