#!/usr/bin/env bash
# The real pre-commit client against a throwaway repository using this repository's
# .pre-commit-hooks.yaml: a clean commit (with a tsconfig.json, JSON with comments) passes, a bad
# policy fails the commit, and a baselined finding passes. The seslint-secrets hook: a .env with an
# SES SMTP password fails the commit without printing the password, look-alikes (go.sum) pass, and
# a baselined (revoked) password passes.
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
write_config() {  # $1: extra hook args (YAML flow sequence); $2: the seslint-secrets hook's
  cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: file://$work/hooks
    rev: $rev
    hooks:
      - id: seslint
        args: $1
      - id: seslint-secrets
        args: ${2:-[]}
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

# seslint-secrets: every text file, whatever its type.
secrets=$source_dir/testdata/rules/SES401
cp "$secrets/good-go.sum" go.sum
git add . && git commit -qm lookalikes > "$work/lookalikes.log" 2>&1 || { cat "$work/lookalikes.log"; echo "FAIL: go.sum look-alikes blocked the commit"; exit 1; }
echo "ok: look-alike hashes commit"

cp "$secrets/bad-doc-example.env" .env
password=$(sed -n 's/^MAIL_PASSWORD=//p' .env)
git add .env
if git commit -qm leak > "$work/leak.log" 2>&1; then cat "$work/leak.log"; echo "FAIL: an SES SMTP password was committed"; exit 1; fi
grep -q "SES401" "$work/leak.log" || { cat "$work/leak.log"; echo "FAIL: the secrets hook did not name the finding"; exit 1; }
if grep -qF "${password:4}" "$work/leak.log"; then echo "FAIL: the hook printed the password"; exit 1; fi
echo "ok: an SES SMTP password in .env fails the commit, masked"

seslint secrets --write-baseline .seslint-secrets-baseline.json .env >/dev/null 2>&1 || true
[ -s .seslint-secrets-baseline.json ] || { echo "FAIL: secrets --write-baseline wrote nothing"; exit 1; }
if grep -qF "${password:4}" .seslint-secrets-baseline.json; then echo "FAIL: the baseline holds the password"; exit 1; fi
write_config "[--baseline, .seslint-baseline.json]" "[--baseline, .seslint-secrets-baseline.json]"
git add .
git commit -qm revoked > "$work/revoked.log" 2>&1 || { cat "$work/revoked.log"; echo "FAIL: a baselined secret blocked the commit"; exit 1; }
echo "ok: a baselined (revoked) password passes"
