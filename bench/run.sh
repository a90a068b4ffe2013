#!/usr/bin/env bash
# Benchmarks seslint on the AWS managed policies corpus (about 1,600 files):
#   1. in-process lint vs parse-only throughput (bench/bench_lint.cpp);
#   2. the CLI over the whole corpus: wall time and peak memory;
#   3. one small file end to end (process start to exit), averaged over many runs.
# Needs node/npm for the corpus (../shared/tools/managed-policies-corpus). Release build in build-bench/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build-bench
corpus=${CORPUS:-$root/bench/corpus}
"$root/scripts/deps"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSESLINT_BUILD_TESTS=ON >/dev/null
cmake --build "$build" >"$build/build.log" 2>&1 || { cat "$build/build.log" >&2; exit 1; }
if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus" 2>/dev/null)" ]; then
  "$root/../shared/tools/managed-policies-corpus" "$corpus"
fi
echo "== in-process: lint vs parse-only"
"$build/bench/seslint_bench" "$corpus" "${ROUNDS:-10}"
echo "== evaluator: typical SES policies, one thread"
"$build/bench/seslint_bench_eval" "$root/examples/good/smtp-user-locked-down.json" \
  "$root/examples/good/ses-identity-delegation.json" 1000000
echo "== simulate --batch: 20,000 generated cases through the CLI"
"$build/tests/seslint_casegen" 7 20000 > "$build/cases.jsonl"
/usr/bin/time -f "wall %e s, peak RSS %M KiB" "$build/seslint" simulate --batch < "$build/cases.jsonl" > /dev/null
echo "== CLI over the corpus (text output to /dev/null)"
/usr/bin/time -f "wall %e s, peak RSS %M KiB" "$build/seslint" --fail-on never "$corpus" >/dev/null
echo "== one small file end to end (${RUNS:=200} runs; /bin/true shows what any process start costs here)"
small="$root/examples/good/smtp-user-locked-down.json"
mean_ms() {
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$RUNS"); do "$@" >/dev/null; done
  end=$(date +%s%N)
  awk -v ns=$((end - start)) -v n="$RUNS" -v what="$*" 'BEGIN { printf "mean %.3f ms per run: %s\n", ns / n / 1e6, what }'
}
mean_ms /bin/true
mean_ms "$build/seslint" -q "$small"
echo "== a ${DUMP_MB:=500} MB authorization-details export: streamed, then read whole from stdin"
dump="$build/authorization-details-${DUMP_MB}mb.json"
[ -s "$dump" ] || python3 "$root/bench/gen_authorization_details.py" "$corpus" "$DUMP_MB" "$dump"
/usr/bin/time -f "streamed, parse only (--select IAM000): wall %e s, peak RSS %M KiB" "$build/seslint" --select IAM000 "$dump" >/dev/null
/usr/bin/time -f "streamed, all rules: wall %e s, peak RSS %M KiB" "$build/seslint" --fail-on never -q "$dump" >/dev/null
/usr/bin/time -f "whole (DOM, from stdin), all rules: wall %e s, peak RSS %M KiB" \
  "$build/seslint" --fail-on never -q --max-file-size 4000000000 - < "$dump" >/dev/null
