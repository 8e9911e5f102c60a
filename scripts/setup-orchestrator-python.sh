#!/usr/bin/env bash
# Creates (or reuses) the Python venv of the Dagster code location
# (orchestrator/dagster-floe: pinned dagster, dagster-k8s, dagster-postgres,
# jsonschema, pytest) and prints its path as the last stdout line — the same
# cached, locked, marked-complete venv as setup-python.sh, from its own lock.
# The package itself is not installed: tests put its src/ on PYTHONPATH, so
# one venv serves every checkout.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$repo_root/scripts/setup-python.sh" "$repo_root/orchestrator/dagster-floe/requirements.txt"
