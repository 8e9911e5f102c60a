"""
In-process Dagster runs that drive real step Jobs through the real floe CLI.

Driven by packages/manifests/test/integration/dagster-execution.test.ts,
which sets up a jobs namespace on the shared local cluster, compiles the
pipelines below into FLOE_TEST_CLUSTER_DIR/pipelines (+ platform.json), and
sets KUBECONFIG and FLOE_BIN. It then checks the Jobs in the cluster against
FLOE_TEST_CLUSTER_DIR/report.json.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

import pytest

from conftest import SCHEMA
from dagster_floe import CodeLocationSettings, load_compiled_pipelines
from execution import execute_pipeline

CLUSTER_DIR = os.environ.get("FLOE_TEST_CLUSTER_DIR")
pytestmark = [pytest.mark.cluster, pytest.mark.skipif(not CLUSTER_DIR, reason="run by the vitest integration test dagster-execution.test.ts")]


@pytest.fixture(scope="module")
def cluster_settings() -> CodeLocationSettings:
    directory = Path(CLUSTER_DIR or "")
    return CodeLocationSettings(pipelines_dir=directory / "pipelines", platform_file=directory / "platform.json", schema_file=SCHEMA, floe_command=CodeLocationSettings.from_env().floe_command)


@pytest.fixture(scope="module")
def reports():
    collected: dict[str, dict] = {}
    yield collected
    (Path(CLUSTER_DIR or "") / "report.json").write_text(json.dumps(collected, indent=2), encoding="utf-8")


def run(name: str, settings: CodeLocationSettings, reports: dict):
    pipeline = next(p for p in load_compiled_pipelines(settings.pipelines_dir, settings.schema_file) if p.name == name)
    report = execute_pipeline(pipeline, settings)
    reports[name] = asdict(report)
    return report


def test_runs_every_step_as_a_job_in_dependency_order(cluster_settings, reports):
    report = run("dagster-ok", cluster_settings, reports)
    assert report.success, report
    assert {name: step.succeeded for name, step in report.steps.items()} == {"load": True, "build": True}


def test_retries_a_retryable_failure_with_a_new_attempt_each_time(cluster_settings, reports):
    report = run("dagster-flaky", cluster_settings, reports)
    assert not report.success
    flaky = report.steps["flaky"]
    assert flaky.retries == 2, report
    assert (flaky.failure_metadata["failure_class"], flaky.failure_metadata["retryable"], flaky.failure_metadata["attempt"]) == ("AppError", True, 3)
    assert flaky.failure_metadata["exit_code"] == 1
    # The real CLI's result carries the attempt's recorded report (on kwok: the injected exit and the pod's state).
    report = flaky.failure_metadata["failure_report"]
    assert (report["attempt"], report["status"], report["failure"]["class"]) == (3, "Failed", "AppError"), report
    assert report["containers"][0]["state"]["exitCode"] == 1, report
    assert " job explain " in flaky.failure_metadata["explain"] and "--step flaky" in flaky.failure_metadata["explain"]


def test_does_not_retry_a_configuration_error(cluster_settings, reports):
    report = run("dagster-config", cluster_settings, reports)
    assert not report.success
    step = report.steps["needs_secret"]
    assert step.retries == 0, report
    assert (step.failure_metadata["failure_class"], step.failure_metadata["retryable"]) == ("ConfigError", False), report
