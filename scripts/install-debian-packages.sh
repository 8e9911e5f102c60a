#!/usr/bin/env bash
# Installs, from Debian's packages, each command that is not on PATH yet.
# Arguments are commands, each optionally with the package that provides it:
#   scripts/install-debian-packages.sh podman debootstrap newuidmap:uidmap
# Idempotent and quiet when every command is present. Needs root or sudo.
set -euo pipefail

log() { printf '[install-debian-packages] %s\n' "$*" >&2; }

missing=()
for wanted in "$@"; do
  command="${wanted%%:*}"
  package="${wanted#*:}"
  command -v "$command" >/dev/null || missing+=("$package")
done
((${#missing[@]} == 0)) && exit 0

if ! command -v apt-get >/dev/null; then
  log "missing ${missing[*]}, and apt-get is not available: install them with this system's package manager"
  exit 1
fi
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi

log "installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt_log="$(mktemp)"
{ "${sudo_cmd[@]}" apt-get update -qq && "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
  >"$apt_log" 2>&1 || { tail -30 "$apt_log" >&2; rm -f "$apt_log"; exit 1; }
rm -f "$apt_log"
