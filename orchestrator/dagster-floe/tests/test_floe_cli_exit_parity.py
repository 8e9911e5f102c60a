"""Parity with the real CLI: the exit statuses `floe job run` gives for an unreachable and for a forbidding
API server are the ones the bridge treats as retryable and as final (needs apps/cli built, as
scripts/test-python-orchestrator.sh does)."""

from __future__ import annotations

import json
import shutil
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from dagster_floe import run_step_attempt, step_job_run_argv

REPO = Path(__file__).resolve().parents[3]
CLI = REPO / "apps/cli/dist/cli.js"


@pytest.fixture(scope="module")
def floe_command() -> tuple[str, ...]:
    node = shutil.which("node")
    if node is None or not CLI.exists():
        pytest.fail("the built floe CLI and Node are needed: run through scripts/test-python-orchestrator.sh")
    return (node, str(CLI))


def kubeconfig(tmp_path: Path, server: str) -> Path:
    file = tmp_path / "kubeconfig"
    file.write_text(json.dumps({
        "apiVersion": "v1", "kind": "Config", "current-context": "c",
        "clusters": [{"name": "c", "cluster": {"server": server, "insecure-skip-tls-verify": True}}],
        "users": [{"name": "u", "user": {"token": "t"}}],
        "contexts": [{"name": "c", "context": {"cluster": "c", "user": "u"}}],
    }), encoding="utf-8")
    return file


@pytest.fixture
def forbidding_server() -> Iterator[str]:
    class Forbid(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            body = json.dumps({"kind": "Status", "apiVersion": "v1", "status": "Failure", "code": 403, "reason": "Forbidden", "message": "no"}).encode()
            self.send_response(403)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Forbid)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_orders_step(floe_command: tuple[str, ...], tmp_path: Path, server: str):
    argv = step_job_run_argv(floe_command, REPO / "examples/pipelines/orders.yaml", REPO / "examples/platform.yaml", "build-models", "parity", 1)
    return run_step_attempt([*argv, "--kubeconfig", str(kubeconfig(tmp_path, server))])


def test_an_unreachable_api_server_is_retried(floe_command, tmp_path):
    result = run_orders_step(floe_command, tmp_path, f"http://127.0.0.1:{closed_port()}")
    assert (result.exit_code, result.retryable) == (75, True)
    assert "cannot reach the API server" in (result.message or "")


def test_a_forbidding_api_server_fails_the_step_for_good(floe_command, tmp_path, forbidding_server):
    result = run_orders_step(floe_command, tmp_path, forbidding_server)
    assert (result.exit_code, result.retryable) == (77, False)
    assert "403 Forbidden" in (result.message or "")
