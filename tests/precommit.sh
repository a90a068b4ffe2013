#!/usr/bin/env bash
# The real pre-commit client against a throwaway repository using this repository's
# .pre-commit-hooks.yaml: a clean commit (with a tsconfig.json, JSON with comments) passes, a bad
# policy fails the commit, and a baselined finding passes.
# Usage: precommit.sh SESLINT_BINARY SOURCE_DIR. Exit 77 (skipped) without pre-commit or git.
set -euo pipefail
binary=$1 source_dir=$2
command -v pre-commit >/dev/null && command -v git >/dev/null || { echo "pre-commit or git missing"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work PRE_COMMIT_HOME=$work/cache GIT_CONFIG_NOSYSTEM=1
git config --global user.name seslint-test
git config --global user.email test@example.com
git config --global init.defaultBranch main
mkdir -p "$work/bin" && ln -s "$binary" "$work/bin/seslint"
export PATH=$work/bin:$PATH

# The hooks repository: just the hooks file, committed.
mkdir "$work/hooks" && cp "$source_dir/.pre-commit-hooks.yaml" "$work/hooks/"
git -C "$work/hooks" init -q && git -C "$work/hooks" add . && git -C "$work/hooks" commit -qm hooks
rev=$(git -C "$work/hooks" rev-parse HEAD)

project=$work/project
mkdir "$project" && cd "$project" && git init -q
write_config() {  # $1: extra hook args (YAML flow sequence)
  cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: file://$work/hooks
    rev: $rev
    hooks:
      - id: seslint
        args: $1
YAML
}
write_config "[]"
pre-commit install >/dev/null
cp "$source_dir/testdata/not-policies/tsconfig.json" tsconfig.json
cp "$source_dir/testdata/cli/clean.json" policy.json
git add . && git commit -qm clean > "$work/clean.log" 2>&1 || { cat "$work/clean.log"; echo "FAIL: a clean commit was refused"; exit 1; }
echo "ok: clean repository with tsconfig.json commits"

cp "$source_dir/testdata/cli/bad-effect.json" bad.json
git add bad.json
if git commit -qm bad > "$work/bad.log" 2>&1; then cat "$work/bad.log"; echo "FAIL: a bad policy was committed"; exit 1; fi
grep -q "IAM005" "$work/bad.log" || { cat "$work/bad.log"; echo "FAIL: the hook did not name the finding"; exit 1; }
echo "ok: a bad policy fails the commit"

seslint --write-baseline .seslint-baseline.json bad.json >/dev/null 2>&1 || true
[ -s .seslint-baseline.json ] || { echo "FAIL: --write-baseline wrote nothing"; exit 1; }
write_config "[--baseline, .seslint-baseline.json]"
git add .
git commit -qm accepted > "$work/baseline.log" 2>&1 || { cat "$work/baseline.log"; echo "FAIL: a baselined finding blocked the commit"; exit 1; }
echo "ok: a baselined finding passes"
