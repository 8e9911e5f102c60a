#!/usr/bin/env bash
# Builds Go programs that floe's local stand-in images and tests need (the OCI
# registry, oras, MinIO, ...) from the Go module proxy, one wrapper module per
# family in images/go/<family>/, each cached on its own inputs outside the repo.
#
# A family is a directory with go.mod, go.sum, build.conf and tools.go (or main
# packages of its own, e.g. a collector distribution; their files are hashed too):
#   module=<module whose version names the cache entry>
#   packages=<space-separated main packages to build>
#   bins=<binaries the build leaves (the packages' base names by default)>
#   tags=<build tags>            (optional)
#   ldflags=<extra -ldflags>     (optional; {version} is replaced by the module version)
#   cgo=0|1                      (optional, default 0: static binaries for FROM-scratch images)
#
# Usage:
#   images/go/build.sh FAMILY...            build what is missing; last stdout line = bin dir
#   images/go/build.sh --print-dir FAMILY... the bin dir, never build
# Example: REGISTRY="$(images/go/build.sh registry | tail -1)/registry"
#
# Environment: FLOE_CACHE_DIR (default $HOME/.cache/floe); GOMODCACHE/GOCACHE stay Go's.
# Progress goes to stderr; stdout carries only the bin dir.
set -euo pipefail
{

RECIPE=1
go_root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { printf '[go-build] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

print_dir_only=0
families=()
for arg in "$@"; do
  case "$arg" in
    --print-dir) print_dir_only=1 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
    -*) die "unknown option: $arg" ;;
    *) [[ -f "${go_root}/${arg}/build.conf" ]] || die "unknown family \"$arg\": no ${go_root}/${arg}/build.conf"
       families+=("$arg") ;;
  esac
done
((${#families[@]})) || die "name at least one family (directories of ${go_root} with a build.conf)"
command -v go >/dev/null 2>&1 || die "go not found on PATH"

conf() { # <family> <key> -> value (empty when absent)
  sed -n "s/^$2=//p" "${go_root}/$1/build.conf" | tail -1
}
mod_version() { # <go.mod> <module path>
  awk -v m="$2" '$1 == m && $2 ~ /^v/ { print $2; exit } $1 == "require" && $2 == m { print $3; exit }' "$1"
}
sha256_of() { sha256sum "$@" | awk '{ print $1 }'; }

go_version=$(GOTOOLCHAIN=local go env GOVERSION)
go_platform="$(GOTOOLCHAIN=local go env GOOS)-$(GOTOOLCHAIN=local go env GOARCH)"
cache_root="${FLOE_CACHE_DIR:-${HOME}/.cache/floe}/go-bin"

declare -A VERSION KEY BINS
for f in "${families[@]}"; do
  module=$(conf "$f" module)
  VERSION[$f]=$(mod_version "${go_root}/${f}/go.mod" "$module")
  [[ -n "${VERSION[$f]}" ]] || die "could not read the ${module} version from ${go_root}/${f}/go.mod"
  bins=$(conf "$f" bins)
  if [[ -z "$bins" ]]; then
    for p in $(conf "$f" packages); do bins+="${bins:+ }${p##*/}"; done
  fi
  BINS[$f]=$bins
  h=$( {
    echo "recipe=${RECIPE} go=${go_version} platform=${go_platform} ${f}=${VERSION[$f]}"
    for file in go.mod go.sum build.conf; do echo "${file} $(sha256_of "${go_root}/${f}/${file}")"; done
    # A family's own Go source (e.g. a distribution's main package) is an input too; tools.go only pins.
    (cd "${go_root}/${f}" && find . -type f ! -name go.mod ! -name go.sum ! -name build.conf ! -name tools.go -print0 \
      | LC_ALL=C sort -z | xargs -0 -r sha256sum)
  } | sha256sum | cut -c1-16)
  KEY[$f]="${f}-${VERSION[$f]}_${go_platform}_${h}"
done

all_key=$(for f in "${families[@]}"; do echo "${KEY[$f]}"; done | sha256sum | cut -c1-16)
bin_dir="${cache_root}/set_${go_platform}_${all_key}"
if (( print_dir_only )); then echo "$bin_dir"; exit 0; fi

complete_with() { # <dir> <binaries...>
  local d=$1 b; shift
  [[ -f "${d}/.complete" ]] || return 1
  for b in "$@"; do [[ -x "${d}/${b}" ]] || return 1; done
}
all_bins=()
for f in "${families[@]}"; do read -ra bs <<<"${BINS[$f]}"; all_bins+=("${bs[@]}"); done
if complete_with "$bin_dir" "${all_bins[@]}"; then
  log "warm cache ${bin_dir}"
  echo "$bin_dir"; exit 0
fi

mkdir -p "$cache_root"
to_build=0
for f in "${families[@]}"; do
  read -ra bs <<<"${BINS[$f]}"
  complete_with "${cache_root}/${KEY[$f]}" "${bs[@]}" || to_build=1
done
# One build at a time per machine: a second caller waits, then finds the cache warm.
# A new set of families that are all cached is only linked: no need to wait for another build.
if (( to_build )); then
  exec 9>"${cache_root}/.build.lock"
  if ! flock -n 9; then log "another build holds ${cache_root}/.build.lock; waiting..."; flock 9; fi
fi

export GOTOOLCHAIN=local GOFLAGS="-modcacherw -buildvcs=false"
tmp_dirs=()
trap '((${#tmp_dirs[@]} == 0)) || rm -rf "${tmp_dirs[@]}"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for f in "${families[@]}"; do
  fdir="${cache_root}/${KEY[$f]}"
  read -ra bs <<<"${BINS[$f]}"
  if complete_with "$fdir" "${bs[@]}"; then log "${f} ${VERSION[$f]}: cached"; continue; fi
  rm -rf "$fdir" "${cache_root}/.tmp-${KEY[$f]}."*
  tmp=$(mktemp -d "${cache_root}/.tmp-${KEY[$f]}.XXXXXX"); tmp_dirs+=("$tmp")
  start=$SECONDS
  log "${f} ${VERSION[$f]}: building with ${go_version}..."
  ldflags="-s -w $(conf "$f" ldflags)"
  ldflags=${ldflags//\{version\}/${VERSION[$f]}}
  read -ra pkgs <<<"$(conf "$f" packages)"
  (cd "${go_root}/${f}" && CGO_ENABLED="$(conf "$f" cgo | grep . || echo 0)" \
    go build -trimpath -tags "$(conf "$f" tags)" -ldflags "$ldflags" -o "${tmp}/" "${pkgs[@]}") \
    || die "${f}: go build failed after $((SECONDS - start))s"
  for b in "${bs[@]}"; do [[ -x "${tmp}/${b}" ]] || die "${f}: no ${b} after the build (set bins= in build.conf)"; done
  echo "key=${KEY[$f]} go=${go_version} seconds=$((SECONDS - start))" > "${tmp}/.complete"
  chmod 0755 "$tmp"
  mv "$tmp" "$fdir"
  log "${f}: done in $((SECONDS - start))s"
done

set_tmp=$(mktemp -d "${bin_dir}.tmp.XXXXXX"); tmp_dirs+=("$set_tmp")
for f in "${families[@]}"; do
  read -ra bs <<<"${BINS[$f]}"
  for b in "${bs[@]}"; do ln "${cache_root}/${KEY[$f]}/${b}" "${set_tmp}/${b}"; done
  echo "${f}=${KEY[$f]}" >> "${set_tmp}/.complete"
done
chmod 0755 "$set_tmp"
# Sets are linked without the lock: a caller that loses the race finds the winner's set complete.
if ! complete_with "$bin_dir" "${all_bins[@]}"; then
  rm -rf "$bin_dir"
  mv -T "$set_tmp" "$bin_dir" 2>/dev/null || complete_with "$bin_dir" "${all_bins[@]}" || die "could not link the set ${bin_dir}"
fi
log "ready in ${bin_dir}"
echo "$bin_dir"
exit 0
}
