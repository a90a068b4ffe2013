#!/usr/bin/env bash
# A team's baseline run on 1,000 files: the first 1,000 AWS managed policies of the corpus
# (../shared/tools/managed-policies-corpus) copied into a throwaway repository with a .seslint.yaml;
# times --write-baseline, then --baseline (nothing new), then the same run with neither.
#   bench/baseline.sh SESLINT CORPUS_DIR [FILES]
set -euo pipefail
seslint=$(realpath "${1:?usage: $0 SESLINT CORPUS_DIR [FILES]}")
corpus=$(realpath "${2:?usage: $0 SESLINT CORPUS_DIR [FILES]}")
files=${3:-1000}
repo=$(mktemp -d)
trap 'rm -rf "$repo"' EXIT
mkdir -p "$repo/.git" "$repo/iam" "$repo/legacy"
mapfile -t all < <(find "$corpus" -maxdepth 1 -name '*.json' | sort)
cp "${all[@]:0:$files}" "$repo/iam/"
cat > "$repo/.seslint.yaml" <<'YAML'
ignore: [IAM208]
per-file-ignores:
  "legacy/**": [SES]
YAML
cd "$repo"
echo "files: $(ls iam | wc -l)"
time_it() { /usr/bin/time -f "$1: wall %e s, peak RSS %M KiB" "${@:2}"; }
time_it "--write-baseline" "$seslint" -q --write-baseline baseline.json . >/dev/null || true
echo "baseline file: $(wc -c < baseline.json) bytes"
time_it "--baseline (nothing new)" "$seslint" --baseline baseline.json . > "$repo/.git/out" || true
tail -n 1 "$repo/.git/out"
time_it "--baseline, SARIF" "$seslint" --baseline baseline.json --format sarif -o out.sarif . || true
time_it "neither (config only)" "$seslint" -q --fail-on never . >/dev/null
time_it "--no-config, no baseline" "$seslint" -q --fail-on never --no-config . >/dev/null
