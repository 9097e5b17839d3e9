#!/usr/bin/env bash
# Run every local Apex test with coverage; fail on any test failure or org-wide coverage under the threshold.
set -euo pipefail
# shellcheck source=scripts/org/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
  cat << USAGE
Usage: npm run org:test -- [alias] [--min-coverage PERCENT] [--output-dir DIR]

Runs 'sf apex run test --test-level RunLocalTests --code-coverage --result-format junit', writes the results (JUnit XML,
JSON, coverage) to DIR, and fails when a test fails or org-wide coverage is under PERCENT. The org's shape (Person
Accounts, Shared Activities, read from its describe) is printed and written to DIR/org-shape.txt. Assigns nothing: run
it on an org deployed with --no-permission-sets to reproduce the test run of 'sf package version create'.
  alias                   target org (default: $DEFAULT_ORG_ALIAS, or \$MODJO_ORG_ALIAS)
  --min-coverage PERCENT  minimum org-wide Apex coverage (default: 90)
  --output-dir DIR        where result files go, a folder inside reports/ emptied first (default: reports/apex)
USAGE
}

alias_name="$DEFAULT_ORG_ALIAS"
min_coverage=90
output_dir="reports/apex"
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help)
      usage
      exit 0
      ;;
    --min-coverage)
      [[ $# -ge 2 ]] || die "--min-coverage needs a value"
      min_coverage="$2"
      shift 2
      ;;
    --output-dir)
      [[ $# -ge 2 ]] || die "--output-dir needs a value"
      output_dir="$2"
      shift 2
      ;;
    -*)
      usage >&2
      die "unknown option: $1"
      ;;
    *)
      alias_name="$1"
      shift
      ;;
  esac
done
[[ "$min_coverage" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--min-coverage must be a number"

require_sf
cd "$REPO_ROOT"
reports_subdir "$output_dir"
rm -rf "$output_dir"
mkdir -p "$output_dir"
shape="$(org_shape "$alias_name")"
printf '%s\n' "$shape" > "$output_dir/org-shape.txt"
info "Running local Apex tests in '$alias_name' ($shape; results in $output_dir)"
set +e
# The CLI exits 100 when a test fails; the gate below reads the result file and decides, so that results are written
# and reported in every case.
sf apex run test --test-level RunLocalTests --code-coverage --result-format junit --output-dir "$output_dir" \
  --wait 60 --target-org "$alias_name" > "$output_dir/run.log" 2>&1
sf_status=$?
set -e
tail -n 40 "$output_dir/run.log"
if ((sf_status != 0 && sf_status != 100)); then
  warn "sf apex run test exited with status $sf_status"
fi
tsx_bin="$REPO_ROOT/node_modules/.bin/tsx"
[[ -x "$tsx_bin" ]] || die "node_modules/.bin/tsx is missing: run npm ci"
"$tsx_bin" "$ORG_SCRIPTS_DIR/coverage-gate.ts" --dir "$output_dir" --min "$min_coverage"
