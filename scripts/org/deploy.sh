#!/usr/bin/env bash
# Build the LWC JavaScript from the TypeScript sources, deploy force-app, assign the permission sets.
set -euo pipefail
# shellcheck source=scripts/org/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
  cat << USAGE
Usage: npm run org:deploy -- [alias] [--skip-install]

Runs 'npm ci' and 'npm run build:lwc' (the LWC .js files are generated from .ts and not in git), deploys force-app to
the org, then assigns the package's permission sets to the org's default user.
  alias           target org (default: $DEFAULT_ORG_ALIAS, or \$MODJO_ORG_ALIAS)
  --skip-install  skip 'npm ci' (use when dependencies were just installed, as CI does)
USAGE
}

alias_name="$DEFAULT_ORG_ALIAS"
install=1
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

mapfile -t permsets < <(permission_sets)
if ((${#permsets[@]} == 0)); then
  warn "no permission set found under force-app/main/default/permissionsets: nothing assigned"
else
  names=()
  for p in "${permsets[@]}"; do
    names+=(--name "$p")
  done
  info "Assigning permission sets: ${permsets[*]}"
  sf org assign permset "${names[@]}" --target-org "$alias_name"
fi
info "Deployed. Next: npm run org:test -- $alias_name, npm run org:seed -- $alias_name"
