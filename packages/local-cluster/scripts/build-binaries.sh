#!/usr/bin/env bash
# Build the local cluster's binaries from the Go wrapper modules in ../go/,
# caching each family by its inputs outside the repo: control plane (etcd,
# kube-apiserver, kube-controller-manager, kube-scheduler, kubectl), kwok, the
# real node (kubelet, kube-proxy, containerd + runc shim + ctr), cluster DNS
# (CoreDNS) and the NetworkPolicy enforcer (kube-router).
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
# entries are not reused. Each family below is cached on its own inputs, so a
# change to one wrapper module rebuilds only that family.
RECIPE=2

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pkg_dir=$(cd "${script_dir}/.." && pwd)
go_dir="${pkg_dir}/go"

log() { printf '[build-binaries] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

print_dir_only=0
for arg in "$@"; do
  case "$arg" in
    --print-dir) print_dir_only=1 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
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

# family -> module whose version names the cache entry, and its binaries.
FAMILIES=(etcd kwok kubernetes containerd coredns kube-router)
declare -A MODULE=(
  [etcd]=go.etcd.io/etcd/server/v3
  [kwok]=sigs.k8s.io/kwok
  [kubernetes]=k8s.io/kubernetes
  [containerd]=github.com/containerd/containerd/v2
  [coredns]=github.com/coredns/coredns
  [kube-router]=github.com/cloudnativelabs/kube-router/v2
)
declare -A BINS=(
  [etcd]="etcd"
  [kwok]="kwok"
  [kubernetes]="kube-apiserver kube-controller-manager kube-scheduler kubectl kubelet kube-proxy"
  [containerd]="containerd containerd-shim-runc-v2 ctr"
  [coredns]="coredns"
  [kube-router]="kube-router"
)

go_version=$(GOTOOLCHAIN=local go env GOVERSION)
go_platform="$(GOTOOLCHAIN=local go env GOOS)-$(GOTOOLCHAIN=local go env GOARCH)"
cache_root="${FLOE_CACHE_DIR:-${HOME}/.cache/floe}/cluster-bin"

declare -A VERSION KEY
for f in "${FAMILIES[@]}"; do
  VERSION[$f]=$(mod_version "${go_dir}/${f}/go.mod" "${MODULE[$f]}")
  [[ -n "${VERSION[$f]}" ]] || die "could not read the ${MODULE[$f]} version from ${go_dir}/${f}/go.mod"
  h=$(
    {
      echo "recipe=${RECIPE} go=${go_version} platform=${go_platform} ${f}=${VERSION[$f]}"
      echo "go.mod $(sha256_of "${go_dir}/${f}/go.mod")"
      echo "go.sum $(sha256_of "${go_dir}/${f}/go.sum")"
    } | sha256 | cut -c1-16
  )
  KEY[$f]="${f}-${VERSION[$f]}_${go_platform}_${h}"
done

# The bin dir callers use: hard links to every family's cached binaries,
# named by all family keys together.
all_key=$(for f in "${FAMILIES[@]}"; do echo "${KEY[$f]}"; done | sha256 | cut -c1-16)
bin_dir="${cache_root}/all_${go_platform}_${all_key}"

if (( print_dir_only )); then
  echo "$bin_dir"
  exit 0
fi

complete_with() { # <dir> <binaries...>
  local d=$1 b; shift
  [[ -f "${d}/.complete" ]] || return 1
  for b in "$@"; do [[ -x "${d}/${b}" ]] || return 1; done
}

all_bins=()
for f in "${FAMILIES[@]}"; do read -ra bs <<<"${BINS[$f]}"; all_bins+=("${bs[@]}"); done

# Fast path: no lock, no build.
if complete_with "$bin_dir" "${all_bins[@]}"; then
  log "cluster binaries: warm cache ${bin_dir}"
  echo "$bin_dir"
  exit 0
fi

mkdir -p "$cache_root"

# Serialise concurrent builds: the second caller waits, then finds the cache warm.
lock_file="${cache_root}/.build.lock"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$lock_file"
  if ! flock -n 9; then
    log "another build holds ${lock_file}; waiting..."
    flock 9
  fi
else
  log "warning: flock not found; building without a lock"
fi

if complete_with "$bin_dir" "${all_bins[@]}"; then
  log "cluster binaries: warm cache ${bin_dir} (built by a concurrent run)"
  echo "$bin_dir"
  exit 0
fi

export CGO_ENABLED=0 GOTOOLCHAIN=local
# -buildvcs=false: the wrapper modules live in our git repo; do not stamp its
# commit into the binaries (keeps them reproducible across commits).
export GOFLAGS="-modcacherw -buildvcs=false"

tmp_dirs=()
cleanup() { ((${#tmp_dirs[@]} == 0)) || rm -rf "${tmp_dirs[@]}"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

build_family() { # <family> <out dir>
  local f=$1 out=$2 v=${VERSION[$1]} dir="${go_dir}/$1"
  case "$f" in
    etcd)
      (cd "$dir" && go build -trimpath -ldflags "-s -w" -o "${out}/etcd" go.etcd.io/etcd/server/v3) ;;
    kwok)
      (cd "$dir" && go build -trimpath -ldflags "-s -w" -o "${out}/kwok" sigs.k8s.io/kwok/cmd/kwok) ;;
    kubernetes)
      # One invocation so shared packages compile once. Tags match upstream
      # hack/lib/golang.sh for non-debug builds; the version is stamped so
      # /version and the kubelet report it.
      local major=${v#v}; major=${major%%.*}
      local minor=${v#v*.}; minor=${minor%%.*}
      local ldflags="-s -w" pkg
      for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
        ldflags+=" -X ${pkg}.gitVersion=${v} -X ${pkg}.gitMajor=${major} -X ${pkg}.gitMinor=${minor}"
        ldflags+=" -X ${pkg}.gitTreeState=clean -X ${pkg}.buildDate=1970-01-01T00:00:00Z"
      done
      (cd "$dir" && go build -trimpath -tags "selinux,notest,grpcnotrace" -ldflags "$ldflags" -o "${out}/" \
        k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
        k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl \
        k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-proxy) ;;
    containerd)
      local ldflags="-s -w -X github.com/containerd/containerd/v2/version.Version=${v}"
      (cd "$dir" && go build -trimpath -tags "no_btrfs no_devmapper no_zfs" -ldflags "$ldflags" -o "${out}/" \
        github.com/containerd/containerd/v2/cmd/containerd \
        github.com/containerd/containerd/v2/cmd/containerd-shim-runc-v2 \
        github.com/containerd/containerd/v2/cmd/ctr) ;;
    coredns)
      (cd "$dir" && go build -trimpath -ldflags "-s -w" -o "${out}/coredns" github.com/coredns/coredns) ;;
    kube-router)
      (cd "$dir" && go build -trimpath -ldflags "-s -w" -o "${out}/kube-router" \
        github.com/cloudnativelabs/kube-router/v2/cmd/kube-router) ;;
    *) die "unknown family $f" ;;
  esac
}

build_start=$SECONDS
for f in "${FAMILIES[@]}"; do
  fdir="${cache_root}/${KEY[$f]}"
  read -ra bs <<<"${BINS[$f]}"
  if complete_with "$fdir" "${bs[@]}"; then
    log "${f} ${VERSION[$f]}: cached"
    continue
  fi
  rm -rf "$fdir" "${cache_root}/.tmp-${KEY[$f]}."*
  tmp=$(mktemp -d "${cache_root}/.tmp-${KEY[$f]}.XXXXXX"); tmp_dirs+=("$tmp")
  start=$SECONDS
  log "${f} ${VERSION[$f]}: building with ${go_version}..."
  build_family "$f" "$tmp" || die "${f}: go build failed after $((SECONDS - start))s"
  for b in "${bs[@]}"; do [[ -x "${tmp}/${b}" ]] || die "missing binary after build: ${b}"; done
  echo "key=${KEY[$f]} go=${go_version} seconds=$((SECONDS - start))" > "${tmp}/.complete"
  chmod 0755 "$tmp"
  mv "$tmp" "$fdir" # same filesystem: atomic
  log "${f}: done in $((SECONDS - start))s"
done

rm -rf "$bin_dir" "${bin_dir}.tmp"
mkdir -p "${bin_dir}.tmp"
for f in "${FAMILIES[@]}"; do
  read -ra bs <<<"${BINS[$f]}"
  for b in "${bs[@]}"; do ln "${cache_root}/${KEY[$f]}/${b}" "${bin_dir}.tmp/${b}"; done
  echo "${f}=${KEY[$f]}" >> "${bin_dir}.tmp/.families"
done
cp "${bin_dir}.tmp/.families" "${bin_dir}.tmp/.complete"
mv "${bin_dir}.tmp" "$bin_dir"
trap - EXIT

log "cluster binaries: ready in ${bin_dir} ($((SECONDS - build_start))s)"
echo "$bin_dir"
exit 0
}
