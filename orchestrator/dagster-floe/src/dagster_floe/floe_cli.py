"""The one place that calls the floe job runner: `floe job run ... --wait --output json`.

Everything about the CLI contract (flags, JSON shape, exit codes) lives here,
so adapting to a change of `floe job run` touches this module only.
"""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# apps/cli/src/exit-codes.ts: 75 (unavailable: the API server unreachable, timing out, throttling or
# failing on its side) is the one exit status worth retrying as is. Every other status that comes
# without a JSON result (1 invalid input, 2 usage, 3 not ready, 70 bug, 77 permission denied, ...)
# fails the step for good; a JSON result carries its own `retryable`.
RETRYABLE_EXIT_CODES = frozenset({75})
_TERMINATE_GRACE_SECONDS = 50


@dataclass(frozen=True)
class StepAttemptResult:
    """The typed result of one attempt, as `floe job run --output json` reports it."""

    succeeded: bool
    failure_class: str | None = None
    retryable: bool = False
    exit_code: int | None = None
    reason: str | None = None
    message: str | None = None
    # The entrypoint's termination message (its JSON summary), when it wrote one.
    termination_summary: Mapping[str, Any] | None = None
    job_name: str | None = None
    # The attempt's report as @floe/jobs recorded it in the cluster (what `floe job explain` reads), when it has one.
    report: Mapping[str, Any] | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)


def step_job_run_argv(
    command: tuple[str, ...], pipeline_file: Path, platform_file: Path, step: str, run_id: str, attempt: int, owner_pod: str | None = None
) -> list[str]:
    return [
        *command, "job", "run",
        "-p", str(pipeline_file),
        "-f", str(platform_file),
        "--step", step,
        "--run-id", run_id,
        "--attempt", str(attempt),
        "--wait",
        "--output", "json",
        *(["--owned-by-pod", owner_pod] if owner_pod else []),
    ]


def owner_pod_from_env(env: Mapping[str, str]) -> str | None:
    """
    NAMESPACE/NAME/UID of the pod this process runs in (the run worker's downward-API env), so each
    step Job is owned by it: Kubernetes deletes the steps of a run worker that was deleted (a drain,
    a terminated run) even when it had no time to cancel them. None outside a pod.
    """
    parts = [env.get("K8S_NAMESPACE_NAME", ""), env.get("K8S_POD_NAME", ""), env.get("K8S_POD_UID", "")]
    return "/".join(parts) if all(parts) else None


def step_explain_argv(command: tuple[str, ...], run_id: str, step: str, namespace: str | None = None) -> list[str]:
    """The command that explains a step of a run from its recorded reports (works after its pods and Jobs are gone)."""
    return [*command, "job", "explain", run_id, "--step", step, *(["-n", namespace] if namespace else [])]


def run_step_attempt(
    argv: list[str],
    *,
    env: Mapping[str, str] | None = None,
    on_log: Callable[[str], None] = lambda line: None,
) -> StepAttemptResult:
    """Runs one attempt and waits for its typed result; the CLI's stderr (progress) goes to `on_log`."""
    try:
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(env) if env is not None else None)
    except FileNotFoundError:
        return _runner_failure("ConfigError", f"the floe CLI was not found: {argv[0]!r} (set FLOE_BIN)", retryable=False)
    stderr_lines: list[str] = []

    def forward() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            stderr_lines.append(line.rstrip("\n"))
            on_log(line.rstrip("\n"))

    forwarder = threading.Thread(target=forward, daemon=True)
    forwarder.start()
    try:
        assert process.stdout is not None
        stdout = process.stdout.read()
        process.wait()
    except BaseException:
        # Dagster interrupts the op when a run is terminated: stop the CLI (it cancels its Job) before giving up.
        process.terminate()
        try:
            process.wait(timeout=_TERMINATE_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
        raise
    forwarder.join(timeout=5)
    document = parse_result_document(stdout)
    if document is None:
        tail = " | ".join(stderr_lines[-5:]) or "(no output)"
        return _runner_failure(
            "RunnerError",
            f"`{' '.join(argv[:3])}` exited {process.returncode} without a JSON result: {tail}",
            retryable=process.returncode in RETRYABLE_EXIT_CODES,
            exit_code=process.returncode,
        )
    return result_from_document(document)


def parse_result_document(stdout: str) -> dict[str, Any] | None:
    """The JSON object on stdout: the whole output, or else its last line that is a JSON object."""
    text = stdout.strip()
    candidates = [text, *reversed([line.strip() for line in text.splitlines()])]
    for candidate in candidates:
        if not candidate.startswith("{"):
            continue
        try:
            value = json.loads(candidate)
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            return value
    return None


def result_from_document(document: Mapping[str, Any]) -> StepAttemptResult:
    """Maps the CLI's JSON (an attempt result of @floe/jobs, possibly wrapped in `result`) to a StepAttemptResult."""
    data = document.get("result") if isinstance(document.get("result"), dict) else document
    outcome = str(data.get("outcome") or data.get("status") or "").lower()
    failure = data.get("failure") if isinstance(data.get("failure"), dict) else {}
    summary = failure.get("summary", data.get("terminationSummary", data.get("summary")))
    report = data.get("report")
    succeeded = outcome == "succeeded"
    failure_class = None if succeeded else str(failure.get("class") or data.get("failureClass") or "Unknown")
    return StepAttemptResult(
        succeeded=succeeded,
        failure_class=failure_class,
        retryable=not succeeded and bool(failure.get("retryable", data.get("retryable", False))),
        exit_code=_int_or_none(failure.get("exitCode", data.get("exitCode"))),
        reason=failure.get("reason") or data.get("reason"),
        message=failure.get("message") or data.get("message"),
        termination_summary=summary if isinstance(summary, dict) else None,
        job_name=data.get("jobName"),
        report=report if isinstance(report, dict) else None,
        raw=dict(document),
    )


def _runner_failure(failure_class: str, message: str, *, retryable: bool, exit_code: int | None = None) -> StepAttemptResult:
    return StepAttemptResult(succeeded=False, failure_class=failure_class, retryable=retryable, exit_code=exit_code, reason="FloeCli", message=message)


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
