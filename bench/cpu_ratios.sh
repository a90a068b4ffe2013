#!/usr/bin/env bash
# Issue 15's ratios in CPU time (user + system), which a loaded machine disturbs far less than wall
# time: hyperfine's mean CPU and best wall for each command, the ratio to the parse-only program
# (bench/parse_only.cpp) measured in the same hyperfine run, peak RSS and minor page faults (each
# costs ~10-13 us on these machines: build/bench/seslint_page_cost measures it).
#   1. the corpus (../shared/tools/managed-policies-corpus), --jobs 1 text and JSON, vs parse-only;
#   2. the corpus --jobs 2 (CPU and wall: its point is wall time on 2 cores);
#   3. one small file end to end vs parse-only on it (RUNS x 20 runs: it takes milliseconds);
#   4. peak RSS for 1, 8 and 16 copies of the corpus (JSON, every rule, --jobs 2);
#   5. with CALLGRIND=1, instruction counts (repeatable whatever the load) for 1 and 3.
#   bench/cpu_ratios.sh SESLINT PARSE_ONLY CORPUS_DIR [WORK_DIR]      (RUNS=5 by default)
#   BEFORE=other/seslint bench/cpu_ratios.sh ...   also measures BEFORE in the same runs ("before"
#   lines, and after/before ratios), e.g. a build of main against a branch's build.
set -euo pipefail
usage="usage: [BEFORE=SESLINT] $0 SESLINT PARSE_ONLY CORPUS_DIR [WORK_DIR]"
seslint=$(realpath "${1:?$usage}")
parse_only=$(realpath "${2:?$usage}")
corpus=$(realpath "${3:?$usage}")
work=${4:-$(mktemp -d)}
before=${BEFORE:+$(realpath "$BEFORE")}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
small="$root/examples/good/smtp-user-locked-down.json"
runs=${RUNS:-5}
command -v hyperfine >/dev/null || { echo "$0: needs hyperfine (Debian package hyperfine)" >&2; exit 2; }
mkdir -p "$work"

# One hyperfine run over parse-only, seslint and BEFORE (the same ARGS after each seslint), so
# load changes hit all of them alike. Prints "name cpu wall rss faults" per command: mean CPU (rusage,
# user + system), best wall, and the peak RSS KiB and minor page faults of one extra run.
measure() {  # measure RUNS PARSE_ARG SESLINT_ARGS...
  local n=$1 parse_arg=$2 name
  shift 2
  local -A cmd=([parse-only]="$(printf '%q ' "$parse_only" "$parse_arg")" [seslint]="$(printf '%q ' "$seslint" "$@")")
  [ -n "$before" ] && cmd[before]="$(printf '%q ' "$before" "$@")"
  local args=()
  for name in parse-only seslint before; do [ -n "${cmd[$name]:-}" ] && args+=(-n "$name" "${cmd[$name]}"); done
  hyperfine -N -i --warmup 2 --runs "$n" --export-json "$work/h.json" "${args[@]}" >/dev/null 2>&1
  for name in parse-only seslint before; do
    [ -n "${cmd[$name]:-}" ] || continue
    # shellcheck disable=SC2086  # the command line is %q-quoted above
    eval "/usr/bin/time -o $(printf %q "$work/t") -f '%M %R' ${cmd[$name]}" >/dev/null 2>&1 || true
    python3 -c 'import json, sys
r = next(r for r in json.load(open(sys.argv[1]))["results"] if r["command"] == sys.argv[2])
print(sys.argv[2], "%.5f %.5f" % (r["user"] + r["system"], min(r["times"])), sys.argv[3])' "$work/h.json" "$name" "$(tail -n 1 "$work/t")"
  done
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }'; }

report() {  # report LABEL < measure's lines
  local name cpu wall rss faults base="" after=""
  while read -r name cpu wall rss faults; do
    [ "$name" = parse-only ] && base=$cpu
    [ "$name" = seslint ] && after=$cpu
    printf '  %-10s %-34s cpu %8.4f s  wall %8.4f s  rss %7d KiB  faults %6d  %s of parse-only%s\n' "$name" "$1" \
      "$cpu" "$wall" "$rss" "$faults" "$(ratio "$cpu" "$base")" "$([ "$name" = before ] && echo ", seslint/before $(ratio "$after" "$cpu")")"
  done
}

lint=(-q --no-config --fail-on never)
echo "== corpus: $(find "$corpus" -name '*.json' | wc -l) files, $runs runs"
measure "$runs" "$corpus" "${lint[@]}" --jobs 1 "$corpus" | report "lint --jobs 1 (text)"
measure "$runs" "$corpus" "${lint[@]}" --jobs 1 -f json "$corpus" | report "lint --jobs 1 -f json"
measure "$runs" "$corpus" "${lint[@]}" --jobs 2 "$corpus" | report "lint --jobs 2 (text; compare wall)"

echo "== one small file ($(basename "$small")), $((runs * 20)) runs"
measure "$((runs * 20))" "$small" "${lint[@]}" --jobs 1 "$small" | report "lint --jobs 1"

echo "== peak RSS, every rule, JSON output to /dev/null, --jobs 2"
for copies in 1 8 16; do
  dir="$work/copies-$copies"
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    for i in $(seq "$copies"); do cp -r "$corpus" "$dir/c$i"; done
  fi
  # Into the page cache first: else whichever binary runs first pays for reading the copies from disk.
  find "$dir" -type f -exec cat {} + >/dev/null
  for name in seslint ${before:+before}; do
    binary=$seslint
    [ "$name" = before ] && binary=$before
    /usr/bin/time -o "$work/t" -f '%U %S %e %M' "$binary" --no-config --fail-on never --jobs 2 -f json "$dir" >/dev/null || true
    read -r user sys wall rss < <(tail -n 1 "$work/t")
    printf '  %-8s %2d copies: cpu %.2f s, wall %.2f s, peak RSS %d KiB\n' "$name" "$copies" \
      "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$wall" "$rss"
  done
done

if [ "${CALLGRIND:-0}" = 1 ]; then
  echo "== instructions (callgrind)"
  count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : //p'; }
  for input in "$corpus" "$small"; do
    label=corpus
    [ "$input" = "$small" ] && label="small file"
    parse=$(count "$parse_only" "$input")
    for name in seslint ${before:+before}; do
      binary=$seslint
      [ "$name" = before ] && binary=$before
      n=$(count "$binary" "${lint[@]}" --jobs 1 "$input")
      printf '  %-10s %-8s lint %d, parse-only %d (%s)\n' "$label:" "$name" "$n" "$parse" "$(ratio "$n" "$parse")"
    done
  done
fi
