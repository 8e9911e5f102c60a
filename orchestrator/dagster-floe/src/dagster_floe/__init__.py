"""Dagster code location for floe pipelines (the definitions live in `dagster_floe.definitions`)."""

from .compiled_pipelines import CompiledPipeline, InvalidCompiledPipelineError, load_compiled_pipelines
from .floe_cli import StepAttemptResult, owner_pod_from_env, result_from_document, run_step_attempt, step_explain_argv, step_job_run_argv
from .retry import dagster_retry_policy, retry_delay_seconds
from .settings import CodeLocationSettings, SettingsError

__all__ = [
    "CodeLocationSettings",
    "CompiledPipeline",
    "InvalidCompiledPipelineError",
    "SettingsError",
    "StepAttemptResult",
    "dagster_retry_policy",
    "load_compiled_pipelines",
    "owner_pod_from_env",
    "result_from_document",
    "retry_delay_seconds",
    "run_step_attempt",
    "step_explain_argv",
    "step_job_run_argv",
]
