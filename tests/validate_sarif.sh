#!/usr/bin/env bash
# Lints examples/ and testdata/ as SARIF and validates the log with ../shared/tools/validate-sarif
# ($SESLINT_SHARED_DIR/tools when set). Exit 77 (skipped) when node or the shared validator is not
# there, except under CI=true, where a skip is a failure. A failed npm install always fails.
set -uo pipefail
seslint=$1 root=$2
source "$(dirname "${BASH_SOURCE[0]}")/shared_tools.sh"
validator="$shared_tools/validate-sarif"
[ -x "$validator" ] || skip "$validator not found"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$root"
"$seslint" --format sarif --output "$out/examples.sarif" examples/ testdata/rules/
[ $? -le 1 ] || { echo "seslint failed"; exit 1; }
# Containers: logical names, and a note for a named file that is not a policy.
"$seslint" --format sarif --output "$out/inputs.sarif" testdata/inputs/ testdata/inputs/not-a-policy.json
[ $? -le 1 ] || { echo "seslint failed on testdata/inputs"; exit 1; }
"$seslint" --format sarif --output "$out/missing.sarif" examples/ does-not-exist.json
[ $? -eq 2 ] || { echo "expected exit 2 for a missing path"; exit 1; }
printf '{"Statement": [' | "$seslint" --format sarif --output "$out/stdin.sarif" -
[ $? -eq 1 ] || { echo "expected exit 1 (an IAM000 finding) for broken JSON on stdin"; exit 1; }
"$validator" "$out/examples.sarif" "$out/inputs.sarif" "$out/missing.sarif" "$out/stdin.sarif"
