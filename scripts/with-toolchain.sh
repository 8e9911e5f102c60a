#!/usr/bin/env bash
# Runs a command with the project's toolchain on PATH: `scripts/with-toolchain.sh pnpm test`.
set -euo pipefail
# shellcheck source=./toolchain.sh
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
exec "$@"
