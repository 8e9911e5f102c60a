"""The code location built from the example pipelines, as Dagster sees it."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from dataclasses import replace

from dagster import Backoff, DagsterInstance, Definitions, DefaultScheduleStatus, DefaultSensorStatus, Jitter, RetryPolicy, build_run_status_sensor_context

from conftest import REPO, SCHEMA, write_compiled
from dagster_floe import CodeLocationSettings, InvalidCompiledPipelineError, load_compiled_pipelines
from dagster_floe.definitions import build_definitions
from dagster_floe.triggers import UnknownUpstreamPipelineError


def test_loads_one_job_per_example_pipeline(pipelines, settings):
    defs = build_definitions(pipelines, settings)
    assert [pipeline.name for pipeline in pipelines] == ["nightly-marts", "orders"]
    assert sorted(job.name for job in defs.resolve_all_job_defs()) == ["nightly_marts", "orders"]
    assert defs.resolve_job_def("orders").tags["floe/pipeline"] == "orders"


def test_builds_one_op_per_step_with_the_depends_on_edges(pipelines, settings):
    job = build_definitions(pipelines, settings).resolve_job_def("orders")
    assert sorted(node.name for node in job.graph.nodes) == ["build_models", "check_marts", "ingest_orders"]
    edges = sorted(
        (upstream.node_name, node)
        for node, inputs in ((name, job.graph.dependency_structure.input_to_upstream_outputs_for_node(name)) for name in ["build_models", "check_marts", "ingest_orders"])
        for outputs in inputs.values()
        for upstream in outputs
    )
    assert edges == [("build_models", "check_marts"), ("ingest_orders", "build_models")]
    assert job.graph.node_named("check_marts").definition.tags["floe/step"] == "check-marts"


def test_turns_each_schedule_into_a_running_schedule_with_cron_and_timezone(pipelines, settings):
    schedules = {schedule.name: schedule for schedule in build_definitions(pipelines, settings).schedules}
    assert set(schedules) == {"orders_schedule", "nightly_marts_schedule"}
    orders = schedules["orders_schedule"]
    assert (orders.cron_schedule, orders.execution_timezone, orders.job_name) == ("0 2 * * *", "Europe/Berlin", "orders")
    assert orders.default_status == DefaultScheduleStatus.RUNNING
    assert (schedules["nightly_marts_schedule"].cron_schedule, schedules["nightly_marts_schedule"].execution_timezone) == ("30 3 * * MON-FRI", "America/New_York")


def test_gives_a_pipeline_without_schedule_no_schedule(pipelines, settings, tmp_path):
    document = copy.deepcopy(next(p for p in pipelines if p.name == "orders").spec)
    del document["spec"]["schedule"]
    document["metadata"]["name"] = "adhoc"
    write_compiled(tmp_path, document)
    defs = build_definitions(load_compiled_pipelines(tmp_path, SCHEMA), settings)
    assert list(defs.schedules) == []
    assert [job.name for job in defs.resolve_all_job_defs()] == ["adhoc"]


def test_turns_a_pipeline_succeeded_trigger_into_a_running_sensor_on_the_upstream_job(pipelines, settings):
    sensors = list(build_definitions(pipelines, settings).sensors)
    assert [sensor.name for sensor in sensors] == ["nightly_marts_after_orders"]
    [sensor] = sensors
    assert sensor.default_status == DefaultSensorStatus.RUNNING
    assert [target.job_name for target in sensor.targets] == ["nightly_marts"]


def test_the_trigger_sensor_requests_one_downstream_run_per_successful_upstream_run(pipelines, settings, tmp_path):
    # A successful run of the upstream job (a stand-in floe CLI that always succeeds), then the sensor on its success event.
    script = tmp_path / "floe"
    script.write_text(f"#!{sys.executable}\nprint('{json.dumps({'status': 'Succeeded'})}')\n", encoding="utf-8")
    script.chmod(0o755)
    defs = build_definitions(pipelines, replace(settings, floe_command=(str(script),)))
    [sensor] = defs.sensors
    with DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("orders").execute_in_process(instance=instance)
        context = build_run_status_sensor_context(
            sensor_name=sensor.name, dagster_event=result.get_run_success_event(), dagster_instance=instance, dagster_run=instance.get_run_by_id(result.run_id)
        )
        request = sensor(context)
    assert request.run_key == result.run_id
    assert request.tags == {"floe/trigger": "pipeline-succeeded", "floe/upstream-pipeline": "orders", "floe/upstream-run": result.run_id}


def test_maps_the_retry_policy_to_every_op_of_the_pipeline(pipelines, settings):
    defs = build_definitions(pipelines, settings)
    orders = defs.resolve_job_def("orders")
    for node in orders.graph.nodes:
        assert node.definition.retry_policy == RetryPolicy(max_retries=2, delay=30, backoff=Backoff.EXPONENTIAL, jitter=Jitter.PLUS_MINUS)
    # nightly-marts: maxAttempts 1 (the default), so no retries at all.
    assert [node.definition.retry_policy for node in defs.resolve_job_def("nightly_marts").graph.nodes] == [None]


def test_refuses_a_compiled_pipeline_that_breaks_the_json_schema(pipelines, tmp_path):
    document = copy.deepcopy(pipelines[0].spec)
    document["spec"]["retry"]["maxAttempts"] = 0
    write_compiled(tmp_path, document)
    with pytest.raises(InvalidCompiledPipelineError, match=r"spec\.retry\.maxAttempts"):
        load_compiled_pipelines(tmp_path, SCHEMA)


def test_refuses_a_trigger_whose_upstream_pipeline_was_not_compiled(pipelines, settings):
    with pytest.raises(UnknownUpstreamPipelineError, match="'orders'"):
        build_definitions([p for p in pipelines if p.name == "nightly-marts"], settings)


def test_is_a_valid_code_location_for_the_dagster_cli(examples_dir):
    env = {**os.environ, "FLOE_PIPELINES_DIR": str(examples_dir), "FLOE_PIPELINE_SCHEMA": str(SCHEMA), "DAGSTER_HOME": "", "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    env.pop("DAGSTER_HOME")
    dagster = Path(sys.executable).parent / "dagster"
    result = subprocess.run([str(dagster), "definitions", "validate", "--module-name", "dagster_floe.definitions"], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_loads_two_pipelines_whose_steps_share_names_with_step_keys_kept(pipelines, settings, tmp_path):
    # Dagster refuses two op definitions of one name in a repository; pipelines often share step names.
    orders = copy.deepcopy(next(p for p in pipelines if p.name == "orders").spec)
    write_compiled(tmp_path, orders)
    orders_copy = copy.deepcopy(orders)
    orders_copy["metadata"]["name"] = "orders-copy"
    del orders_copy["spec"]["schedule"]
    write_compiled(tmp_path, orders_copy)
    defs = build_definitions(load_compiled_pipelines(tmp_path, SCHEMA), settings)
    # What the code-location server does at start: resolve the whole repository.
    Definitions.validate_loadable(defs)
    for name in ["orders", "orders_copy"]:
        job = defs.resolve_job_def(name)
        assert sorted(node.name for node in job.graph.nodes) == ["build_models", "check_marts", "ingest_orders"]
    assert defs.resolve_job_def("orders_copy").graph.node_named("ingest_orders").definition.name == "orders_copy__ingest_orders"
