#!/usr/bin/env bash
# Writes cmake/seslint.order: the functions seslint executes linting one small file, the bundled
# examples and (optionally) a corpus, as mangled names, small file first. Linked with lld's
# --symbol-ordering-file (CMakeLists.txt, SESLINT_LINK_ORDER), they sit together at the start of
# the text segment, so a run faults in fewer pages of code (one small file: 150 -> 110 faults).
# A stale file only costs that gain: names it lacks are laid out as usual, names gone are skipped.
#   bench/link_order.sh SESLINT [CORPUS_DIR]     (needs valgrind; SESLINT built with -ffunction-sections)
set -euo pipefail
seslint=$(realpath "${1:?usage: $0 SESLINT [CORPUS_DIR]}")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs=("$root/examples/good/smtp-user-locked-down.json" "$root/examples")
[ $# -ge 2 ] && inputs+=("$(realpath "$2")")
profiles=()
for i in "${!inputs[@]}"; do
  valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/$i.out" \
    "$seslint" -q --no-config --fail-on never --jobs 1 "${inputs[$i]}" >/dev/null 2>&1 || true
  profiles+=("$work/$i.out")
done
python3 - "${profiles[@]}" > "$root/cmake/seslint.order" <<'PY'
import re, sys
seen = set()
for path in sys.argv[1:]:  # callgrind names every function a run executed ("fn=" and "cfn=" lines)
    for line in open(path, errors="replace"):
        m = re.match(r"^c?fn=\(\d+\) (\S+)", line)
        if m and m.group(1) not in seen and re.match(r"^[A-Za-z_][A-Za-z0-9_.$]*$", m.group(1)):
            seen.add(m.group(1))
            print(m.group(1))
PY
echo "cmake/seslint.order: $(wc -l < "$root/cmake/seslint.order") functions"
