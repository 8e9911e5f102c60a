"""In-process execution against a stand-in `floe` that answers per step, as the CLI contract says."""

from __future__ import annotations

import json
import stat
import sys
from dataclasses import replace
from pathlib import Path

from conftest import SCHEMA, write_compiled
from dagster_floe import load_compiled_pipelines
from execution import execute_pipeline

FAKE_FLOE = """
import json, sys
args = sys.argv[1:]
step = args[args.index("--step") + 1]
attempt = int(args[args.index("--attempt") + 1])
run_id = args[args.index("--run-id") + 1]
with open(CALLS, "a") as calls:
    calls.write(json.dumps({"step": step, "attempt": attempt, "runId": run_id}) + "\\n")
job = f"p-{step}-{run_id[:8]}-a{attempt}"
if step == "flaky":
    print(json.dumps({"status": "Failed", "jobName": job, "failure": {"class": "AppError", "retryable": True, "reason": "BackoffLimitExceeded", "message": "boom", "exitCode": 1}}))
    sys.exit(1)
if step == "hungry":
    # floe's runner makes OOMKilled retryable under retry.onOOM and gives attempt 2 twice the memory.
    limit = "1Gi" if attempt == 1 else "2Gi"
    report = {"step": step, "attempt": attempt, "memory": {"limit": limit}, "events": [], "containers": []}
    if attempt == 1:
        print(json.dumps({"status": "Failed", "namespace": "floe-jobs", "jobName": job, "report": {**report, "status": "Failed"}, "failure": {"class": "OOMKilled", "retryable": True, "reason": "OOMKilled", "message": "out of memory", "exitCode": 137}}))
        sys.exit(20)
    print(json.dumps({"status": "Succeeded", "namespace": "floe-jobs", "jobName": job, "report": {**report, "status": "Succeeded"}}))
    sys.exit(0)
if step == "starved":
    report = {"step": step, "attempt": attempt, "memory": {"limit": "4Gi"}, "events": [{"reason": "Failed", "count": 2}], "containers": []}
    print(json.dumps({"status": "Failed", "namespace": "floe-jobs", "jobName": job, "report": report, "failure": {"class": "OOMKilled", "retryable": False, "reason": "OOMKilled", "message": "already at retry.onOOM.maxMemory 4Gi", "exitCode": 137}}))
    sys.exit(20)
if step == "misconfigured":
    print(json.dumps({"status": "Failed", "jobName": job, "failure": {"class": "ConfigError", "retryable": False, "reason": "EX_CONFIG", "message": "bad profile", "exitCode": 78, "summary": {"error": "bad profile"}}}))
    sys.exit(1)
print(json.dumps({"status": "Succeeded", "jobName": job}))
"""


def pipeline_document(steps: list[dict], max_attempts: int) -> dict:
    return {
        "apiVersion": "floe.dev/v1",
        "kind": "Pipeline",
        "metadata": {"name": "fake", "owner": "tests", "labels": {}},
        "spec": {
            "platform": "acme-data",
            "triggers": [],
            "retry": {"maxAttempts": max_attempts, "backoff": {"initialSeconds": 0, "multiplier": 2, "maxSeconds": 0, "jitter": False}},
            "dbt": {"projectDir": "/opt/floe/dbt", "target": "floe"},
            "defaults": {},
            "steps": [{"type": "dbt", "command": "run", "select": [], "exclude": [], "fullRefresh": False, "vars": {}, "env": [], "dependsOn": [], **step} for step in steps],
        },
    }


def run_fake(tmp_path: Path, settings, steps: list[dict], max_attempts: int = 3):
    calls = tmp_path / "calls.jsonl"
    script = tmp_path / "floe"
    script.write_text(f"#!{sys.executable}\nCALLS = {str(calls)!r}\n{FAKE_FLOE}", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    pipelines_dir = tmp_path / "pipelines"
    pipelines_dir.mkdir()
    write_compiled(pipelines_dir, pipeline_document(steps, max_attempts))
    [pipeline] = load_compiled_pipelines(pipelines_dir, SCHEMA)
    report = execute_pipeline(pipeline, replace(settings, floe_command=(str(script),)))
    return report, [json.loads(line) for line in calls.read_text().splitlines()]


def test_runs_the_steps_in_dependency_order_with_the_dagster_run_id(tmp_path, settings):
    report, calls = run_fake(tmp_path, settings, [{"name": "load"}, {"name": "build", "dependsOn": ["load"]}])
    assert report.success
    assert [(call["step"], call["attempt"]) for call in calls] == [("load", 1), ("build", 1)]
    assert {call["runId"] for call in calls} == {report.run_id}


def test_retries_a_retryable_failure_the_policys_number_of_times_then_fails_with_its_class(tmp_path, settings):
    report, calls = run_fake(tmp_path, settings, [{"name": "flaky"}, {"name": "after", "dependsOn": ["flaky"]}])
    assert not report.success
    assert [(call["step"], call["attempt"]) for call in calls] == [("flaky", 1), ("flaky", 2), ("flaky", 3)]
    assert report.steps["flaky"].retries == 2
    assert report.steps["flaky"].failure_metadata["failure_class"] == "AppError"
    assert report.steps["flaky"].failure_metadata["attempt"] == 3
    assert not report.steps["after"].succeeded


def test_fails_a_config_error_at_once_with_exit_code_and_termination_summary(tmp_path, settings):
    report, calls = run_fake(tmp_path, settings, [{"name": "misconfigured"}])
    assert not report.success
    assert [call["attempt"] for call in calls] == [1]
    assert report.steps["misconfigured"].retries == 0
    metadata = report.steps["misconfigured"].failure_metadata
    assert (metadata["failure_class"], metadata["retryable"], metadata["exit_code"], metadata["termination_summary"]) == ("ConfigError", False, 78, {"error": "bad profile"})


def test_retries_an_oom_killed_step_when_floe_says_it_may_and_records_the_memory(tmp_path, settings):
    report, calls = run_fake(tmp_path, settings, [{"name": "hungry"}])
    assert report.success
    assert [call["attempt"] for call in calls] == [1, 2]
    assert report.steps["hungry"].retries == 1


def test_attaches_the_failure_report_and_the_explain_command_to_the_failure(tmp_path, settings):
    report, calls = run_fake(tmp_path, settings, [{"name": "starved"}])
    assert not report.success
    assert [call["attempt"] for call in calls] == [1]
    metadata = report.steps["starved"].failure_metadata
    assert (metadata["failure_class"], metadata["retryable"], metadata["memory_limit"]) == ("OOMKilled", False, "4Gi")
    assert metadata["failure_report"]["events"] == [{"reason": "Failed", "count": 2}]
    assert metadata["explain"].endswith(f"job explain {report.run_id} --step starved -n floe-jobs")
