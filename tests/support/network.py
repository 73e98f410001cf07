"""Local sockets for servers the tests start themselves."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_health(
    proc: subprocess.Popen[bytes], url: str, deadline: float, name: str, log: Callable[[], str]
) -> None:
    """Poll `url`/health until it answers 200; fail with the server's log if it exits or the deadline passes."""
    while True:
        if proc.poll() is not None:
            pytest.fail(f"{name} exited with {proc.returncode}:\n{log()}")
        try:
            if httpx.get(url + "/health", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"{name} did not answer /health in time:\n{log()}")
        time.sleep(0.3)
