#!/usr/bin/env bash
# Shared helpers for the scratch-org scripts (sourced, not run). Bash only; no secrets are read or printed here.
# shellcheck shell=bash

ORG_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$ORG_SCRIPTS_DIR/../.." && pwd)"
DEFAULT_ORG_ALIAS="${MODJO_ORG_ALIAS:-modjo-scratch}"
export REPO_ROOT DEFAULT_ORG_ALIAS

info() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# require_sf: the project's own Salesforce CLI (`@salesforce/cli`, pinned in package.json and installed by `npm ci`) is
# put first on PATH, so every `sf` below is that version whatever else the machine has. It needs Node 22 or newer:
# `source scripts/use-node.sh` provides one. MODJO_SF_BIN names another folder holding an `sf` (the offline tests
# point it at a fake CLI).
require_sf() {
  local bin="${MODJO_SF_BIN:-$REPO_ROOT/node_modules/.bin}"
  [[ -x "$bin/sf" ]] || die "the project's Salesforce CLI is missing from $bin: run 'npm ci' first (it installs @salesforce/cli)"
  case ":$PATH:" in
    *":$bin:"*) ;;
    *) export PATH="$bin:$PATH" ;;
  esac
  sf --version > /dev/null 2>&1 || die "'sf --version' failed: the CLI needs Node 22 or newer (source scripts/use-node.sh)"
}

# permission_sets: names of the package's permission sets that can be assigned to a standard (Salesforce-licensed) user,
# read from the source so that a new permission set is picked up without editing this script. A permission set tied to a
# user license (<license> element) is skipped: it can only be assigned to users of that license.
permission_sets() {
  local dir="$REPO_ROOT/force-app/main/default/permissionsets" file
  [[ -d "$dir" ]] || return 0
  for file in "$dir"/*.permissionset-meta.xml; do
    [[ -e "$file" ]] || continue
    if grep -q '<license>' "$file"; then
      continue
    fi
    basename "$file" .permissionset-meta.xml
  done
}

# assign_permission_sets ALIAS: assigns every assignable package permission set to the org's default user. Not done
# before the Apex tests in CI: `sf package version create --code-coverage` runs them as a user holding none.
assign_permission_sets() {
  local alias_name="$1" p
  local -a permsets names=()
  mapfile -t permsets < <(permission_sets)
  if ((${#permsets[@]} == 0)); then
    warn "no permission set found under force-app/main/default/permissionsets: nothing assigned"
    return 0
  fi
  for p in "${permsets[@]}"; do
    names+=(--name "$p")
  done
  info "Assigning permission sets to the default user of '$alias_name': ${permsets[*]}"
  sf org assign permset "${names[@]}" --target-org "$alias_name"
}

# org_shape ALIAS: "Person Accounts on|off, Shared Activities on|off", read from the org's describe (Account.IsPersonAccount,
# the TaskRelation object), so that a test run shows which shape of org it ran on.
org_shape() {
  local alias_name="$1" objects account person=off shared=off
  objects="$(sf sobject list --sobject all --target-org "$alias_name" --json 2> /dev/null || true)"
  if grep -q '"TaskRelation"' <<< "$objects"; then
    shared=on
  fi
  account="$(sf sobject describe --sobject Account --target-org "$alias_name" --json 2> /dev/null || true)"
  if grep -q '"name": *"IsPersonAccount"' <<< "$account"; then
    person=on
  fi
  printf 'Person Accounts %s, Shared Activities %s\n' "$person" "$shared"
}

# reports_subdir DIR: succeeds only when DIR (relative to the checkout, like every path of these scripts) lies strictly
# inside reports/ once symbolic links are resolved; scripts that empty their output folder (rm -rf) call it first, so a
# mistyped --output-dir can never remove anything else. Node resolves the path (realpath of the longest existing part).
reports_subdir() {
  local dir="$1" resolve reports target
  case "$dir" in
    /*) ;;
    *) dir="$REPO_ROOT/$dir" ;;
  esac
  resolve='const fs = require("fs"), p = require("path");
let d = p.resolve(process.argv[1]); const rest = [];
while (!fs.existsSync(d)) { rest.unshift(p.basename(d)); d = p.dirname(d); }
console.log(p.join(fs.realpathSync(d), ...rest));'
  reports="$(node -e "$resolve" "$REPO_ROOT/reports")" || die "cannot resolve $REPO_ROOT/reports"
  target="$(node -e "$resolve" "$dir")" || die "cannot resolve $1"
  [[ "$target" == "$reports/"?* ]] || die "the output folder must be inside reports/ (it is emptied first): $1"
}
