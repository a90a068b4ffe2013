#!/usr/bin/env bash
# Times seslint on the pathological reachability policies of issue 15 (bench/gen_pathological.py):
# one row per class and size: bytes, statements, CPU seconds (user+sys, best of ROUNDS: the figure a
# loaded machine does not stretch), wall seconds of that run, exit status.
#   bench/pathological.sh [SESLINT] [CLASS ...]     (TIMEOUT seconds per run, default 120)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seslint=${1:-$root/build/seslint}
shift || true
dir=${OUT:-$(mktemp -d)}
python3 "$root/bench/gen_pathological.py" "$dir" "$@"
times=$(mktemp)
printf '%-28s %9s %6s %8s %8s %s\n' file bytes stmts cpu_s wall_s exit
for file in $(ls "$dir"/*.json | sort -V); do
  best="" wall=""
  for _ in $(seq "${ROUNDS:-3}"); do
    set +e
    /usr/bin/time -f '%U %S %e' -o "$times" timeout "${TIMEOUT:-120}" "$seslint" --fail-on never -q "$file" >/dev/null 2>&1
    status=$?
    set -e
    read -r user sys elapsed < <(tail -1 "$times")
    t=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t wall=$elapsed; fi
    [ "$status" = 124 ] && break  # timed out: no point in repeating
  done
  statements=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["Statement"]))' "$file")
  printf '%-28s %9s %6s %8s %8s %s\n' "$(basename "$file" .json)" "$(stat -c %s "$file")" "$statements" "$best" "$wall" \
    "$([ "$status" = 124 ] && echo "timeout ${TIMEOUT:-120}s" || echo "$status")"
done
rm -f "$times"
