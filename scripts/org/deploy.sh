#!/usr/bin/env bash
# Build the LWC JavaScript from the TypeScript sources, deploy force-app, assign the permission sets (unless told not to).
set -euo pipefail
# shellcheck source=scripts/org/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
  cat << USAGE
Usage: npm run org:deploy -- [alias] [--skip-install] [--no-permission-sets]

Runs 'npm ci' and 'npm run build:lwc' (the LWC .js files are generated from .ts and not in git), deploys force-app to
the org, then assigns the package's permission sets to the org's default user.
  alias                 target org (default: $DEFAULT_ORG_ALIAS, or \$MODJO_ORG_ALIAS)
  --skip-install        skip 'npm ci' (use when dependencies were just installed, as CI does)
  --no-permission-sets  assign nothing: the default user then holds no package permission set, as in the test run
                        of 'sf package version create --code-coverage' (CI runs the Apex tests that way)
USAGE
}

alias_name="$DEFAULT_ORG_ALIAS"
install=1
assign=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help)
      usage
      exit 0
      ;;
    --skip-install)
      install=0
      shift
      ;;
    --no-permission-sets)
      assign=0
      shift
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

cd "$REPO_ROOT"
if ((install)); then
  info "Installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
require_sf
info "Building LWC JavaScript from TypeScript (npm run build:lwc)"
npm run build:lwc

info "Deploying force-app to '$alias_name'"
sf project deploy start --source-dir force-app --target-org "$alias_name" --wait 30

if ((assign)); then
  assign_permission_sets "$alias_name"
else
  info "No permission set assigned (--no-permission-sets): the default user has the access of the packaging test run"
fi
info "Deployed. Next: npm run org:test -- $alias_name, npm run org:seed -- $alias_name"
