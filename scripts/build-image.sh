#!/usr/bin/env bash
# Builds one of floe's own images and prints its name as the last stdout line.
# `make image` runs it for both.
#
# Usage: scripts/build-image.sh [floe-job|floe-dagster]   (default floe-job)
#   floe-job      images/floe-job/Containerfile: the pipeline step runtime
#                 (floe-job + dbt/dlt), version of @floe/job-entrypoint.
#   floe-dagster  images/floe-dagster/Containerfile: the Dagster code location
#                 and run worker (dagster + dagster_floe + the floe CLI),
#                 version of @floe/cli.
#
# Engine: docker when a Docker engine answers, else podman; podman, chosen or
# detected, is installed by scripts/install-podman.sh when missing. Base image: $FLOE_BASE_IMAGE, else
# the official node:24-bookworm-slim when present or pullable, else the local
# stand-in built by scripts/build-base-image.sh (no registry reachable).
#
# Cached: the build context is staged from the git-visible files the image is
# built from (root workspace files, the workspace packages floe-job depends on
# without their tests, python/requirements.txt); the sha256 of those files,
# the Containerfile, the base image id and the build args is the label
# `dev.floe.inputs-hash`. An image of that name with the same hash is reused
# as is; otherwise the engine builds, reusing its layer cache.
#
# Env: FLOE_IMAGE (default localhost/<image>:<package version>),
#      FLOE_BASE_IMAGE, CONTAINER_ENGINE (docker|podman: skip detection),
#      FLOE_IMAGE_SOURCE (org.opencontainers.image.source).
set -euo pipefail

which_image="${1:-floe-job}"
case "$which_image" in
  floe-job)
    workspace_package=@floe/job-entrypoint
    version_file=apps/job-entrypoint/package.json
    extra_inputs=(python/requirements.txt) ;;
  floe-dagster)
    workspace_package=@floe/cli
    version_file=apps/cli/package.json
    extra_inputs=(orchestrator/dagster-floe) ;;
  *) printf '[build-image] unknown image "%s": use floe-job or floe-dagster\n' "$which_image" >&2; exit 2 ;;
esac

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
log() { printf '[build-image] %s\n' "$*" >&2; }
started=$SECONDS

# shellcheck source=./toolchain.sh
source scripts/toolchain.sh

engine="${CONTAINER_ENGINE:-}"
if [[ -z "$engine" ]]; then
  if command -v docker >/dev/null && docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
    engine=docker
  else
    engine=podman
  fi
fi
# Chosen or detected, podman is installed when missing (the image tests choose it before calling this).
case "$engine" in
  podman) scripts/install-podman.sh ;;
  docker) docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
    || { log "CONTAINER_ENGINE=docker, but no Docker engine answers: start one, or unset CONTAINER_ENGINE to use podman"; exit 1; } ;;
  *) log "CONTAINER_ENGINE must be docker or podman, not \"$engine\""; exit 1 ;;
esac

official_base=docker.io/library/node:24-bookworm-slim
base="${FLOE_BASE_IMAGE:-}"
if [[ -z "$base" ]]; then
  if "$engine" image inspect "$official_base" >/dev/null 2>&1 || "$engine" pull -q "$official_base" >/dev/null 2>&1; then
    base="$official_base"
  else
    log "cannot pull $official_base: using the local base image"
    base=localhost/floe-base:bookworm-node24
    FLOE_BASE_IMAGE="$base" scripts/build-base-image.sh "$engine"
  fi
fi
base_id="$("$engine" image inspect --format '{{.Id}}' "$base")"

version="$(node -p 'require(process.argv[1]).version' "./$version_file")"
image="${FLOE_IMAGE:-localhost/$which_image:$version}"
source_url="${FLOE_IMAGE_SOURCE:-https://github.com/floe-dev/floe}"

# The workspace slice: the image's package and every workspace package it depends on.
mapfile -t packages < <(pnpm ls -r --filter "$workspace_package..." --depth -1 --json \
  | node -e 'for (const p of JSON.parse(require("fs").readFileSync(0, "utf8"))) console.log(require("path").relative(process.cwd(), p.path))')
context="$(mktemp -d "${TMPDIR:-/tmp}/floe-image-context.XXXXXX")"
trap 'rm -rf "$context"' EXIT
git ls-files -z --cached --others --exclude-standard -- \
    package.json pnpm-lock.yaml pnpm-workspace.yaml "${extra_inputs[@]}" "${packages[@]}" \
    ':!:**/test/**' ':!:**/tests/**' ':!:**/*.test.ts' ':!:**/bench/**' \
  | while IFS= read -r -d '' file; do [[ -e "$file" ]] && printf '%s\0' "$file"; done \
  | tar --null -T - -c | tar -x -C "$context"

containerfile="images/$which_image/Containerfile"
inputs_hash="$( { (cd "$context" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum);
  sha256sum "$containerfile"; echo "$base_id $version $source_url"; } | sha256sum | cut -c1-32)"
current="$("$engine" image inspect --format '{{ index .Config.Labels "dev.floe.inputs-hash" }}' "$image" 2>/dev/null || true)"
if [[ "$current" == "$inputs_hash" ]]; then
  log "$image is up to date ($inputs_hash)"
  echo "$image"
  exit 0
fi

revision="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git status --porcelain -- "${packages[@]}" "${extra_inputs[@]}" "images/$which_image" 2>/dev/null)" ]]; then revision="$revision-dirty"; fi

# The host's CA bundle, for networks that intercept TLS (a build secret: never
# in a layer, not part of the inputs hash).
ca_bundle="${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}"
secret_args=()
if [[ -s "$ca_bundle" ]]; then secret_args=(--secret "id=ca-bundle,src=$ca_bundle"); fi

log "building $image with $engine from $base"
# Host network: pip and pnpm reach PyPI and the npm registry even where the
# engine's bridge network is unavailable (rootful podman in a sandbox).
"$engine" build --network=host \
  --file "$containerfile" \
  --build-arg "BASE_IMAGE=$base" \
  --build-arg "VERSION=$version" \
  --build-arg "REVISION=$revision" \
  --build-arg "SOURCE=$source_url" \
  --label "dev.floe.inputs-hash=$inputs_hash" \
  "${secret_args[@]}" \
  --tag "$image" \
  "$context" >&2
log "built $image in $((SECONDS - started)) s"
echo "$image"
