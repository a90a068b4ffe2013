#!/usr/bin/env bash
# Live differential test: random cases (seeded) through seslint and the oracle; any disagreement
# fails, and so do oracle errors on more than 1 % of the cases or fewer than 90 % compared.
# Skipped (77) without node or the shared oracle ($SESLINT_SHARED_DIR/tools, default ../shared/tools),
# except under CI=true, where a skip is a failure; a failed npm install always fails.
# DIFF_CASES (10000) and DIFF_SEED (1).
set -uo pipefail
seslint=$1 casegen=$2 root=$3
source "$(dirname "${BASH_SOURCE[0]}")/shared_tools.sh"
oracle="$shared_tools/iam-oracle.mjs"
[ -f "$oracle" ] || skip "$oracle not found"
export IAM_ORACLE_DIR=${IAM_ORACLE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/iam-oracle}
node "$oracle" --install >/dev/null || { echo "the oracle's npm packages could not be installed"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$casegen" "${DIFF_SEED:-1}" "${DIFF_CASES:-10000}" > "$work/cases.jsonl" || { echo "seslint_casegen failed"; exit 1; }
node "$oracle" "$work/cases.jsonl" > "$work/oracle.jsonl" || { echo "oracle failed"; exit 1; }
"$seslint" simulate --batch < "$work/cases.jsonl" > "$work/ours.jsonl" || { echo "seslint failed"; exit 1; }
cases=$(wc -l < "$work/cases.jsonl")
[ "$cases" -gt 0 ] || { echo "seslint_casegen wrote no cases"; exit 1; }
for answers in oracle ours; do
  [ "$(wc -l < "$work/$answers.jsonl")" -eq "$cases" ] || { echo "$answers: not one answer per case"; exit 1; }
done
paste -d '\t' "$work/oracle.jsonl" "$work/ours.jsonl" "$work/cases.jsonl" | awk -F '\t' '
  { split($1, a, "\"decision\":\""); split(a[2], b, "\""); theirs = b[1]
    split($2, c, "\"decision\":\""); split(c[2], d, "\""); ours = d[1]
    if (theirs == "Error") { errors++; next }
    total++
    if (theirs != ours) { bad++; if (bad <= 5) print "DISAGREE oracle=" theirs " seslint=" ours "\n  " $3 } }
  END { printf "%d cases compared, %d disagreements, %d oracle errors skipped\n", total, bad, errors
        if (errors * 100 > NR) print "FAIL: oracle errors on more than 1 % of the cases"
        if (total * 10 < NR * 9) print "FAIL: fewer than 90 % of the cases compared"
        exit (bad > 0 || total == 0 || errors * 100 > NR || total * 10 < NR * 9) }'
