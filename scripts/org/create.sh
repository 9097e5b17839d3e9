#!/usr/bin/env bash
# Create a scratch org from a scratch definition (default config/project-scratch-def.json) and make it the default org.
set -euo pipefail
# shellcheck source=scripts/org/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
  cat << USAGE
Usage: npm run org:create -- [alias] [--days N] [--dev-hub ALIAS] [--definition FILE]

Creates a scratch org from a scratch definition (namespace from sfdx-project.json) and sets it as the default org.
  alias              alias of the new scratch org (default: $DEFAULT_ORG_ALIAS, or \$MODJO_ORG_ALIAS)
  --days N           days before the org expires, 1-30 (default: 7)
  --dev-hub ALIAS    Dev Hub to use (default: the CLI's target-dev-hub setting)
  --definition FILE  scratch definition (default: config/project-scratch-def.json, Shared Activities on; also
                     config/person-accounts-scratch-def.json, Person Accounts on and Shared Activities off)
USAGE
}

alias_name="$DEFAULT_ORG_ALIAS"
days=7
dev_hub=""
definition="config/project-scratch-def.json"
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help)
      usage
      exit 0
      ;;
    --days)
      [[ $# -ge 2 ]] || die "--days needs a value"
      days="$2"
      shift 2
      ;;
    --dev-hub)
      [[ $# -ge 2 ]] || die "--dev-hub needs a value"
      dev_hub="$2"
      shift 2
      ;;
    --definition)
      [[ $# -ge 2 ]] || die "--definition needs a value"
      definition="$2"
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
if ! [[ "$days" =~ ^[0-9]+$ ]] || ((days < 1 || days > 30)); then
  die "--days must be a number from 1 to 30"
fi

require_sf
cd "$REPO_ROOT"
[[ -f "$definition" ]] || die "no scratch definition $definition"
args=(org create scratch --definition-file "$definition" --alias "$alias_name"
  --duration-days "$days" --wait 30 --set-default)
if [[ -n "$dev_hub" ]]; then
  args+=(--target-dev-hub "$dev_hub")
fi
info "Creating scratch org '$alias_name' from $definition ($days days)"
sf "${args[@]}"
info "Scratch org '$alias_name' is ready. Next: npm run org:deploy -- $alias_name"
