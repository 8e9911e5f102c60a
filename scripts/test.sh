#!/usr/bin/env bash
# Every test of the project: build, lint, typecheck, unit tests, the packed
# consumer check. What `make test` and CI run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$SECONDS
scripts/install-dependencies.sh
# shellcheck source=./toolchain.sh
source scripts/toolchain.sh
pnpm turbo run build lint typecheck test --output-logs=errors-only
pnpm test:consumer
echo "all tests passed in $((SECONDS - started)) s"
