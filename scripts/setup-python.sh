#!/usr/bin/env bash
# Creates (or reuses) the Python venv with the pinned dbt-core, dbt-duckdb and
# dlt that floe-job runs, and prints its path as the last stdout line.
#
# The venv lives outside the repo, keyed by the sha256 of python/requirements.txt:
#   ${FLOE_CACHE_DIR:-$HOME/.cache/floe}/venv/<sha256>
# so it is built once per set of pins and reused afterwards. A venv is not
# relocatable, so it is built in place under a lock and marked complete last;
# a half-built venv (interrupted run) is removed and rebuilt.
#
# Usage: scripts/setup-python.sh [requirements.txt]
# Env: FLOE_CACHE_DIR (cache root), FLOE_PYTHON (interpreter, default python3).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The pins: python/requirements.txt (floe-job: dbt, dlt) unless another lock is given.
requirements="$(realpath "${1:-$repo_root/python/requirements.txt}")"
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
  echo "setup-python: creating $venv from $requirements" >&2
  started=$SECONDS
  "$python" -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" >&2
  "$venv/bin/python" -m pip check >&2
  touch "$marker"
  echo "setup-python: built in $((SECONDS - started)) s" >&2
fi

echo "$venv"
