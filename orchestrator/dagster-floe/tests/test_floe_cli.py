"""The CLI contract of `floe job run --output json`, against a stand-in script (the real CLI runs in the cluster tests)."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest
from dagster_floe import owner_pod_from_env, result_from_document, retry_delay_seconds, run_step_attempt, step_explain_argv, step_job_run_argv


def fake_floe(tmp_path: Path, body: str) -> tuple[str, ...]:
    script = tmp_path / "floe"
    script.write_text(f"#!{sys.executable}\nimport json, sys\nargs = sys.argv[1:]\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return (str(script),)


def test_passes_the_documented_flags():
    argv = step_job_run_argv(("node", "cli.js"), Path("/p/orders.json"), Path("/p/platform.json"), "build-models", "run-1", 2)
    assert argv == ["node", "cli.js", "job", "run", "-p", "/p/orders.json", "-f", "/p/platform.json", "--step", "build-models", "--run-id", "run-1", "--attempt", "2", "--wait", "--output", "json"]


def test_names_the_run_worker_pod_as_owner_of_the_step_job():
    env = {"K8S_NAMESPACE_NAME": "floe-jobs", "K8S_POD_NAME": "dagster-run-1-abcde", "K8S_POD_UID": "0b7c5e7e-9a53-4a43-9d3c-5f0c9a1d2e3f"}
    owner = owner_pod_from_env(env)
    assert owner == "floe-jobs/dagster-run-1-abcde/0b7c5e7e-9a53-4a43-9d3c-5f0c9a1d2e3f"
    argv = step_job_run_argv(("floe",), Path("/p/orders.json"), Path("/p/platform.json"), "build-models", "run-1", 1, owner_pod=owner)
    assert argv[-2:] == ["--owned-by-pod", owner]
    # Outside a pod (or with part of the downward API missing) there is no owner, and no flag.
    assert owner_pod_from_env({**env, "K8S_POD_UID": ""}) is None
    assert owner_pod_from_env({}) is None


def test_reads_a_typed_failure_and_forwards_stderr(tmp_path):
    command = fake_floe(tmp_path, """
print("submitting", file=sys.stderr)
print(json.dumps({"status": "Failed", "jobName": "orders-a-r-a1", "failure": {"class": "AppError", "retryable": True, "reason": "BackoffLimitExceeded", "message": "dbt failed", "exitCode": 2, "summary": {"rows": 0}}}))
sys.exit(1)""")
    lines: list[str] = []
    result = run_step_attempt([*command, "job", "run"], on_log=lines.append)
    assert (result.succeeded, result.failure_class, result.retryable, result.exit_code, result.termination_summary, result.job_name) == (False, "AppError", True, 2, {"rows": 0}, "orders-a-r-a1")
    assert lines == ["submitting"]


def test_reads_the_attempt_report_and_builds_the_explain_command():
    result = result_from_document({"status": "Failed", "failure": {"class": "OOMKilled"}, "report": {"memory": {"limit": "1Gi"}}})
    assert result.report == {"memory": {"limit": "1Gi"}}
    assert result_from_document({"status": "Succeeded", "report": "not an object"}).report is None
    assert step_explain_argv(("floe",), "run-1", "build", "floe-jobs") == ["floe", "job", "explain", "run-1", "--step", "build", "-n", "floe-jobs"]


def test_accepts_outcome_spelling_and_a_result_wrapper():
    assert result_from_document({"result": {"outcome": "succeeded"}}).succeeded
    failed = result_from_document({"outcome": "failed", "failureClass": "ConfigError", "retryable": False, "exitCode": 78})
    assert (failed.failure_class, failed.retryable, failed.exit_code) == ("ConfigError", False, 78)


def test_reports_a_missing_cli_as_a_config_error_and_garbage_output_as_a_runner_error(tmp_path):
    missing = run_step_attempt([str(tmp_path / "no-such-floe"), "job", "run"])
    assert (missing.failure_class, missing.retryable) == ("ConfigError", False)
    usage = run_step_attempt([*fake_floe(tmp_path, "print('unknown flag', file=sys.stderr); sys.exit(2)"), "job", "run"])
    assert (usage.failure_class, usage.retryable, usage.exit_code) == ("RunnerError", False, 2)
    assert "unknown flag" in (usage.message or "")


@pytest.mark.parametrize(("attempt", "expected"), [(1, 30), (2, 60), (3, 120), (5, 300)])
def test_waits_like_floe_jobs_between_attempts(attempt, expected):
    retry = {"maxAttempts": 6, "backoff": {"initialSeconds": 30, "multiplier": 2, "maxSeconds": 300, "jitter": False}}
    assert retry_delay_seconds(retry, attempt) == expected
    jittered = {**retry, "backoff": {**retry["backoff"], "jitter": True}}
    assert retry_delay_seconds(jittered, attempt, rand=lambda: 0.0) == expected / 2
    assert retry_delay_seconds(jittered, attempt, rand=lambda: 1.0) == expected


@pytest.mark.parametrize(("exit_code", "retryable"), [(1, False), (2, False), (3, False), (70, False), (75, True), (77, False), (137, False)])
def test_retries_exactly_the_unavailable_exit_status_when_there_is_no_json_result(tmp_path, exit_code, retryable):
    result = run_step_attempt([*fake_floe(tmp_path, f"print('error', file=sys.stderr); sys.exit({exit_code})"), "job", "run"])
    assert (result.failure_class, result.retryable, result.exit_code) == ("RunnerError", retryable, exit_code)
