"""One Dagster job per Pipeline: its steps as ops, `dependsOn` as edges."""

from __future__ import annotations

from dagster import DependencyDefinition, GraphDefinition, JobDefinition, NodeInvocation

from .compiled_pipelines import CompiledPipeline
from .names import dagster_name, step_op_name, upstream_input_name
from .settings import CodeLocationSettings
from .step_op import step_op


def pipeline_job(pipeline: CompiledPipeline, settings: CodeLocationSettings) -> JobDefinition:
    ops = [step_op(pipeline, step, settings) for step in pipeline.steps]
    dependencies = {
        NodeInvocation(step_op_name(pipeline.name, step["name"]), alias=dagster_name(step["name"])): {
            upstream_input_name(upstream): DependencyDefinition(dagster_name(upstream)) for upstream in step["dependsOn"]
        }
        for step in pipeline.steps
    }
    metadata = pipeline.spec["metadata"]
    graph = GraphDefinition(
        name=dagster_name(pipeline.name),
        description=metadata.get("description") or f"floe pipeline {pipeline.name!r}",
        node_defs=ops,
        dependencies=dependencies,
    )
    return graph.to_job(tags={"floe/pipeline": pipeline.name, "floe/owner": metadata["owner"]})
