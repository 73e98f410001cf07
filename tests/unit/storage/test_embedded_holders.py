"""Who holds the embedded PostgreSQL: only live processes count, so a killed holder cannot keep it running."""

from __future__ import annotations

import os
import subprocess
import sys

# Only alive() here: importing pgserver would fix its lock file's folder for the whole session (see embedded).
from mulakat.storage.embedded import alive


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_running_process_is_alive_and_an_ended_one_is_not() -> None:
    assert alive(os.getpid())
    assert not alive(_dead_pid())


def test_a_killed_but_unreaped_child_is_not_alive() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        proc.kill()
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # dead, and still a zombie until reaped
        assert not alive(proc.pid)
    finally:
        proc.wait()
