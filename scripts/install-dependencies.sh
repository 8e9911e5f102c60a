#!/usr/bin/env bash
# Installs the workspace's npm dependencies with the pinned pnpm (lockfile must be current).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=./toolchain.sh
source scripts/toolchain.sh
pnpm install --frozen-lockfile --reporter=append-only
