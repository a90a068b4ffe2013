#!/usr/bin/env bash
# `seslint secrets` throughput on a generated ~100 MB mixed tree (bench/gen_secrets_tree.py): code,
# lock files of base64 digests, base64 blobs, minified bundles, and 8 planted SES SMTP credentials.
# Usage: bench/secrets.sh SESLINT_BINARY [DIR (default /tmp/seslint-secrets-tree)] [SIZE_MB]
set -euo pipefail
binary=$1 tree=${2:-/tmp/seslint-secrets-tree} size=${3:-100}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ -d "$tree" ] || python3 "$root/bench/gen_secrets_tree.py" "$tree" "$size"
bytes=$(du -sb "$tree" | cut -f1)
for run in 1 2 3; do
  /usr/bin/time -f "%e %U %S" -o /tmp/seslint-secrets-time "$binary" secrets --no-config -f concise -q --fail-on never "$tree" >/tmp/seslint-secrets-findings
  read -r wall user sys < /tmp/seslint-secrets-time
  echo "run $run: $(wc -l < /tmp/seslint-secrets-findings) findings; wall $wall s, CPU $(echo "$user + $sys" | bc) s;" \
       "$(echo "scale=1; $bytes / 1000000 / ($user + $sys)" | bc) MB/s of CPU, $(echo "scale=1; $bytes / 1000000 / $wall" | bc) MB/s wall"
done
