#!/usr/bin/env bash
# Load sample CRM records into a scratch org and push sample calls whose participants match them.
set -euo pipefail
# shellcheck source=scripts/org/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() {
  cat << USAGE
Usage: npm run org:seed -- [alias] [--records-only] [--sample-count N] [--assign-permission-sets]

In a scratch org where the package is deployed (npm run org:deploy):
  0. with --assign-permission-sets, assigns the package's permission sets to the default user first (needed to push
     calls; for an org deployed with --no-permission-sets, as CI does before the Apex tests),
  1. deploys data/demo-metadata (a 'Demo Dialer' provider whose call id is in Task.CallObject),
  2. imports data/plan.json with 'sf data import tree': Accounts, Contacts (phones and emails in several formats),
     Leads, Opportunities with contact roles, and Tasks logged by the fake 'Demo Dialer' (the plan, the records and
     the calls are first copied with their dates moved so that the sample day, 2026-11-27, becomes today),
  3. converts the sample Lead Marc Lefèvre (data/apex/convert-lead.apex),
  4. validates and pushes data/payloads (one matching case each, described in data/scenarios.json) with modjo-sf,
     then checks what the org made of them against data/scenarios.json (the script fails when one differs),
  5. generates N more calls with 'modjo-sf sample' and pushes them (mostly unmatched: volume for the cards).
Run it once per org: the records have no external ids, so a second import creates duplicates.
  alias             target org (default: $DEFAULT_ORG_ALIAS, or \$MODJO_ORG_ALIAS)
  --records-only    stop after step 3 (no call is pushed)
  --sample-count N  calls generated in step 5, 0 to skip (default: 20)
  --assign-permission-sets  step 0
Logs, checkpoints and per-call results go to reports/seed (or \$MODJO_SEED_OUT).
USAGE
}

alias_name="$DEFAULT_ORG_ALIAS"
records_only=0
sample_count=20
assign=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help)
      usage
      exit 0
      ;;
    --records-only)
      records_only=1
      shift
      ;;
    --assign-permission-sets)
      assign=1
      shift
      ;;
    --sample-count)
      [[ $# -ge 2 ]] || die "--sample-count needs a value"
      sample_count="$2"
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
[[ "$sample_count" =~ ^[0-9]+$ ]] || die "--sample-count must be a whole number"

require_sf
cd "$REPO_ROOT"
out_dir="${MODJO_SEED_OUT:-reports/seed}"
mkdir -p "$out_dir"

if ((assign)); then
  assign_permission_sets "$alias_name"
fi

info "Deploying the Demo Dialer provider mapping (data/demo-metadata)"
sf project deploy start --source-dir data/demo-metadata --target-org "$alias_name" --wait 10

tsx_bin="$REPO_ROOT/node_modules/.bin/tsx"
[[ -x "$tsx_bin" ]] || die "node_modules/.bin/tsx is missing: run npm ci"
info "Moving the sample dates to today ($out_dir/data)"
"$tsx_bin" "$ORG_SCRIPTS_DIR/seed-data.ts" --out "$out_dir/data"

info "Importing sample records (data/plan.json)"
sf data import tree --plan "$out_dir/data/plan.json" --target-org "$alias_name"

info "Converting the sample lead (data/apex/convert-lead.apex)"
sf apex run --file data/apex/convert-lead.apex --target-org "$alias_name" > "$out_dir/convert-lead.log"

if ((records_only)); then
  info "Records loaded; no call pushed (--records-only)."
  exit 0
fi

modjo_sf=(npx --no-install modjo-sf)
if ! "${modjo_sf[@]}" --help > /dev/null 2>&1; then
  modjo_sf=(npx --no-install tsx tools/cli/main.ts)
fi

info "Validating and pushing the matching scenarios (data/payloads, see data/scenarios.json)"
"${modjo_sf[@]}" validate "$out_dir/data/payloads"
"${modjo_sf[@]}" push "$out_dir/data/payloads" --target-org "$alias_name" \
  --checkpoint "$out_dir/scenarios.checkpoint.json" --results "$out_dir/scenarios.results.jsonl"

info "Checking what the org made of them (data/scenarios.json)"
verify_status=0
"$tsx_bin" "$ORG_SCRIPTS_DIR/verify-scenarios.ts" --target-org "$alias_name" || verify_status=$?

if ((sample_count > 0)); then
  info "Generating and pushing $sample_count sample calls"
  "${modjo_sf[@]}" sample --count "$sample_count" --seed seed-data --kind mixed --out "$out_dir/sample-calls.ndjson"
  "${modjo_sf[@]}" push "$out_dir/sample-calls.ndjson" --target-org "$alias_name" \
    --checkpoint "$out_dir/sample.checkpoint.json" --results "$out_dir/sample.results.jsonl"
fi

"${modjo_sf[@]}" status --target-org "$alias_name" || warn "modjo-sf status failed"
info "Done. Open the org (sf org open --target-org $alias_name), then the Modjo Calls tab or Acme Robotics."
info "Per-call results: $out_dir/scenarios.results.jsonl; what each call should match: data/scenarios.json"
if ((verify_status != 0)); then
  die "some sample calls were not matched as data/scenarios.json expects (see above)"
fi
