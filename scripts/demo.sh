#!/usr/bin/env bash
# The main job: validate the example platform and pipelines, bring up the
# local cluster (unless KUBECONFIG names another one), deploy the example
# platform, show its status, and run the example pipeline through the job
# runner. The local cluster keeps running afterwards (`floe dev down` stops it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-dependencies.sh
# shellcheck source=./toolchain.sh
source scripts/toolchain.sh
pnpm turbo run build --filter=@floe/cli... --output-logs=errors-only
# The same `floe` users put on PATH (bin/floe: the built CLI with a Node.js >= 22).
export PATH="$PWD/bin:$PATH"
step() { printf '\n== %s\n' "$*"; }

step "floe validate (example platform and pipelines)"
floe validate examples/platform.yaml examples/pipelines/*.yaml

if [[ -n "${KUBECONFIG:-}" ]]; then
  step "using the cluster of KUBECONFIG=${KUBECONFIG}"
else
  step "floe dev up (local control plane: etcd, kube-apiserver, controller-manager, scheduler, kwok)"
  bash packages/local-cluster/scripts/build-binaries.sh >/dev/null
  floe dev up
  export KUBECONFIG="$PWD/.floe/dev/kubeconfig"
fi

step "floe platform deploy -f examples/platform.yaml"
floe platform deploy -f examples/platform.yaml --timeout 300

step "floe platform status"
floe platform status -f examples/platform.yaml

step "floe pipeline run -p examples/pipelines/orders.yaml (every step as a Job, retries by the pipeline's policy)"
floe pipeline run -p examples/pipelines/orders.yaml -f examples/platform.yaml

step "floe job list"
floe job list --limit 5

if [[ "${KUBECONFIG}" == "$PWD/.floe/dev/kubeconfig" ]]; then
  printf '\nThe local cluster keeps running. To use it with the floe command:\n  export PATH="%s/bin:$PATH" KUBECONFIG=%s\n  floe platform status -f examples/platform.yaml\nstop it with: floe dev down\n' "$PWD" "$KUBECONFIG"
fi
