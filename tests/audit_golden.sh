#!/bin/sh
# seslint audit on the account fixture (testdata/audit/account): exact output in every format, and
# the exit codes of --fail-on. UPDATE_GOLDEN=1 rewrites the expected files (review the diff).
# usage: audit_golden.sh SESLINT SOURCE_DIR
set -u
seslint=$1
cd "$2/testdata/audit" || exit 2
status=0
golden() {  # FIXTURE FORMAT EXPECTED
  actual=$("$seslint" audit "$1" --format "$2")
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    printf '%s\n' "$actual" > "$3"
  elif ! printf '%s\n' "$actual" | diff -u "$3" -; then
    echo "FAIL: audit $1 --format $2 differs from testdata/audit/$3"
    status=1
  fi
}
for format in text json markdown html; do golden account "$format" "expected.$format"; done
# A CloudFormation template's and a Terraform plan's users, groups and roles as the account's principals.
for format in text json markdown html; do
  golden cloudformation "$format" "expected.cloudformation.$format"
  golden terraform "$format" "expected.terraform.$format"
done
check_exit() {
  want=$1
  shift
  "$seslint" audit "$@" > /dev/null 2>&1
  got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: seslint audit $* exited $got, expected $want"
    status=1
  fi
}
check_exit 0 account
check_exit 0 account --fail-on none
check_exit 1 account --fail-on from
check_exit 1 account --fail-on network
check_exit 1 account --fail-on any
check_exit 0 account/acme-identity-policies.json --fail-on from   # no principals: the partner account only
check_exit 2 account/does-not-exist.json
check_exit 2 account --format yaml
exit $status
