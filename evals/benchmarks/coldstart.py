"""Cold start: wall clock of fresh CLI processes and of the API server until it answers, median of 3.

Each CLI run is a new Python process, as a user's is: imports, the embedding model, PostgreSQL. The embedded
server stops when the last process using it exits, so `mulakat analyze` run alone starts PostgreSQL too;
the same command with the server already held open by another process shows what that start costs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mulakat.storage.embedded import embedded_server
from mulakat.storage.settings import Settings

if TYPE_CHECKING:
    from evals.tables import ResultTable

RUNS = 3


def _env(settings: Settings) -> dict[str, str]:
    env = {**os.environ, "MULAKAT_DATA_DIR": str(settings.data_dir)}
    if settings.database_url:
        env["MULAKAT_DATABASE_URL"] = settings.database_url
    return env


def time_command(args: Sequence[str], settings: Settings) -> float:
    """Seconds from spawning `python -m mulakat <args>` to its exit; a failing command is an error, not a time."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mulakat", *args], env=_env(settings), capture_output=True, text=True, timeout=600
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"mulakat {' '.join(args)} exited with {done.returncode}: {done.stderr[-2000:]}")
    return elapsed


def _database_up(settings: Settings) -> bool:
    return (settings.data_dir / "pgdata" / "postmaster.pid").exists()


def _wait_for_stop(settings: Settings, within_s: float = 20.0) -> bool:
    """Give the previous process's embedded server time to stop; False if something else keeps it up."""
    deadline = time.perf_counter() + within_s
    while _database_up(settings) and time.perf_counter() < deadline:
        time.sleep(0.2)
    return not _database_up(settings)


def _median_row(label: str, times: list[float]) -> list[str]:
    return [label, str(len(times)), f"{statistics.median(times):.2f}", f"{min(times):.2f}", f"{max(times):.2f}"]


def coldstart_rows(settings: Settings, samples: Path, runs: int = RUNS) -> tuple[list[list[str]], list[list[str]]]:
    """CLI rows (command, runs, median s, min s, max s) and server rows (measure, value)."""
    analyze = ["analyze", "--resume", str(samples / "resume.md"), "--job", str(samples / "job.md")]
    setup = time_command(analyze, settings)  # a fresh data dir creates the database and embeds the packs here
    rows = [_median_row("mulakat --help", [time_command(["--help"], settings) for _ in range(runs)])]
    embedded = settings.database_url is None
    if embedded:
        cold: list[float] = []
        for _ in range(runs):
            if not _wait_for_stop(settings):
                break  # another process holds the server: these would not be cold starts
            cold.append(time_command(analyze, settings))
        if cold:
            rows.append(_median_row("mulakat analyze (starts embedded PostgreSQL)", cold))
        with embedded_server(settings.data_dir):
            rows.append(
                _median_row(
                    "mulakat analyze (PostgreSQL already up)", [time_command(analyze, settings) for _ in range(runs)]
                )
            )
    else:
        rows.append(_median_row("mulakat analyze", [time_command(analyze, settings) for _ in range(runs)]))
    rows.append(_median_row("first mulakat analyze of this run (setup included if the data dir was new)", [setup]))
    return rows, server_rows(settings)


def server_rows(settings: Settings) -> list[list[str]]:
    from evals.benchmarks.load import rss_mb, serve

    with serve(settings) as server:
        return [
            ["uvicorn api.app:app to first /health 200 (s)", f"{server.cold_start_s:.2f}"],
            ["server RSS when ready, embedding model loaded (MB)", f"{rss_mb(server.pid):.0f}"],
        ]


def coldstart_suite(settings: Settings, samples: Path) -> list[ResultTable]:
    from evals.tables import ResultTable

    cli, server = coldstart_rows(settings, samples)
    return [
        ResultTable(
            "CLI cold start, fresh process each run (wall clock, s)", ("command", "runs", "median", "min", "max"), cli
        ),
        ResultTable("Server cold start", ("measure", "value"), server),
    ]
