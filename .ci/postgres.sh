#!/usr/bin/env bash
# A throwaway PostgreSQL server for the booking store's tests.
#
#   bash .ci/postgres.sh start   # prints its URL (the only thing on stdout)
#   bash .ci/postgres.sh stop    # shuts it down and removes its files
#
# Installs Debian's `postgresql` with apt when no server binaries are there (root needed then),
# initdb's its own cluster under /tmp and listens on 127.0.0.1 only, on its own port
# (PG_TEST_PORT, default 54329), so it never touches a system cluster. PostgreSQL refuses to run
# as root: as root the server runs as the `postgres` user. Both commands are idempotent.
set -euo pipefail

port=${PG_TEST_PORT:-54329}
dir=${PG_TEST_DIR:-/tmp/united-voice-pg-$port}
db=united_voice_test
url="postgres://postgres@127.0.0.1:$port/$db"

say() { echo "postgres.sh: $*" >&2; }

server_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# Runs a PostgreSQL program as the user the server runs as.
as_server_user() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

install_if_missing() {
  if [ -n "$(server_bin)" ] && [ -x "$(server_bin)/initdb" ]; then return; fi
  if [ "$(id -u)" != 0 ]; then
    say "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"
    exit 1
  fi
  say "installing postgresql (apt)"
  apt-get update -qq >&2
  # The package would create and start a system cluster on 5432; ours is separate either way.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

start() {
  install_if_missing
  local bin
  bin=$(server_bin)
  if [ -f "$dir/data/postmaster.pid" ] && as_server_user "$bin/pg_ctl" status -D "$dir/data" >/dev/null 2>&1; then
    echo "$url"
    return
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  as_server_user "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
    { say "initdb failed:"; cat "$dir/initdb.log" >&2; exit 1; }
  # fsync off: a test server's data is thrown away anyway, and the tests run faster.
  if ! as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start >&2; then
    say "the server did not start:"
    tail -n 20 "$dir/server.log" >&2
    exit 1
  fi
  as_server_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
  echo "$url"
}

stop() {
  local bin
  bin=$(server_bin)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_server_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
