"""Shared fixtures: the example pipelines compiled by the real `floe render --compiled-dir` (see scripts/test-python-orchestrator.sh)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dagster_floe import CodeLocationSettings, load_compiled_pipelines

REPO = Path(__file__).resolve().parents[3]
SCHEMA = REPO / "packages/spec/schema/pipeline.schema.json"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    directory = os.environ.get("FLOE_TEST_EXAMPLES_DIR")
    if not directory:
        pytest.fail("FLOE_TEST_EXAMPLES_DIR is not set: run the tests through scripts/test-python-orchestrator.sh, which compiles the examples")
    return Path(directory)


@pytest.fixture(scope="session")
def settings(examples_dir: Path) -> CodeLocationSettings:
    return CodeLocationSettings(pipelines_dir=examples_dir, platform_file=REPO / "examples/platform.yaml", schema_file=SCHEMA, floe_command=("floe",))


@pytest.fixture(scope="session")
def pipelines(settings: CodeLocationSettings):
    return load_compiled_pipelines(settings.pipelines_dir, settings.schema_file)


def write_compiled(directory: Path, document: dict) -> Path:
    file = directory / f"{document['metadata']['name']}.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    return file
