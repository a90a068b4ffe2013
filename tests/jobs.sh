#!/usr/bin/env bash
# --jobs 1 and --jobs 8 write the same bytes (text, JSON, SARIF) and exit alike: on a directory of
# many files (testdata, and the AWS managed policies corpus when it can be made) and on a streamed
# authorization-details export, whose elements are linted in parallel too.
#   jobs.sh SESLINT SOURCE_ROOT [full|sanitized]   (sanitized: no corpus, too slow at -O0 under ASan)
set -euo pipefail
seslint=$1
root=$2
scope=${3:-full}
# The sanitizer build checks the threads (ASan, UBSan) on one format; the normal build on all three.
formats="text json sarif"
[ "$scope" != sanitized ] || formats=json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

compare() {  # compare NAME PATH... : every format, --jobs 1 against --jobs 8
  local name=$1 format
  shift
  for format in $formats; do
    local rc1=0 rc8=0
    "$seslint" --no-config --jobs 1 -f "$format" -o "$name.1.$format" "$@" 2>"$name.1.err" || rc1=$?
    "$seslint" --no-config --jobs 8 -f "$format" -o "$name.8.$format" "$@" 2>"$name.8.err" || rc8=$?
    [ "$rc1" -le 1 ] || { echo "$name $format: exit $rc1"; cat "$name.1.err"; exit 1; }
    [ "$rc1" = "$rc8" ] || { echo "$name $format: exit $rc1 with --jobs 1, $rc8 with --jobs 8"; exit 1; }
    [ -s "$name.1.$format" ] || { echo "$name $format: empty report"; exit 1; }
    # SARIF records the command line, which names --jobs and the output file: that line differs.
    sed -i '/"commandLine": /d' "$name.1.$format" "$name.8.$format"
    cmp "$name.1.$format" "$name.8.$format" || { diff "$name.1.$format" "$name.8.$format" | head -20; exit 1; }
    cmp "$name.1.err" "$name.8.err" || { diff "$name.1.err" "$name.8.err" | head -20; exit 1; }
  done
  # Not a vacuous comparison: the run found something to order.
  grep -q '"ruleId"' "$name.1.json" || { echo "$name: no findings at all"; exit 1; }
  echo "$name: --jobs 1 and --jobs 8 agree ($(grep -c '"ruleId"' "$name.1.json") findings)"
}

compare testdata "$root/testdata"

# A streamed export of a few thousand elements, made from the rule fixtures' policies.
mkdir policies
# One Python process for all fixtures: one per file took 90 s of this test's 100.
n=$(python3 - "$root"/testdata/rules/*/bad*.json "$root"/testdata/rules/*/good*.json <<'PY'
import json, shutil, sys
n = 0
for path in sys.argv[1:]:
    try:
        with open(path) as f:
            document = json.load(f)
    except (OSError, ValueError):
        continue
    if isinstance(document, dict) and "Statement" in document:
        shutil.copyfile(path, f"policies/{n}.json")
        n += 1
print(n)
PY
)
[ "$n" -gt 20 ] || { echo "only $n fixture policies found"; exit 1; }
python3 "$root/bench/gen_authorization_details.py" policies 2 export.json
compare export export.json

# The managed policies corpus: SESLINT_CORPUS names a made one; else it is made when npm can
# (../shared as tests/shared_tools.sh finds it).
corpus=${SESLINT_CORPUS:-}
if [ "$scope" = sanitized ]; then
  corpus=""
  echo "sanitizer build: the corpus comparison runs in the normal build only"
elif [ -z "$corpus" ]; then
  shared_dir="${SESLINT_SHARED_DIR:-$root/../shared}"
  [ -n "${SESLINT_SHARED_DIR:-}" ] || [ -d "$shared_dir" ] || shared_dir="$root/../../shared"
  tool="$shared_dir/tools/managed-policies-corpus"
  if [ -x "$tool" ] && command -v npm >/dev/null && "$tool" corpus >/dev/null 2>&1; then corpus=corpus; fi
fi
if [ -n "$corpus" ] && [ -d "$corpus" ]; then
  compare corpus "$corpus"
else
  echo "managed policies corpus not available; compared testdata and the export only"
fi
