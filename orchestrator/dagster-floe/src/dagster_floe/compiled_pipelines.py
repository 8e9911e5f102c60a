"""Reads the compiled pipelines (`<name>.json`, one per Pipeline) and checks them against @floe/spec's JSON Schema."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator


class InvalidCompiledPipelineError(Exception):
    """A compiled pipeline file does not match the Pipeline JSON Schema (or its own file name)."""


@dataclass(frozen=True)
class CompiledPipeline:
    name: str
    # The file `floe job run -p` is given: the compiled JSON is itself a valid Pipeline document.
    file: Path
    spec: dict[str, Any]

    @property
    def steps(self) -> list[dict[str, Any]]:
        return self.spec["spec"]["steps"]

    @property
    def retry(self) -> dict[str, Any]:
        return self.spec["spec"]["retry"]

    @property
    def schedule(self) -> dict[str, Any] | None:
        return self.spec["spec"].get("schedule")

    @property
    def triggers(self) -> list[dict[str, Any]]:
        return self.spec["spec"].get("triggers", [])


def load_compiled_pipelines(directory: Path, schema_file: Path) -> list[CompiledPipeline]:
    """Every `*.json` in `directory`, sorted by name; a missing directory means no pipelines."""
    if not directory.is_dir():
        return []
    validator = Draft202012Validator(json.loads(schema_file.read_text(encoding="utf-8")))
    pipelines = [_load(file, validator) for file in sorted(directory.glob("*.json"))]
    return sorted(pipelines, key=lambda pipeline: pipeline.name)


def _load(file: Path, validator: Draft202012Validator) -> CompiledPipeline:
    try:
        spec = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InvalidCompiledPipelineError(f"{file}: not JSON ({error}); recompile it with `floe render`") from error
    problems = sorted(validator.iter_errors(spec), key=lambda problem: list(problem.absolute_path))
    if problems:
        details = "; ".join(f"{_path(problem.absolute_path)}: {problem.message}" for problem in problems[:5])
        raise InvalidCompiledPipelineError(f"{file}: not a valid floe Pipeline: {details}")
    name = spec["metadata"]["name"]
    if file.stem != name:
        raise InvalidCompiledPipelineError(f"{file}: holds pipeline {name!r}; compiled pipelines are named <name>.json")
    return CompiledPipeline(name=name, file=file, spec=spec)


def _path(parts: Any) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts).lstrip(".") or "(document)"
