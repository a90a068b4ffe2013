#!/bin/sh
# The --batch example of docs/evaluator.md: its input lines through `seslint simulate --batch` give
# exactly its output lines.
# usage: evaluator_docs.sh SESLINT SOURCE_DIR
set -u
seslint=$1
doc="$2/docs/evaluator.md"
block() {  # the fenced block after the marker "<!-- batch-example: $1 -->"
  awk -v marker="<!-- batch-example: $1 -->" '
    $0 == marker { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }' "$doc"
}
input=$(block input)
expected=$(block output)
[ -n "$input" ] && [ -n "$expected" ] || { echo "FAIL: no batch example in $doc"; exit 1; }
actual=$(printf '%s\n' "$input" | "$seslint" simulate --batch) || { echo "FAIL: simulate --batch exited $?"; exit 1; }
if [ "$actual" != "$expected" ]; then
  echo "FAIL: the --batch example of docs/evaluator.md does not give its documented output"
  printf '%s\n' "$expected" > /tmp/evaluator_docs.$$.expected
  printf '%s\n' "$actual" | diff -u /tmp/evaluator_docs.$$.expected -
  rm -f /tmp/evaluator_docs.$$.expected
  exit 1
fi
echo "docs/evaluator.md --batch example: $(printf '%s\n' "$expected" | wc -l) lines as documented"
