"""Dagster names ([A-Za-z0-9_]) from floe names (DNS labels: lowercase, digits, '-'); the mapping is one-to-one."""


def dagster_name(floe_name: str) -> str:
    return floe_name.replace("-", "_")


def upstream_input_name(upstream_step: str) -> str:
    return f"after_{dagster_name(upstream_step)}"


def step_op_name(pipeline: str, step: str) -> str:
    """The op definition's name: pipeline and step, so two pipelines' steps of one name never collide."""
    return f"{dagster_name(pipeline)}__{dagster_name(step)}"
