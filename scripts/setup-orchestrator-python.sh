#!/usr/bin/env bash
# Creates (or reuses) the Python venv of the Dagster code location
# (orchestrator/dagster-floe: pinned dagster, dagster-k8s, dagster-postgres,
# jsonschema, pytest) and prints its path as the last stdout line.
#
# Same scheme as setup-python.sh, with its own lock file: the venv lives
# outside the repo, keyed by the sha256 of the requirements lock,
#   ${FLOE_CACHE_DIR:-$HOME/.cache/floe}/venv/<sha256>
# built once under a lock and marked complete last; a half-built venv is
# removed and rebuilt. The package itself is not installed: tests put its
# src/ on PYTHONPATH, so one venv serves every checkout.
#
# Env: FLOE_CACHE_DIR (cache root), FLOE_PYTHON (interpreter, default python3).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requirements="$repo_root/orchestrator/dagster-floe/requirements.txt"
python="${FLOE_PYTHON:-python3}"
cache_root="${FLOE_CACHE_DIR:-$HOME/.cache/floe}"

hash="$(sha256sum "$requirements" | cut -d' ' -f1)"
venv="$cache_root/venv/$hash"
marker="$venv/.floe-complete"

mkdir -p "$cache_root/venv"
exec 9>"$cache_root/venv/$hash.lock"
flock 9

if [[ ! -f "$marker" ]]; then
  rm -rf "$venv"
  echo "setup-orchestrator-python: creating $venv from $requirements" >&2
  started=$SECONDS
  "$python" -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" >&2
  "$venv/bin/python" -m pip check >&2
  touch "$marker"
  echo "setup-orchestrator-python: built in $((SECONDS - started)) s" >&2
fi

echo "$venv"
