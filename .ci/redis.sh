#!/usr/bin/env bash
# A throwaway redis-server for the fare cache's tests (www/test/flights.test.ts):
#   start  installs Debian's redis-server when missing, starts one on 127.0.0.1 on its own port
#          (REDIS_TEST_PORT, default 6390) with no persistence, and prints its URL
#   stop   stops it and removes its directory
# Idempotent: `start` with one already running prints the URL again.
set -euo pipefail
port="${REDIS_TEST_PORT:-6390}"
state="${TMPDIR:-/tmp}/united-voice-redis-$port"
url="redis://127.0.0.1:$port"

running() { [ -f "$state/redis.pid" ] && kill -0 "$(cat "$state/redis.pid")" 2>/dev/null; }

case "${1:-}" in
  start)
    if ! command -v redis-server >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    fi
    if running; then echo "$url"; exit 0; fi
    mkdir -p "$state"
    redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes \
      --save "" --appendonly no --dir "$state" \
      --daemonize yes --pidfile "$state/redis.pid" --logfile "$state/redis.log" >/dev/null
    for _ in $(seq 50); do
      redis-cli -p "$port" ping >/dev/null 2>&1 && { echo "$url"; exit 0; }
      sleep 0.1
    done
    echo "redis.sh: redis-server did not answer on port $port (log: $state/redis.log)" >&2
    exit 1
    ;;
  stop)
    if running; then
      pid=$(cat "$state/redis.pid")
      kill "$pid"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$state"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
