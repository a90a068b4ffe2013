#!/usr/bin/env bash
# Issue 15's ratios in CPU time (user + system), which a loaded machine disturbs far less than wall
# time: best of RUNS for each command, the ratio to the parse-only program (bench/parse_only.cpp)
# measured in the same loop, and peak RSS.
#   1. the corpus (../shared/tools/managed-policies-corpus), --jobs 1 text and JSON, vs parse-only;
#   2. the corpus --jobs 2 (CPU and wall: its point is wall time on 2 cores);
#   3. one small file end to end vs parse-only on it;
#   4. peak RSS for 1, 8 and 16 copies of the corpus (JSON, every rule, --jobs 2);
#   5. with CALLGRIND=1, instruction counts (repeatable whatever the load) for 1 and 3.
#   bench/cpu_ratios.sh SESLINT PARSE_ONLY CORPUS_DIR [WORK_DIR]      (RUNS=5 by default)
set -euo pipefail
seslint=$(realpath "${1:?usage: $0 SESLINT PARSE_ONLY CORPUS_DIR [WORK_DIR]}")
parse_only=$(realpath "${2:?usage: $0 SESLINT PARSE_ONLY CORPUS_DIR [WORK_DIR]}")
corpus=$(realpath "${3:?usage: $0 SESLINT PARSE_ONLY CORPUS_DIR [WORK_DIR]}")
work=${4:-$(mktemp -d)}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
small="$root/examples/good/smtp-user-locked-down.json"
runs=${RUNS:-5}
mkdir -p "$work"

# CPU seconds (user+sys) of RUNS runs, its wall seconds and peak RSS KiB: "cpu wall rss". With
# hyperfine, the mean CPU and best wall it measures (rusage, microseconds); else the best of
# /usr/bin/time's runs (10 ms resolution: too coarse for one small file). RSS from one run.
best_of() {
  local best="" line cpu rss
  /usr/bin/time -o "$work/t" -f '%M' "$@" >/dev/null 2>&1 || true
  rss=$(tail -n 1 "$work/t")
  if command -v hyperfine >/dev/null; then
    hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/h.json" "$(printf '%q ' "$@")" >/dev/null 2>&1
    python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.4f %.4f" % (r["user"] + r["system"], min(r["times"])), sys.argv[2])' "$work/h.json" "$rss"
    return
  fi
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/t" -f '%U %S %e' "$@" >/dev/null 2>&1 || true
    line=$(tail -n 1 "$work/t")
    cpu=$(awk '{ printf "%.3f", $1 + $2 }' <<<"$line")
    if [ -z "$best" ] || awk -v a="$cpu" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
      best="$cpu $(awk '{ print $3 }' <<<"$line") $rss"
    fi
  done
  echo "$best"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }'; }

report() {  # report LABEL RESULT BASELINE_CPU
  read -r cpu wall rss <<<"$2"
  printf '  %-44s cpu %8.4f s  wall %8.4f s  rss %7d KiB  %s of parse-only\n' "$1" "$cpu" "$wall" "$rss" "$(ratio "$cpu" "$3")"
}

lint=("$seslint" -q --no-config --fail-on never)
echo "== corpus: $(find "$corpus" -name '*.json' | wc -l) files, CPU of $runs runs"
parse=$(best_of "$parse_only" "$corpus")
report "parse-only" "$parse" "${parse%% *}"
report "lint --jobs 1 (text)" "$(best_of "${lint[@]}" --jobs 1 "$corpus")" "${parse%% *}"
report "lint --jobs 1 -f json" "$(best_of "${lint[@]}" --jobs 1 -f json "$corpus")" "${parse%% *}"
report "lint --jobs 2 (text; compare wall)" "$(best_of "${lint[@]}" --jobs 2 "$corpus")" "${parse%% *}"

echo "== one small file ($(basename "$small")), CPU of $((runs * 4)) runs"
runs=$((runs * 4))
small_parse=$(best_of "$parse_only" "$small")
report "parse-only" "$small_parse" "${small_parse%% *}"
report "lint --jobs 1" "$(best_of "${lint[@]}" --jobs 1 "$small")" "${small_parse%% *}"
runs=$((runs / 4))

echo "== peak RSS, every rule, JSON output to /dev/null, --jobs 2"
for copies in 1 8 16; do
  dir="$work/copies-$copies"
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    for i in $(seq "$copies"); do cp -r "$corpus" "$dir/c$i"; done
  fi
  /usr/bin/time -o "$work/t" -f '%U %S %e %M' "$seslint" --no-config --fail-on never --jobs 2 -f json "$dir" >/dev/null || true
  read -r user sys wall rss < <(tail -n 1 "$work/t")
  printf '  %2d copies: cpu %.2f s, wall %.2f s, peak RSS %d KiB\n' "$copies" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$wall" "$rss"
done

if [ "${CALLGRIND:-0}" = 1 ]; then
  echo "== instructions (callgrind)"
  count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : //p'; }
  corpus_parse=$(count "$parse_only" "$corpus")
  corpus_lint=$(count "${lint[@]}" --jobs 1 "$corpus")
  small_parse_i=$(count "$parse_only" "$small")
  small_lint=$(count "${lint[@]}" --jobs 1 "$small")
  printf '  corpus: lint %d, parse-only %d (%s)\n' "$corpus_lint" "$corpus_parse" "$(ratio "$corpus_lint" "$corpus_parse")"
  printf '  small file: lint %d, parse-only %d (%s)\n' "$small_lint" "$small_parse_i" "$(ratio "$small_lint" "$small_parse_i")"
fi
