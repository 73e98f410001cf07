"""Cold start: wall clock of fresh CLI processes and of the API server until it answers, median of 3.

Each run is a new Python process, as a user's is. Every figure is also given as a multiple of the bare import of
langgraph, fastapi and psycopg timed in the same run, which no command of ours can beat and which moves with the
machine. `mulakat analyze` with the database made but not running is what a user meets on their second run;
the same command with the server already held open by another process shows what starting PostgreSQL costs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mulakat.storage.embedded import embedded_server
from mulakat.storage.settings import Settings

if TYPE_CHECKING:
    from evals.tables import ResultTable

BASELINE_IMPORT = "import langgraph.graph, fastapi, psycopg"
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


def time_import(settings: Settings) -> float:
    """Seconds for a bare `python -c "import langgraph.graph, fastapi, psycopg"`: the floor for any of our commands."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", BASELINE_IMPORT], env=_env(settings), check=True, timeout=120)
    return time.perf_counter() - started


def _row(label: str, times: list[float], baseline: float) -> list[str]:
    median = statistics.median(times)
    return [
        label,
        str(len(times)),
        f"{median:.2f}",
        f"{min(times):.2f}",
        f"{max(times):.2f}",
        f"{median / baseline:.1f}x",
    ]


def _repeat(measure: Callable[[], float], runs: int) -> list[float]:
    return [measure() for _ in range(runs)]


def coldstart_rows(settings: Settings, samples: Path, runs: int = RUNS) -> list[list[str]]:
    """Rows of (measure, runs, median s, min s, max s, median over the bare import's median)."""
    analyze = ["analyze", "--resume", str(samples / "resume.md"), "--job", str(samples / "job.md")]
    setup = time_command(analyze, settings)  # a fresh data dir creates the database and embeds the packs here
    imports = _repeat(lambda: time_import(settings), runs)
    baseline = statistics.median(imports)
    rows = [
        _row(f"python -c '{BASELINE_IMPORT}' (the baseline)", imports, baseline),
        _row("mulakat --help", _repeat(lambda: time_command(["--help"], settings), runs), baseline),
        _row(
            "mulakat extract --kind job --json (no database, no model)",
            _repeat(
                lambda: time_command(["extract", "--kind", "job", "--json", str(samples / "job.md")], settings), runs
            ),
            baseline,
        ),
    ]
    if settings.database_url is None:
        cold: list[float] = []
        for _ in range(runs):
            if not _wait_for_stop(settings):
                break  # another process holds the server: these would not be cold starts
            cold.append(time_command(analyze, settings))
        if cold:
            rows.append(_row("mulakat analyze (database made, PostgreSQL not running)", cold, baseline))
        with embedded_server(settings.data_dir):
            rows.append(
                _row(
                    "mulakat analyze (PostgreSQL already up)",
                    _repeat(lambda: time_command(analyze, settings), runs),
                    baseline,
                )
            )
    else:
        rows.append(_row("mulakat analyze", _repeat(lambda: time_command(analyze, settings), runs), baseline))
    rows.append(_row("server: uvicorn api.app:app to the first /health 200", server_starts(settings, runs), baseline))
    rows.append(_row("first mulakat analyze of this run (setup included if the data dir was new)", [setup], baseline))
    return rows


def server_starts(settings: Settings, runs: int) -> list[float]:
    """Seconds from spawning the server to its first /health 200, each on a fresh process."""
    from evals.benchmarks.load import serve

    times = []
    for _ in range(runs):
        with serve(settings) as server:
            times.append(server.cold_start_s)
    return times


def coldstart_suite(settings: Settings, samples: Path) -> list[ResultTable]:
    from evals.tables import ResultTable

    return [
        ResultTable(
            "Cold start, fresh process each run (wall clock, s; x = median over the bare import's median)",
            ("measure", "runs", "median", "min", "max", "x import"),
            coldstart_rows(settings, samples),
        )
    ]
