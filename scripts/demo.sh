#!/usr/bin/env bash
# The main job: validate the example platform and pipelines with the floe CLI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-dependencies.sh
# shellcheck source=./toolchain.sh
source scripts/toolchain.sh
pnpm turbo run build --filter=@floe/cli... --output-logs=errors-only
floe() { node apps/cli/dist/cli.js "$@"; }
echo "== floe validate (example platform and pipelines)"
floe validate examples/platform.yaml examples/pipelines/*.yaml
