#!/usr/bin/env bash
# Live differential test: random cases (seeded) through seslint and the oracle; any disagreement
# fails. Skipped (77) without node or the shared oracle. DIFF_CASES (10000) and DIFF_SEED (1).
set -uo pipefail
seslint=$1 casegen=$2 root=$3
oracle="$root/../shared/tools/iam-oracle.mjs"
command -v node >/dev/null || { echo "skipped: node not found"; exit 77; }
[ -f "$oracle" ] || { echo "skipped: $oracle not found"; exit 77; }
export IAM_ORACLE_DIR=${IAM_ORACLE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/iam-oracle}
node "$oracle" --install >/dev/null 2>&1 || { echo "skipped: the oracle's packages could not be installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$casegen" "${DIFF_SEED:-1}" "${DIFF_CASES:-10000}" > "$work/cases.jsonl"
node "$oracle" "$work/cases.jsonl" > "$work/oracle.jsonl" || { echo "oracle failed"; exit 1; }
"$seslint" simulate --batch < "$work/cases.jsonl" > "$work/ours.jsonl" || { echo "seslint failed"; exit 1; }
paste -d '\t' "$work/oracle.jsonl" "$work/ours.jsonl" "$work/cases.jsonl" | awk -F '\t' '
  { split($1, a, "\"decision\":\""); split(a[2], b, "\""); theirs = b[1]
    split($2, c, "\"decision\":\""); split(c[2], d, "\""); ours = d[1]
    if (theirs == "Error") { errors++; next }
    total++
    if (theirs != ours) { bad++; if (bad <= 5) print "DISAGREE oracle=" theirs " seslint=" ours "\n  " $3 } }
  END { printf "%d cases compared, %d disagreements, %d oracle errors skipped\n", total, bad, errors
        exit (bad > 0 || total == 0) }'
