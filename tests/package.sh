#!/usr/bin/env bash
# The Debian package from CPack holds a working seslint: extract it with dpkg-deb -x and run the
# binary from there on a fixture. Usage: package.sh BUILD_DIR SOURCE_DIR. Exit 77 without dpkg-deb.
set -euo pipefail
build=$1 source_dir=$2
command -v dpkg-deb >/dev/null && command -v cpack >/dev/null || { echo "dpkg-deb or cpack missing"; exit 77; }
version=$(sed -n 's/^project(seslint VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A package of its own in a scratch directory, so the test never overwrites scripts/package's.
(cd "$build" && cpack -G DEB -D CPACK_PACKAGE_DIRECTORY="$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$work/out/seslint_${version}_amd64.deb
[ -f "$deb" ] || { ls -R "$work/out"; echo "FAIL: no $deb"; exit 1; }
dpkg-deb -f "$deb" Package Version Architecture Depends
dpkg-deb -x "$deb" "$work/root"
[ -x "$work/root/usr/bin/seslint" ] || { echo "FAIL: no usr/bin/seslint in the package"; exit 1; }
[ -f "$work/root/usr/share/doc/seslint/output-formats.md" ] || { echo "FAIL: docs missing"; exit 1; }
"$work/root/usr/bin/seslint" --version | grep -q "^seslint $version" || { echo "FAIL: wrong --version"; exit 1; }
set +e
"$work/root/usr/bin/seslint" "$source_dir/testdata/cli/bad-effect.json" >"$work/out.txt"
code=$?
set -e
[ $code -eq 1 ] && grep -q "IAM005" "$work/out.txt" || { cat "$work/out.txt"; echo "FAIL: exit $code"; exit 1; }
echo "ok: $(basename "$deb") installs /usr/bin/seslint, which lints"
