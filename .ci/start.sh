#!/usr/bin/env bash
# One command from a fresh clone to the app on http://localhost:3000 (PORT overrides):
# toolchain set-up, the wasm package, npm install, app build, then the local server.
# Set GROQ_API_KEY / ELEVENLABS_API_KEY / ELEVENLABS_VOICE_ID for the server tiers; with none
# the app still books end to end (rules, browser speech).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f .ci/setup.sh ] && bash .ci/setup.sh
[ -f .ci/build-wasm.sh ] && bash .ci/build-wasm.sh
cd www
lock_sum=$(sha256sum package-lock.json ../pkg/package.json | sha256sum | cut -d' ' -f1)
if [ "$(cat node_modules/.uv-lock-sum 2>/dev/null)" != "$lock_sum" ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$lock_sum" > node_modules/.uv-lock-sum
fi
npx vite build
exec ./node_modules/.bin/tsx server.ts
