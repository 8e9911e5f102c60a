"""Runs a pipeline's Dagster job in process and summarises what happened to each step."""

from __future__ import annotations

from dataclasses import dataclass

from dagster import DagsterEventType, DagsterInstance

from dagster_floe.compiled_pipelines import CompiledPipeline
from dagster_floe.pipeline_job import pipeline_job
from dagster_floe.settings import CodeLocationSettings


@dataclass(frozen=True)
class StepReport:
    succeeded: bool
    retries: int
    failure_metadata: dict


@dataclass(frozen=True)
class RunReport:
    run_id: str
    success: bool
    steps: dict[str, StepReport]


def execute_pipeline(pipeline: CompiledPipeline, settings: CodeLocationSettings) -> RunReport:
    job = pipeline_job(pipeline, settings)
    with DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False)
        events = result.all_events
    steps: dict[str, StepReport] = {}
    for node in job.graph.nodes:
        mine = [event for event in events if event.step_key == node.name]
        failures = [event for event in mine if event.event_type == DagsterEventType.STEP_FAILURE]
        metadata = {}
        if failures:
            user_failure = failures[-1].step_failure_data.user_failure_data
            metadata = {key: value.value for key, value in (user_failure.metadata if user_failure else {}).items()}
        steps[node.name] = StepReport(
            succeeded=any(event.event_type == DagsterEventType.STEP_SUCCESS for event in mine),
            retries=sum(event.event_type == DagsterEventType.STEP_UP_FOR_RETRY for event in mine),
            failure_metadata=metadata,
        )
    return RunReport(run_id=result.run_id, success=result.success, steps=steps)
