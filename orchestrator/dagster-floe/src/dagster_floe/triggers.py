"""A Pipeline's `schedule` and `triggers` as Dagster schedules and sensors."""

from __future__ import annotations

from dagster import (
    DagsterRunStatus,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    JobDefinition,
    RunRequest,
    RunStatusSensorContext,
    RunStatusSensorDefinition,
    ScheduleDefinition,
    run_status_sensor,
)

from .compiled_pipelines import CompiledPipeline
from .names import dagster_name


class UnknownUpstreamPipelineError(Exception):
    """A `pipeline-succeeded` trigger names a pipeline that was not compiled with this one."""


def pipeline_schedule(pipeline: CompiledPipeline, job: JobDefinition) -> ScheduleDefinition | None:
    """The pipeline's cron in its IANA time zone, running from the start; none without `schedule`."""
    schedule = pipeline.schedule
    if schedule is None:
        return None
    return ScheduleDefinition(
        name=f"{dagster_name(pipeline.name)}_schedule",
        job=job,
        cron_schedule=schedule["cron"],
        execution_timezone=schedule["timezone"],
        default_status=DefaultScheduleStatus.RUNNING,
        tags={"floe/trigger": "schedule"},
    )


def pipeline_trigger_sensors(pipeline: CompiledPipeline, jobs: dict[str, JobDefinition]) -> list[RunStatusSensorDefinition]:
    """One sensor per `pipeline-succeeded` trigger: each successful run of the upstream job requests a run of this one."""
    sensors = []
    for trigger in pipeline.triggers:
        upstream = trigger["pipeline"]
        if upstream not in jobs:
            raise UnknownUpstreamPipelineError(
                f"pipeline {pipeline.name!r} is triggered by {upstream!r}, which is not among the compiled pipelines: render them together"
            )
        sensors.append(_after_success_sensor(upstream, jobs[upstream], jobs[pipeline.name]))
    return sensors


def _after_success_sensor(upstream: str, upstream_job: JobDefinition, downstream_job: JobDefinition) -> RunStatusSensorDefinition:
    @run_status_sensor(
        name=f"{downstream_job.name}_after_{upstream_job.name}",
        description=f"runs {downstream_job.name} after each successful run of {upstream_job.name}",
        run_status=DagsterRunStatus.SUCCESS,
        monitored_jobs=[upstream_job],
        request_job=downstream_job,
        default_status=DefaultSensorStatus.RUNNING,
    )
    def after_success(context: RunStatusSensorContext) -> RunRequest:
        upstream_run = context.dagster_run.run_id
        # run_key: one downstream run per upstream run, even if the sensor sees the event twice.
        return RunRequest(run_key=upstream_run, tags={"floe/trigger": "pipeline-succeeded", "floe/upstream-pipeline": upstream, "floe/upstream-run": upstream_run})

    return after_success
