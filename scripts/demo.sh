#!/usr/bin/env bash
# The main job: validate the example platform and pipelines, then bring up
# the local cluster (unless KUBECONFIG names another one) and show it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-dependencies.sh
# shellcheck source=./toolchain.sh
source scripts/toolchain.sh
pnpm turbo run build --filter=@floe/cli... --output-logs=errors-only
floe() { node apps/cli/dist/cli.js "$@"; }

echo "== floe validate (example platform and pipelines)"
floe validate examples/platform.yaml examples/pipelines/*.yaml

if [[ -n "${KUBECONFIG:-}" ]]; then
  echo "== using the cluster of KUBECONFIG=${KUBECONFIG}"
else
  echo "== floe dev up (local control plane: etcd, kube-apiserver, controller-manager, scheduler, kwok)"
  bin_dir=$(bash packages/local-cluster/scripts/build-binaries.sh | tail -1)
  floe dev up
  export KUBECONFIG="$PWD/.floe/dev/kubeconfig"
  floe dev status
  "$bin_dir/kubectl" get nodes -o wide
fi
