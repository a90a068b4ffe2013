#!/usr/bin/env bash
# Whole-process speed and memory of the linter (issue 15's "Measure"), on the AWS managed policies
# corpus (../shared/tools/managed-policies-corpus):
#   1. corpus lint vs the parse-only program (bench/parse_only.cpp), --jobs 1 and --jobs 2;
#   2. one small file end to end vs the parse-only program on it;
#   3. peak RSS for 1, 8 and 16 copies of the corpus (JSON output, every rule);
#   4. a generated authorization-details export of DUMP_MB megabytes (default 500): time and RSS.
# Uses hyperfine when installed (best of RUNS), else /usr/bin/time once.
#   bench/parallel.sh SESLINT PARSE_ONLY CORPUS_DIR [WORK_DIR]
set -euo pipefail
seslint=$(realpath "${1:?usage: $0 SESLINT PARSE_ONLY CORPUS_DIR [WORK_DIR]}")
parse_only=$(realpath "$2")
corpus=$(realpath "$3")
work=${4:-$(mktemp -d)}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$work"
small="$root/examples/good/smtp-user-locked-down.json"
runs=${RUNS:-10}

compare() {  # compare LABEL COMMAND... (each command one string)
  local label=$1
  shift
  echo "== $label"
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/h.json" "$@" >/dev/null 2>&1
    python3 - "$work/h.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = min(results[-1]["times"])
for r in results:
    print("  best %8.1f ms  mean %8.1f ms  x%.2f of the last  %s" % (min(r["times"]) * 1e3, r["mean"] * 1e3, min(r["times"]) / base, r["command"]))
PY
  else
    for command in "$@"; do /usr/bin/time -f "  %e s  $command" $command >/dev/null; done
  fi
}

compare "corpus: lint --jobs 1, --jobs 2, parse-only" \
  "$seslint -q --no-config --fail-on never --jobs 1 $corpus" \
  "$seslint -q --no-config --fail-on never --jobs 2 $corpus" \
  "$parse_only $corpus"
RUNS=$((runs * 10)) compare "one small file end to end" "$seslint -q --no-config --jobs 1 $small" "$parse_only $small"

echo "== peak RSS, every rule, JSON output to /dev/null"
for copies in 1 8 16; do
  dir="$work/copies-$copies"
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    for i in $(seq "$copies"); do cp -r "$corpus" "$dir/c$i"; done
  fi
  for jobs in 1 2; do
    /usr/bin/time -f "  $copies copies, --jobs $jobs: wall %e s, peak RSS %M KiB" \
      "$seslint" --no-config --fail-on never --jobs "$jobs" -f json "$dir" >/dev/null
  done
done

dump="$work/authorization-details-${DUMP_MB:=500}mb.json"
[ -s "$dump" ] || python3 "$root/bench/gen_authorization_details.py" "$corpus" "$DUMP_MB" "$dump"
echo "== a $(du -m "$dump" | cut -f1) MB export, every rule"
for jobs in 1 2; do
  /usr/bin/time -f "  text, --jobs $jobs: wall %e s, peak RSS %M KiB" \
    "$seslint" --no-config --fail-on never -q --jobs "$jobs" "$dump" >/dev/null
done
/usr/bin/time -f "  JSON, --jobs 2: wall %e s, peak RSS %M KiB" \
  "$seslint" --no-config --fail-on never --jobs 2 -f json "$dump" >/dev/null
