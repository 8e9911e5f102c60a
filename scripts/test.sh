#!/usr/bin/env bash
# Every test of the project: build, lint, typecheck, unit tests, the packed
# consumer check, and the integration tests against a real local control
# plane. What `make test` and CI run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$SECONDS
scripts/install-dependencies.sh
# shellcheck source=./toolchain.sh
source scripts/toolchain.sh
pnpm turbo run build lint typecheck test --output-logs=errors-only
pnpm test:consumer
# Python tests of the Dagster code location (orchestrator/dagster-floe); needs the CLI built above.
scripts/test-python-orchestrator.sh
# The control-plane binaries for the integration tests (built once, then cached outside the repo).
bash packages/local-cluster/scripts/build-binaries.sh >/dev/null
pnpm test:integration
# The floe-dagster image (code location and run workers): built the same way, run as the rendered
# code-location Deployment says, serving the example pipelines over gRPC.
pnpm --filter @floe/manifests exec vitest run --config test/image/vitest.config.ts
# Runtime image (issue 8): builds the floe-job image (cached by its inputs hash;
# installs podman when no Docker engine answers) and runs it as the pipeline
# pod template says. See images/README.md.
pnpm --filter @floe/job-entrypoint exec vitest run --config test/image/vitest.config.ts
echo "all tests passed in $((SECONDS - started)) s"
