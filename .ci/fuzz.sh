#!/usr/bin/env bash
# The long fuzz run (issue 17): each of the six targets of tests/fuzz.rs for N executions
# (default 10,000,000), one target at a time, in release. Prints per target the executions,
# executions per second, the slowest input (time and length) and any crash; crashes and slow
# inputs are saved under target/fuzz-crashes/ (<target>-<n>.txt, .min.txt, .log).
#
#   bash .ci/fuzz.sh [executions] [target...]      targets: dates places understand
#                                                   llm_answer snapshot conversation
#
# Environment: FUZZ_SECONDS caps each target's time, FUZZ_SEED picks the inputs (default 17),
# FUZZ_SLOW_MS is the per-input time bound (default 1000), FUZZ_HANG_SECONDS aborts on a hang,
# FUZZ_JOBS runs each target on that many threads (default 1; 2 uses both cores of a 2-core
# machine): each job has its own seed, the executions are shared out, and a line per job
# comes before the target's total.
# CI runs the same targets briefly: cargo test --release --test fuzz.
set -uo pipefail
cd "$(dirname "$0")/.."
export FUZZ_EXECUTIONS="${1:-10000000}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(dates places understand llm_answer snapshot conversation)

cargo test --release --test fuzz --no-run 2>&1 | tail -1
status=0
summary=()
for t in "${targets[@]}"; do
  log=$(mktemp)
  cargo test --release --test fuzz -q "fuzz_$t" -- --exact --nocapture --test-threads=1 >"$log" 2>&1
  rc=$?
  line=$(grep -oE "fuzz $t +[0-9]+ executions.*" "$log" | tail -1)
  jobs=$(grep -oE "fuzz $t\[[0-9]+/[0-9]+\] +[0-9]+ executions.*" "$log")
  summary+=("${line:-fuzz $t: no report (see below)}")
  if [ $rc -ne 0 ]; then
    status=1
    grep -E "CRASH|minimized|saved to|finding|slow:|panic at|aborting" "$log" | head -40
  fi
  [ -z "$jobs" ] || echo "$jobs"
  echo "${line:-fuzz $t: failed to run}"
  rm -f "$log"
done
echo
echo "seed ${FUZZ_SEED:-17}, up to $FUZZ_EXECUTIONS executions per target${FUZZ_SECONDS:+ or $FUZZ_SECONDS s}${FUZZ_JOBS:+, $FUZZ_JOBS jobs each}:"
printf '%s\n' "${summary[@]}"
exit $status
