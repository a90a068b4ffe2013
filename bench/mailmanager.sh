#!/usr/bin/env bash
# Times seslint on a Mail Manager configuration at the quotas (bench/gen_mailmanager.py): a rule set
# of RULES x CONDITIONS, a 20 x 10 traffic policy and an OPEN dual-stack ingress point using both.
#   bench/mailmanager.sh [SESLINT]     (RULES, CONDITIONS, ROUNDS from the environment)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seslint=${1:-$root/build/seslint}
file=$(mktemp --suffix=.json)
python3 "$root/bench/gen_mailmanager.py" "$file" "${RULES:-40}" "${CONDITIONS:-10}"
best=""
for _ in $(seq "${ROUNDS:-5}"); do
  start=$(date +%s%N)
  set +e
  "$seslint" --fail-on never -q --select MM "$file" >/dev/null 2>&1
  status=$?
  set -e
  end=$(date +%s%N)
  t=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
  if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
done
printf 'rules %s x conditions %s, %s bytes: best of %s runs %s s (exit %s)\n' "${RULES:-40}" "${CONDITIONS:-10}" \
  "$(stat -c %s "$file")" "${ROUNDS:-5}" "$best" "$status"
"$seslint" --fail-on never --select MM "$file" | tail -n 3
rm -f "$file"
