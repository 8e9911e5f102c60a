"""Parity of cron: the corpus that @floe/spec's findCronProblem is tested against (cron-dagster-corpus.json)
must hold the verdicts of the pinned Dagster, as the code location meets them when it loads a schedule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dagster import ScheduleDefinition, job, op
from dagster._check import CheckError
from dagster._core.errors import DagsterInvalidDefinitionError

CORPUS = Path(__file__).resolve().parents[3] / "packages/spec/src/rules/cron-dagster-corpus.json"
ENTRIES = json.loads(CORPUS.read_text(encoding="utf-8"))["expressions"]


@op
def noop() -> None:
    pass


@job
def probe() -> None:
    noop()


def dagster_accepts(expression: str) -> bool:
    try:
        ScheduleDefinition(name="probe_schedule", cron_schedule=expression, job=probe)
    except (DagsterInvalidDefinitionError, CheckError):
        return False
    return True


@pytest.mark.parametrize("entry", ENTRIES, ids=[repr(entry["expression"]) for entry in ENTRIES])
def test_the_corpus_holds_the_verdicts_of_the_pinned_dagster(entry):
    assert dagster_accepts(entry["expression"]) == entry["dagster"]


def test_floe_refuses_only_expressions_dagster_accepts():
    assert [entry["expression"] for entry in ENTRIES if "floeRefuses" in entry and not entry["dagster"]] == []
