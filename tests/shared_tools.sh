# Sourced by the tests that run ../shared/tools with node ($root must be set): where the tools are
# ($SESLINT_SHARED_DIR/tools when set), and skip, which exits 77 (skipped) except under CI=true,
# where a test that cannot run is a failure.
shared_dir="${SESLINT_SHARED_DIR:-$root/../shared}"
# A worktree under a folder of worktrees has shared/ two levels up.
[ -n "${SESLINT_SHARED_DIR:-}" ] || [ -d "$shared_dir" ] || shared_dir="$root/../../shared"
shared_tools="$shared_dir/tools"
skip() {
  echo "skipped: $1"
  [ "${CI:-}" != true ] || { echo "CI=true: $(basename "$0") must run, not skip"; exit 1; }
  exit 77
}
command -v node >/dev/null || skip "node not found"
command -v npm >/dev/null || skip "npm not found"
