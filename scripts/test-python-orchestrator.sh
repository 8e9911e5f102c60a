#!/usr/bin/env bash
# Tests of the Dagster code location (orchestrator/dagster-floe) with pytest:
# compiles the example pipelines with the built floe CLI (`floe render
# --compiled-dir`), then loads and executes the code location against them.
# Cluster-driven tests are skipped here; the vitest integration test
# packages/manifests/test/integration/dagster-execution.test.ts runs them.
# Needs the workspace built (apps/cli/dist) and Node on PATH (scripts/toolchain.sh).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
venv="$(scripts/setup-orchestrator-python.sh | tail -n 1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node apps/cli/dist/cli.js render -f examples/platform.yaml \
  -p examples/pipelines/orders.yaml -p examples/pipelines/nightly-marts.yaml \
  -o "$work/manifests" --compiled-dir "$work/pipelines" 2>/dev/null
FLOE_TEST_EXAMPLES_DIR="$work/pipelines" \
FLOE_PIPELINE_SCHEMA="$PWD/packages/spec/schema/pipeline.schema.json" \
PYTHONPATH="$PWD/orchestrator/dagster-floe/src:$PWD/orchestrator/dagster-floe/tests" \
  "$venv/bin/python" -m pytest -q orchestrator/dagster-floe/tests "$@"
