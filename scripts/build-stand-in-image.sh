#!/usr/bin/env bash
# Builds one local stand-in for a platform service's official image, for the
# local cluster (which reaches no container registry), from the package
# registries this machine reaches. Prints the image name as the last stdout line.
#
# Usage: scripts/build-stand-in-image.sh NAME      (a folder of images/stand-ins/)
#        scripts/build-stand-in-image.sh --list    (the names, one a line)
#
# A stand-in folder holds:
#   Containerfile  the build (ARG BASE_IMAGE: the local Debian base, for images that need one)
#   image          one line: the honest name, e.g. localhost/floe-local/postgres:15-bookworm
#                  (never the official name: a stand-in is not the official image)
#   prepare.sh     optional: `prepare.sh CONTEXT_DIR` adds build inputs to the context
#                  (e.g. Go binaries from images/go/build.sh); everything it adds is hashed
#
# Cached: the sha256 of the staged context (folder files + what prepare.sh
# added), the base image id and this script's recipe version is the label
# `dev.floe.inputs-hash`; an image of that name with the same hash is reused
# as is. Engine and base as scripts/build-image.sh (podman installed when
# missing; the local Debian base built when no registry answers).
set -euo pipefail
RECIPE=1

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
log() { printf '[build-stand-in] %s\n' "$*" >&2; }
started=$SECONDS

if [[ "${1:-}" == "--list" ]]; then
  for d in images/stand-ins/*/; do [[ -f "$d/Containerfile" ]] && basename "$d"; done
  exit 0
fi
name="${1:?usage: build-stand-in-image.sh NAME | --list}"
dir="images/stand-ins/$name"
[[ -f "$dir/Containerfile" && -f "$dir/image" ]] \
  || { log "no stand-in \"$name\": expected $dir/Containerfile and $dir/image (see --list)"; exit 2; }
image="$(head -1 "$dir/image")"
[[ "$image" == localhost/floe-local/* ]] \
  || { log "$dir/image must name localhost/floe-local/...: a stand-in never takes an official name"; exit 2; }

engine="${CONTAINER_ENGINE:-}"
if [[ -z "$engine" ]]; then
  if command -v docker >/dev/null && docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then engine=docker; else engine=podman; fi
fi
[[ "$engine" == podman ]] && scripts/install-podman.sh

base="${FLOE_BASE_IMAGE:-localhost/floe-base:bookworm-node24}"
base_id=none
if grep -q '^ARG BASE_IMAGE' "$dir/Containerfile"; then
  FLOE_BASE_IMAGE="$base" scripts/build-base-image.sh "$engine"
  base_id="$("$engine" image inspect --format '{{.Id}}' "$base")"
fi

context="$(mktemp -d "${TMPDIR:-/tmp}/floe-stand-in.XXXXXX")"
trap 'rm -rf "$context"' EXIT
cp -a "$dir/." "$context/"
rm -f "$context/image" "$context/prepare.sh"
if [[ -x "$dir/prepare.sh" ]]; then "$dir/prepare.sh" "$context" >&2; fi

inputs_hash="$( { (cd "$context" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum);
  echo "recipe=$RECIPE base=$base_id image=$image"; } | sha256sum | cut -c1-32)"
current="$("$engine" image inspect --format '{{ index .Config.Labels "dev.floe.inputs-hash" }}' "$image" 2>/dev/null || true)"
if [[ "$current" == "$inputs_hash" ]]; then
  log "$image is up to date ($inputs_hash)"
  echo "$image"
  exit 0
fi

secret_args=()
ca_bundle="${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}"
[[ -s "$ca_bundle" ]] && secret_args=(--secret "id=ca-bundle,src=$ca_bundle")
log "building $image with $engine"
"$engine" build --network=host \
  --file "$context/Containerfile" \
  --build-arg "BASE_IMAGE=$base" \
  --label "dev.floe.inputs-hash=$inputs_hash" \
  --label "dev.floe.stand-in=true" \
  "${secret_args[@]}" \
  --tag "$image" \
  "$context" >&2
log "built $image in $((SECONDS - started)) s ($("$engine" image inspect --format '{{.Size}}' "$image" | numfmt --to=iec) )"
echo "$image"
