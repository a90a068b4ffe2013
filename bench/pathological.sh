#!/usr/bin/env bash
# Times seslint on the pathological reachability policies of issue 15 (bench/gen_pathological.py):
# one row per class and size: bytes, statements, wall time (best of ROUNDS), exit status.
#   bench/pathological.sh [SESLINT] [CLASS ...]     (TIMEOUT seconds per run, default 120)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seslint=${1:-$root/build/seslint}
shift || true
dir=${OUT:-$(mktemp -d)}
python3 "$root/bench/gen_pathological.py" "$dir" "$@"
printf '%-16s %9s %6s %10s %s\n' file bytes stmts seconds exit
for file in $(ls "$dir"/*.json | sort -V); do
  best=""
  for _ in $(seq "${ROUNDS:-3}"); do
    start=$(date +%s%N)
    set +e
    timeout "${TIMEOUT:-120}" "$seslint" --fail-on never -q "$file" >/dev/null 2>&1
    status=$?
    set -e
    end=$(date +%s%N)
    t=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
    [ "$status" = 124 ] && break  # timed out: no point in repeating
  done
  statements=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["Statement"]))' "$file")
  printf '%-16s %9s %6s %10s %s\n' "$(basename "$file" .json)" "$(stat -c %s "$file")" "$statements" "$best" \
    "$([ "$status" = 124 ] && echo "timeout ${TIMEOUT:-120}s" || echo "$status")"
done
