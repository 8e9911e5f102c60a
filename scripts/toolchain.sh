#!/usr/bin/env bash
# Source this file (or run scripts/with-toolchain.sh) to get a Node >= 22 and
# the exact pnpm named by package.json's `packageManager` on PATH.
# A system Node >= 22 is used as is; an older one is left untouched and a
# Node 24 from the npm registry is installed into the git-ignored .tools/.
# Idempotent and quiet when everything is already in place.

floe_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
floe_tools="$floe_root/.tools"
floe_node_pkg="node@24"

floe_log() { printf '[toolchain] %s\n' "$*" >&2; }

floe_node_major() {
  "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

floe_ensure_node() {
  local system_node
  system_node="$(command -v node || true)"
  if [ -n "$system_node" ] && [ "$(floe_node_major "$system_node")" -ge 22 ]; then
    return 0
  fi
  local bin="$floe_tools/node/node_modules/node/bin"
  if [ ! -x "$bin/node" ] || [ "$(floe_node_major "$bin/node")" -lt 22 ]; then
    floe_log "system Node is $( [ -n "$system_node" ] && "$system_node" -v || echo missing ); installing $floe_node_pkg into .tools/node"
    mkdir -p "$floe_tools/node"
    npm install --silent --no-audit --no-fund --prefix "$floe_tools/node" "$floe_node_pkg" >&2
  fi
  export PATH="$bin:$PATH"
}

floe_ensure_pnpm() {
  local want
  want="$(node -p 'require(process.argv[1]).packageManager.split("@")[1].split("+")[0]' "$floe_root/package.json")"
  local bin="$floe_tools/pnpm-$want/node_modules/.bin"
  if [ ! -x "$bin/pnpm" ]; then
    floe_log "installing pnpm@$want into .tools/pnpm-$want"
    mkdir -p "$floe_tools/pnpm-$want"
    npm install --silent --no-audit --no-fund --prefix "$floe_tools/pnpm-$want" "pnpm@$want" >&2
  fi
  export PATH="$bin:$PATH"
}

floe_ensure_node
floe_ensure_pnpm
