#!/usr/bin/env bash
# The main job. On the embedded local cluster (unless KUBECONFIG names another
# cluster): validate the examples, start the local cluster with its real node
# (kubelet + containerd; root), build floe's step image and the example step
# image and load them into the node, deploy the jobs layer of the local example
# platform, and run a pipeline step as a real pod. Without root, the kwok-only
# cluster runs the full example platform (no container starts there).
# The local cluster keeps running afterwards (`floe dev down` stops it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-dependencies.sh
# shellcheck source=./toolchain.sh
source scripts/toolchain.sh
pnpm turbo run build --filter=@floe/cli... --output-logs=errors-only
# The same `floe` users put on PATH (bin/floe: the built CLI with a Node.js >= 22).
export PATH="$PWD/bin:$PATH"
step() { printf '\n== %s\n' "$*"; }

step "floe validate (example platforms and pipelines)"
floe validate examples/platform.yaml examples/pipelines/*.yaml examples/local/*.yaml

real_node=1
if [[ -n "${KUBECONFIG:-}" ]]; then
  step "using the cluster of KUBECONFIG=${KUBECONFIG}"
elif [[ $(id -u) -ne 0 ]]; then
  real_node=0
  step "floe dev up --no-real-node (not root: the real node needs root, as kind needs a Docker engine; kwok nodes run no container)"
  bash packages/local-cluster/scripts/build-binaries.sh >/dev/null
  floe dev up --no-real-node --fake-nodes 1
  export KUBECONFIG="$PWD/.floe/dev/kubeconfig"
else
  step "floe dev up (control plane + a real node: kubelet, containerd, CNI bridge, kube-proxy, CoreDNS, NetworkPolicies)"
  bash packages/local-cluster/scripts/build-binaries.sh >/dev/null
  packages/local-cluster/scripts/install-node-packages.sh
  floe dev up
  export KUBECONFIG="$PWD/.floe/dev/kubeconfig"
fi

if ((real_node)); then
  step "images: floe-job, and the example step image FROM it (examples/dbt and examples/data), loaded into the node"
  job_image="$(scripts/build-image.sh floe-job | tail -1)"
  engine=podman
  if command -v docker >/dev/null && docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then engine=docker; fi
  "$engine" build --network=none -q -f images/example/Containerfile --build-arg "FLOE_JOB_IMAGE=$job_image" \
    -t localhost/floe-example:0.1.0 examples >/dev/null
  if [[ "$KUBECONFIG" == "$PWD/.floe/dev/kubeconfig" ]]; then
    floe dev load "$job_image" localhost/floe-example:0.1.0
  else
    echo "push $job_image and localhost/floe-example:0.1.0 where your cluster pulls images from"
  fi

  step "floe platform deploy -f examples/local/platform.yaml (the jobs layer: namespaces, inherited config, RBAC, NetworkPolicies)"
  floe platform deploy -f examples/local/platform.yaml --timeout 300
  floe platform status -f examples/local/platform.yaml

  step "floe pipeline run -p examples/local/ingest-orders.yaml (dlt in a real pod on the real node)"
  floe pipeline run -p examples/local/ingest-orders.yaml -f examples/local/platform.yaml
  run_id="$(floe job list -n floe-local-jobs --limit 1 -o json | node -e 'const runs = JSON.parse(require("fs").readFileSync(0, "utf8")); process.stdout.write(String((runs[0] ?? {}).runId ?? ""))')"
  if [[ -n "$run_id" ]]; then
    step "floe job logs $run_id (the pod's own output, through the API server and the kubelet)"
    floe job logs "$run_id" -n floe-local-jobs | tail -8
  fi

  step "what the full example platform deploys (floe render): its services need images built for this machine (next: issue 13)"
  floe render -f examples/platform.yaml -p examples/pipelines/orders.yaml -o .floe/render >/dev/null
  ls .floe/render
else
  step "floe platform deploy -f examples/platform.yaml (on kwok nodes: reported Ready, nothing runs)"
  floe platform deploy -f examples/platform.yaml --timeout 300
  floe platform status -f examples/platform.yaml
  step "floe pipeline run -p examples/pipelines/orders.yaml (Jobs on kwok nodes)"
  floe pipeline run -p examples/pipelines/orders.yaml -f examples/platform.yaml
fi

if [[ "${KUBECONFIG}" == "$PWD/.floe/dev/kubeconfig" ]]; then
  printf '\nThe local cluster keeps running. To use it with the floe command:\n  export PATH="%s/bin:$PATH" KUBECONFIG=%s\n  floe job list -n floe-local-jobs\nstop it (and restore the host) with: floe dev down\n' "$PWD" "$KUBECONFIG"
fi
