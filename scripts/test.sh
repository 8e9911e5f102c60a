#!/usr/bin/env bash
# Every test of the project: build, lint, typecheck, unit tests, the packed
# consumer check, the integration tests against a real local control plane
# (kwok nodes), the runtime-image tests, and the tests of container behaviour
# on the local cluster's real node (kubelet + containerd; needs root). What
# `make test` and CI run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$SECONDS
# The local clusters live in the temp directory; a real node there under 2% free takes no pod (see packages/local-cluster).
echo "make test: $(df -h --output=avail "${TMPDIR:-/tmp}" | tail -1 | tr -d ' ') free in ${TMPDIR:-/tmp}, where the local clusters live" >&2
scripts/install-dependencies.sh
# shellcheck source=./toolchain.sh
source scripts/toolchain.sh
# Every package whose behaviour changed since the base names a changeset (see the script for the base).
node scripts/check-changesets.mjs
pnpm turbo run build --output-logs=errors-only
# A machine has one real node, and `make demo` leaves this checkout's local cluster running on it
# (README: the two commands in a row): stop that cluster first, with its state, and say so, before any
# test: its platform keeps 2 cores busy, enough to time out unit tests that wait on sockets.
if [[ -d .floe/dev ]]; then
  echo "make test: stopping this checkout's local cluster (make demo leaves it running; the real-node tests need the machine's one real node; \`make demo\` starts it again)" >&2
  bin/floe dev down
fi
pnpm turbo run lint typecheck test --output-logs=errors-only
pnpm test:consumer
# Python tests of the Dagster code location (orchestrator/dagster-floe); needs the CLI built above.
scripts/test-python-orchestrator.sh
# The local cluster's binaries (control plane, kwok, the real node's parts; built once per input, cached outside the repo).
bash packages/local-cluster/scripts/build-binaries.sh >/dev/null
pnpm test:integration
# The floe-dagster image (code location and run workers): built the same way, run as the rendered
# code-location Deployment says, serving the example pipelines over gRPC.
pnpm --filter @floe/manifests exec vitest run --config test/image/vitest.config.ts
# Stand-ins built from Debian, PyPI and Maven Central (postgres, dagster, iceberg-rest), run as the rendered manifests say.
pnpm --filter @floe/manifests exec vitest run --config test/stand-ins-pkg/vitest.config.ts
# Stand-ins built from Go modules (registry, MinIO, mc, Prometheus, collector, metrics-server; cached), run as rendered, checked by their own protocols.
pnpm --filter @floe/manifests exec vitest run --config test/stand-ins/vitest.config.ts
# Runtime image (issue 8): builds the floe-job image (cached by its inputs hash;
# installs podman when no Docker engine answers) and runs it as the pipeline
# pod template says. See images/README.md.
pnpm --filter @floe/job-entrypoint exec vitest run --config test/image/vitest.config.ts
# The real node (issue 12): Debian's runc, CNI plugins, iptables, ipset, ... when missing;
# then container behaviour on the real node with the floe-job image loaded into it,
# then the host before/after check of a real node's start and `floe dev down`.
packages/local-cluster/scripts/install-node-packages.sh
FLOE_JOB_IMAGE="$(scripts/build-image.sh | tail -1)" pnpm test:real-node
# The platform on the real node (issues 13-14): every image of examples/local/platform.yaml (floe's own and
# the local stand-ins, cached), `floe platform deploy`, each service checked from the inside, NetworkPolicies
# by real connections, upgrades in place, and the orders pipeline with its data in the platform.
FLOE_PLATFORM_IMAGES="$(scripts/build-platform-images.sh)" pnpm test:platform
pnpm test:real-node-host
echo "all tests passed in $((SECONDS - started)) s"
