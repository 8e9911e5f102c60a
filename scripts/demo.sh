#!/usr/bin/env bash
# The main job. On the embedded local cluster (unless KUBECONFIG names another
# cluster): validate the examples, start the local cluster with its real node
# (kubelet + containerd; root), build floe's images and the local stand-ins of
# the services' images and load them into the node, deploy the local example
# platform (Dagster, the Iceberg REST catalog, MinIO, the registry, the OTel
# collector, Prometheus) and run the orders pipeline as real pods whose data
# lives in the platform. Without root, the kwok-only
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
# Two sets: each platform with its own pipelines (both have a pipeline named orders).
floe validate examples/platform.yaml examples/pipelines/*.yaml
floe validate examples/local/*.yaml

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
  step "images: floe-job, floe-dagster, the example step image and the local stand-ins of the services (built from Debian, PyPI, Maven Central and Go modules; cached)"
  mapfile -t images < <(scripts/build-platform-images.sh)
  printf '  %s\n' "${images[@]}"
  if [[ "$KUBECONFIG" == "$PWD/.floe/dev/kubeconfig" ]]; then
    floe dev load "${images[@]}"
  else
    echo "push these images where your cluster pulls images from (or use the official images: examples/platform.yaml)"
  fi

  step "floe platform deploy -f examples/local/platform.yaml -p examples/local/orders.yaml (Dagster, the Iceberg REST catalog, MinIO, the registry, the OTel collector, Prometheus: real pods)"
  floe platform deploy -f examples/local/platform.yaml -p examples/local/orders.yaml --timeout 900
  floe platform status -f examples/local/platform.yaml
  echo "  not deployed here: Cube and Grafana (their images cannot be built from the package registries: images/stand-ins/README.md)"

  step "floe pipeline run -p examples/local/orders.yaml (dlt -> dbt -> quality, each step its own pod; the tables live in the catalog and MinIO)"
  floe pipeline run -p examples/local/orders.yaml -f examples/local/platform.yaml
  run_id="$(floe job list -n floe-local-jobs --limit 1 -o json | node -e 'const runs = JSON.parse(require("fs").readFileSync(0, "utf8")); process.stdout.write(String((runs[0] ?? {}).runId ?? ""))')"
  if [[ -n "$run_id" ]]; then
    step "floe job logs $run_id (the pods' own output, through the API server and the kubelet)"
    floe job logs "$run_id" -n floe-local-jobs | tail -8
  fi

  kubectl_bin="$(bash packages/local-cluster/scripts/build-binaries.sh --print-dir)/kubectl"
  if [[ "$KUBECONFIG" == "$PWD/.floe/dev/kubeconfig" ]]; then
    step_image=localhost:5001/acme/orders-step:0.1.0
    step "a team's step image from the platform's registry (kind's local-registry pattern): floe dev registry, push ${step_image}, the kubelet pulls it"
    floe dev registry -f examples/local/platform.yaml
    # The example step image (FROM floe-job, with the dbt project), as a team would build it: images/example/Containerfile.
    engine=podman; command -v docker >/dev/null && docker version >/dev/null 2>&1 && engine=docker
    "$engine" tag localhost/floe-example:0.1.0 "$step_image"
    if [[ "$engine" == podman ]]; then podman push --quiet --tls-verify=false "$step_image"; else docker push --quiet "$step_image"; fi
    # Never pre-loaded into the node (floe dev load put only localhost/floe-example there): the kubelet must pull it.
    ctr_bin="$(bash packages/local-cluster/scripts/build-binaries.sh --print-dir)/ctr"
    "$ctr_bin" --address "$PWD/.floe/dev/node/containerd/containerd.sock" -n k8s.io images rm "$step_image" >/dev/null 2>&1 || true
    floe pipeline run -p examples/local/orders-check.yaml -f examples/local/platform.yaml
    check_pod="$("$kubectl_bin" -n floe-local-jobs get pods -l floe.dev/pipeline=orders-check --sort-by=.metadata.creationTimestamp -o jsonpath='{.items[-1:].metadata.name}' 2>/dev/null || true)"
    if [[ -n "$check_pod" ]]; then
      echo "  pod ${check_pod} ran $("$kubectl_bin" -n floe-local-jobs get pod "$check_pod" -o jsonpath='{.status.containerStatuses[0].imageID}')"
      "$kubectl_bin" -n floe-local-jobs get events --field-selector "involvedObject.name=${check_pod}" -o jsonpath='{range .items[?(@.reason=="Pulled")]}  {.reason}: {.message}{"\n"}{end}'
    fi
  fi
  webserver_ip="$("$kubectl_bin" -n floe-local-platform get pod -l app.kubernetes.io/component=webserver -o jsonpath='{.items[0].status.podIP}' 2>/dev/null || true)"
  if [[ -n "$webserver_ip" ]]; then
    step "Dagster runs the orders job in the cluster (launched as the UI does): daemon -> run worker Job (floe-dagster) -> one step Job per op (floe job run)"
    mkdir -p .floe
    node scripts/dagster-launch.mjs "http://${webserver_ip}:3000" orders 600 | tee .floe/dagster-launch.log
    dagster_run="$(sed -n 's/^launched Dagster run \([^ ]*\) .*/\1/p' .floe/dagster-launch.log)"
    echo "  its Jobs in floe-local-jobs (the run worker, then one per step):"
    "$kubectl_bin" -n floe-local-jobs get jobs "dagster-run-${dagster_run}"
    "$kubectl_bin" -n floe-local-jobs get jobs -l "floe.dev/run-id=${dagster_run}"
  fi
  step "the Dagster UI (the orders job and its schedule, loaded from the code location)"
  if [[ -n "$webserver_ip" ]]; then echo "  from this host: http://${webserver_ip}:3000 (the pod's address: the node routes to it)"; fi
  echo "  or: $kubectl_bin -n floe-local-platform port-forward svc/acme-local-dagster-webserver 3000:3000, then http://localhost:3000"
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
