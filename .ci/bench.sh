#!/usr/bin/env bash
# Every benchmark, then ONE table of figures (Markdown): the README's Performance table.
# Figures, not pass/fail: not part of the test run (except that a part which cannot run fails).
#
#   bash .ci/bench.sh [part...]       parts: rust wasm voice page load (default: all, ~10 min)
#
#   rust   criterion medians, native release: turns on the rules tier, date parsing, place
#          lookup, model-answer post-processing, snapshot restore (tests/benches/*.rs)
#   wasm   the npm package in headless Chromium through its JS API: compile + instantiate,
#          warm-up, a turn (median of 1,000), memory after 1,000 turns (www/scripts/bench-wasm.ts)
#   voice  the voice loop in the built app with fixed upstream delays: end of speech to first
#          sample played, less the delays; chat calls skipped; speech played from its first
#          chunk vs waiting for the whole stream (www/scripts/bench-voice.ts)
#   page   page weight as served, first and repeat visit (www/scripts/page-size.ts)
#   load   the proxy under load on loopback, 30 s per endpoint scenario (www/scripts/load.ts);
#          the booking scenarios twice: embedded PGlite, then a throwaway PostgreSQL server
#          (.ci/postgres.sh: Debian's postgresql on 127.0.0.1, stopped and removed afterwards)
#
# Environment: BENCH_SECONDS (criterion measurement time, default 3), BENCH_FILTER (criterion
# benchmarks whose name contains it), LOAD_SECONDS (default 30), LOAD_POSTGRES=0 (load: skip
# the PostgreSQL server; its rows are then missing),
# CHROMIUM_PATH (default /usr/bin/chromium). Logs: target/bench/<part>.log.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(rust wasm voice page load)
out=target/bench
mkdir -p "$out"
rows="$out/rows.tsv"
: > "$rows"
status=0

describe() {
  case "$1" in
    turn/one_breath_request) echo 'a turn (rules), one breath: "Hi, I'"'"'m Priya Patel, round trip from San Francisco to New York December 18th back January 3rd"' ;;
    turn/short_answer) echo 'a turn, a short answer ("business class please")' ;;
    turn/search_and_read_options) echo 'a turn, "yes" at the summary (search + read three offers)' ;;
    turn/restore_a_whole_booking) echo 'snapshot restore: a whole call to the booking read-back (replays its 12 turns)' ;;
    turn_parts/understand) echo 'understanding the one-breath sentence (no dialogue)' ;;
    turn_parts/find_places) echo 'place scan of the one-breath sentence' ;;
    turn_parts/find_dates) echo 'date scan of the one-breath sentence' ;;
    turn_parts/llm_parse_answer) echo 'LLM answer: parse (fenced JSON)' ;;
    turn_parts/llm_decide) echo 'LLM answer: whole post-processing (parse, ground in the words, merge under the rules, injection guard)' ;;
    turn_parts/llm_polished) echo 'LLM reworded reply: parse + every fact checked' ;;
    "find_dates sentence") echo 'date scan of a 45-word sentence' ;;
    parse_date*) echo "date parsing: \"${1#parse_date }\"" ;;
    find_places/sentence) echo 'place scan of a 14-word sentence' ;;
    resolve/*) echo "place lookup: ${1#resolve/} ($2)" ;;
    *) echo "$1" ;;
  esac
}

place_example() {
  case "$1" in
    resolve/city) echo '"san francisco"' ;; resolve/metro) echo '"chicago"' ;;
    resolve/airport_name) echo '"o'"'"'hare"' ;; resolve/code) echo '"JFK"' ;;
    resolve/city_state) echo '"portland oregon"' ;; resolve/misspelling) echo '"cincinatti"' ;;
    resolve/misspelling_two_words) echo '"los angelos"' ;; resolve/unknown_word) echo '"atlantis"' ;;
    resolve/person) echo '"priya patel"' ;; *) echo "" ;;
  esac
}

part_rust() {
  export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
  local bench
  for bench in turn dates places; do
    [ -f "tests/benches/$bench.rs" ] || continue
    nice cargo bench --bench "$bench" -- --warm-up-time 1 --measurement-time "${BENCH_SECONDS:-3}" ${BENCH_FILTER:+"$BENCH_FILTER"} 2>/dev/null \
      | tee -a "$out/rust.log" \
      | awk '/time:/ { name = prev; i = index($0, "time:"); if ($0 ~ /^[^ ]/) name = substr($0, 1, i - 1);
                       gsub(/^ +| +$/, "", name); split(substr($0, index($0, "[") + 1), v, " ");
                       print name "\t" v[3] " " v[4]; next }
             /^[^ ]/ { prev = $0 }' \
      | while IFS=$'\t' read -r name figure; do
          printf 'ROW\t%s\t%s (median)\n' "$(describe "$name" "$(place_example "$name")")" "$figure"
        done
  done
}

need_www() {
  [ -f pkg/package.json ] || bash .ci/build-wasm.sh || return 1
  [ -x www/node_modules/.bin/tsx ] || { echo "bench: www/node_modules is missing (npm ci in www/)" >&2; return 1; }
  if [ ! -f www/dist/index.html ] || [ pkg/united_voice_bg.wasm -nt www/dist/index.html ]; then
    (cd www && npx vite build --logLevel warn) || return 1
  fi
}

part_load() {
  local url="" rc
  if [ "${LOAD_POSTGRES:-1}" != 0 ]; then
    url=$(bash .ci/postgres.sh start) || { echo "bench: PostgreSQL did not start (LOAD_POSTGRES=0 skips it)" >&2; return 1; }
  fi
  (cd www && LOAD_DATABASE_URL="$url" ./node_modules/.bin/tsx scripts/load.ts "${LOAD_SECONDS:-30}")
  rc=$?
  [ -z "$url" ] || bash .ci/postgres.sh stop
  return $rc
}

run_part() {
  local part=$1
  : > "$out/$part.log"
  echo "bench: $part ..." >&2
  case "$part" in
    rust) part_rust ;;
    wasm) need_www && (cd www && ./node_modules/.bin/tsx scripts/bench-wasm.ts) ;;
    voice) need_www && (cd www && ./node_modules/.bin/tsx scripts/bench-voice.ts) ;;
    page) need_www && (cd www && SIZE_STRICT=0 BENCH_ROWS=1 ./node_modules/.bin/tsx scripts/page-size.ts) ;;
    load) need_www && part_load ;;
    *) echo "bench: unknown part $part (rust wasm voice page load)" >&2; return 2 ;;
  esac
}

for part in "${parts[@]}"; do
  run_part "$part" > >(tee -a "$out/$part.log" | grep $'^ROW\t' | cut -f2- >> "$rows") 2> >(tee -a "$out/$part.log" >&2)
  rc=$?
  wait
  if [ $rc -ne 0 ]; then
    echo "bench: $part failed (exit $rc; see $out/$part.log)" >&2
    status=1
  fi
done

cd "$root"
echo
echo "United Voice benchmarks, $(date -u +%Y-%m-%d) ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg); parts: ${parts[*]})"
echo
echo "| what | figure |"
echo "|---|---|"
while IFS=$'\t' read -r what figure; do
  printf '| %s | %s |\n' "${what//|/\\|}" "${figure//|/\\|}"
done < "$rows"
echo
echo "For comparison, the original Python agent: ~0.7 ms per rules turn in CPython, plus a server round trip per turn; each reply synthesized whole before it was sent."
exit $status
