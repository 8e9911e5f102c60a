#!/usr/bin/env bash
# Build the local control-plane binaries (etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kubectl, kwok) from the Go wrapper
# modules in ../go/, caching them outside the repo.
#
# Usage:
#   scripts/build-binaries.sh              build if needed; last stdout line = bin dir
#   scripts/build-binaries.sh --print-dir  print the expected bin dir, never build
#
# Callers: BIN=$(scripts/build-binaries.sh | tail -1)
#
# Environment:
#   FLOE_CACHE_DIR   cache root (default: $HOME/.cache/floe)
#   GOMODCACHE/GOCACHE are left at Go's defaults so CI can cache them.
#
# All progress/diagnostics go to stderr; stdout carries only the bin dir.
set -euo pipefail

# The whole script is one brace group, so bash parses it completely before
# running it: editing this file while a build runs cannot corrupt that run.
{

# Bump when the build recipe (flags, tags, binary set) changes, so old cache
# entries are not reused.
RECIPE=1

BINARIES=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok)

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pkg_dir=$(cd "${script_dir}/.." && pwd)
go_dir="${pkg_dir}/go"

log() { printf '[build-binaries] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

print_dir_only=0
for arg in "$@"; do
  case "$arg" in
    --print-dir) print_dir_only=1 ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
    *) die "unknown argument: $arg" ;;
  esac
done

command -v go >/dev/null 2>&1 || die "go not found on PATH"

# Version of a required module, read from a wrapper go.mod.
mod_version() { # <go.mod> <module path>
  awk -v m="$2" '$1 == m && $2 ~ /^v/ { print $2; exit } $1 == "require" && $2 == m { print $3; exit }' "$1"
}

if command -v sha256sum >/dev/null 2>&1; then
  sha256() { sha256sum "$@"; }
else # macOS
  sha256() { shasum -a 256 "$@"; }
fi
sha256_of() { sha256 "$@" | awk '{ print $1 }'; }

k8s_version=$(mod_version "${go_dir}/kubernetes/go.mod" k8s.io/kubernetes)
etcd_version=$(mod_version "${go_dir}/etcd/go.mod" go.etcd.io/etcd/server/v3)
kwok_version=$(mod_version "${go_dir}/kwok/go.mod" sigs.k8s.io/kwok)
[[ -n "$k8s_version" && -n "$etcd_version" && -n "$kwok_version" ]] ||
  die "could not read module versions from ${go_dir}/*/go.mod"

# k8s.io/kubernetes v1.35.4 -> major 1, minor 35
k8s_major=${k8s_version#v}; k8s_major=${k8s_major%%.*}
k8s_minor=${k8s_version#v*.}; k8s_minor=${k8s_minor%%.*}

go_version=$(GOTOOLCHAIN=local go env GOVERSION)
go_platform="$(GOTOOLCHAIN=local go env GOOS)-$(GOTOOLCHAIN=local go env GOARCH)"

inputs_hash=$(
  {
    echo "recipe=${RECIPE} go=${go_version} platform=${go_platform}"
    echo "k8s=${k8s_version} etcd=${etcd_version} kwok=${kwok_version}"
    for m in kubernetes etcd kwok; do
      echo "${m} go.mod $(sha256_of "${go_dir}/${m}/go.mod")"
      echo "${m} go.sum $(sha256_of "${go_dir}/${m}/go.sum")"
    done
  } | sha256 | cut -c1-16
)
key="k8s-${k8s_version}_etcd-${etcd_version}_kwok-${kwok_version}_${go_platform}_${inputs_hash}"

cache_root="${FLOE_CACHE_DIR:-${HOME}/.cache/floe}/cluster-bin"
bin_dir="${cache_root}/${key}"

if (( print_dir_only )); then
  echo "$bin_dir"
  exit 0
fi

is_complete() {
  [[ -f "${bin_dir}/.complete" ]] || return 1
  local b
  for b in "${BINARIES[@]}"; do
    [[ -x "${bin_dir}/${b}" ]] || return 1
  done
}

# Fast path: no lock, no build.
if is_complete; then
  log "cluster binaries: warm cache ${bin_dir}"
  echo "$bin_dir"
  exit 0
fi

mkdir -p "$cache_root"

# Serialise concurrent builds of the same key: the second caller waits, then
# finds the cache warm.
lock_file="${cache_root}/.${key}.lock"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$lock_file"
  if ! flock -n 9; then
    log "another build holds ${lock_file}; waiting..."
    flock 9
  fi
else
  log "warning: flock not found; building without a lock"
fi

if is_complete; then
  log "cluster binaries: warm cache ${bin_dir} (built by a concurrent run)"
  echo "$bin_dir"
  exit 0
fi

# A directory without the marker can only be left by something other than
# this script (renames are atomic); rebuild it.
if [[ -e "$bin_dir" ]]; then
  log "removing incomplete ${bin_dir}"
  rm -rf "$bin_dir"
fi

# Leftovers of builds that were killed hard (SIGKILL, power loss); we hold the
# lock, so no live build owns them.
rm -rf "${cache_root}/.tmp-${key}."*

tmp_dir=$(mktemp -d "${cache_root}/.tmp-${key}.XXXXXX")
cleanup() { rm -rf "$tmp_dir"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export CGO_ENABLED=0 GOTOOLCHAIN=local
# -buildvcs=false: the wrapper modules live in our git repo; do not stamp its
# commit into the binaries (keeps them reproducible across commits).
export GOFLAGS="-modcacherw -buildvcs=false"

log "building into ${tmp_dir} with ${go_version} (${go_platform})"
build_start=$SECONDS

run_build() { # <name> <module dir> <go build args...>
  local name=$1 dir=$2; shift 2
  local start=$SECONDS
  log "${name}: building..."
  (cd "$dir" && go build -trimpath "$@") || die "${name}: go build failed after $((SECONDS - start))s"
  log "${name}: done in $((SECONDS - start))s"
}

# Kubernetes: one invocation so shared packages compile once. Tags match
# upstream hack/lib/golang.sh for non-debug builds.
build_date="1970-01-01T00:00:00Z"
k8s_ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  k8s_ldflags+=" -X ${pkg}.gitVersion=${k8s_version}"
  k8s_ldflags+=" -X ${pkg}.gitMajor=${k8s_major}"
  k8s_ldflags+=" -X ${pkg}.gitMinor=${k8s_minor}"
  k8s_ldflags+=" -X ${pkg}.gitTreeState=clean"
  k8s_ldflags+=" -X ${pkg}.buildDate=${build_date}"
done

run_build "etcd ${etcd_version}" "${go_dir}/etcd" \
  -ldflags "-s -w" -o "${tmp_dir}/etcd" go.etcd.io/etcd/server/v3

run_build "kwok ${kwok_version}" "${go_dir}/kwok" \
  -ldflags "-s -w" -o "${tmp_dir}/kwok" sigs.k8s.io/kwok/cmd/kwok

run_build "kubernetes ${k8s_version}" "${go_dir}/kubernetes" \
  -tags "selinux,notest,grpcnotrace" -ldflags "$k8s_ldflags" -o "${tmp_dir}/" \
  k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler \
  k8s.io/kubernetes/cmd/kubectl

for b in "${BINARIES[@]}"; do
  [[ -x "${tmp_dir}/${b}" ]] || die "missing binary after build: ${b}"
done

{
  echo "key=${key}"
  echo "go=${go_version}"
  echo "kubernetes=${k8s_version} etcd=${etcd_version} kwok=${kwok_version}"
} > "${tmp_dir}/.complete"
chmod 0755 "$tmp_dir"

# Same filesystem (both under cache_root), so this rename is atomic; bin_dir
# does not exist at this point (removed above, and we hold the lock).
mv "$tmp_dir" "$bin_dir"
trap - EXIT

log "cluster binaries: built ${bin_dir} in $((SECONDS - build_start))s"
echo "$bin_dir"
exit 0
}
