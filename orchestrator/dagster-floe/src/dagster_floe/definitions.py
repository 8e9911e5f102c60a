"""
The code location: `dagster api grpc --module-name dagster_floe.definitions`
loads `defs`, built from the compiled pipelines named by the environment
(see settings.py).
"""

from __future__ import annotations

from dagster import Definitions

from .compiled_pipelines import CompiledPipeline, load_compiled_pipelines
from .pipeline_job import pipeline_job
from .settings import CodeLocationSettings
from .triggers import pipeline_schedule, pipeline_trigger_sensors


def build_definitions(pipelines: list[CompiledPipeline], settings: CodeLocationSettings) -> Definitions:
    jobs = {pipeline.name: pipeline_job(pipeline, settings) for pipeline in pipelines}
    schedules = [schedule for pipeline in pipelines if (schedule := pipeline_schedule(pipeline, jobs[pipeline.name])) is not None]
    sensors = [sensor for pipeline in pipelines for sensor in pipeline_trigger_sensors(pipeline, jobs)]
    return Definitions(jobs=list(jobs.values()), schedules=schedules, sensors=sensors)


def definitions_from_env() -> Definitions:
    settings = CodeLocationSettings.from_env()
    return build_definitions(load_compiled_pipelines(settings.pipelines_dir, settings.schema_file), settings)


defs = definitions_from_env()
