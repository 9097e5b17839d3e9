#!/usr/bin/env bash
# Run the Apex tests on every org shape: one scratch org per scratch definition in config/ (Shared Activities on;
# Person Accounts on and Shared Activities off), deployed without permission sets as in the packaging run, then deleted.
set -euo pipefail
# shellcheck source=scripts/org/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
  cat << USAGE
Usage: npm run org:test:shapes -- [--dev-hub ALIAS] [--min-coverage PERCENT] [--output-dir DIR] [--skip-install] [--keep]

For each scratch definition config/*scratch-def.json: creates a scratch org (alias modjo-shape-<name>, 1 day; <name> is
the file name without -scratch-def.json, "default" for project-scratch-def.json),
deploys force-app without assigning any permission set (npm run org:deploy -- --no-permission-sets), runs every local
Apex test with coverage (npm run org:test), then deletes the org. Fails when the tests fail on any shape.
  --dev-hub ALIAS         Dev Hub to use (default: the CLI's target-dev-hub setting)
  --min-coverage PERCENT  minimum org-wide Apex coverage on each shape (default: 90)
  --output-dir DIR        results go to DIR/<name> (default: reports/apex)
  --skip-install          skip 'npm ci'
  --keep                  keep the scratch orgs (they expire after one day)
USAGE
}

dev_hub=""
min_coverage=90
output_dir="reports/apex"
install=1
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help)
      usage
      exit 0
      ;;
    --dev-hub)
      [[ $# -ge 2 ]] || die "--dev-hub needs a value"
      dev_hub="$2"
      shift 2
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
    --skip-install)
      install=0
      shift
      ;;
    --keep)
      keep=1
      shift
      ;;
    *)
      usage >&2
      die "unknown option: $1"
      ;;
  esac
done

require_sf
cd "$REPO_ROOT"
mapfile -t definitions < <(find config -maxdepth 1 -name '*scratch-def.json' | sort)
((${#definitions[@]} > 0)) || die "no scratch definition under config/"

created=()
delete_orgs() {
  local org
  if ((keep)); then
    return 0
  fi
  for org in "${created[@]}"; do
    sf org delete scratch --target-org "$org" --no-prompt > /dev/null || warn "could not delete '$org' (it expires after one day)"
  done
}
trap delete_orgs EXIT

if ((install)); then
  info "Installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

failed=()
for definition in "${definitions[@]}"; do
  shape="$(basename "$definition" .json)"
  shape="${shape%-scratch-def}"
  if [[ "$shape" == "project" ]]; then
    shape="default"
  fi
  org="modjo-shape-$shape"
  info "Shape '$shape' ($definition)"
  create_args=("$org" --days 1 --definition "$definition")
  if [[ -n "$dev_hub" ]]; then
    create_args+=(--dev-hub "$dev_hub")
  fi
  bash "$ORG_SCRIPTS_DIR/create.sh" "${create_args[@]}"
  created+=("$org")
  bash "$ORG_SCRIPTS_DIR/deploy.sh" "$org" --skip-install --no-permission-sets
  if ! bash "$ORG_SCRIPTS_DIR/test.sh" "$org" --min-coverage "$min_coverage" --output-dir "$output_dir/$shape"; then
    failed+=("$shape")
  fi
done

if ((${#failed[@]} > 0)); then
  die "Apex tests failed on: ${failed[*]} (results in $output_dir/<shape>)"
fi
info "Apex tests passed on every shape: ${definitions[*]}"
