"""One Dagster op per pipeline step: it runs the step's attempt through `floe job run` and reports the typed result."""

# No `from __future__ import annotations`: Dagster inspects the real type of `context`.
import os
from collections.abc import Mapping
from typing import Any

from dagster import Failure, In, MetadataValue, Nothing, OpDefinition, OpExecutionContext, Out, RetryRequested, op

from .compiled_pipelines import CompiledPipeline
from .floe_cli import StepAttemptResult, owner_pod_from_env, run_step_attempt, step_explain_argv, step_job_run_argv
from .names import dagster_name, step_op_name, upstream_input_name
from .retry import dagster_retry_policy, retry_delay_seconds
from .settings import CodeLocationSettings


def step_op(pipeline: CompiledPipeline, step: Mapping[str, Any], settings: CodeLocationSettings) -> OpDefinition:
    step_name = step["name"]
    max_retries = int(pipeline.retry["maxAttempts"]) - 1

    @op(
        # Unique in the repository (Dagster refuses two op definitions of one name, and pipelines share step names);
        # the job invokes it under the step's own name, so step keys stay the step names.
        name=step_op_name(pipeline.name, step_name),
        description=f"{step['type']} step {step_name!r} of pipeline {pipeline.name!r}, run as a Kubernetes Job by `floe job run`",
        ins={upstream_input_name(upstream): In(Nothing) for upstream in step["dependsOn"]},
        out=Out(Nothing),
        retry_policy=dagster_retry_policy(pipeline.retry),
        tags={"floe/pipeline": pipeline.name, "floe/step": step_name, "floe/step-type": step["type"]},
    )
    def run_step(context: OpExecutionContext) -> None:
        attempt = context.retry_number + 1
        argv = step_job_run_argv(
            settings.floe_command, pipeline.file, settings.platform_file, step_name, context.run_id, attempt, owner_pod=owner_pod_from_env(os.environ)
        )
        context.log.info(f"attempt {attempt} of step {step_name}: {' '.join(argv)}")
        result = run_step_attempt(argv, env=os.environ, on_log=context.log.info)
        namespace = result.raw.get("namespace") if isinstance(result.raw.get("namespace"), str) else None
        metadata = result_metadata(result, attempt, explain=" ".join(step_explain_argv(settings.floe_command, context.run_id, step_name, namespace)))
        if result.succeeded:
            context.add_output_metadata(metadata)
            return
        description = f"step {step_name} attempt {attempt} failed: {result.failure_class}: {result.message or result.reason or 'no message'}"
        if result.retryable and context.retry_number < max_retries:
            delay = retry_delay_seconds(pipeline.retry, attempt)
            context.log.warning(f"{description}; retrying in {delay:.1f} s (metadata: {dict(metadata)})")
            raise RetryRequested(max_retries=max_retries, seconds_to_wait=delay) from Failure(description, metadata=metadata)
        # Not retryable (ConfigError, ImagePull, Cancelled, OOMKilled without retry.onOOM or at its maxMemory, ...)
        # or out of attempts: fail the step now. With retry.onOOM the next `floe job run --attempt n` raises the memory itself.
        raise Failure(description=description, metadata=metadata, allow_retries=False)

    return run_step


def result_metadata(result: StepAttemptResult, attempt: int, explain: str | None = None) -> dict[str, MetadataValue]:
    metadata: dict[str, MetadataValue] = {
        "outcome": MetadataValue.text("succeeded" if result.succeeded else "failed"),
        "attempt": MetadataValue.int(attempt),
    }
    if result.job_name:
        metadata["job_name"] = MetadataValue.text(result.job_name)
    if not result.succeeded:
        metadata["failure_class"] = MetadataValue.text(result.failure_class or "Unknown")
        metadata["retryable"] = MetadataValue.bool(result.retryable)
        if result.reason:
            metadata["reason"] = MetadataValue.text(result.reason)
    if result.exit_code is not None:
        metadata["exit_code"] = MetadataValue.int(result.exit_code)
    if result.termination_summary is not None:
        metadata["termination_summary"] = MetadataValue.json(dict(result.termination_summary))
    if result.report is not None:
        memory = result.report.get("memory")
        if isinstance(memory, dict) and memory.get("limit"):
            metadata["memory_limit"] = MetadataValue.text(str(memory["limit"]))
        if not result.succeeded:
            # The same bounded (16 KB), redacted report `floe job explain` prints: container states, events, node, log tail.
            metadata["failure_report"] = MetadataValue.json(dict(result.report))
    if explain is not None and not result.succeeded:
        metadata["explain"] = MetadataValue.text(explain)
    return metadata
