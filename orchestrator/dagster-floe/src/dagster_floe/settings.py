"""Where the code location finds its inputs: everything comes from env, set by @floe/manifests."""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# Mount points of the compiled-pipelines and platform ConfigMaps (see packages/manifests/src/dagster/code-location-paths.ts).
DEFAULT_PIPELINES_DIR = "/etc/floe/pipelines"
DEFAULT_PLATFORM_FILE = "/etc/floe/platform/platform.json"


class SettingsError(Exception):
    """The code location's environment is incomplete; the message says which variable to set."""


@dataclass(frozen=True)
class CodeLocationSettings:
    pipelines_dir: Path
    platform_file: Path
    schema_file: Path
    # The floe CLI as an argv prefix, e.g. ("floe",) or ("node", "/opt/floe/cli.js").
    floe_command: tuple[str, ...]

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> CodeLocationSettings:
        env = os.environ if env is None else env
        command = tuple(shlex.split(env.get("FLOE_BIN", "floe")))
        if not command:
            raise SettingsError("FLOE_BIN is empty: set it to the floe CLI, e.g. FLOE_BIN=floe")
        return cls(
            pipelines_dir=Path(env.get("FLOE_PIPELINES_DIR", DEFAULT_PIPELINES_DIR)),
            platform_file=Path(env.get("FLOE_PLATFORM_FILE", DEFAULT_PLATFORM_FILE)),
            schema_file=_schema_file(env),
            floe_command=command,
        )


def _schema_file(env: Mapping[str, str]) -> Path:
    """FLOE_PIPELINE_SCHEMA, else the copy shipped as package data by the image build."""
    if env.get("FLOE_PIPELINE_SCHEMA"):
        return Path(env["FLOE_PIPELINE_SCHEMA"])
    shipped = Path(str(resources.files("dagster_floe").joinpath("schema/pipeline.schema.json")))
    if not shipped.is_file():
        raise SettingsError(
            "no pipeline JSON Schema: set FLOE_PIPELINE_SCHEMA to packages/spec/schema/pipeline.schema.json, "
            "or copy it to src/dagster_floe/schema/ before building the package"
        )
    return shipped
