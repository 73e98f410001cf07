"""The embedded PostgreSQL is stopped by whoever started it: a process lets go on SIGTERM, and one killed outright
does not keep it running for the others (real processes, real PostgreSQL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from mulakat.services import Services
from tests.support.network import free_port
from tests.support.paths import ROOT

# Holds the embedded server the way a command does, until it is signalled.
_HOLDER = """
import sys, time
from pathlib import Path
from mulakat.cli.signals import exit_on_sigterm
from mulakat.storage.embedded import embedded_server
exit_on_sigterm()
with embedded_server(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(300)
"""


def _holders(data_dir: Path) -> list[int]:
    """The pids pgserver has on its list, as written (dead ones included)."""
    return list(json.loads((data_dir / "pgdata" / ".handle_pids.json").read_text() or "[]"))


def _running(data_dir: Path) -> bool:
    return (data_dir / "pgdata" / "postmaster.pid").exists()


def _wait(check: Callable[[], bool], within_s: float) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def _holder(data_dir: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(data_dir)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_the_last_holder_stops_postgres_on_sigterm_though_another_was_killed(tmp_path: Path) -> None:
    killed, last = _holder(tmp_path), _holder(tmp_path)
    assert _running(tmp_path) and set(_holders(tmp_path)) == {killed.pid, last.pid}
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=10)
    assert _running(tmp_path), "the other holder still needs it"
    last.send_signal(signal.SIGTERM)
    assert last.wait(timeout=60) == 128 + signal.SIGTERM
    assert _wait(lambda: not _running(tmp_path), 10), "the killed holder's pid kept PostgreSQL running"


@pytest.mark.anyio
async def test_serve_lets_go_of_postgres_on_sigterm(services: Services, data_dir: Path) -> None:
    if not services.embedded:
        pytest.skip("checks how the embedded PostgreSQL stops; this run uses MULAKAT_DATABASE_URL")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MULAKAT_")}
    env["MULAKAT_DATA_DIR"] = str(data_dir)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mulakat", "serve", "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=ROOT
    )
    try:

        def healthy() -> bool:
            assert proc.poll() is None, f"the server exited with {proc.returncode}"
            try:
                return httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        assert _wait(healthy, 120)
        assert proc.pid in _holders(data_dir)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 128 + signal.SIGTERM
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.pid not in _holders(data_dir), "serve died holding PostgreSQL instead of letting go"
    assert _running(data_dir), "this test session still holds it"
